/**
 * The picture of a network that branches: the same tensor boxes as a straight network's, left to
 * right in ranks, branches side by side, an arrow along every edge (a merge takes each at its own
 * point), skip connections routed around the layers they skip, shared layers tied by a dashed line.
 * A big graph draws its blocks as one box each (see `MAX_BOXES`), which a page may let the reader open.
 */
import { splitIntoRows } from './diagram-rows';
import {
  allGroups,
  cutPoints,
  groupsAt,
  hidesNames,
  sourcesOf,
  units as unitsOf,
  type CollapseLevel,
  type Group,
  type Unit,
} from './diagram-blocks';
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
  textWidth,
  WRAPPED_EDGE,
  type Column,
  type DiagramLayer,
  type DiagramNetwork,
  type DiagramOptions,
  type Spacing,
  type Stage,
} from './diagram-parts';
import { cellOrder } from './diagram-names';
import { escapeMarkup as escape } from './escape-markup';
import { crossings, layeredLayout, type Layout } from './graph-layout';

/**
 * Most boxes a graph's picture draws whole. A bigger graph has each block (a fork to the merge that
 * joins it, see `findBlocks`) drawn as one box, and if that is still more, each run of like blocks:
 * ResNet50's 176 boxes become 25, DenseNet121's 429 become 27. If that is still more, or a block
 * hides several of the units the model's names give, those units are the boxes (`diagram-names.ts`):
 * MobileNetV2's 156 become 26 (its 17 inverted-residual blocks), NASNetMobile's 771 become 22 (its 16 cells).
 */
export const MAX_BOXES = 60;

// Room for a name above its box, around an open block's frame and for the frame's title.
const NAME_HEIGHT = 12;
const FRAME_PAD = 6;
const FRAME_TITLE = 18;
/** How far a collapsed group's second box shows behind its first. */
const STACK = 6;

type Options = Omit<DiagramOptions, 'id' | 'title'>;

/**
 * Whether the network is drawn as a graph: some layer takes another than the one before it, or
 * shares another's weights. A list of layers, even one whose every layer names the one before
 * (as a Keras functional VGG16 does), is drawn as the line it is.
 */
export const isGraph = (network: DiagramNetwork): boolean =>
  network.layers.some(
    (layer, i) =>
      layer.sharedWith !== undefined ||
      (layer.from !== undefined && !(layer.from.length === 1 && layer.from[0] === i - 1)),
  );

/** A group's label: `'12–21·Block'`, a run's `'12–41·Block ×3'`, or what the model calls it, `'block_3'`. */
const groupLabel = (group: Group) =>
  group.name ?? `${range(group)}·${group.kind === 'run' ? `Block ×${group.blocks.length}` : 'Block'}`;
/** A group in a sentence: `'block 12–21'`, `'the run of 3 blocks 12–41'`, `'block_3'`. */
const groupName = (group: Group) =>
  group.name ??
  (group.kind === 'run' ? `the run of ${group.blocks.length} blocks ${range(group)}` : `block ${range(group)}`);
const range = (group: Group) => `${group.first + 1}–${group.last + 1}`;
const layerCount = (group: Group) => group.last - group.first + 1;
const groupParams = (network: DiagramNetwork, group: Group) =>
  network.layers.slice(group.first, group.last + 1).reduce((sum, layer) => sum + layer.params, 0);

/** The box of a unit: the input, a layer as the line picture labels it (by its number in the model), or a collapsed group. */
function unitStage(plan: Plan, unit: Unit, options: Options): Stage {
  const { network } = plan;
  const { group } = unit;
  const layer = network.layers[unit.first];
  if (unit.first === -1 || !layer) return inputStage(network.input);
  if (!group) return layerStage(layer, plan.numbers[unit.first] ?? unit.first, options);
  const shape = network.layers[group.last]?.outputShape ?? layer.outputShape;
  const count = options.counts ? grouped(groupParams(network, group)) : '?';
  return {
    name: `${options.interactive ? '+ ' : ''}${groupLabel(group)}`,
    kind: 'block',
    shape,
    shapeLabel: options.shapes === 'all' ? shape.join('×') : '?',
    countLabel: `${layerCount(group)} layers, ${count} params`,
  };
}

/**
 * What a picture draws: the network, its layers in the order drawn (`numbers` gives each one's
 * index in the model), collapsed to `level`'s groups.
 */
interface Plan {
  network: DiagramNetwork;
  numbers: readonly number[];
  level: CollapseLevel;
  groups: Group[];
}

/** The network with its layers in `order` (each layer's inputs renumbered), and each one's index in the model. */
function reordered(network: DiagramNetwork, order: readonly number[]): Pick<Plan, 'network' | 'numbers'> {
  const position = new Map(order.map((v, k) => [v, k]));
  const at = (i: number) => (i < 0 ? i : (position.get(i) ?? i));
  const layers = order.map((i) => {
    const layer = network.layers[i] as DiagramLayer;
    return {
      ...layer,
      from: sourcesOf(layer, i).map(at),
      sharedWith: layer.sharedWith === undefined ? undefined : at(layer.sharedWith),
    };
  });
  return { network: { ...network, layers }, numbers: order };
}

/**
 * The level a picture collapses to, and its groups: the least collapsed that draws at most
 * `MAX_BOXES` (and fits `maxHeight`), in the order whole, blocks, runs, named blocks, cells —
 * the structure first, which every network has, the names where it is not enough. A level of
 * blocks between cuts that hide several of the names' units is passed over; if no level fits, the
 * one of fewest boxes.
 */
function collapse(network: DiagramNetwork, options: Options): Plan {
  const numbers = network.layers.map((_, i) => i);
  let chosen: Plan & { boxes: number } = { network, numbers, level: 'whole', groups: [], boxes: Infinity };
  for (const level of ['whole', 'blocks', 'runs', 'names', 'cells'] as const) {
    const order = level === 'cells' ? cellOrder(network.layers) : undefined;
    const plan = { ...(order ? reordered(network, order) : { network, numbers }), level };
    const { layers } = plan.network;
    const groups = groupsAt(layers, level);
    if (level !== 'whole' && groups.length === 0) continue;
    if (level === 'runs' && groups.every((g) => g.kind === 'block')) continue;
    if (level === 'names' && groups.every((g) => g.name === undefined)) continue;
    if ((level === 'blocks' || level === 'runs') && hidesNames(layers, groups)) continue;
    const boxes = unitsOf(layers, groups, []).units.length;
    if (boxes < chosen.boxes) chosen = { ...plan, groups, boxes };
    if (boxes > MAX_BOXES) continue;
    if (options.maxHeight === undefined || draw({ ...plan, groups }, options, []).height <= options.maxHeight) {
      return { ...plan, groups };
    }
  }
  return chosen;
}

/** A unit's place in the picture: its column, its middle line, and its box's left edge. */
interface Placed {
  column: Column;
  middle: number;
  left: number;
  centre: number;
}

/** A picture of the graph and what it measures. */
export interface GraphPicture {
  svg: string;
  width: number;
  height: number;
  /** The boxes drawn (the input, layers and collapsed groups). */
  boxes: number;
  /** Pairs of edges that cross between two ranks. */
  crossings: number;
  /** Lines of boxes: the picture's rows, each counted once for every line its branches put boxes on. */
  lines: number;
  level: CollapseLevel;
  /** The ids of every group a reader may open at this level, runs' blocks included. */
  openable: string[];
}

/**
 * Draws the graph, collapsed as `collapse` decides, with the groups in `options.open` opened:
 * `drawGraph(resnet50, {…, shapes: 'all', counts: true})` → 25 boxes, 0 crossings.
 */
export function drawGraph(network: DiagramNetwork, options: DiagramOptions): GraphPicture {
  const plan = collapse(network, options);
  const openable = allGroups(plan.groups).map((g) => g.id);
  const ids = new Set(openable);
  const open = (options.open ?? []).filter((id) => ids.has(id));
  const picture = draw(plan, options, open);
  const role = options.interactive && ids.size > 0 ? 'group' : 'img';
  return {
    ...picture,
    level: plan.level,
    openable,
    svg: svgImage(options, picture.width, picture.height, picture.parts, role),
  };
}

/** The graph as an SVG picture (see `networkDiagram`). */
export const graphDiagram = (network: DiagramNetwork, options: DiagramOptions): string =>
  drawGraph(network, options).svg;

/** How many lines of boxes the picture has: its rows, each counted once per branch drawn side by side. */
export const graphRows = (network: DiagramNetwork, options: Options): number =>
  drawGraph(network, { ...options, id: 'rows', title: '' }).lines;

/** Draws the units of the plan's groups (those in `open` opened) in ranks, wrapped into rows no wider than `options.maxWidth`. */
function draw(plan: Plan, options: Options, open: readonly string[]) {
  const { network, groups } = plan;
  const space: Spacing = options.compact ? PAPER : SCREEN;
  const { units, open: frames } = unitsOf(network.layers, groups, open);
  const unitOf = new Map<number, number>();
  units.forEach((unit, k) => {
    for (let i = unit.first; i <= unit.last; i++) unitOf.set(i, k);
  });
  const columns = units.map((unit) => column(unitStage(plan, unit, options), space));
  const nodes = units.map((unit, k) => {
    const { box: b, width } = columns[k] as Column;
    const half = (b.h + b.dy) / 2;
    const stack = unit.group ? STACK : 0;
    return {
      above: half + space.top - space.name + NAME_HEIGHT + stack,
      below: half + space.bottom,
      width: width + stack,
    };
  });

  // Edges between units; into or out of a collapsed group, one for all the layers' edges it stands for.
  const edges: { from: number; to: number }[] = [];
  const seen = new Set<string>();
  const preds = units.map(() => [] as number[]);
  network.layers.forEach((layer, i) => {
    const to = unitOf.get(i) ?? 0;
    for (const source of sourcesOf(layer, i)) {
      const from = unitOf.get(source) ?? 0;
      if (from === to) continue;
      const key = `${from}>${to}`;
      if ((units[from]?.group || units[to]?.group) && seen.has(key)) continue;
      seen.add(key);
      edges.push({ from, to });
      preds[to]?.push(from);
    }
  });
  const layout = { ...layeredLayout(nodes, [...edges, ...keepApart(units, frames, edges)]) };
  // The edges that only keep an open block's ranks its own are not drawn.
  layout.chains = layout.chains.slice(0, edges.length);

  // Rows break after a rank that holds one cut alone, unless it is inside an open group. Cells have
  // no cuts between them (each takes the two before it), so there a row may also break after a rank
  // whose one box is a cell or a layer between cells, the edges that pass it going round too.
  const cut = cutPoints(preds);
  const rankCount = Math.max(...layout.rank) + 1;
  const rankWidth = Array.from({ length: rankCount }, (_, r) =>
    Math.max(0, ...(layout.ranks[r] ?? []).map((v) => nodes[v]?.width ?? 0)),
  );
  const bend = rankWidth.map(() => 0);
  // A gap that edges cross steeply is widened, so that they bend gently: by an eighth of the drop, up to 60 px.
  for (const chain of layout.chains) {
    for (let k = 1; k < chain.length; k++) {
      const [a = 0, b = 0] = [chain[k - 1], chain[k]];
      const drop = Math.abs((layout.y[a] ?? 0) - (layout.y[b] ?? 0));
      const r = layout.rank[a] ?? 0;
      bend[r] = Math.max(bend[r] ?? 0, Math.min(60, drop / 8));
    }
  }
  const slot = (r: number) => (rankWidth[r] ?? 0) + (bend[r] ?? 0);
  const breaks = new Set<number>();
  units.forEach((unit, k) => {
    const r = layout.rank[k] ?? 0;
    const inside = frames.some((g) => g.kind === 'block' && g.first <= unit.first && unit.last < g.last);
    const alone =
      plan.level === 'cells'
        ? layout.ranks[r]?.filter((v) => v < units.length).length === 1
        : layout.ranks[r]?.length === 1;
    if ((cut[k] || plan.level === 'cells') && !inside && alone) breaks.add(r);
  });
  const segments: { first: number; last: number; width: number }[] = [];
  for (let r = 0; r < rankCount; r++) {
    const segment = segments[segments.length - 1];
    if (segment && !breaks.has(segment.last)) {
      segment.last = r;
      segment.width += GAP + slot(r);
    } else segments.push({ first: r, last: r, width: slot(r) });
  }
  const oneRow = segments.reduce((sum, s) => sum + s.width, GAP * (segments.length - 1)) + 2 * EDGE;
  const rows =
    options.maxWidth === undefined || oneRow <= options.maxWidth
      ? [segments]
      : splitIntoRows(segments, options.maxWidth - 2 * WRAPPED_EDGE, GAP);
  const edge = rows.length > 1 ? WRAPPED_EDGE : EDGE;

  // Frames of open groups, innermost first, in the layout's lines: around their ranks' boxes and inner
  // frames, a piece in each row an open run spans (a run may wrap between its blocks; a block does not).
  const rankOfUnit = (k: number) => layout.rank[k] ?? 0;
  const rowRanks = rows.map((row) => [row[0]?.first ?? 0, row[row.length - 1]?.last ?? 0] as const);
  const framed: Frame[] = [];
  for (const group of [...frames].sort((a, b) => a.last - a.first - (b.last - b.first))) {
    const inUnits = units.flatMap((u, k) => (u.first >= group.first && u.last <= group.last ? [k] : []));
    const [low, high] = [Math.min(...inUnits.map(rankOfUnit)), Math.max(...inUnits.map(rankOfUnit))];
    for (const [rowFirst, rowLast] of rowRanks) {
      const ranks = [Math.max(low, rowFirst), Math.min(high, rowLast)];
      const [first = 0, last = 0] = ranks;
      if (first > last) continue;
      const inRanks = layout.ranks.slice(first, last + 1).flat();
      let top = Math.min(...inRanks.map((v) => (layout.y[v] ?? 0) - (nodes[v]?.above ?? 4)));
      let bottom = Math.max(...inRanks.map((v) => (layout.y[v] ?? 0) + (nodes[v]?.below ?? 4)));
      let level = 1;
      for (const inner of framed) {
        const [innerFirst = 0, innerLast = 0] = inner.ranks;
        if (
          inner.group.first >= group.first &&
          inner.group.last <= group.last &&
          innerFirst >= first &&
          innerLast <= last
        ) {
          top = Math.min(top, inner.top);
          bottom = Math.max(bottom, inner.bottom);
          level = Math.max(level, inner.level + 1);
        }
      }
      framed.push({
        group,
        ranks,
        top: top - FRAME_PAD - FRAME_TITLE,
        bottom: bottom + FRAME_PAD,
        level,
        titled: first === low,
      });
    }
  }

  // Each row's ranks left to right, its lines moved so that its top is where the row before ended.
  const colLeft: number[] = [];
  const rowOf: number[] = [];
  const rowLines: { offset: number; bottom: number; right: number }[] = [];
  let y = 0;
  let width = 0;
  rows.forEach((row, i) => {
    const [firstRank = 0, lastRank = 0] = [row[0]?.first, row[row.length - 1]?.last];
    let x = edge;
    for (let r = firstRank; r <= lastRank; r++) {
      colLeft[r] = x;
      rowOf[r] = i;
      x += slot(r) + GAP;
    }
    const inRow = layout.ranks.slice(firstRank, lastRank + 1).flat();
    const rowFrames = framed.filter((f) => (f.ranks[0] ?? 0) >= firstRank && (f.ranks[1] ?? 0) <= lastRank);
    const top = Math.min(
      ...inRow.map((v) => (layout.y[v] ?? 0) - (nodes[v]?.above ?? 4)),
      ...rowFrames.map((f) => f.top),
    );
    const bottom = Math.max(
      ...inRow.map((v) => (layout.y[v] ?? 0) + (nodes[v]?.below ?? 4)),
      ...rowFrames.map((f) => f.bottom),
    );
    const end = x - GAP - (bend[lastRank] ?? 0);
    rowLines.push({ offset: y - top, bottom: y + bottom - top, right: end });
    width = Math.max(width, end + edge);
    y += bottom - top + ROW_GAP;
  });
  const height = y - ROW_GAP;
  const lineOf = (v: number) => (layout.y[v] ?? 0) + (rowLines[rowOf[layout.rank[v] ?? 0] ?? 0]?.offset ?? 0);
  const left = (r: number) => colLeft[r] ?? 0;
  const right = (r: number) => (colLeft[r] ?? 0) + (rankWidth[r] ?? 0);

  const placed: Placed[] = units.map((_, k) => {
    const c = columns[k] as Column;
    const centre = left(rankOfUnit(k)) + (rankWidth[rankOfUnit(k)] ?? 0) / 2;
    return { column: c, middle: lineOf(k), centre, left: centre - (c.box.w + c.box.dx) / 2 };
  });

  const parts: string[] = [];
  for (const frame of [...framed].reverse()) parts.push(drawFrame(frame, left, right, rowLines, rowOf, options));
  const measured = drawEdges(layout, placed, units.length, lineOf, left, right, rowOf, rowLines, edge, parts);
  parts.push(...sharedLinks(network, unitOf, layout, placed, right, rowOf));
  const lines = new Set<number>();
  units.forEach((unit, k) => {
    const p = placed[k] as Placed;
    const half = (p.column.box.h + p.column.box.dy) / 2;
    const row = { top: p.middle - half - space.top, middle: p.middle, floor: p.middle + half };
    lines.add(Math.round(p.middle));
    parts.push(drawStage(p.column, p.centre, row, space, unitExtras(unit, p, options)).svg);
  });
  return {
    parts,
    width: Math.ceil(width),
    height: Math.ceil(height),
    boxes: units.length,
    crossings: measured,
    lines: lines.size,
  };
}

/**
 * Edges, not drawn, that keep the ranks of an open block to its own layers, so that its frame
 * holds nothing else: from each unit before it that nothing before it takes to each of its units
 * that take nothing inside it, and from each of its units that nothing inside takes to each unit
 * after it that takes nothing after it. A block between cuts needs none (its fork is before all its
 * layers and its merge after them); a NASNet cell does, as the cell before it takes the same cell as it.
 */
function keepApart(
  units: readonly Unit[],
  frames: readonly Group[],
  edges: readonly { from: number; to: number }[],
): { from: number; to: number }[] {
  const preds = units.map(() => new Set<number>());
  const succs = units.map(() => new Set<number>());
  for (const { from, to } of edges) {
    preds[to]?.add(from);
    succs[from]?.add(to);
  }
  const extra: { from: number; to: number }[] = [];
  for (const group of frames.filter((g) => g.kind === 'block')) {
    const inside = units.flatMap((u, k) => (u.first >= group.first && u.last <= group.last ? [k] : []));
    const [start = 0, end = 0] = [inside[0], inside[inside.length - 1]];
    const within = (v: number) => v >= start && v <= end;
    const entries = inside.filter((k) => ![...(preds[k] ?? [])].some(within));
    const exits = inside.filter((k) => ![...(succs[k] ?? [])].some(within));
    const before = units.flatMap((_, k) => (k < start && ![...(succs[k] ?? [])].some((s) => s < start) ? [k] : []));
    const after = units.flatMap((_, k) =>
      k > end && (preds[k]?.size ?? 0) > 0 && [...(preds[k] ?? [])].every((p) => p < start) ? [k] : [],
    );
    for (const from of before) for (const to of entries) if (!preds[to]?.has(from)) extra.push({ from, to });
    for (const from of exits) for (const to of after) if (!preds[to]?.has(from)) extra.push({ from, to });
  }
  return extra;
}

/** A collapsed group's second box behind its first, and when the page is interactive, its button's attributes. */
function unitExtras(unit: Unit, p: Placed, options: Options) {
  const { group } = unit;
  if (!group) return {};
  const b = p.column.box;
  const top = p.middle - (b.h - b.dy) / 2;
  const under = `<rect class="nd-stack" x="${round(p.left + STACK)}" y="${round(top - b.dy - STACK)}" width="${round(b.w + b.dx)}" height="${round(b.h + b.dy)}"/>`;
  if (!options.interactive) return { under };
  // Named by what it shows, as a button's name should be; aria-expanded says that it opens.
  return { under, attributes: ` data-toggle="${group.id}" role="button" tabindex="0" aria-expanded="false"` };
}

/** An open group's frame, or its piece in one row: its ranks, its top and bottom in the layout's lines, how many frames deep it holds. */
interface Frame {
  group: Group;
  ranks: number[];
  top: number;
  bottom: number;
  level: number;
  /** The first piece has the title (the button that closes the group); the others continue it. */
  titled: boolean;
}

/** An open group's frame around its ranks, its title a button that closes it where the page is interactive. */
function drawFrame(
  frame: Frame,
  left: (r: number) => number,
  right: (r: number) => number,
  rowLines: readonly { offset: number }[],
  rowOf: readonly number[],
  options: Options,
): string {
  const [low = 0, high = 0] = frame.ranks;
  const offset = rowLines[rowOf[low] ?? 0]?.offset ?? 0;
  const pad = FRAME_PAD * frame.level;
  const x = left(low) - pad;
  const top = frame.top + offset;
  const title = `${options.interactive ? '− ' : ''}${groupLabel(frame.group)}`;
  const rect = `<rect class="nd-frame" x="${round(x)}" y="${round(top)}" width="${round(right(high) - left(low) + 2 * pad)}" height="${round(frame.bottom - frame.top)}" rx="6"/>`;
  const text = `<text class="nd-frame-title" x="${round(x + 8)}" y="${round(top + 13)}">${escape(title)}</text>`;
  if (!frame.titled) return `<g class="nd-open">${rect}</g>`;
  if (!options.interactive) return `<g class="nd-open">${rect}${text}</g>`;
  // Only the title is the button (a click inside the frame, on a layer, must not close it), over a target the size of the title.
  const target = `<rect class="nd-frame-target" x="${round(x + 2)}" y="${round(top + 1)}" width="${round(textWidth(title) + 12)}" height="${FRAME_TITLE - 2}" rx="4"/>`;
  return (
    `<g class="nd-open">${rect}<g data-toggle="${frame.group.id}" role="button" tabindex="0" aria-expanded="true">` +
    `${target}${text}</g></g>`
  );
}

/**
 * Every edge as an arrow: out of its source's box, through its dummy points (a skip connection
 * runs beside the layers it skips), into its target — a merge's inputs each at a point of their
 * own on its box. From the end of a row to the next, around as the line picture goes. Returns
 * the number of crossings between ranks, as drawn.
 */
function drawEdges(
  layout: Layout,
  placed: readonly Placed[],
  real: number,
  lineOf: (v: number) => number,
  left: (r: number) => number,
  right: (r: number) => number,
  rowOf: readonly number[],
  rowLines: readonly { bottom: number; right: number }[],
  edge: number,
  parts: string[],
): number {
  const rankOf = (v: number) => layout.rank[v] ?? 0;
  // A merge's inputs, ordered by where they come from, each to its own point on the front of its box.
  const port = new Map<number, number>();
  const incoming = new Map<number, number[]>();
  layout.chains.forEach((chain, i) => {
    const target = chain[chain.length - 1] ?? 0;
    incoming.set(target, [...(incoming.get(target) ?? []), i]);
  });
  for (const [target, chainIds] of incoming) {
    const p = placed[target];
    if (!p) continue;
    if (chainIds.length === 1) {
      port.set(chainIds[0] ?? 0, p.middle);
      continue;
    }
    const b = p.column.box;
    const spread = Math.max(0, Math.min(b.h - 8, 12 * (chainIds.length - 1)));
    const from = (i: number) => {
      const chain = layout.chains[i] ?? [];
      const before = chain[chain.length - 2] ?? 0;
      return rowOf[rankOf(before)] === rowOf[rankOf(target)] ? lineOf(before) : -Infinity;
    };
    [...chainIds]
      .sort((a, b) => from(a) - from(b) || a - b)
      .forEach((i, j) => port.set(i, p.middle + b.dy / 2 - spread / 2 + (spread * j) / (chainIds.length - 1)));
  }

  // The tensors that go round from the end of a row to the next, each in a lane of its own (a fork's
  // edges share one), numbered from the lowest at the row's end (see `aroundRow`).
  const rounds = new Map<string, { lane: number; lanes: number }>();
  const around = new Map<number, Map<number, string[]>>();
  layout.chains.forEach((chain, i) => {
    for (let k = 1; k < chain.length; k++) {
      const r = rankOf(chain[k] ?? 0);
      if (rowOf[r] === rowOf[r - 1]) continue;
      const row = rowOf[r - 1] ?? 0;
      const from = chain[k - 1] ?? 0;
      const passing = around.get(row) ?? around.set(row, new Map()).get(row);
      passing?.set(from, [...(passing.get(from) ?? []), `${i}:${k}`]);
    }
  });
  for (const passing of around.values()) {
    [...passing.keys()]
      .sort((a, b) => lineOf(b) - lineOf(a) || a - b)
      .forEach((from, lane) => {
        for (const key of passing.get(from) ?? []) rounds.set(key, { lane, lanes: passing.size });
      });
  }

  const segments = new Map<number, [number, number][]>();
  layout.chains.forEach((chain, i) => {
    const [source = 0] = chain;
    const s = placed[source] as Placed;
    const pointY = (k: number) => (k === chain.length - 1 ? (port.get(i) ?? 0) : lineOf(chain[k] ?? 0));
    const exit = s.left + s.column.box.w + s.column.box.dx + 4;
    let path = `M${round(exit)} ${round(s.middle)}`;
    let y = s.middle;
    let x = Math.max(exit, right(rankOf(source)));
    path += `H${round(x)}`;
    for (let k = 1; k < chain.length; k++) {
      const v = chain[k] ?? 0;
      const r = rankOf(v);
      const next = pointY(k);
      // Into a box: the arrow's head ends in the gap before it, however wide the box is.
      const end = v >= real ? right(r) : (placed[v]?.left ?? 0) - 9;
      if (rowOf[r] !== rowOf[r - 1]) {
        // Down from the end of the row, under it, back to the left margin and along into the next row.
        const row = rowLines[rowOf[r - 1] ?? 0];
        const { lane = 0, lanes = 1 } = rounds.get(`${i}:${k}`) ?? {};
        path += aroundRow({ right: row?.right ?? 0, bottom: row?.bottom ?? 0, edge, y: next }, lane, lanes);
      } else {
        const x2 = Math.min(left(r), end);
        (segments.get(r) ?? segments.set(r, []).get(r))?.push([y, next]);
        if (Math.abs(next - y) < 0.5) path += `H${round(x2)}`;
        else {
          const middle = round((x + x2) / 2);
          path += `C${middle} ${round(y)} ${middle} ${round(next)} ${round(x2)} ${round(next)}`;
        }
      }
      y = next;
      x = end;
      path += `H${round(end)}`;
    }
    parts.push(arrow(path));
  });
  return [...segments.values()].reduce((sum, s) => sum + crossings(s), 0);
}

/** A dashed line from each shared layer's later call to the layer whose weights it uses, when both are in one row. */
function sharedLinks(
  network: DiagramNetwork,
  unitOf: ReadonlyMap<number, number>,
  layout: Layout,
  placed: readonly Placed[],
  right: (r: number) => number,
  rowOf: readonly number[],
): string[] {
  const links = new Set<string>();
  const parts: string[] = [];
  network.layers.forEach((layer, i) => {
    if (layer.sharedWith === undefined) return;
    const [a, b] = [unitOf.get(layer.sharedWith) ?? 0, unitOf.get(i) ?? 0];
    const [ra, rb] = [layout.rank[a] ?? 0, layout.rank[b] ?? 0];
    if (a === b || rowOf[ra] !== rowOf[rb] || links.has(`${a}-${b}`)) return;
    links.add(`${a}-${b}`);
    const [pa, pb] = [placed[a] as Placed, placed[b] as Placed];
    const exit = (p: Placed) => p.left + p.column.box.w + p.column.box.dx + 4;
    if (ra === rb) {
      // Side by side in one rank: a loop out into the gap on their right, off the edges' middle lines.
      const x = right(ra);
      const [upper, lower] = pa.middle < pb.middle ? [pa, pb] : [pb, pa];
      const [y1, y2] = [upper.middle + upper.column.box.h / 4, lower.middle - lower.column.box.h / 4];
      parts.push(
        `<path class="nd-shared" d="M${round(exit(upper) - 4)} ${round(y1)}H${round(x)}C${round(x + 14)} ${round(y1)} ${round(x + 14)} ${round(y2)} ${round(x)} ${round(y2)}H${round(exit(lower) - 4)}" aria-hidden="true"/>`,
      );
      return;
    }
    const [first, second] = ra < rb ? [pa, pb] : [pb, pa];
    const x = right(Math.min(ra, rb));
    const x2 = second.left - 4;
    const middle = (x + x2) / 2;
    parts.push(
      `<path class="nd-shared" d="M${round(exit(first))} ${round(first.middle)}H${round(x)}C${round(middle)} ${round(first.middle)} ${round(middle)} ${round(second.middle)} ${round(x2)} ${round(second.middle)}" aria-hidden="true"/>`,
    );
  });
  return parts;
}

/**
 * The graph in words, as drawn: each box in order, and where a box takes others than the one before
 * it, which: `'Input 16×16×8 → Conv2D (layer 1) 16×16×8 (584 parameters) → … → Add (layer 6) 16×16×8
 * (0 parameters), from the input and layer 5 → …'`.
 */
export function describeGraph(original: DiagramNetwork, options: Options): string {
  const { network, numbers, groups } = collapse(original, options);
  const number = (i: number) => (numbers[i] ?? i) + 1;
  const ids = new Set(allGroups(groups).map((g) => g.id));
  const { units } = unitsOf(
    network.layers,
    groups,
    (options.open ?? []).filter((id) => ids.has(id)),
  );
  const unitOf = new Map<number, number>();
  units.forEach((unit, k) => {
    for (let i = unit.first; i <= unit.last; i++) unitOf.set(i, k);
  });
  const named = (k: number) => {
    const unit = units[k];
    if (!unit || unit.first === -1) return 'the input';
    return unit.group ? groupName(unit.group) : `layer ${number(unit.first)}`;
  };
  const steps = units.map((unit, k) => {
    const layer = network.layers[unit.first];
    if (unit.first === -1 || !layer) return `Input ${network.input.join('×')}`;
    const { group } = unit;
    const last = network.layers[group?.last ?? unit.first] ?? layer;
    const shape = options.shapes === 'all' ? ` ${last.outputShape.join('×')}` : '';
    const params = group ? groupParams(network, group) : layer.params;
    const count = options.counts ? ` (${grouped(params)} parameters)` : '';
    const what = !group
      ? `${NAMES[layer.type]} (layer ${number(unit.first)})`
      : group.name !== undefined
        ? `${group.name} (${layerCount(group)} layers)`
        : `${group.kind === 'run' ? `${group.blocks.length} like blocks` : 'Block'} of layers ${range(group)}`;
    const sources = [
      ...new Set(
        network.layers
          .slice(unit.first, unit.last + 1)
          .flatMap((l, j) => sourcesOf(l, unit.first + j).map((s) => unitOf.get(s) ?? 0))
          .filter((s) => s !== k),
      ),
    ];
    const from = sources.length === 1 && sources[0] === k - 1 ? '' : `, from ${list(sources.map(named))}`;
    const shared =
      !group && layer.sharedWith !== undefined ? `, sharing the weights of layer ${number(layer.sharedWith)}` : '';
    return `${what}${shape}${count}${from}${shared}`;
  });
  return steps.join(' → ');
}

/** `['a']` → `'a'`; `['a', 'b', 'c']` → `'a, b and c'`. */
const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? 'nothing') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * The rule a collapsed picture follows, in words for its caption; empty when it draws every layer:
 * `collapseNote(drawGraph(resnet50, …), 176)` → `'The 176 layers are drawn in 25 boxes: each block …'`.
 */
export function collapseNote(picture: Pick<GraphPicture, 'level' | 'boxes'>, layers: number): string {
  if (picture.level === 'whole') return '';
  const start = `The ${grouped(layers)} layers are drawn in ${grouped(picture.boxes)} boxes, since a graph of more than ${MAX_BOXES} is hard to read: `;
  if (picture.level === 'names') {
    return `${start}each of the model’s blocks — the layers one after another whose names begin alike, as block_3_expand, block_3_depthwise and block_3_project do — is one box, named as the model names it.`;
  }
  if (picture.level === 'cells') {
    return (
      `${start}each of the model’s cells — the layers whose names end in the cell’s name, as normal_conv_1_5 and normal_concat_5 do, ` +
      `with the unnamed layers they take — is one box, drawn in the order the cells take one another’s outputs.`
    );
  }
  const runs =
    picture.level === 'runs'
      ? ', and blocks alike in their layers and connections that follow one another as one box “Block ×n”'
      : '';
  return (
    start +
    `each block — its branches from a layer whose output several layers take, the merge that joins them again and the weightless layers right after it — is one box${runs}.`
  );
}
