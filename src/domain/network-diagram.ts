import { LAYER_TYPES, LAYERS, type LayerType } from './layers';
import { escapeMarkup as escape } from './escape-markup';

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
const LABEL_Y = 16;
const TOP = 34;

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

/**
 * The network as an SVG picture: one box per tensor, sized by its shape, left to right,
 * labelled with the layer, its output shape and its parameter count:
 * `networkDiagram({input: [20, 20, 3], layers}, {id: 'classic', title: '…', shapes: 'all', counts: true})`
 * → `'<svg role="img" …>…</svg>'`.
 */
export function networkDiagram(
  network: { input: readonly number[]; layers: readonly DiagramLayer[] },
  options: DiagramOptions,
): string {
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
  const boxes = stages.map((stage) => box(stage.shape));
  const drawHeight = Math.max(...boxes.map((b) => b.h + b.dy));
  const middle = TOP + drawHeight / 2;
  const textWidth = (text: string) => [...text].reduce((width, c) => width + (c === '×' ? TIMES : CHAR), 0);
  let x = 4;
  const parts: string[] = [];
  const anchors: { left: number; right: number }[] = [];
  stages.forEach((stage, i) => {
    const b = boxes[i] ?? box(stage.shape);
    const column = Math.max(
      b.w + b.dx,
      textWidth(stage.name),
      textWidth(stage.shapeLabel),
      textWidth(stage.countLabel),
    );
    const centre = x + column / 2;
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
    parts.push(
      `<g class="nd-stage nd-${stage.kind}">${solid}`,
      text(LABEL_Y, stage.name, 'nd-name'),
      text(TOP + drawHeight + 22, stage.shapeLabel, 'nd-shape'),
      text(TOP + drawHeight + 40, stage.countLabel, 'nd-count'),
      '</g>',
    );
    anchors.push({ left: left - 4, right: left + b.w + b.dx + 4 });
    x += column + GAP;
  });
  for (let i = 1; i < anchors.length; i++) {
    const from = anchors[i - 1]?.right ?? 0;
    const to = anchors[i]?.left ?? 0;
    parts.push(
      `<path class="nd-arrow" d="M${round(from)} ${round(middle)}H${round(to - 5)}m-4 -4l5 4l-5 4" aria-hidden="true"/>`,
    );
  }
  const width = Math.ceil(x - GAP + 4);
  const height = Math.ceil(TOP + drawHeight + 50);
  const title = `${options.id}-title`;
  return (
    `<svg class="network-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${title}" ` +
    `width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="${FONT}">` +
    `<title id="${title}">${escape(options.title)}</title>${parts.join('')}</svg>`
  );
}

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
