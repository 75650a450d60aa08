import { practiceItem, type PracticeItem } from '../domain/practice-set';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { practiceHref, readPracticeParams } from './practice-params';
import './copy-button';
import type { NetworkHeights } from './printed-heights';
import { networkSheet, printedDiagramRows, printedHeights, printedPages, shapeAxes } from './practice-sheet';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { runInTasks } from './task-budget';

/** The line at the top of every printed page: which set, which page, and on a worksheet a name and date. */
function pageHead(
  options: PracticeSetOptions,
  kind: 'worksheet' | 'key',
  items: readonly PracticeItem[],
  page: number,
  pages: number,
): string {
  const what = kind === 'worksheet' ? 'Worksheet' : 'Answer key';
  const task =
    kind === 'worksheet'
      ? `<p class="sheet-task">Count the parameters of every layer (Keras's Param #) and the total${
          options.askShapes ? `, and write each output shape (${shapeAxes(items)})` : ''
        }.</p>`
      : '';
  const name =
    kind === 'worksheet'
      ? '<p class="sheet-name"><span>Name</span><span class="line"></span><span>Date</span><span class="line short"></span></p>'
      : '';
  return (
    `<header class="sheet-head"><p class="sheet-title">Learnable practice set “${escape(options.seed)}” · ${what}` +
    ` · page ${page} of ${pages}</p>${name}${task}</header>`
  );
}

/**
 * `<practice-sheet kind="worksheet|key">`: makes the set named by the address and lays it
 * out in printed pages, each starting with its own header: a network a page on a worksheet, and on
 * the key as many whole networks as fit by their printed heights (a level 1 key of 50: 26 pages on A4
 * or Letter, where two networks of 8 layers at most a page took 41). A set of 50 networks is made and
 * drawn a few networks a task (task-budget.ts), all at once if printed before: its "Save as PDF" button
 * shows when the sheet is whole.
 */
class PracticeSheet extends HTMLElement {
  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<practice-sheet> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const kind = this.getAttribute('kind') === 'key' ? 'key' : 'worksheet';
    const options = readPracticeParams(location.search);
    if (!options.ok) return this.#error(options.error.map((p) => p.message));
    this.#find<HTMLAnchorElement>('[data-back]').href = practiceHref('set', options.value);
    this.#find<HTMLAnchorElement>('[data-other]').href = practiceHref(
      kind === 'key' ? 'worksheet' : 'key',
      options.value,
    );
    document.title = `${kind === 'key' ? 'Answer key' : 'Worksheet'} ${options.value.seed} · Learnable`;
    const run = runInTasks(this.#draw(kind, options.value));
    addEventListener('beforeprint', run.finish);
    void run.done.then(() => removeEventListener('beforeprint', run.finish));
  }

  /** Makes the set's networks one by one (as generatePracticeSet does), plans its pages, then draws them one by one. */
  *#draw(kind: 'worksheet' | 'key', options: PracticeSetOptions): Generator<void, void> {
    const { askShapes } = options;
    const items: PracticeItem[] = [];
    const rows = new Map<PracticeItem, number>();
    const heights = new Map<PracticeItem, NetworkHeights>();
    for (let index = 0; index < options.count; index++) {
      const item = practiceItem(options, index);
      if (!item.ok) return this.#error(item.error.map((p) => p.message));
      items.push(item.value);
      rows.set(item.value, printedDiagramRows(item.value, kind, askShapes));
      heights.set(item.value, printedHeights(item.value, kind, askShapes));
      yield;
    }
    const pages = printedPages(
      items,
      kind,
      (item) => rows.get(item) ?? 1,
      (item) => heights.get(item) ?? printedHeights(item, kind, askShapes),
    );
    // Each page drawn is laid out on screen only near the screen (practice.css: content-visibility).
    const container = this.#find('[data-pages]');
    for (const [i, page] of pages.entries()) {
      container.insertAdjacentHTML(
        'beforeend',
        `<section class="sheet-page" aria-label="Page ${i + 1} of ${pages.length}">` +
          pageHead(
            options,
            kind,
            page.map((part) => part.item),
            i + 1,
            pages.length,
          ) +
          page.map((part) => networkSheet(part.item, kind, askShapes, 2, part)).join('') +
          `</section>`,
      );
      yield;
    }
    const n = options.count;
    this.#find('[data-sheet-summary]').textContent =
      `Set “${options.seed}”: ${n} network${n === 1 ? '' : 's'} on ${pages.length} page${pages.length === 1 ? '' : 's'}.`;
    const print = this.#find<HTMLButtonElement>('[data-print]');
    print.hidden = false;
    this.#find('[data-print-tip]').hidden = false;
    print.addEventListener('click', () => window.print());
  }

  #error(messages: string[]) {
    this.#find('[data-error]').textContent =
      `This set cannot be made: ${messages.join('; ')}. Go back to the practice page to choose other options.`;
  }
}

customElements.define('practice-sheet', PracticeSheet);
