/**
 * What both network pictures draw with — a line of tensors (network-diagram.ts) and a graph
 * (graph-diagram.ts): a tensor's box sized by its shape, its labels, the arrow between boxes.
 */
import { LAYER_TYPES, LAYERS, type LayerType } from './layers';
import { escapeMarkup as escape } from './escape-markup';

/** What the picture needs of one layer; an engine `LayerReport` has all of it. */
export interface DiagramLayer {
  type: LayerType;
  outputShape: readonly number[];
  params: number;
  /** In a network that branches, the layers it takes (-1 is the network's input): the picture is then a graph. */
  from?: readonly number[] | undefined;
  /** For a shared layer's later call, the layer whose weights it uses. */
  sharedWith?: number | undefined;
  /** Its name in the model (`'block_3_expand'`), which may tell what block it is in (see `diagram-names.ts`). */
  name?: string | undefined;
}

/** The layers layer `i` takes: its `from`, or the one before it. */
export const sourcesOf = (layer: Pick<DiagramLayer, 'from'>, i: number): readonly number[] => layer.from ?? [i - 1];

/** A network as the picture takes it: an engine `NetworkReport` is one. */
export interface DiagramNetwork {
  input: readonly number[];
  layers: readonly DiagramLayer[];
}

export interface DiagramOptions {
  /** Prefix for the SVG's element ids, unique on the page: `'classic'`. */
  id: string;
  /** Accessible name of the picture. */
  title: string;
  /** Label every tensor with its shape, or only the input (when the shapes are the question). */
  shapes: 'all' | 'input';
  /** Label every layer with its parameter count, or with `?` (when the counts are the question). */
  counts: boolean;
  /** Widest the picture may be, in its px: a longer network wraps into rows (unset: one row, however long). */
  maxWidth?: number;
  /** Smaller boxes and tighter rows, for paper: a long network's rows then fit a page with its table. */
  compact?: boolean;
  /**
   * Tallest a graph's picture may be, in its px (for a printed page): a graph drawn whole taller than
   * this has its blocks collapsed (unset: only the number of boxes decides, see `collapseLevel`).
   */
  maxHeight?: number;
  /** Collapsed blocks the reader opened (their ids, `'12-21'`): drawn layer by layer, in a frame that closes them. */
  open?: readonly string[];
  /** Collapsed blocks and open frames are buttons (`data-toggle`), for a page script to open and close them. */
  interactive?: boolean;
}

/** Short names that fit under a box. */
export const NAMES = Object.fromEntries(LAYER_TYPES.map((t) => [t, LAYERS[t].diagram.name])) as Record<
  LayerType,
  string
>;

/** Colour family of a layer, a CSS class on its box. */
export const KINDS = Object.fromEntries(LAYER_TYPES.map((t) => [t, LAYERS[t].diagram.kind])) as Record<
  LayerType,
  string
>;

/** One tensor as drawn: its colour family, the shape that sizes its box, and its three labels. */
export interface Stage {
  name: string;
  kind: string;
  shape: readonly number[];
  shapeLabel: string;
  countLabel: string;
}

export const GAP = 30;
export const FONT = 12;
// Margins at the picture's sides: wider when it has rows, for the arrow that leads from one row to the next.
export const EDGE = 4;
export const WRAPPED_EDGE = 16;
// The arrow between rows runs this far inside the picture's edges, clear of labels wider than estimated.
const LANE = 5;
export const ROW_GAP = 16;
const CHAR = 7;
// "×" is wider than a digit in most fonts (10 px against 7.6 in DejaVu Sans at 12 px): a volume's
// shape, 8×8×7×2, has three of them, and the first column's label must not be cut at the left edge.
const TIMES = 10;

/** A row's vertical layout, in px from its top (`name`, `top`) or from the bottom of its tallest box. */
export interface Spacing {
  /** Size of the boxes against their labels. */
  scale: number;
  /** Baseline of the layer names. */
  name: number;
  /** Top of the tallest box. */
  top: number;
  /** Baselines of the shape and count labels, and the row's bottom, under the tallest box. */
  shape: number;
  count: number;
  bottom: number;
}

export const SCREEN: Spacing = { scale: 1, name: 16, top: 34, shape: 22, count: 40, bottom: 50 };
export const PAPER: Spacing = { scale: 0.55, name: 14, top: 27, shape: 18, count: 33, bottom: 38 };

export const round = (n: number) => Math.round(n * 10) / 10;

/**
 * An arrow's way from the end of a row to the next, as a path's steps: right past the row's last
 * labels, down under the row, back to the left margin and down to `y`, the line it enters the next
 * row on. Of `lanes` such arrows, lane 0 (the lowest at the row's end) keeps innermost on the right,
 * highest under the row and outermost on the left, so that they do not cross:
 * `aroundRow({right: 400, bottom: 200, edge: 16, y: 300})` → `'H411V208H5V300'`.
 */
export function aroundRow(at: { right: number; bottom: number; edge: number; y: number }, lane = 0, lanes = 1): string {
  const step = lanes > 1 ? Math.min(4, 10 / (lanes - 1)) : 0;
  const out = at.right + at.edge - LANE - (lanes - 1 - lane) * step;
  const under = at.bottom + ROW_GAP / 2 + (lane - (lanes - 1) / 2) * step;
  return `H${round(out)}V${round(under)}H${round(LANE + lane * step)}V${round(at.y)}`;
}
const side = (n: number) => 16 + 11 * Math.sqrt(n);
const thickness = (channels: number) => 6 + 4.5 * Math.sqrt(channels);
const vector = (n: number) => Math.min(170, 20 + 12 * Math.log2(n + 1));
export const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Estimated width of a label at 12 px. */
export const textWidth = (text: string) => [...text].reduce((width, c) => width + (c === '×' ? TIMES : CHAR), 0);

/** Width, height and depth offset of a tensor's box: height × width × channels is a slab, a vector a bar. */
function box(shape: readonly number[]): { w: number; h: number; dx: number; dy: number } {
  // A 3-D volume is drawn by its last three axes (height × width × channels), its depth in the label.
  if (shape.length >= 3) {
    const [height = 1, width = 1, channels = 1] = shape.slice(-3);
    const depth = side(width) * 0.55;
    return { w: thickness(channels), h: side(height), dx: depth * 0.8, dy: depth * 0.6 };
  }
  // A sequence (steps × channels) is a flat slab: tall as its steps, thick as its channels.
  if (shape.length === 2) {
    const [steps = 1, channels = 1] = shape;
    return { w: thickness(channels), h: Math.min(side(steps), 200), dx: 0, dy: 0 };
  }
  return { w: 10, h: vector(shape[0] ?? 1), dx: 0, dy: 0 };
}

/** A stage's box at the picture's scale. */
export type Box = ReturnType<typeof box>;

/** A stage as laid out: its box and the width of its column (box or labels, whichever is wider). */
export interface Column {
  stage: Stage;
  box: Box;
  width: number;
}

/** A stage's column: its box scaled for the screen or paper, as wide as its box or its widest label. */
export function column(stage: Stage, space: Spacing): Column {
  const { w, h, dx, dy } = box(stage.shape);
  const b = { w: w * space.scale, h: h * space.scale, dx: dx * space.scale, dy: dy * space.scale };
  const width = Math.max(b.w + b.dx, textWidth(stage.name), textWidth(stage.shapeLabel), textWidth(stage.countLabel));
  return { stage, box: b, width };
}

/** Where a stage's labels go: above the row (`top`), and under the bottom of its tallest box (`floor`). */
export interface RowLines {
  top: number;
  middle: number;
  floor: number;
}

/**
 * One stage's box centred at `centre` on the row's middle line, its name above the row and its
 * shape and count under the row's tallest box. Gives the box's left edge too, for the arrows.
 */
export function drawStage(
  { stage, box: b }: Column,
  centre: number,
  { top: rowTop, middle, floor }: RowLines,
  space: Spacing,
  /** Attributes for the stage's group (a button's), and marks drawn under its box. */
  extra: { attributes?: string; under?: string } = {},
) {
  const left = centre - (b.w + b.dx) / 2;
  const top = middle - (b.h - b.dy) / 2;
  const front = `<rect class="nd-front" x="${round(left)}" y="${round(top)}" width="${round(b.w)}" height="${round(b.h)}"/>`;
  const solid =
    b.dx === 0
      ? front
      : [
          `<path class="nd-top" d="M${round(left)} ${round(top)}l${round(b.dx)} ${round(-b.dy)}h${round(b.w)}l${round(-b.dx)} ${round(b.dy)}z"/>`,
          `<path class="nd-side" d="M${round(left + b.w)} ${round(top)}l${round(b.dx)} ${round(-b.dy)}v${round(b.h)}l${round(-b.dx)} ${round(b.dy)}z"/>`,
          front,
        ].join('');
  const text = (y: number, content: string, cls: string) =>
    content ? `<text class="${cls}" x="${round(centre)}" y="${round(y)}">${escape(content)}</text>` : '';
  const svg = [
    `<g class="nd-stage nd-${stage.kind}"${extra.attributes ?? ''}>${extra.under ?? ''}${solid}`,
    text(rowTop + space.name, stage.name, 'nd-name'),
    text(floor + space.shape, stage.shapeLabel, 'nd-shape'),
    text(floor + space.count, stage.countLabel, 'nd-count'),
    '</g>',
  ].join('');
  return { left, svg };
}

/** An arrow along `path`, its head at the path's end pointing right. */
export const arrow = (path: string) => `<path class="nd-arrow" d="${path}m-4 -4l5 4l-5 4" aria-hidden="true"/>`;

/** The `<svg>` around a picture's parts, named by its title. */
export function svgImage(
  options: Pick<DiagramOptions, 'id' | 'title'>,
  width: number,
  height: number,
  parts: readonly string[],
  role = 'img',
): string {
  const title = `${options.id}-title`;
  return (
    `<svg class="network-diagram" xmlns="http://www.w3.org/2000/svg" role="${role}" aria-labelledby="${title}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="${FONT}">` +
    `<title id="${title}">${escape(options.title)}</title>${parts.join('')}</svg>`
  );
}

/** The network's input as a stage: its shape always shown, no count. */
export const inputStage = (shape: readonly number[]): Stage => ({
  name: 'Input',
  kind: 'input',
  shape,
  shapeLabel: shape.join('×'),
  countLabel: '',
});

/** Layer `i` as a stage: `'3·Flatten'`, its shape and count, or `?` where they are the question. */
export const layerStage = (
  layer: DiagramLayer,
  i: number,
  options: Pick<DiagramOptions, 'shapes' | 'counts'>,
): Stage => ({
  name: `${i + 1}·${NAMES[layer.type]}`,
  kind: KINDS[layer.type],
  shape: layer.outputShape,
  shapeLabel: options.shapes === 'all' ? layer.outputShape.join('×') : '?',
  countLabel: options.counts ? `${grouped(layer.params)} params` : '? params',
});
