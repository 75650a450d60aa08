/**
 * How tall each part of a network prints on a worksheet or an answer key, in CSS px (96 an inch),
 * estimated from its text: what the page planning (practice-sheet.ts's printedPages) needs to put on
 * a page no more than fits it. The sizes are print.css's (10 pt text at a 1.35 line height, 8.5 pt
 * layer settings, 8 pt monospace arithmetic, 7 mm rows to write in) on the narrower of A4 and Letter
 * (A4, 703 px inside 12 mm margins) and the shorter (Letter, 965 px). Text widths are DejaVu Sans's,
 * wider than most fonts', so an estimate errs tall: a page may end early, never spill onto another.
 * tests/e2e/practice-print.spec.ts prints sets of every level and compares their pages.
 */

const PT = 96 / 72;
const MM = 96 / 25.4;
/** print.css's root font size, which its rem sizes follow. */
const REM = 10 * PT;

/** A printed page's width and height inside print.css's 12 mm margins: A4's width, Letter's height. */
export const PRINTED_PAGE = { width: Math.floor((210 - 24) * MM), height: Math.floor((279.4 - 24) * MM) };

/** What a page's room is reduced by, for what an estimate cannot see (rounding, a wider font). */
const SLACK = 24;

// Line boxes: every line of a cell is at least the 10 pt text's (its strut); a layer's own name is a
// monospace block of 0.85rem; the arithmetic is 8 pt monospace.
const LINE = REM * 1.35;
const ID_LINE = 0.85 * REM * 1.35;
const ARITHMETIC = { size: 8 * PT, line: 8 * PT * 1.35 };
/** A cell's padding (0.15rem above and below, 0.35rem each side) and the row's border. */
const CELL = { y: 0.3 * REM + 1, x: 0.7 * REM };
/** A worksheet's row to write in is 7 mm tall; its blank cells 26 mm wide. */
const BLANK = { height: 7 * MM, width: 26 * MM };

/** Width of one character of DejaVu Sans, in em: by kind, rounded up. */
function charWidth(ch: string): number {
  if (ch === ' ') return 0.32;
  if (ch === '×') return 0.84;
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[a-z]/.test(ch)) return 0.58;
  return 0.6;
}

/** A text's width in px at a font size, bold 12% wider: `textWidth('Conv2D', 13.3, true)` → 63. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return em * size * (bold ? 1.12 : 1);
}

/** A run of text in one font: its words, each word's width and the width of a space. */
interface Run {
  text: string;
  size: number;
  bold?: boolean;
  mono?: boolean;
}

const wordWidth = (word: string, run: Run) =>
  run.mono ? word.length * 0.61 * run.size : textWidth(word, run.size, run.bold);

/**
 * How many lines runs of text (one after another on the same lines) take in `width` px, broken at
 * spaces as a browser breaks them: `lineCount([{ text: 'Conv2D', size: 13.3, bold: true }, …], 300)` → 2.
 */
export function lineCount(runs: readonly Run[], width: number): number {
  let lines = 1;
  let used = 0;
  for (const run of runs) {
    const space = run.mono ? 0.61 * run.size : textWidth(' ', run.size);
    for (const word of run.text.split(/\s+/).filter(Boolean)) {
      const w = wordWidth(word, run);
      if (used > 0 && used + space + w > width) {
        lines += 1;
        used = w;
      } else {
        used += (used > 0 ? space : 0) + w;
      }
    }
  }
  return lines;
}

/** What one row of a network's printed table says, cell by cell (as practice-sheet.ts writes it). */
export interface RowText {
  /** The layer's type, in bold: `'Conv2D'`. */
  type: string;
  /** The layer's own name, on a line of its own, if it has one: `'conv1'`. */
  name?: string;
  /** Its settings and what it takes: `'6 filters, 3×3 kernel, padding same, stride 1; takes layer 2 (conv1)'`. */
  config: string;
  /** Worksheet: the input shape given, or where it comes from (one line). */
  input?: string;
  /** Key: the output shape, the count and the count's arithmetic. */
  output?: string;
  params?: string;
  arithmetic?: string;
}

/** What a network's table prints: its rows, and the total's arithmetic on the key. */
export interface TableText {
  kind: 'worksheet' | 'key';
  /** Worksheet: whether the output shapes are asked (a second blank column). */
  askShapes: boolean;
  rows: readonly RowText[];
  totalArithmetic?: string;
}

/**
 * The width of the layer column's text, in px. Every other column keeps one line (shapes and counts
 * do not break; the blanks and the key's arithmetic have set widths), so the table's layout gives the
 * layer column what they leave, and no less than its 12rem.
 */
function layerWidth(table: TableText): number {
  const widest = (texts: readonly (string | undefined)[], size: number) =>
    Math.max(0, ...texts.map((t) => textWidth(t ?? '', size))) + CELL.x;
  // A header's longest word, in capitals spaced 0.04em at thead's 7.5 pt: the least its column takes.
  const header = (word: string) =>
    textWidth(word.toUpperCase(), 7.5 * PT, true) + word.length * 0.04 * 7.5 * PT + CELL.x;
  const index = 2.25 * REM;
  const others =
    table.kind === 'key'
      ? Math.max(
          header('output'),
          widest(
            table.rows.map((r) => r.output),
            REM,
          ),
        ) +
        Math.max(
          header('parameters'),
          widest(
            table.rows.map((r) => r.params),
            REM,
          ),
        ) +
        0.42 * PRINTED_PAGE.width
      : Math.max(
          header('input'),
          widest(
            table.rows.map((r) => r.input),
            REM,
          ),
        ) +
        (table.askShapes ? 2 : 1) * BLANK.width;
  return Math.max(12 * REM, PRINTED_PAGE.width - index - others) - CELL.x;
}

/** Each row's printed height: its tallest cell (the layer's lines, or the key's arithmetic), at least a line (7 mm on a worksheet). */
export function rowHeights(table: TableText): number[] {
  const width = layerWidth(table);
  const arithmeticWidth = 0.42 * PRINTED_PAGE.width - CELL.x;
  const least = table.kind === 'worksheet' ? BLANK.height + 1 : LINE + CELL.y;
  return table.rows.map((row) => {
    const type = { text: row.type, size: REM, bold: true };
    const config = { text: row.config, size: 8.5 * PT };
    const layer =
      row.name === undefined
        ? lineCount([type, config], width) * LINE
        : lineCount([type], width) * LINE + ID_LINE + lineCount([config], width) * LINE;
    const arithmetic =
      row.arithmetic === undefined
        ? 0
        : lineCount([{ text: row.arithmetic, size: ARITHMETIC.size, mono: true }], arithmeticWidth) * ARITHMETIC.line;
    return Math.max(least, layer + CELL.y, arithmetic + CELL.y);
  });
}

/**
 * The printed heights of a network's parts, in px: `first`, its heading, picture and the table's
 * caption and header; `continued`, the same for a page its table goes on to; `rows`, each row; `last`,
 * the total and, on a worksheet, the least room to work; `head`, the page's header.
 */
export interface NetworkHeights {
  head: number;
  first: number;
  continued: number;
  rows: number[];
  last: number;
}

/** A network's printed heights (see NetworkHeights), from its picture's height and its table's text. */
export function networkHeights(pictureHeight: number, table: TableText): NetworkHeights {
  // The page's header: its title, and on a worksheet the name line and the task (two lines of 9 pt).
  const head =
    table.kind === 'worksheet' ? LINE + 0.4 * REM + 1.4 * REM + 2 * 9 * PT * 1.35 + 1.2 * REM : LINE + 0.9 * REM;
  // Margins around a network (0.4rem above, 1rem below), its 12 pt heading, the table's 0.25rem
  // margin, its 9 pt caption and a header of two lines.
  const chrome = 1.4 * REM + 12 * PT * 1.35 + 0.25 * REM + 9 * PT * 1.35 + 0.2 * REM + 2 * 7.5 * PT * 1.35 + CELL.y;
  const total =
    table.kind === 'worksheet'
      ? BLANK.height + 1 + 0.3 * REM + 35 * MM + 2
      : Math.max(
          LINE,
          lineCount(
            [{ text: table.totalArithmetic ?? '', size: ARITHMETIC.size, mono: true }],
            0.42 * PRINTED_PAGE.width - CELL.x,
          ) * ARITHMETIC.line,
        ) + CELL.y;
  return { head, first: chrome + pictureHeight, continued: chrome, rows: rowHeights(table), last: total };
}

/**
 * The room a page has for networks, after its header: one network's, or on an answer key the sum of
 * those it holds. A sum errs taller than each of its networks does: each estimate counts its margins
 * whole (0.4rem above, 1rem below) where networks one after another share theirs (1rem between them).
 * Printed at A4's width, each network's estimate, less those margins, was 3.3–75 px taller than Chromium
 * printed it (median 3.4 px; the 352 that fit a page of eight sets of 50, levels 1–5 and mixes), so the
 * slack is kept once a page.
 */
export const pageRoom = (heights: Pick<NetworkHeights, 'head'>) => PRINTED_PAGE.height - heights.head - SLACK;
