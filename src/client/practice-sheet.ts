/**
 * HTML of a practice set's networks, as the practice page, the worksheet and the answer
 * key show them. Pure functions from the engine's items to strings; the pages insert them.
 */
import { analyzeNetwork } from '../domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../domain/code-export';
import { describeDiagram, diagramRows, networkDiagram } from '../domain/network-diagram';
import { describeInNetwork, inputFromText, inputShapesText } from '../domain/layer-inputs';
import { axesText, KERAS_NAMES, shapeText } from '../domain/layer-summary';
import type { PracticeItem } from '../domain/practice-set';
import { LEVEL_TITLES } from '../domain/quiz-generator';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { networkHeights, pageRoom, type NetworkHeights, type RowText } from './printed-heights';

/** What a sheet shows: the questions (with space to write, or not), or the answers. */
export type SheetKind = 'preview' | 'worksheet' | 'key';

/**
 * The share of a network one printed page has: its table's rows `from` to `to` (not included), the
 * first share with the network's heading and picture, the last with its total (and a worksheet's room
 * to work). A network that fits a page has one share, all of it.
 */
export interface SheetPart<T = PracticeItem> {
  item: T;
  from: number;
  to: number;
  first: boolean;
  last: boolean;
}

/** All of a network, as one share: `wholePart(item)` → `{ item, from: 0, to: 12, first: true, last: true }`. */
export const wholePart = <T extends { network: { layers: readonly unknown[] } }>(item: T): SheetPart<T> => ({
  item,
  from: 0,
  to: item.network.layers.length,
  first: true,
  last: true,
});

/** A network's heading: `'Network 3'`, with its level in words beside it; on a page its table goes on to, `'Network 3 (continued)'`. */
const heading = (item: PracticeItem, id: string, level: 2 | 3, first = true) =>
  `<h${level} id="${id}-heading" class="sheet-network-title">Network ${item.index + 1}` +
  (first
    ? ` <span class="sheet-level">Level ${item.level}: ${escape(LEVEL_TITLES[item.level])}</span>`
    : ' (continued)') +
  `</h${level}>`;

/**
 * Widest a printed sheet's picture is drawn, in CSS px: a page is 703 px wide inside print.css's 12 mm
 * margins on A4 (725 on Letter), so the picture prints at its own size, its 12 px labels at 9 pt, and a
 * longer network wraps into rows. The practice page's preview keeps one row, which scrolls.
 */
export const PRINTED_DIAGRAM_WIDTH = 700;

/**
 * Tallest a printed picture may be, in CSS px: half of a page inside print.css's 12 mm margins (Letter's,
 * the shorter of Letter and A4), the other half for the table and the room to work. A graph drawn whole
 * taller than this has its blocks collapsed; a line of layers wraps into rows as it always has.
 */
export const PRINTED_PICTURE_HEIGHT = Math.floor((((279.4 - 24) / 25.4) * 96) / 2);

/** What a sheet's picture labels, and on paper how it is drawn: compact, in rows no wider than the page, at most half as tall. */
function diagramOptions(kind: SheetKind, askShapes: boolean) {
  const labels = { shapes: kind === 'key' || !askShapes ? 'all' : 'input', counts: kind === 'key' } as const;
  return kind === 'preview'
    ? labels
    : { ...labels, maxWidth: PRINTED_DIAGRAM_WIDTH, compact: true, maxHeight: PRINTED_PICTURE_HEIGHT };
}

/** How many rows a network's picture has on a printed sheet: `2` for a long network, else `1`. */
export const printedDiagramRows = (item: PracticeItem, kind: Exclude<SheetKind, 'preview'>, askShapes: boolean) =>
  diagramRows(item.report, diagramOptions(kind, askShapes));

function diagram(item: PracticeItem, id: string, kind: SheetKind, askShapes: boolean): string {
  const options = diagramOptions(kind, askShapes);
  const title = `Diagram of network ${item.index + 1}: ${describeDiagram(item.report, options)}`;
  return (
    `<div class="diagram-scroll sheet-diagram" role="region" aria-label="Picture of network ${item.index + 1}" tabindex="0">` +
    networkDiagram(item.report, { ...options, id: `${id}-diagram`, title }) +
    `</div>`
  );
}

const layerCell = (item: PracticeItem, i: number) => {
  const layer = item.network.layers[i];
  if (!layer) return '<th scope="row"></th>';
  const config = describeInNetwork(item.network.layers, item.report, i);
  return (
    `<th scope="row" class="sheet-layer"><span class="layer-name">${KERAS_NAMES[layer.type]}</span>` +
    (layer.name === undefined ? '' : ` <span class="layer-id">${escape(layer.name)}</span>`) +
    `<span class="visually-hidden">: </span><span class="layer-config">${escape(config)}</span></th>`
  );
};

/**
 * The table of a network (or of its rows `part.from` to `part.to`, on a page it goes on to): what is
 * asked, with empty cells to write in (worksheet) or the answers (key), and the total after the last row.
 */
function table(item: PracticeItem, kind: SheetKind, askShapes: boolean, part: SheetPart): string {
  const n = item.index + 1;
  const blank = '<td class="blank"></td>';
  const showShapes = kind === 'key' || (kind === 'worksheet' && askShapes);
  const answers = kind !== 'preview';
  // The key leaves out input shapes: each is the output shape in the row above (the first is in the caption).
  const head = [
    '<th scope="col" class="sheet-index"><abbr title="Layer number">#</abbr></th>',
    '<th scope="col">Layer</th>',
    kind === 'key' ? '' : '<th scope="col">Input shape</th>',
    showShapes ? '<th scope="col">Output shape</th>' : '',
    answers ? '<th scope="col" class="number">Parameters</th>' : '',
    kind === 'key' ? '<th scope="col">Worked arithmetic</th>' : '',
  ].join('');
  const rows = item.report.layers.slice(part.from, part.to).map((layer, at) => {
    const i = part.from + at;
    // When shapes are asked, only the network's input is given: the others are the answers above them.
    const from = askShapes ? inputFromText(item.report, i) : null;
    const input =
      kind === 'key'
        ? ''
        : `<td class="shape">${from === null ? inputShapesText(layer) : `<span class="from-previous">${from}</span>`}</td>`;
    const cells =
      kind === 'key'
        ? `<td>${shapeText(layer.outputShape)}</td><td class="number">${layer.params}</td>` +
          `<td class="arithmetic">${escape(layer.explanation)} ` +
          `<span class="shape-work">Shape: ${escape(layer.shapeExplanation)}</span></td>`
        : (showShapes ? blank : '') + (answers ? blank : '');
    return `<tr><td class="sheet-index">${i + 1}</td>${layerCell(item, i)}${input}${cells}</tr>`;
  });
  // Cells between the total's header and its count: input shape (not in the key) and output shape.
  const between = (kind === 'key' ? 0 : 1) + (showShapes ? 1 : 0);
  const total =
    !answers || !part.last
      ? ''
      : `<tfoot><tr class="sheet-total"><td></td><th scope="row">Total</th>${between > 0 ? `<td colspan="${between}"></td>` : ''}` +
        (kind === 'key'
          ? `<td class="number"><strong>${item.report.totals.params}</strong></td>` +
            `<td class="arithmetic">${escape(item.report.totals.explanation)}</td>`
          : blank) +
        `</tr></tfoot>`;
  const layers = item.network.layers.length;
  const caption = part.first
    ? `${kind === 'key' ? 'Answers for network' : 'Network'} ${n}: ${layers} layer${layers === 1 ? '' : 's'}` +
      ` from an input of ${shapeText(item.network.input)} (${axesText(item.network.input.length)})`
    : `${kind === 'key' ? 'Answers for network' : 'Network'} ${n}, continued: layers ${part.from + 1} to ${part.to}`;
  const label = `Table of network ${n}${part.first ? '' : ', continued'} (scrolls sideways)`;
  return (
    `<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">` +
    `<table class="sheet-table sheet-${kind}"><caption>${escape(caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody>${total}</table></div>`
  );
}

/** Ruled room under a worksheet's table to work the counts out in, on paper only. */
const working = (item: PracticeItem) =>
  `<div class="sheet-working print-only" role="region" aria-label="Working for network ${item.index + 1}">` +
  `<p class="sheet-working-label">Working</p></div>`;

/** "Check it yourself": Keras and PyTorch scripts that rebuild the network, on screen only (the key's). */
function codeBlocks(item: PracticeItem, id: string): string {
  const pytorch = analyzeNetwork(item.network, 'pytorch');
  if (!pytorch.ok) return '';
  const scripts = [
    ['Keras', kerasSnippet(item.network, item.report)],
    ['PyTorch', pytorchSnippet(item.network, item.report, pytorch.value)],
  ] as const;
  return (
    `<div class="sheet-code no-print"><p>Check network ${item.index + 1} yourself in a real framework:</p>` +
    scripts
      .map(
        ([name, code]) =>
          `<details><summary>${name} code</summary><pre id="${id}-${name.toLowerCase()}" tabindex="0"><code>${escape(code)}</code></pre>` +
          `<copy-button target="${id}-${name.toLowerCase()}"><button type="button" hidden>Copy the ${name} code</button>` +
          `<span role="status"></span></copy-button></details>`,
      )
      .join('') +
    `</div>`
  );
}

/**
 * How a printed page's output shapes are written, after its networks' inputs:
 * `shapeAxes([image, sequence])` → `'height×width×channels or steps×channels'`.
 */
export function shapeAxes(items: readonly PracticeItem[]): string {
  const ranks = [...new Set(items.map((item) => item.network.input.length))];
  return ranks.map((rank) => axesText(rank, '×')).join(' or ');
}

/**
 * One network as a sheet shows it: heading (h2, or h3 under the practice page's h2), picture and table;
 * or, given a `part` of a network split over printed pages, that part (see SheetPart).
 */
export function networkSheet(
  item: PracticeItem,
  kind: SheetKind,
  askShapes: boolean,
  headingLevel: 2 | 3 = 2,
  part: SheetPart = wholePart(item),
): string {
  const id = `${kind}-${item.index + 1}${part.first ? '' : `-from-${part.from + 1}`}`;
  return (
    `<article class="sheet-network" aria-labelledby="${id}-heading">` +
    heading(item, id, headingLevel, part.first) +
    (part.first ? diagram(item, id, kind, askShapes) : '') +
    table(item, kind, askShapes, part) +
    (kind === 'worksheet' && part.last ? working(item) : '') +
    (kind === 'key' && part.last ? codeBlocks(item, id) : '') +
    `</article>`
  );
}

/** What each row of a network's printed table says, as `table` writes it: what its height is estimated from. */
function rowTexts(item: PracticeItem, kind: Exclude<SheetKind, 'preview'>, askShapes: boolean): RowText[] {
  return item.report.layers.map((layer, i) => {
    const own = item.network.layers[i];
    const row: RowText = {
      type: own ? KERAS_NAMES[own.type] : '',
      config: describeInNetwork(item.network.layers, item.report, i),
    };
    if (own?.name !== undefined) row.name = own.name;
    if (kind === 'key') {
      row.output = shapeText(layer.outputShape);
      row.params = String(layer.params);
      row.arithmetic = layer.explanation;
    } else {
      row.input = (askShapes ? inputFromText(item.report, i) : null) ?? inputShapesText(layer);
    }
    return row;
  });
}

/**
 * How tall a network prints on a worksheet or a key, part by part (printed-heights.ts), from its
 * picture's height and its table's text: what printedPages plans pages with.
 */
export function printedHeights(
  item: PracticeItem,
  kind: Exclude<SheetKind, 'preview'>,
  askShapes: boolean,
): NetworkHeights {
  const svg = networkDiagram(item.report, { ...diagramOptions(kind, askShapes), id: 'measure', title: '' });
  const picture = Number(/<svg [^>]*height="([\d.]+)"/.exec(svg)?.[1] ?? PRINTED_PICTURE_HEIGHT);
  return networkHeights(picture, {
    kind,
    askShapes,
    rows: rowTexts(item, kind, askShapes),
    totalArithmetic: item.report.totals.explanation,
  });
}

/**
 * Without the heights each network prints at: most layers two networks may have together and still
 * share a printed page (A4 or Letter), when each picture is one row; larger pairs, or a picture in two
 * rows, get a page each. A worksheet gives every network a page of its own, for room to work.
 */
export const PAGE_CAPACITY: Record<Exclude<SheetKind, 'preview'>, number> = { worksheet: 0, key: 8 };

/** A network's printed height when it is all on one page: heading, picture, every row and the total. */
const wholeHeight = (h: NetworkHeights) => partHeight(h, { from: 0, to: h.rows.length, first: true, last: true });

/** The printed height of a network's share of a page: `partHeight(h, { from: 6, to: 10, first: false, last: true })`. */
const partHeight = (h: NetworkHeights, part: Pick<SheetPart, 'from' | 'to' | 'first' | 'last'>) =>
  (part.first ? h.first : h.continued) +
  h.rows.slice(part.from, part.to).reduce((sum, row) => sum + row, 0) +
  (part.last ? h.last : 0);

/**
 * The networks of each printed page, in order. Given how tall each prints (`heights`), an answer key's
 * page takes as many whole networks as their heights, summed, fit in (each estimate errs tall, and a
 * page keeps printed-heights.ts's slack once), and a worksheet's page one network; a network taller
 * than a page goes on over as many pages as its table needs, on pages of its own. Without `heights`,
 * a page takes one network, or two short ones whose pictures are one row (`pictureRows`, one by
 * default) and whose layers fit PAGE_CAPACITY together.
 * `printedPages([a(3 layers), b(5), c(4), d(4, two rows)], 'key', rows)` → `[[a, b], [c], [d]]`, each
 * network a whole SheetPart; with `heights`, a 14-layer level 5 network → `[[its rows 1–6], [7–14]]`,
 * and a key of 20 level 1 networks, 330–590 px each on a page of 911 px, → 11 pages (15 without).
 */
export function printedPages<T extends { network: { layers: readonly unknown[] } }>(
  items: readonly T[],
  kind: Exclude<SheetKind, 'preview'>,
  pictureRows: (item: T) => number = () => 1,
  heights?: (item: T) => NetworkHeights,
): SheetPart<T>[][] {
  if (!heights) return pairedPages(items, kind, pictureRows);
  const pages: SheetPart<T>[][] = [];
  // How much of the last page is taken: by its whole networks, or by the end of a network that went on over pages.
  let used = 0;
  for (const item of items) {
    const h = heights(item);
    const parts = split(item, h);
    const last = pages[pages.length - 1];
    if (kind === 'key' && parts.length === 1 && last && used + wholeHeight(h) <= pageRoom(h)) {
      last.push(wholePart(item));
      used += wholeHeight(h);
      continue;
    }
    for (const part of parts) pages.push([part]);
    used = partHeight(h, parts[parts.length - 1] ?? wholePart(item));
  }
  return pages;
}

/** Pages of one network, or two that share one by PAGE_CAPACITY (see printedPages, without heights). */
function pairedPages<T extends { network: { layers: readonly unknown[] } }>(
  items: readonly T[],
  kind: Exclude<SheetKind, 'preview'>,
  pictureRows: (item: T) => number,
): SheetPart<T>[][] {
  const pages: SheetPart<T>[][] = [];
  for (const item of items) {
    const last = pages[pages.length - 1];
    const first = last?.[0];
    if (
      last?.length === 1 &&
      first &&
      pictureRows(first.item) === 1 &&
      pictureRows(item) === 1 &&
      first.item.network.layers.length + item.network.layers.length <= PAGE_CAPACITY[kind]
    ) {
      last.push(wholePart(item));
    } else {
      pages.push([wholePart(item)]);
    }
  }
  return pages;
}

/** A network's parts, each as many of its rows as fit on a page after what the part begins with (see printedPages). */
function split<T extends { network: { layers: readonly unknown[] } }>(item: T, h: NetworkHeights): SheetPart<T>[] {
  const room = pageRoom(h);
  const parts: SheetPart<T>[] = [];
  let from = 0;
  let used = h.first;
  h.rows.forEach((row, i) => {
    // The last row brings the total (and a worksheet's room to work) with it.
    const needs = row + (i === h.rows.length - 1 ? h.last : 0);
    if (i > from && used + needs > room) {
      parts.push({ item, from, to: i, first: from === 0, last: false });
      from = i;
      used = h.continued;
    }
    used += row;
  });
  parts.push({ item, from, to: h.rows.length, first: from === 0, last: true });
  // The page the table ends on takes at least three of its rows (all, if fewer), from the page before if
  // they fit: not a page for one row and the total.
  const end = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  if (end && before) {
    let used = h.continued + h.last + h.rows.slice(end.from).reduce((sum, row) => sum + row, 0);
    while (end.to - end.from < LEAST_ROWS_ON && before.to - before.from > 1) {
      const row = h.rows[before.to - 1] ?? 0;
      if (used + row > room) break;
      used += row;
      before.to -= 1;
      end.from -= 1;
    }
  }
  return parts;
}

/** Fewest rows of a table the page it ends on takes, when it goes on over pages. */
const LEAST_ROWS_ON = 3;
