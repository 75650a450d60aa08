import { splitIntoRows } from './diagram-rows';
import {
  aroundRow,
  arrow,
  column,
  drawStage,
  EDGE,
  GAP,
  grouped,
  inputStage,
  layerStage,
  NAMES,
  PAPER,
  round,
  ROW_GAP,
  SCREEN,
  svgImage,
  WRAPPED_EDGE,
  type Column,
  type DiagramNetwork,
  type DiagramOptions,
  type Spacing,
  type Stage,
} from './diagram-parts';
import { describeGraph, graphDiagram, graphRows, isGraph } from './graph-diagram';

export type { DiagramLayer, DiagramNetwork, DiagramOptions } from './diagram-parts';

/** The stages of a picture laid out in columns, in the rows it is drawn in. */
function layout(
  network: DiagramNetwork,
  options: Omit<DiagramOptions, 'id' | 'title'>,
): { rows: Column[][]; space: Spacing } {
  const stages: Stage[] = [
    inputStage(network.input),
    ...network.layers.map((layer, i) => layerStage(layer, i, options)),
  ];
  const space = options.compact ? PAPER : SCREEN;
  const columns = stages.map((stage) => column(stage, space));
  const oneRow = columns.reduce((sum, c) => sum + c.width, GAP * (columns.length - 1)) + 2 * EDGE;
  const rows =
    options.maxWidth === undefined || oneRow <= options.maxWidth
      ? [columns]
      : splitIntoRows(columns, options.maxWidth - 2 * WRAPPED_EDGE, GAP);
  return { rows, space };
}

/**
 * How many rows `networkDiagram` draws the network in, with these options: 1 unless one row would
 * be wider than `options.maxWidth` (a graph's row counts once for each line its branches are on).
 * For a page plan, since a picture of two rows takes more of a page:
 * `diagramRows(elevenLayers, {shapes: 'all', counts: true, maxWidth: 700})` → `2`.
 */
export function diagramRows(network: DiagramNetwork, options: Omit<DiagramOptions, 'id' | 'title'>): number {
  return isGraph(network) ? graphRows(network, options) : layout(network, options).rows.length;
}

/**
 * The network as an SVG picture: one box per tensor, sized by its shape, left to right,
 * labelled with the layer, its output shape and its parameter count; wrapped into rows
 * when wider than `options.maxWidth`, an arrow leading from each row's end to the next's start.
 * A network that branches is drawn as a graph (graph-diagram.ts), its blocks collapsed when big:
 * `networkDiagram({input: [20, 20, 3], layers}, {id: 'classic', title: '…', shapes: 'all', counts: true})`
 * → `'<svg role="img" …>…</svg>'`.
 */
export function networkDiagram(network: DiagramNetwork, options: DiagramOptions): string {
  if (isGraph(network)) return graphDiagram(network, options);
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
      const around = aroundRow({ right: previous.column, bottom: previous.bottom, edge, y: middle });
      parts.push(arrow(`M${round(previous.box)} ${round(previous.middle)}${around}H${round(first.left - 5)}`));
    }
    const bottom = lines.floor + space.bottom;
    ends.push({ box: anchors[anchors.length - 1]?.right ?? 0, column: x - GAP, middle, bottom });
    width = Math.max(width, x - GAP + edge);
    y = bottom + ROW_GAP;
  });
  return svgImage(options, Math.ceil(width), Math.ceil(ends[ends.length - 1]?.bottom ?? 0), parts);
}

/** The picture in words, for its caption or a screen reader: `'Input 20×20×3 → Conv2D 20×20×2 (56 parameters) → …'`. */
export function describeDiagram(
  network: DiagramNetwork,
  options: Pick<DiagramOptions, 'shapes' | 'counts' | 'maxWidth' | 'maxHeight' | 'compact' | 'open'>,
): string {
  if (isGraph(network)) return describeGraph(network, options);
  const steps = network.layers.map((layer) => {
    const shape = options.shapes === 'all' ? ` ${layer.outputShape.join('×')}` : '';
    const count = options.counts ? ` (${grouped(layer.params)} parameters)` : '';
    return `${NAMES[layer.type]}${shape}${count}`;
  });
  return [`Input ${network.input.join('×')}`, ...steps].join(' → ');
}
