import { LAYER_TYPES, LAYERS, type LayerType } from './layers';
import { escapeMarkup as escape } from './escape-markup';
import { splitIntoRows } from './diagram-rows';

/** What the picture needs of one layer; an engine `LayerReport` has all of it. */
export interface DiagramLayer {
  type: LayerType;
  outputShape: readonly number[];
  params: number;
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
}

/** Short names that fit under a box. */
const NAMES = Object.fromEntries(LAYER_TYPES.map((t) => [t, LAYERS[t].diagram.name])) as Record<LayerType, string>;

/** Colour family of a layer, a CSS class on its box. */
const KINDS = Object.fromEntries(LAYER_TYPES.map((t) => [t, LAYERS[t].diagram.kind])) as Record<LayerType, string>;

interface Stage {
  name: string;
  kind: string;
  shape: readonly number[];
  shapeLabel: string;
  countLabel: string;
}

const GAP = 30;
const FONT = 12;
const CHAR = 7;
// "×" is wider than a digit in most fonts (10 px against 7.6 in DejaVu Sans at 12 px): a volume's
// shape, 8×8×7×2, has three of them, and the first column's label must not be cut at the left edge.
const TIMES = 10;
// Margins at the picture's sides: wider when it has rows, for the arrow that leads from one row to the next.
const EDGE = 4;
const WRAPPED_EDGE = 16;
// The arrow between rows runs this far inside the picture's edges, clear of labels wider than estimated.
const LANE = 5;
const ROW_GAP = 16;

/** A row's vertical layout, in px from its top (`name`, `top`) or from the bottom of its tallest box. */
interface Spacing {
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

const SCREEN: Spacing = { scale: 1, name: 16, top: 34, shape: 22, count: 40, bottom: 50 };
const PAPER: Spacing = { scale: 0.55, name: 14, top: 27, shape: 18, count: 33, bottom: 38 };

const round = (n: number) => Math.round(n * 10) / 10;
const side = (n: number) => 16 + 11 * Math.sqrt(n);
const thickness = (channels: number) => 6 + 4.5 * Math.sqrt(channels);
const vector = (n: number) => Math.min(170, 20 + 12 * Math.log2(n + 1));
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

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

/** A stage as laid out: its box and the width of its column (box or labels, whichever is wider). */
interface Column {
  stage: Stage;
  box: ReturnType<typeof box>;
  width: number;
}

/** The stages of a picture laid out in columns, in the rows it is drawn in. */
function layout(
  network: { input: readonly number[]; layers: readonly DiagramLayer[] },
  options: Omit<DiagramOptions, 'id' | 'title'>,
): { rows: Column[][]; space: Spacing } {
  const stages: Stage[] = [
    { name: 'Input', kind: 'input', shape: network.input, shapeLabel: network.input.join('×'), countLabel: '' },
    ...network.layers.map((layer, i) => ({
      name: `${i + 1}·${NAMES[layer.type]}`,
      kind: KINDS[layer.type],
      shape: layer.outputShape,
      shapeLabel: options.shapes === 'all' ? layer.outputShape.join('×') : '?',
      countLabel: options.counts ? `${grouped(layer.params)} params` : '? params',
    })),
  ];
  const space = options.compact ? PAPER : SCREEN;
  const textWidth = (text: string) => [...text].reduce((width, c) => width + (c === '×' ? TIMES : CHAR), 0);
  const columns: Column[] = stages.map((stage) => {
    const { w, h, dx, dy } = box(stage.shape);
    const b = { w: w * space.scale, h: h * space.scale, dx: dx * space.scale, dy: dy * space.scale };
    const width = Math.max(b.w + b.dx, textWidth(stage.name), textWidth(stage.shapeLabel), textWidth(stage.countLabel));
    return { stage, box: b, width };
  });
  const oneRow = columns.reduce((sum, c) => sum + c.width, GAP * (columns.length - 1)) + 2 * EDGE;
  const rows =
    options.maxWidth === undefined || oneRow <= options.maxWidth
      ? [columns]
      : splitIntoRows(columns, options.maxWidth - 2 * WRAPPED_EDGE, GAP);
  return { rows, space };
}

/**
 * How many rows `networkDiagram` draws the network in, with these options: 1 unless one row would
 * be wider than `options.maxWidth`. For a page plan, since a picture of two rows takes more of a page:
 * `diagramRows(elevenLayers, {shapes: 'all', counts: true, maxWidth: 700})` → `2`.
 */
export function diagramRows(
  network: { input: readonly number[]; layers: readonly DiagramLayer[] },
  options: Omit<DiagramOptions, 'id' | 'title'>,
): number {
  return layout(network, options).rows.length;
}

/**
 * The network as an SVG picture: one box per tensor, sized by its shape, left to right,
 * labelled with the layer, its output shape and its parameter count; wrapped into rows
 * when wider than `options.maxWidth`, an arrow leading from each row's end to the next's start:
 * `networkDiagram({input: [20, 20, 3], layers}, {id: 'classic', title: '…', shapes: 'all', counts: true})`
 * → `'<svg role="img" …>…</svg>'`.
 */
export function networkDiagram(
  network: { input: readonly number[]; layers: readonly DiagramLayer[] },
  options: DiagramOptions,
): string {
  const { rows, space } = layout(network, options);
  // One row keeps a narrow margin; wrapped rows leave room at each side for the arrow between them.
  const edge = rows.length > 1 ? WRAPPED_EDGE : EDGE;
  const parts: string[] = [];
  const ends: { box: number; column: number; middle: number; bottom: number }[] = [];
  let y = 0;
  let width = 0;
  rows.forEach((row, r) => {
    // Each row is as tall as its own tallest box: later rows, of smaller tensors, take less room.
    const drawHeight = Math.max(...row.map((c) => c.box.h + c.box.dy));
    const middle = y + space.top + drawHeight / 2;
    const lines = { top: y, middle, floor: y + space.top + drawHeight };
    let x = edge;
    const anchors: { left: number; right: number }[] = [];
    for (const column of row) {
      const { left, svg } = drawStage(column, x + column.width / 2, lines, space);
      parts.push(svg);
      anchors.push({ left: left - 4, right: left + column.box.w + column.box.dx + 4 });
      x += column.width + GAP;
    }
    for (let i = 1; i < anchors.length; i++) {
      const from = anchors[i - 1]?.right ?? 0;
      const to = anchors[i]?.left ?? 0;
      parts.push(arrow(`M${round(from)} ${round(middle)}H${round(to - 5)}`));
    }
    const previous = ends[r - 1];
    const first = anchors[0];
    if (previous && first) {
      // From the previous row's last box: right past its column's labels, down under them, back to the
      // left margin, down to this row's middle and into its first box.
      const right = previous.column + edge - LANE;
      parts.push(
        arrow(
          `M${round(previous.box)} ${round(previous.middle)}H${round(right)}V${round(previous.bottom + ROW_GAP / 2)}` +
            `H${LANE}V${round(middle)}H${round(first.left - 5)}`,
        ),
      );
    }
    const bottom = lines.floor + space.bottom;
    ends.push({ box: anchors[anchors.length - 1]?.right ?? 0, column: x - GAP, middle, bottom });
    width = Math.max(width, x - GAP + edge);
    y = bottom + ROW_GAP;
  });
  width = Math.ceil(width);
  const height = Math.ceil(ends[ends.length - 1]?.bottom ?? 0);
  const title = `${options.id}-title`;
  return (
    `<svg class="network-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${title}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="${FONT}">` +
    `<title id="${title}">${escape(options.title)}</title>${parts.join('')}</svg>`
  );
}

/** Where a row is drawn: its top, the middle line of its boxes, and the bottom of its tallest box. */
interface RowLines {
  top: number;
  middle: number;
  floor: number;
}

/**
 * One stage's box centred at `centre` on the row's middle line, its name above the row and its
 * shape and count under the row's tallest box. Gives the box's left edge too, for the arrows.
 */
function drawStage(
  { stage, box: b }: Column,
  centre: number,
  { top: rowTop, middle, floor }: RowLines,
  space: Spacing,
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
    `<g class="nd-stage nd-${stage.kind}">${solid}`,
    text(rowTop + space.name, stage.name, 'nd-name'),
    text(floor + space.shape, stage.shapeLabel, 'nd-shape'),
    text(floor + space.count, stage.countLabel, 'nd-count'),
    '</g>',
  ].join('');
  return { left, svg };
}

/** An arrow along `path`, its head at the path's end pointing right. */
const arrow = (path: string) => `<path class="nd-arrow" d="${path}m-4 -4l5 4l-5 4" aria-hidden="true"/>`;

/** The picture in words, for its caption or a screen reader: `'Input 20×20×3 → Conv2D 20×20×2 (56 parameters) → …'`. */
export function describeDiagram(
  network: { input: readonly number[]; layers: readonly DiagramLayer[] },
  options: Pick<DiagramOptions, 'shapes' | 'counts'>,
): string {
  const steps = network.layers.map((layer) => {
    const shape = options.shapes === 'all' ? ` ${layer.outputShape.join('×')}` : '';
    const count = options.counts ? ` (${grouped(layer.params)} parameters)` : '';
    return `${NAMES[layer.type]}${shape}${count}`;
  });
  return [`Input ${network.input.join('×')}`, ...steps].join(' → ');
}
