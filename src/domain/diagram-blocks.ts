/**
 * The blocks of a network that branches, for its picture: the layers every path goes through
 * (cuts), the blocks between them — a residual or inception block, from the layer that forks to
 * the merge that joins its branches again — and runs of like blocks (ResNet's identity blocks,
 * DenseNet's dense layers), which a big graph's picture draws as one box each. Where a model's
 * layer names say what its blocks are (`diagram-names.ts`), those are boxes too.
 */
import { sourcesOf, type DiagramLayer } from './diagram-parts';
import { cellRanges, cellsOf, prefixBlocks, type NamedRange } from './diagram-names';

export { sourcesOf };

/** Layers `first` to `last` (indexes, inclusive) drawn as one box: a block, or a run of like blocks. */
export interface Group {
  /** `'12-21'`: its layers as the picture numbers them (from 1), unique in the network. */
  id: string;
  kind: 'block' | 'run';
  first: number;
  last: number;
  /** A run's blocks, or the blocks between cuts inside a named block, in order (a block between cuts has none). */
  blocks: Group[];
  /** A block the model's names give: what the model calls it (`'block_3'`, `'normal cell 5'`). */
  name?: string;
}

/**
 * How much of a graph is collapsed: nothing; every block between cuts; also every run of like
 * blocks; every block the names' prefixes give (and the blocks between cuts outside them); or every
 * cell the names' suffixes give, the layers then in `cellOrder`'s order.
 */
export type CollapseLevel = 'whole' | 'blocks' | 'runs' | 'names' | 'cells';

/** What a picture draws as one box: a layer (`first === last`; -1 is the network's input), or a collapsed group. */
export interface Unit {
  first: number;
  last: number;
  group?: Group;
}

/**
 * Which nodes of a DAG every path from a source to a sink goes through, for nodes numbered in a
 * topological order (each node's `preds` come before it): `cutPoints([[], [0], [1], [1], [2, 3]])`
 * (a fork at 1 joined at 4) → `[true, true, false, false, true]`. Such a node is alone in its rank
 * of a layered drawing, so the picture may wrap into rows there, and blocks lie between two of them.
 */
export function cutPoints(preds: readonly (readonly number[])[]): boolean[] {
  const n = preds.length;
  const farthest = new Array<number>(n).fill(-1);
  let lastSource = 0;
  for (const [v, ps] of preds.entries()) {
    if (ps.length === 0) lastSource = v;
    for (const p of ps) farthest[p] = Math.max(farthest[p] ?? -1, v);
  }
  const firstSink = farthest.findIndex((f) => f === -1);
  // A node is on every path when no edge jumps over it, no source comes after it and no sink before.
  let reach = -1;
  return preds.map((_, v) => {
    const cut = reach <= v && v >= lastSource && v <= firstSink;
    reach = Math.max(reach, farthest[v] ?? -1);
    return cut;
  });
}

/** The network's nodes as `cutPoints` numbers them: 0 is the input, node `i + 1` is layer `i`. */
const layerPreds = (layers: readonly DiagramLayer[]) => [
  [],
  ...layers.map((layer, i) => sourcesOf(layer, i).map((s) => s + 1)),
];

const idOf = (first: number, last: number) => `${first + 1}-${last + 1}`;

/**
 * The network's blocks, in order: the layers between two cuts that more than one path joins (the
 * last of them is the merge), with the weightless layers right after the merge that keep its shape
 * (a residual block's activation), as Keras names them part of the block. ResNet50's 16 blocks span
 * 10 to 12 layers each; a network that never branches between two cuts has none.
 */
export function findBlocks(layers: readonly DiagramLayer[]): Group[] {
  const cuts = cutPoints(layerPreds(layers));
  const blocks: Group[] = [];
  let previous = -1;
  for (const [node, cut] of cuts.entries()) {
    if (!cut) continue;
    // Layers previous … node - 1 lie between the cut nodes `previous` and `node` (layer = node - 1).
    if (previous >= 0 && node - previous > 1) {
      const merge = node - 1;
      let last = merge;
      const shape = layers[merge]?.outputShape.join('×');
      // Only cuts are taken in (a chain after the merge), so the next block still starts after them.
      for (;;) {
        const next = layers[last + 1];
        const from = next ? sourcesOf(next, last + 1) : [];
        if (!next || !cuts[last + 2] || from.length !== 1 || from[0] !== last) break;
        if (next.params !== 0 || next.outputShape.join('×') !== shape || next.sharedWith !== undefined) break;
        last += 1;
      }
      blocks.push({ id: idOf(previous, last), kind: 'block', first: previous, last, blocks: [] });
    }
    previous = node;
  }
  return blocks;
}

/** A block's structure, equal for blocks that differ only in their sizes: each layer's type and where its inputs are. */
const signature = (layers: readonly DiagramLayer[], block: Group) =>
  layers
    .slice(block.first, block.last + 1)
    .map((layer, j) => `${layer.type}:${sourcesOf(layer, block.first + j).map((s) => s - block.first - j)}`)
    .join(' ');

/**
 * Blocks grouped into runs: consecutive blocks of the same structure (ResNet50's conv2_block2 and
 * conv2_block3) make a run; a block unlike its neighbours stays alone.
 */
export function findRuns(layers: readonly DiagramLayer[], blocks: readonly Group[]): Group[] {
  const groups: Group[] = [];
  let run: Group[] = [];
  const flush = () => {
    const [head] = run;
    const tail = run[run.length - 1];
    if (head && tail) {
      groups.push(
        run.length === 1
          ? head
          : { id: idOf(head.first, tail.last), kind: 'run', first: head.first, last: tail.last, blocks: run },
      );
    }
    run = [];
  };
  for (const block of blocks) {
    const before = run[run.length - 1];
    if (!before || before.last + 1 !== block.first || signature(layers, before) !== signature(layers, block)) flush();
    run.push(block);
  }
  flush();
  return groups;
}

const named = (range: NamedRange, blocks: Group[]): Group => ({
  id: idOf(range.first, range.last),
  kind: 'block',
  first: range.first,
  last: range.last,
  blocks,
  name: range.name,
});

/**
 * The blocks a block prefix names (`prefixBlocks`), with the blocks between cuts inside each (a
 * named block that is one of them stands for it) and those outside any. A named block that a
 * block between cuts straddles is no box: the structure wins over the names. MobileNetV2 → its
 * 17 inverted-residual blocks, `expanded_conv` and `block_1` to `block_16`, 10 of them residual.
 */
export function namedBlocks(layers: readonly DiagramLayer[]): Group[] {
  const blocks = findBlocks(layers);
  const inside = (b: Group, r: NamedRange) => b.first >= r.first && b.last <= r.last;
  const straddles = (b: Group, r: NamedRange) => b.first <= r.last && b.last >= r.first && !inside(b, r);
  const ranges = prefixBlocks(layers).filter((r) => !blocks.some((b) => straddles(b, r)));
  const groups = [
    ...ranges.map((r) =>
      named(
        r,
        blocks.filter((b) => inside(b, r) && !(b.first === r.first && b.last === r.last)),
      ),
    ),
    ...blocks.filter((b) => !ranges.some((r) => inside(b, r))),
  ];
  return groups.sort((a, b) => a.first - b.first);
}

/** The collapsible groups of a network at a level (see `CollapseLevel`). */
export function groupsAt(layers: readonly DiagramLayer[], level: CollapseLevel): Group[] {
  if (level === 'whole') return [];
  if (level === 'names') return namedBlocks(layers);
  if (level === 'cells') return cellRanges(layers).map((r) => named(r, []));
  const blocks = findBlocks(layers);
  return level === 'blocks' ? blocks : findRuns(layers, blocks);
}

/**
 * Whether a group holds layers of two or more units the model's names give (cells, or else blocks
 * a prefix names): a box that hides the model's own units. NASNet's one block between cuts holds
 * nearly all of its 16 cells; ResNet50's blocks each lie in one stage (`conv2`, `conv3`, …).
 */
export function hidesNames(layers: readonly DiagramLayer[], groups: readonly Group[]): boolean {
  const cells = cellsOf(layers);
  const unit: (string | undefined)[] = cells.some((c) => c !== undefined) ? cells : layers.map(() => undefined);
  if (unit !== cells) {
    prefixBlocks(layers).forEach((r, k) => unit.fill(`${k}`, r.first, r.last + 1));
  }
  return allGroups(groups).some(
    (g) => new Set(unit.slice(g.first, g.last + 1).filter((u) => u !== undefined)).size > 1,
  );
}

/** What is drawn: the units in order, and the groups drawn open (in frames), outermost first. */
export interface Units {
  units: Unit[];
  open: Group[];
}

/**
 * The boxes a picture draws, in order: the input, then each layer, except that a group not in
 * `open` is one box; an open run shows its blocks (each collapsed unless open too), an open block
 * its layers. `units(resnet50, groupsAt(resnet50, 'blocks'), [])` → 25 units: the input, 6 stem
 * layers, 16 blocks, the pooling and the classifier.
 */
export function units(layers: readonly DiagramLayer[], groups: readonly Group[], open: readonly string[]): Units {
  const opened = new Set(open);
  const result: Units = { units: [{ first: -1, last: -1 }], open: [] };
  const add = (from: number, to: number, inside: readonly Group[]) => {
    let i = from;
    for (const group of inside) {
      for (; i < group.first; i++) result.units.push({ first: i, last: i });
      if (!opened.has(group.id)) result.units.push({ first: group.first, last: group.last, group });
      else {
        result.open.push(group);
        add(group.first, group.last, group.blocks);
      }
      i = group.last + 1;
    }
    for (; i <= to; i++) result.units.push({ first: i, last: i });
  };
  add(0, layers.length - 1, groups);
  return result;
}

/** Every group of a level, runs' blocks included: the ids a reader may open. */
export const allGroups = (groups: readonly Group[]): Group[] => groups.flatMap((g) => [g, ...allGroups(g.blocks)]);
