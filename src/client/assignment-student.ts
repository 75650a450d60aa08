import { analyzeNetwork } from '../domain/analyze-network';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { LEVEL_TITLES, type QuizLevel } from '../domain/quiz-generator';
import type { Network } from '../domain/schema/network';
import type { ScoreReport } from '../domain/score-answers';
import { readCount, readShape } from './answers';
import { callApi, loadLocal, saveLocal, whenText } from './assignment-client';
import { QuizForm } from './quiz-form';
import { inputText, type QuizModel } from './quiz-view';
import type { TypedAnswers } from './score-client';

/** GET /api/assignments/{id}, as this page reads it. */
interface Assignment {
  id: string;
  title: string;
  convention: 'keras' | 'pytorch';
  attempts: number;
  feedback: 'immediate' | 'after-due';
  dueAt?: string;
  count: number;
  askShapes: boolean;
  open: boolean;
  feedbackOpen: boolean;
  networks: { index: number; level: QuizLevel; network: Network }[];
}

/** A submission's receipt, or the student's own latest attempt. */
interface Receipt {
  submissionId: string;
  attempt: number;
  attemptsLeft: number;
  submittedAt: string;
  displayName: string;
  studentToken?: string;
  feedbackOpen: boolean;
  feedbackAt?: string;
  score?: { correct: number; carriedForward: number; answered: number; possible: number };
  networks?: ScoreReport[];
}

/** What this browser keeps of the assignment: the name, the token of the first submission, and drafts. */
interface Kept {
  displayName?: string;
  token?: string;
  submissionId?: string;
  /** Per network, what was typed in each field (by the field's id). */
  drafts: Record<string, string>[];
}

type Mode = 'answer' | 'verdicts';

const ID = /^[A-Za-z0-9_-]{22}$/;
// A class submitting at once may meet the assignment's per-minute limit: the page waits and sends again.
const MAX_RETRIES = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `<assignment-student>`: a student's way through an assignment. The networks come from the server
 * (no seed, no answers); the student types every answer, network by network, then submits them all;
 * the server scores them and keeps them for the teacher.
 */
class AssignmentStudent extends HTMLElement {
  #form = new QuizForm(this);
  #assignment: Assignment | null = null;
  #kept: Kept = { drafts: [] };
  #index = 0;
  #mode: Mode = 'answer';
  #reports: ScoreReport[] = [];
  #receipt: Receipt | null = null;
  #busy = false;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#form.find<T>(selector);
  }

  get #key() {
    return `learnable.assignment.v1:${this.#assignment?.id ?? ''}`;
  }

  connectedCallback() {
    this.#form.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.#mode === 'answer') this.#move(1);
    });
    this.#form.form.addEventListener('input', () => this.#saveDraft());
    this.#find('[data-prev]').addEventListener('click', () => this.#move(-1));
    this.#find('[data-next-network]').addEventListener('click', () => this.#move(1));
    this.#find('[data-review]').addEventListener('click', () => this.#review());
    this.#find('[data-back]').addEventListener('click', () => this.#showDone(true));
    this.#find('[data-submit]').addEventListener('click', () => void this.#submit());
    this.#find('[data-again]').addEventListener('click', () => this.#answerAgain());
    this.#find('[data-review-rows]').addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-go]') : null;
      if (button instanceof HTMLButtonElement) this.#showNetwork(Number(button.dataset['go']), 'answer', true);
    });
    this.#find('[data-done-rows]').addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-see]') : null;
      if (button instanceof HTMLButtonElement) this.#showNetwork(Number(button.dataset['see']), 'verdicts', true);
    });
    this.#find<HTMLFormElement>('[data-name-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#start();
    });
    void this.#load();
  }

  async #load() {
    const id = new URLSearchParams(location.search).get('id') ?? '';
    if (!ID.test(id)) return this.#fail('This assignment link is not complete. Ask your teacher for the link again.');
    const result = await callApi<Assignment>('GET', `/api/assignments/${id}`);
    if (!result.ok) {
      return this.#fail(
        result.status === 404
          ? 'There is no assignment at this link: it may have been deleted. Ask your teacher for the link again.'
          : `The assignment could not be loaded. ${result.message} Reload the page to try again.`,
      );
    }
    const assignment = result.value;
    this.#assignment = assignment;
    this.#kept = { drafts: [], ...loadLocal<Kept>(this.#key) };
    this.#find('[data-title]').textContent = assignment.title;
    document.title = `${assignment.title} · Learnable`;
    const due = assignment.dueAt ? ` Due ${whenText(assignment.dueAt)}.` : '';
    const tries =
      assignment.attempts === 1
        ? 'You can submit once.'
        : `You can submit up to ${assignment.attempts} times; the latest counts.`;
    const verdicts =
      assignment.feedback === 'immediate'
        ? 'You see your verdicts as soon as you submit.'
        : 'You see your verdicts after the due date.';
    this.#find('[data-summary]').textContent =
      `${plural(assignment.count, 'network')} to count, by ${assignment.convention === 'keras' ? 'Keras' : 'PyTorch'}'s rules.${due} ` +
      `Answer each network, then submit them all together. ${tries} ${verdicts} Your answers are kept in this browser as you type.`;
    if (this.#kept.token && this.#kept.submissionId) return this.#loadOwn();
    this.#askName();
  }

  /** A student who has submitted before, in this browser: their latest attempt, with verdicts once they are open. */
  async #loadOwn() {
    const { token, submissionId } = this.#kept;
    const own = await callApi<Receipt>('GET', `/api/assignments/${this.#assignment?.id}/submissions/${submissionId}`, {
      bearer: token ?? '',
    });
    if (!own.ok) {
      // The teacher deleted it, or it belongs to another assignment: start afresh.
      if (own.status === 404 || own.status === 403) {
        this.#kept = {
          drafts: this.#kept.drafts,
          ...(this.#kept.displayName !== undefined && { displayName: this.#kept.displayName }),
        };
        saveLocal(this.#key, this.#kept);
        return this.#askName();
      }
      return this.#fail(`Your submission could not be loaded. ${own.message} Reload the page to try again.`);
    }
    this.#showReceipt(own.value, false);
  }

  #askName() {
    const assignment = this.#assignment;
    if (!assignment) return;
    if (!assignment.open) {
      return this.#fail(
        `This assignment was due on ${whenText(assignment.dueAt ?? '')} and takes no more submissions.`,
      );
    }
    const form = this.#find<HTMLFormElement>('[data-name-form]');
    form.hidden = false;
    const input = this.#find<HTMLInputElement>('#display-name');
    input.value = this.#kept.displayName ?? '';
    this.dataset['ready'] = '';
  }

  #start() {
    const input = this.#find<HTMLInputElement>('#display-name');
    const name = input.value.normalize('NFC').replace(/\s+/g, ' ').trim();
    const error = this.#find('#display-name-error');
    const problem =
      name === ''
        ? 'Type the name your teacher will know you by.'
        : [...name].length > 60
          ? 'At most 60 characters.'
          : '';
    error.textContent = problem;
    if (problem) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    this.#kept.displayName = name;
    saveLocal(this.#key, this.#kept);
    this.#find('[data-name-form]').hidden = true;
    this.#showNetwork(0, 'answer', true);
  }

  #model(index: number): QuizModel | null {
    const item = this.#assignment?.networks[index];
    if (!item) return null;
    const report = analyzeNetwork(item.network, this.#assignment?.convention);
    return report.ok
      ? { level: item.level, network: item.network, report: report.value, shapes: !!this.#assignment?.askShapes }
      : null;
  }

  /** Shows network `index`: to answer (its drafts put back), or with the verdicts of the latest submission. */
  #showNetwork(index: number, mode: Mode, moveFocus: boolean) {
    const assignment = this.#assignment;
    const model = this.#model(index);
    if (!assignment || !model) return;
    this.#index = index;
    this.#mode = mode;
    for (const panel of ['[data-review-panel]', '[data-done]', '[data-name-form]']) this.#find(panel).hidden = true;
    this.#find('[data-body]').hidden = false;
    const n = assignment.count;
    const heading = this.#find('[data-network-heading]');
    heading.textContent = `Network ${index + 1} of ${n}`;
    this.#find('[data-network-summary]').textContent =
      `Level ${model.level}: ${LEVEL_TITLES[model.level]}. An input of ${inputText(model.network.input)} and ${plural(model.network.layers.length, 'layer')}.`;
    this.#form.show(model);
    this.#form.showConvention(assignment.convention);
    // Nothing is checked network by network: everything is submitted together at the end.
    this.#find('[data-check]').hidden = true;
    const bar = this.#find<HTMLProgressElement>('[data-progress]');
    bar.max = n;
    bar.value = index + 1;
    bar.textContent = `${index + 1} of ${n}`;
    const answering = mode === 'answer';
    this.#find('[data-prev]').hidden = index === 0;
    this.#find('[data-next-network]').hidden = index === n - 1;
    this.#find('[data-review]').hidden = !answering;
    this.#find('[data-back]').hidden = answering;
    this.#find('[data-review]').classList.toggle('secondary', index < n - 1);
    if (answering) {
      this.#fill(this.#kept.drafts[index] ?? {});
    } else {
      const report = this.#reports[index];
      if (report) {
        this.#fill(submittedValues(report));
        this.#form.lock(true);
        this.#form.showScored(report);
      }
    }
    if (moveFocus) {
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    }
  }

  #fill(values: Record<string, string>) {
    for (const input of this.#form.form.querySelectorAll('input')) input.value = values[input.id] ?? '';
  }

  #saveDraft() {
    if (this.#mode !== 'answer') return;
    const values: Record<string, string> = {};
    for (const input of this.#form.form.querySelectorAll('input'))
      if (input.value !== '') values[input.id] = input.value;
    this.#kept.drafts[this.#index] = values;
    saveLocal(this.#key, this.#kept);
  }

  #move(step: number) {
    const n = this.#assignment?.count ?? 0;
    const next = this.#index + step;
    if (next < 0) return;
    if (next >= n) return this.#mode === 'answer' ? this.#review() : undefined;
    this.#showNetwork(next, this.#mode, true);
  }

  /** Every network's answers as the API takes them, or the networks whose fields cannot be sent. */
  #collect(): { answers: TypedAnswers[]; invalid: number[]; answered: number[]; possible: number[] } {
    const assignment = this.#assignment;
    const result = {
      answers: [] as TypedAnswers[],
      invalid: [] as number[],
      answered: [] as number[],
      possible: [] as number[],
    };
    if (!assignment) return result;
    assignment.networks.forEach(({ network }, index) => {
      const draft = this.#kept.drafts[index] ?? {};
      let bad = false;
      let given = 0;
      const count = (id: string) => {
        const reading = readCount(draft[id] ?? '');
        if (reading.kind === 'invalid') bad = true;
        if (reading.kind === 'ok') given++;
        return reading.kind === 'ok' ? reading.value : null;
      };
      const shape = (id: string) => {
        const reading = readShape(draft[id] ?? '');
        if (reading.kind === 'invalid') bad = true;
        if (reading.kind === 'ok') given++;
        return reading.kind === 'ok' ? reading.value : null;
      };
      const layers = network.layers.map((_, i) => count(`count-${i}`));
      const outputShapes = network.layers.map((_, i) => shape(`shape-${i}`));
      const total = count('count-total');
      result.answers.push({ layers, total, ...(assignment.askShapes && { outputShapes }) });
      result.answered.push(given);
      result.possible.push(network.layers.length * (assignment.askShapes ? 2 : 1) + 1);
      if (bad) result.invalid.push(index);
    });
    return result;
  }

  #review() {
    const assignment = this.#assignment;
    if (!assignment) return;
    this.#saveDraft();
    this.#mode = 'answer';
    const { invalid, answered, possible } = this.#collect();
    this.#find('[data-body]').hidden = true;
    this.#find('[data-review-panel]').hidden = false;
    this.#find('[data-review-rows]').innerHTML = answered
      .map((given, i) => {
        const state = invalid.includes(i) ? ' <span class="needs-fixing">an answer needs fixing</span>' : '';
        return (
          `<tr><th scope="row">Network ${i + 1}</th><td class="number">${given} of ${possible[i] ?? 0}${state}</td>` +
          `<td><button type="button" class="secondary small" data-go="${i}">Go to network ${i + 1}</button></td></tr>`
        );
      })
      .join('');
    const blank = answered.reduce((sum, given, i) => sum + (possible[i] ?? 0) - given, 0);
    this.#find('[data-review-text]').textContent =
      invalid.length > 0
        ? `Some answers cannot be sent as they are: fix network${invalid.length === 1 ? '' : 's'} ${invalid.map((i) => i + 1).join(', ')} first.`
        : `Submitting as ${this.#kept.displayName ?? ''}. ` +
          (blank > 0
            ? `${plural(blank, 'answer')} left blank count as not answered. `
            : 'Every answer is filled in. ') +
          (assignment.attempts === 1 ? 'You can submit once.' : `You can submit up to ${assignment.attempts} times.`);
    this.#find<HTMLButtonElement>('[data-submit]').disabled = invalid.length > 0;
    this.#find('[data-submit-status]').textContent = '';
    this.#find('#review-heading').focus();
  }

  async #submit(retries = 0) {
    const assignment = this.#assignment;
    if (!assignment || (this.#busy && retries === 0)) return;
    const { answers, invalid } = this.#collect();
    if (invalid.length > 0) return this.#review();
    this.#busy = true;
    const button = this.#find<HTMLButtonElement>('[data-submit]');
    button.disabled = true;
    const status = this.#find('[data-submit-status]');
    status.textContent = 'Submitting your answers…';
    const body = {
      displayName: this.#kept.displayName ?? '',
      ...(this.#kept.token && { studentToken: this.#kept.token }),
      answers,
    };
    const result = await callApi<Receipt>('POST', `/api/assignments/${assignment.id}/submissions`, { body });
    if (!result.ok && result.status === 429 && retries < MAX_RETRIES && (result.retryAfter ?? 61) <= 60) {
      const wait = result.retryAfter ?? 5;
      status.textContent = `Many submissions are arriving at once. Your answers are safe here; sending them again in ${plural(wait, 'second')}…`;
      setTimeout(() => void this.#submit(retries + 1), wait * 1000);
      return;
    }
    this.#busy = false;
    button.disabled = false;
    if (!result.ok) {
      status.textContent = '';
      const place = result.errors.find((e) => e.pointer.startsWith('/answers/'));
      const network = place ? Number(place.pointer.split('/')[2]) + 1 : null;
      this.#find('[data-error]').textContent =
        `Your answers were not submitted${network ? ` (network ${network})` : ''}. ${result.message}` +
        (result.status === 0 || result.status >= 500
          ? ' They are still here: press “Submit my answers” to try again.'
          : '');
      return;
    }
    this.#find('[data-error]').textContent = '';
    const receipt = result.value;
    this.#kept = {
      displayName: receipt.displayName,
      token: receipt.studentToken ?? this.#kept.token ?? '',
      submissionId: receipt.submissionId,
      drafts: this.#kept.drafts,
    };
    saveLocal(this.#key, this.#kept);
    this.#showReceipt(receipt, true);
  }

  #showReceipt(receipt: Receipt, moveFocus: boolean) {
    this.#reports = receipt.networks ?? [];
    this.#receipt = receipt;
    this.#showDone(moveFocus);
  }

  #showDone(moveFocus: boolean) {
    const assignment = this.#assignment;
    const receipt = this.#receipt;
    if (!assignment || !receipt) return;
    this.#mode = 'verdicts';
    for (const panel of ['[data-review-panel]', '[data-body]', '[data-name-form]']) this.#find(panel).hidden = true;
    this.#find('[data-done]').hidden = false;
    const attempt = assignment.attempts > 1 ? ` (attempt ${receipt.attempt} of ${assignment.attempts})` : '';
    const when = `Submitted as ${receipt.displayName} on ${whenText(receipt.submittedAt)}${attempt}.`;
    const score = receipt.score;
    const table = this.#find('[data-done-table]');
    if (receipt.feedbackOpen && score) {
      const percent = score.possible === 0 ? 0 : Math.floor((100 * score.correct) / score.possible);
      this.#find('[data-done-text]').textContent = `${score.correct} of ${score.possible} answers right (${percent}%).`;
      this.#find('[data-done-rows]').innerHTML = this.#reports
        .map((report, i) => {
          const s = report.score ?? { correct: 0, possible: 0 };
          const full = s.correct === s.possible ? ' <span class="full-marks">full marks</span>' : '';
          return (
            `<tr><th scope="row">Network ${i + 1}</th><td class="number">${s.correct} of ${s.possible}${full}</td>` +
            `<td><button type="button" class="secondary small" data-see="${i}">See network ${i + 1}’s verdicts</button></td></tr>`
          );
        })
        .join('');
      table.hidden = false;
      this.#find('[data-done-note]').textContent = `${when} Your teacher sees these answers and their score.`;
    } else {
      table.hidden = true;
      this.#find('[data-done-text]').textContent = 'Your answers are in.';
      this.#find('[data-done-note]').textContent =
        `${when} Your verdicts open after the due date${receipt.feedbackAt ? `, ${whenText(receipt.feedbackAt)}` : ''}: come back to this page then, in this browser.`;
    }
    const again = this.#find('[data-again]');
    again.hidden = !(receipt.attemptsLeft > 0 && assignment.open);
    again.textContent = `Answer again (${plural(receipt.attemptsLeft, 'submission')} left)`;
    this.dataset['ready'] = '';
    if (moveFocus) this.#find('#done-heading').focus();
  }

  /** A further attempt starts from the answers last submitted. */
  #answerAgain() {
    this.#kept.drafts = this.#reports.length > 0 ? this.#reports.map(submittedValues) : this.#kept.drafts;
    saveLocal(this.#key, this.#kept);
    this.#showNetwork(0, 'answer', true);
  }

  #fail(message: string) {
    this.#find('[data-summary]').textContent = '';
    this.#find('[data-error]').innerHTML = escape(message);
    this.dataset['ready'] = '';
  }
}

/** The fields' values a report's answers fill in: `{ 'count-0': '56', 'shape-0': '20×20×2', … }`. */
function submittedValues(report: ScoreReport): Record<string, string> {
  const values: Record<string, string> = {};
  report.layers.forEach((layer, i) => {
    if (layer.answer) values[`count-${i}`] = String(layer.answer.submitted);
    if (layer.outputShapeAnswer) values[`shape-${i}`] = layer.outputShapeAnswer.submitted.join('×');
  });
  if (report.total.answer) values['count-total'] = String(report.total.answer.submitted);
  return values;
}

customElements.define('assignment-student', AssignmentStudent);
