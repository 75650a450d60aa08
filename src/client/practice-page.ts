import { practiceItem, type PracticeItem } from '../domain/practice-set';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { isDownloadKind, type DownloadKind, type DownloadLink } from './practice-downloads';
import type { DownloadsReply, DownloadsRequest } from './practice-downloads-worker';
import {
  practiceHref,
  practiceQuery,
  randomPracticeSeed,
  readPracticeParams,
  type ParamProblem,
  type PracticeField,
} from './practice-params';
import { networkSheet } from './practice-sheet';
import { runInTasks } from './task-budget';

/** The form control (or group) each option is read from, for marking problems. */
const FIELDS: Record<PracticeField, string> = {
  version: '',
  seed: 'set-seed',
  count: 'set-count',
  level: 'set-level',
  include: 'set-include',
  exclude: 'set-exclude',
  askShapes: 'set-shapes',
};

const levelText = (level: PracticeSetOptions['level']) => (level === 'mix' ? 'mixed levels' : `level ${level}`);

/** What the status line says once a set of `n` networks is made and drawn. */
const setMade = (n: number) => `Set made: ${n} network${n === 1 ? '' : 's'}.`;

/**
 * `<practice-builder>`: reads the set from the address (the form submits with GET), fills the
 * form with it, makes the set with the domain core and shows it with its links and downloads.
 * A set of 50 networks is a lot of work: it is made and drawn a few networks a task (task-budget.ts,
 * all at once before printing), and its downloads are made by a worker, so the page never stops
 * answering for long.
 */
class PracticeBuilder extends HTMLElement {
  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<practice-builder> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const seedField = this.#find<HTMLInputElement>('#set-seed');
    const newSeed = this.#find<HTMLButtonElement>('[data-new-seed]');
    newSeed.hidden = false;
    newSeed.addEventListener('click', () => {
      seedField.value = randomPracticeSeed();
      seedField.focus();
    });
    const params = new URLSearchParams(location.search);
    if (params.size === 0) {
      seedField.value = randomPracticeSeed();
      return;
    }
    // An address without a seed gets a fresh one, written into the address so it names the set shown.
    if (!params.get('seed')) {
      params.set('seed', randomPracticeSeed());
      history.replaceState(null, '', `${location.pathname}?${params}`);
    }
    this.#fillForm(params);
    const options = readPracticeParams(params.toString());
    if (!options.ok) return this.#showProblems(options.error);
    // The form writes its fields in page order; the address keeps the one order every set link uses.
    history.replaceState(null, '', practiceHref('set', options.value));
    const n = options.value.count;
    this.#status(`Making the set: ${n} network${n === 1 ? '' : 's'}…`);
    const run = runInTasks(this.#make(options.value));
    // Printed before it is all drawn, the page is printed with all of it.
    addEventListener('beforeprint', run.finish);
    void run.done.then(() => removeEventListener('beforeprint', run.finish));
  }

  /** Makes the set's networks one by one, as generatePracticeSet does, then draws them one by one: a step each. */
  *#make(options: PracticeSetOptions): Generator<void, void> {
    const items: PracticeItem[] = [];
    for (let index = 0; index < options.count; index++) {
      const item = practiceItem(options, index);
      if (!item.ok) {
        return this.#showProblems(
          item.error.map(({ path, message }) => ({ field: path[0] === 'include' ? 'include' : 'exclude', message })),
        );
      }
      items.push(item.value);
      yield;
    }
    const downloads = this.#show(options, items);
    // Each network drawn is laid out only near the screen (practice.css: content-visibility).
    const networks = this.#find('[data-networks]');
    networks.replaceChildren();
    for (const item of items) {
      networks.insertAdjacentHTML('beforeend', networkSheet(item, 'preview', options.askShapes, 3));
      yield;
    }
    this.#status(setMade(options.count));
    downloads.make();
  }

  /** Puts the address's choices back into the form, so changing one option keeps the others. */
  #fillForm(params: URLSearchParams) {
    const value = (id: string, text: string | null) => {
      const field = this.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`);
      if (field && text !== null) field.value = text;
    };
    value('set-count', params.get('count'));
    value('set-level', params.get('level'));
    value('set-seed', params.get('seed'));
    this.#find<HTMLInputElement>('#set-shapes').checked = ['1', 'true', 'on'].includes(params.get('shapes') ?? '');
    const chosen = [...params.getAll('include'), ...params.getAll('exclude')];
    for (const field of ['include', 'exclude'] as const) {
      const wanted = new Set(params.getAll(field));
      for (const box of this.querySelectorAll<HTMLInputElement>(`input[name="${field}"]`)) {
        box.checked = wanted.has(box.value);
      }
    }
    if (chosen.length > 0) this.#find<HTMLDetailsElement>('[data-types]').open = true;
  }

  #showProblems(problems: ParamProblem[]) {
    this.#status('');
    this.#find('[data-error]').textContent =
      `This set cannot be made: ${problems.map((p) => p.message).join('; ')}. Change the options below the message and make it again.`;
    for (const { field, message } of problems) {
      if (field === 'version') continue; // only a hand-edited address has another version; the message says it
      const id = FIELDS[field];
      const error = this.querySelector(`#${id}-error`);
      if (error) error.textContent = message;
      if (field === 'include' || field === 'exclude') {
        this.#find<HTMLDetailsElement>('[data-types]').open = true;
        this.querySelector<HTMLInputElement>(`input[name="${field}"]:checked`)?.setAttribute('aria-invalid', 'true');
      } else {
        this.querySelector(`#${id}`)?.setAttribute('aria-invalid', 'true');
      }
    }
  }

  /** The set's heading, summary and links; its downloads, to make once it is drawn. */
  #show(options: PracticeSetOptions, items: PracticeItem[]) {
    const n = options.count;
    this.#find('[data-set-heading]').textContent = `Set “${options.seed}”: ${n} network${n === 1 ? '' : 's'}`;
    const layers = items.reduce((sum, item) => sum + item.network.layers.length, 0);
    this.#find('[data-set-summary]').textContent =
      `${n} network${n === 1 ? '' : 's'} at ${levelText(options.level)}, ${layers} layers to count` +
      `${options.askShapes ? ', output shapes asked' : ''}. This page's address makes the same set again: bookmark it or share it.`;
    this.#find<HTMLAnchorElement>('[data-worksheet]').href = practiceHref('worksheet', options);
    this.#find<HTMLAnchorElement>('[data-key]').href = practiceHref('key', options);
    const student = practiceHref('student', options);
    this.#find<HTMLAnchorElement>('[data-student]').href = student;
    this.#find<HTMLInputElement>('[data-student-url]').value = new URL(student, location.origin).href;
    this.#find<HTMLAnchorElement>('[data-assignment]').href = `/assignments/new/?${practiceQuery(options)}`;
    const downloads = this.#offerDownloads(options, items);
    this.#find('[data-output]').hidden = false;
    return downloads;
  }

  /**
   * The download links: their files are made by a worker once the set is drawn (`make()`), each link
   * given its file as it comes. A link clicked before its file is there downloads it when it comes.
   */
  #offerDownloads(options: PracticeSetOptions, items: PracticeItem[]) {
    const links = new Map<DownloadKind, HTMLAnchorElement>();
    for (const link of this.querySelectorAll<HTMLAnchorElement>('a[data-download]')) {
      const kind = link.dataset.download ?? '';
      if (isDownloadKind(kind)) links.set(kind, link);
    }
    const waiting = new Set<DownloadKind>();
    const made = new Set<DownloadKind>();
    for (const [kind, link] of links) {
      // Until its file comes the link is busy (practice.css: a progress cursor), and says so when clicked.
      link.setAttribute('aria-busy', 'true');
      link.addEventListener('click', (event) => {
        if (made.has(kind)) return; // the link is the file: the browser downloads it
        event.preventDefault();
        waiting.add(kind);
        this.#status(`Making the ${link.textContent?.trim() ?? ''} file: it downloads as soon as it is made.`);
      });
    }
    const give = ({ kind, filename, type, url }: DownloadLink) => {
      const link = links.get(kind);
      if (!link || made.has(kind)) return;
      link.href = url;
      link.download = filename;
      link.type = type;
      link.removeAttribute('aria-busy');
      made.add(kind);
      if (waiting.delete(kind)) {
        link.click();
        if (waiting.size === 0) this.#status(setMade(options.count));
      }
    };
    // Without a worker (or if it fails), the files are made here, all at once: a long task, but they come.
    const makeHere = async () => {
      const { downloadLink } = await import('./practice-downloads');
      for (const kind of links.keys()) if (!made.has(kind)) give(downloadLink(kind, options, items));
    };
    return {
      make: () => {
        let worker: Worker;
        try {
          // Kept, not terminated: the files' addresses live as long as the worker that made them.
          worker = new Worker(new URL('./practice-downloads-worker.ts', import.meta.url), { type: 'module' });
        } catch {
          return void makeHere();
        }
        worker.onmessage = ({ data }: MessageEvent<DownloadsReply>) => {
          if ('error' in data) return void makeHere();
          give(data);
        };
        worker.onerror = () => void makeHere();
        worker.postMessage({ options, kinds: [...links.keys()] } satisfies DownloadsRequest);
      },
    };
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }
}

customElements.define('practice-builder', PracticeBuilder);
