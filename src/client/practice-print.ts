import { generatePracticeSet, type PracticeItem } from '../domain/practice-set';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { practiceHref, readPracticeParams } from './practice-params';
import './copy-button';
import { networkSheet, printedDiagramRows, printedPages, shapeAxes } from './practice-sheet';
import { escapeMarkup as escape } from '../domain/escape-markup';

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
 * out in printed pages of one or two networks, each page starting with its own header.
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
    const set = generatePracticeSet(options.value);
    if (!set.ok) return this.#error(set.error.map((p) => p.message));
    const { askShapes } = options.value;
    const pages = printedPages(set.value, kind, (item) => printedDiagramRows(item, kind, askShapes));
    this.#find('[data-pages]').innerHTML = pages
      .map(
        (items, i) =>
          `<section class="sheet-page" aria-label="Page ${i + 1} of ${pages.length}">` +
          pageHead(options.value, kind, items, i + 1, pages.length) +
          items.map((item) => networkSheet(item, kind, options.value.askShapes)).join('') +
          `</section>`,
      )
      .join('');
    const n = options.value.count;
    this.#find('[data-sheet-summary]').textContent =
      `Set “${options.value.seed}”: ${n} network${n === 1 ? '' : 's'} on ${pages.length} page${pages.length === 1 ? '' : 's'}.`;
    this.#find<HTMLAnchorElement>('[data-back]').href = practiceHref('set', options.value);
    this.#find<HTMLAnchorElement>('[data-other]').href = practiceHref(
      kind === 'key' ? 'worksheet' : 'key',
      options.value,
    );
    const print = this.#find<HTMLButtonElement>('[data-print]');
    print.hidden = false;
    this.#find('[data-print-tip]').hidden = false;
    print.addEventListener('click', () => window.print());
    document.title = `${kind === 'key' ? 'Answer key' : 'Worksheet'} ${options.value.seed} · Learnable`;
  }

  #error(messages: string[]) {
    this.#find('[data-error]').textContent =
      `This set cannot be made: ${messages.join('; ')}. Go back to the practice page to choose other options.`;
  }
}

customElements.define('practice-sheet', PracticeSheet);
