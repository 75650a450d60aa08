import { barChart } from '../domain/class-chart';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { MISTAKE_LABELS } from '../domain/mistake-labels';
import type { ClassResults } from '../domain/schema/assignment';
import { callApi, dayText, shortWhen, whenText } from './assignment-client';

const ID = /^[A-Za-z0-9_-]{22}$/;
// A second click on a delete button within this time confirms it.
const CONFIRM_MS = 6000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (correct: number, possible: number) => (possible === 0 ? 0 : Math.floor((100 * correct) / possible));
const label = (code: string) =>
  (MISTAKE_LABELS as Record<string, string | undefined>)[code] ?? code.replaceAll('-', ' ');

/**
 * `<assignment-results>`: the instructor's view of an assignment. The id is in the address's query,
 * the key in its fragment (which the browser never sends); the key goes to the API in the
 * Authorization header only.
 */
class AssignmentResults extends HTMLElement {
  #id = '';
  #key = '';
  #results: ClassResults | null = null;
  #armed: { button: HTMLButtonElement; text: string; timer: ReturnType<typeof setTimeout> } | null = null;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<assignment-results> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    this.#id = new URLSearchParams(location.search).get('id') ?? '';
    this.#key = new URLSearchParams(location.hash.slice(1)).get('key') ?? '';
    if (!ID.test(this.#id) || this.#key === '') {
      return this.#fail(
        'This results link is not complete: it needs the assignment’s id and, after #key=, its key. Use the whole link you saved when you created the assignment.',
      );
    }
    this.#find('[data-refresh]').addEventListener('click', () => void this.#load());
    this.#find('[data-csv]').addEventListener('click', () => void this.#downloadCsv());
    this.#find('[data-delete-all]').addEventListener('click', (event) =>
      this.#confirm(
        event.currentTarget as HTMLButtonElement,
        'Click again to delete everything',
        () => void this.#deleteAll(),
      ),
    );
    this.#find('[data-student-rows]').addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-delete]') : null;
      if (!(button instanceof HTMLButtonElement)) return;
      const name = button.dataset['name'] ?? '';
      this.#confirm(
        button,
        `Click again to delete ${name}’s submission`,
        () => void this.#deleteOne(button.dataset['delete'] ?? ''),
      );
    });
    void this.#load();
  }

  async #load() {
    this.#status('Loading…');
    const result = await callApi<ClassResults>('GET', `/api/assignments/${this.#id}/results`, { bearer: this.#key });
    this.#status('');
    if (!result.ok) {
      return this.#fail(
        result.status === 404
          ? 'There is no assignment at this link: it was deleted (by you, or 180 days after its due date).'
          : result.status === 401 || result.status === 403
            ? 'The key in this link does not open this assignment. Use the whole results link you saved when you created it.'
            : `The results could not be loaded. ${result.message}`,
      );
    }
    this.#results = result.value;
    this.#render(result.value);
  }

  #render(results: ClassResults) {
    const { assignment, students } = results;
    const classSize = results.class.students;
    this.#find('[data-title]').textContent = `Results: ${assignment.title}`;
    document.title = `Results: ${assignment.title} · Learnable`;
    const due = assignment.dueAt ? ` Due ${whenText(assignment.dueAt)}${assignment.open ? '' : ' (closed)'}.` : '';
    this.#find('[data-summary]').textContent =
      `${plural(classSize, 'student')} submitted. ${plural(assignment.count, 'network')}, by ${assignment.convention === 'keras' ? 'Keras' : 'PyTorch'}'s rules` +
      `${assignment.askShapes ? ', output shapes asked' : ''}; ${assignment.attempts === 1 ? 'one submission per student' : `up to ${assignment.attempts} submissions per student, the latest counting`}.${due}`;
    this.#find<HTMLInputElement>('[data-student-link]').value = assignment.studentUrl;
    this.#find('[data-retention]').textContent =
      `Otherwise it is deleted, with every submission, on ${dayText(assignment.expiresAt)}.`;

    this.#find('[data-students-text]').textContent =
      classSize === 0
        ? 'No one has submitted yet. Send your students the link above; press Refresh to see new submissions.'
        : `In the order they first submitted. A score counts every count and shape asked, and each network's total.`;
    this.#find('[data-students-box]').hidden = classSize === 0;
    this.#find('[data-student-rows]').innerHTML = students
      .map((s) => {
        const networks = s.networks
          .map(
            (n) => `<li><span class="visually-hidden">Network </span>${n.index + 1}: ${n.correct}/${n.possible}</li>`,
          )
          .join('');
        const mistakes = [...new Set(s.networks.flatMap((n) => n.mistakes))].map(label);
        const carried =
          s.score.carriedForward > 0 ? `<span class="carried">${s.score.carriedForward} carried forward</span>` : '';
        const tries = s.attempts > 1 ? `<span class="attempts">attempt ${s.attempts}</span>` : '';
        return (
          `<tr><th scope="row">${escape(s.displayName)}</th>` +
          `<td data-label="Submitted"><time datetime="${s.submittedAt}">${escape(shortWhen(s.submittedAt))}</time>${tries}</td>` +
          `<td class="number" data-label="Score"><strong>${s.score.correct} of ${s.score.possible}</strong> (${percent(s.score.correct, s.score.possible)}%)${carried}</td>` +
          `<td data-label="Per network"><ul class="per-network">${networks}</ul></td>` +
          `<td data-label="Mistakes">${mistakes.length > 0 ? escape(mistakes.join(', ')) : '<span class="none">none</span>'}</td>` +
          `<td><button type="button" class="secondary small" data-delete="${s.submissionId}" data-name="${escape(s.displayName)}">Delete<span class="visually-hidden"> ${escape(s.displayName)}’s submission</span></button></td></tr>`
        );
      })
      .join('');

    const basis = assignment.attempts > 1 ? "Counted over each student's first submission, before any feedback. " : '';
    this.#find('[data-basis]').textContent =
      classSize === 0
        ? 'The chart appears once students have submitted.'
        : `${basis}A student is counted once per mistake; an answer that only follows from an earlier slip is not counted again.`;
    const mistakes = results.class.mistakes.slice(0, 10);
    this.#find('[data-mistake-chart]').innerHTML =
      mistakes.length === 0
        ? `<p class="none">${classSize === 0 ? '' : 'No known mistake so far.'}</p>`
        : barChart(
            mistakes.map((m) => ({
              label: m.label,
              value: m.students,
              of: classSize,
              detail: m.summary.slice(m.label.length + 2),
            })),
            { id: 'mistake-chart', title: 'Mistakes across the class: students who made each' },
          );
    // The types with the largest share of wrong answers first.
    const types = results.class.layerTypes
      .filter((t) => t.answers > 0)
      .sort((a, b) => b.wrong * a.answers - a.wrong * b.answers || b.answers - a.answers);
    this.#find('[data-type-chart]').innerHTML =
      types.length === 0
        ? `<p class="none">${classSize === 0 ? 'The chart appears once students have submitted.' : 'No answer given yet.'}</p>`
        : barChart(
            types.map((t) => ({
              label: t.name,
              value: t.wrong,
              of: t.answers,
              detail: `${t.wrong} of ${t.answers} answers wrong, by ${plural(t.students, 'student')} of ${classSize}`,
            })),
            { id: 'type-chart', title: 'Wrong answers by layer type' },
          );
    this.#find('[data-hardest]').innerHTML = results.class.networks
      .slice(0, 5)
      .map(
        (n) =>
          `<li>Network ${n.index + 1} (level ${n.level}): ${percent(n.correct, n.possible)}% of answers right; ` +
          `${n.fullMarks} of ${plural(classSize, 'student')} with full marks</li>`,
      )
      .join('');
    this.#find('[data-body]').hidden = false;
    this.dataset['ready'] = '';
  }

  /** The first click arms a delete button, the second (within a few seconds) does it. */
  #confirm(button: HTMLButtonElement, question: string, act: () => void) {
    if (this.#armed?.button === button) {
      clearTimeout(this.#armed.timer);
      this.#armed = null;
      act();
      return;
    }
    this.#disarm();
    const text = button.innerHTML;
    button.textContent = question;
    button.classList.add('armed');
    this.#armed = { button, text, timer: setTimeout(() => this.#disarm(), CONFIRM_MS) };
  }

  #disarm() {
    if (!this.#armed) return;
    clearTimeout(this.#armed.timer);
    this.#armed.button.innerHTML = this.#armed.text;
    this.#armed.button.classList.remove('armed');
    this.#armed = null;
  }

  async #deleteOne(submissionId: string) {
    this.#status('Deleting…');
    const result = await callApi('DELETE', `/api/assignments/${this.#id}/submissions/${submissionId}`, {
      bearer: this.#key,
    });
    if (!result.ok && result.status !== 404) return this.#status(`Not deleted. ${result.message}`);
    await this.#load();
    this.#status('Submission deleted.');
  }

  async #deleteAll() {
    this.#status('Deleting…');
    const result = await callApi('DELETE', `/api/assignments/${this.#id}`, { bearer: this.#key });
    if (!result.ok) return this.#status(`Not deleted. ${result.message}`);
    this.#find('[data-body]').hidden = true;
    this.#find('[data-summary]').textContent =
      'The assignment and every submission are deleted. The student link no longer works.';
  }

  async #downloadCsv() {
    this.#status('Preparing the CSV…');
    const result = await callApi<Blob>('GET', `/api/assignments/${this.#id}/results?format=csv`, {
      bearer: this.#key,
      accept: 'text/csv',
      read: (response) => response.blob(),
    });
    if (!result.ok) return this.#status(`No CSV. ${result.message}`);
    const title = this.#results?.assignment.title ?? 'results';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(result.value);
    link.download = `learnable-${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'results'}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    this.#status('CSV downloaded.');
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }

  #fail(message: string) {
    this.#find('[data-summary]').textContent = '';
    this.#find('[data-body]').hidden = true;
    this.#find('[data-error]').textContent = message;
    this.dataset['ready'] = '';
  }
}

customElements.define('assignment-results', AssignmentResults);
