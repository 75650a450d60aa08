import { practiceHref, readPracticeParams } from './practice-params';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { callApi, dayText } from './assignment-client';

interface Created {
  id: string;
  title: string;
  studentUrl: string;
  resultsUrl: string;
  expiresAt: string;
  count: number;
}

/** The form field a pointer of the API's 422 belongs to. */
const FIELDS: Record<string, string> = {
  '/title': 'assignment-title',
  '/attempts': 'assignment-attempts',
  '/dueAt': 'assignment-due',
};

const levelText = (level: PracticeSetOptions['level']) => (level === 'mix' ? 'mixed levels' : `level ${level}`);

/**
 * `<assignment-new>`: makes an assignment of the practice set named in the address (the practice page's
 * "Create an assignment" link carries the set's query) and shows the student link and the private results link.
 */
class AssignmentNew extends HTMLElement {
  #set: PracticeSetOptions | null = null;
  #busy = false;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<assignment-new> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const read = readPracticeParams(location.search);
    if (!read.ok || !new URLSearchParams(location.search).get('seed')) {
      this.#find('[data-error]').innerHTML =
        'An assignment is made from a practice set: <a href="/practice/">make a set on the practice page</a>, then choose “Create an assignment”.';
      return;
    }
    const set = read.value;
    this.#set = set;
    const n = set.count;
    this.#find('[data-set-summary]').textContent =
      `Set “${set.seed}”: ${n} network${n === 1 ? '' : 's'} at ${levelText(set.level)}` +
      `${set.askShapes ? ', output shapes asked' : ''}.`;
    this.#find<HTMLAnchorElement>('[data-change-set]').href = practiceHref('set', set);
    this.#find<HTMLInputElement>('#assignment-title').value = `Practice set ${set.seed}`;
    const form = this.#find<HTMLFormElement>('[data-form]');
    form.hidden = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#create(form);
    });
  }

  #fieldError(id: string, message: string) {
    const input = this.querySelector(`#${id}`);
    const error = this.querySelector(`#${id}-error`);
    if (error) error.textContent = message;
    if (message) input?.setAttribute('aria-invalid', 'true');
    else input?.removeAttribute('aria-invalid');
  }

  async #create(form: HTMLFormElement) {
    if (!this.#set || this.#busy) return;
    for (const id of Object.values(FIELDS)) this.#fieldError(id, '');
    const data = new FormData(form);
    const title = String(data.get('title') ?? '').trim();
    const attempts = Number(data.get('attempts'));
    const due = String(data.get('dueAt') ?? '');
    const feedback = String(data.get('feedback') ?? 'immediate');
    if (title === '') return this.#refuse('assignment-title', 'Give the assignment a title.');
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) {
      return this.#refuse('assignment-attempts', 'Type a whole number from 1 to 10.');
    }
    if (feedback === 'after-due' && due === '') {
      return this.#refuse('assignment-due', 'Verdicts after the due date need a due date.');
    }
    // A datetime-local value is the reader's own clock; Date reads it so, and the API takes it in UTC.
    const dueAt = due === '' ? undefined : new Date(due);
    if (dueAt && Number.isNaN(dueAt.getTime())) return this.#refuse('assignment-due', 'Choose a date and a time.');
    const body = {
      title,
      set: this.#set,
      convention: String(data.get('convention') ?? 'keras'),
      attempts,
      feedback,
      ...(dueAt && { dueAt: dueAt.toISOString() }),
    };
    const button = this.#find<HTMLButtonElement>('[data-create]');
    this.#busy = true;
    button.disabled = true;
    this.#status('Creating the assignment…');
    const result = await callApi<Created>('POST', '/api/assignments', { body });
    this.#busy = false;
    button.disabled = false;
    if (!result.ok) {
      this.#status('');
      const placed = result.errors.filter((e) => FIELDS[e.pointer]);
      for (const { pointer, detail } of placed)
        this.#fieldError(FIELDS[pointer] ?? '', `${detail[0]?.toUpperCase()}${detail.slice(1)}.`);
      this.#find('[data-error]').textContent = `The assignment was not created. ${result.message}`;
      if (placed[0]) this.querySelector<HTMLInputElement>(`#${FIELDS[placed[0].pointer]}`)?.focus();
      return;
    }
    this.#show(result.value);
  }

  #refuse(id: string, message: string) {
    this.#fieldError(id, message);
    this.querySelector<HTMLInputElement>(`#${id}`)?.focus();
  }

  #show(created: Created) {
    this.#find('[data-error]').textContent = '';
    this.#status('');
    this.#find('[data-form]').hidden = true;
    this.#find('[data-made-summary]').textContent =
      `“${created.title}”: ${created.count} network${created.count === 1 ? '' : 's'}. ` +
      `It and every submission are deleted on ${dayText(created.expiresAt)}.`;
    this.#find<HTMLInputElement>('[data-student-link]').value = created.studentUrl;
    this.#find<HTMLInputElement>('[data-results-link]').value = created.resultsUrl;
    this.#find<HTMLAnchorElement>('[data-open-results]').href = created.resultsUrl;
    const made = this.#find('[data-made]');
    made.hidden = false;
    this.#find('#made-heading').focus();
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }
}

customElements.define('assignment-new', AssignmentNew);
