/**
 * The units a Keras model's own layer names give its picture, where its structure alone does not
 * (see `diagram-blocks.ts` for the blocks its structure gives). Keras applications name their
 * layers in one of two ways, and a reader knows the model by those units:
 *
 * - By a block prefix, `<block>_<role>`: MobileNetV2's `block_3_expand`, `block_3_depthwise`, …,
 *   EfficientNet's `block2a_expand_conv`, `block2a_se_reduce`, …, ResNet's `conv2_block1_1_conv`.
 *   A block without a residual connection is a plain chain (no cut bounds it), so only its
 *   names say where it starts and ends.
 * - By a cell suffix, `<role>_<cell>`: NASNet's `normal_conv_1_5`, `reduction_add_1_stem_1`, its
 *   cells each ending in a concatenation `<kind>_concat_<cell>`. A cell takes the outputs of the
 *   two cells before it, so almost no layer is on every path and the cells are not blocks between
 *   cuts; nor are their layers consecutive in Keras's order, which goes by depth across cells.
 *
 * Layers Keras named itself (`activation_23`, `add_1`: the class's name in snake case, maybe with
 * a number) or that have no name tell nothing of their block.
 *
 * Why names, and why only after the structure (`collapse` in graph-diagram.ts tries the blocks
 * between cuts and their runs first): every network has a structure, only some have names worth
 * reading, and where the structure is enough (ResNet50's 25 boxes, DenseNet121's 27, InceptionV3's
 * 31, Xception's 27) it shows more of each layer. Where it is not, the names are what a reader
 * knows the model by: MobileNetV2 went from 71 boxes (its 7 blocks without a residual connection
 * left as 8 or 9 layers each) to 26, EfficientNetB0 from 83 to 30, and NASNetMobile from 6 (one
 * block of 766 layers) to 22. A shared prefix names a block when it is two words or more
 * (`block_3`, `expanded_conv`) or one word with a number (`block2a`): one plain word names a part
 * of the model rather than one of its repeated blocks (`stem_conv`, `stem_bn`; `top_conv`, `top_bn`),
 * whose few layers are clearer drawn one by one.
 */
import { LAYERS } from './layers';
import { sourcesOf, type DiagramLayer } from './diagram-parts';

/** Layers `first` to `last` (indexes in the order given, inclusive) that the model's names make one unit. */
export interface NamedRange {
  /** What the model calls it: `'block_3'`, `'block2a'`, `'normal cell 5'`. */
  name: string;
  first: number;
  last: number;
}

/** Keras's name for a class's layers, `to_snake_case` in keras/src/utils/naming.py: `'ZeroPadding2D'` → `'zero_padding2d'`. */
const snake = (className: string) =>
  className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** Whether a layer's name is one Keras makes up (`'conv2d'`, `'activation_23'`), or it has none. */
export function isAutoName(layer: Pick<DiagramLayer, 'type' | 'name'>): boolean {
  const { name } = layer;
  if (name === undefined) return true;
  const base = name.replace(/_\d+$/, '');
  return LAYERS[layer.type].keras.classes.some((c) => snake(c) === base);
}

/** `'block_3_expand'` → `['block', '3', 'expand']`. */
const words = (name: string) => name.split('_');

/** The leading words two names share, leaving at least one word of each after them. */
function sharedPrefix(a: readonly string[], b: readonly string[]): string[] {
  const shared: string[] = [];
  for (let k = 0; k < Math.min(a.length, b.length) - 1 && a[k] === b[k]; k++) shared.push(a[k] ?? '');
  return shared;
}

/** Whether a shared prefix names a block: two words or more (`block_3`, `expanded_conv`), or one with a number (`block2a`). */
const namesBlock = (prefix: readonly string[]) => prefix.length >= 2 || /\d/.test(prefix[0] ?? '');

/**
 * The blocks a block prefix gives: maximal runs of two or more consecutive layers whose neighbours'
 * names share a prefix that names a block, each named by what all of its layers share.
 * MobileNetV2's `expanded_conv_depthwise` … `expanded_conv_project_BN`, then `block_1_expand` …
 * `block_1_project_BN` → `[{name: 'expanded_conv', first: 3, last: 7}, {name: 'block_1', first: 8, last: 16}, …]`;
 * `stem_conv` and `stem_bn` (one word, no number) or `Conv_1` and `Conv_1_bn` (nothing after `Conv_1`) share none.
 */
export function prefixBlocks(layers: readonly DiagramLayer[]): NamedRange[] {
  const ranges: NamedRange[] = [];
  let start = 0;
  let prefix: string[] = [];
  const close = (end: number) => {
    if (end > start) ranges.push({ name: prefix.join('_'), first: start, last: end });
  };
  layers.forEach((layer, i) => {
    const before = layers[i - 1];
    const shared =
      before && !isAutoName(before) && !isAutoName(layer)
        ? sharedPrefix(words(before.name ?? ''), words(layer.name ?? ''))
        : [];
    if (i > 0 && namesBlock(shared)) {
      // The run's name is what all of its layers share: the shortest of its neighbours' prefixes.
      if (i - 1 === start || shared.length < prefix.length) prefix = shared;
      return;
    }
    close(i - 1);
    start = i;
    prefix = [];
  });
  close(layers.length - 1);
  return ranges;
}

/** A model's cells, each named by its concatenation `<kind>_concat_<cell>`: `'normal_concat_5'` → cell `'5'`, a normal cell. */
function cellNames(layers: readonly DiagramLayer[]): Map<string, string> {
  const cells = new Map<string, string>();
  for (const layer of layers) {
    const match =
      layer.type === 'concatenate' && !isAutoName(layer) ? /^([a-z]+)_concat_(.+)$/.exec(layer.name ?? '') : null;
    if (match?.[1] && match[2]) cells.set(match[2], `${match[1]} cell ${match[2]}`);
  }
  return cells;
}

/**
 * Each layer's cell, for a model named by cell suffixes (none has one otherwise): a layer it
 * named whose name ends in `_<cell>` (the longest such cell: `_reduce_4`, not `_4`), and a layer
 * Keras named itself (a cell's ReLUs, its zero padding and cropping, one of its adds) if every
 * layer it feeds is in one cell. NASNetMobile's 770 layers: 765 in its 16 cells — stem_1, stem_2,
 * 0 to 3, reduce_4, 5 to 8, reduce_8, 9 to 12 — and its stem's convolution and normalization, the
 * last ReLU, the pooling and the classifier alone.
 */
export function cellsOf(layers: readonly DiagramLayer[]): (string | undefined)[] {
  const cells = cellNames(layers);
  if (cells.size < 2) return layers.map(() => undefined);
  const ids = [...cells.keys()].sort((a, b) => b.length - a.length);
  const cell: (string | undefined)[] = layers.map((layer) =>
    isAutoName(layer) ? undefined : ids.find((id) => layer.name?.endsWith(`_${id}`)),
  );
  const takers = layers.map(() => [] as number[]);
  layers.forEach((layer, i) => {
    for (const s of sourcesOf(layer, i)) if (s >= 0) takers[s]?.push(i);
  });
  // From the last layer back, so that a chain of unnamed layers (zero padding, then cropping) takes its cell from the end.
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    if (!layer || !isAutoName(layer)) continue;
    const taken = new Set((takers[i] ?? []).map((t) => cell[t]));
    const [only] = taken;
    if (taken.size === 1 && only !== undefined) cell[i] = only;
  }
  return cell;
}

/**
 * The order a picture draws the layers in for its cells to be boxes: a topological order with
 * each cell's layers together, cells (and layers in none) as early as they can be, each cell's
 * layers in their own order — or `undefined` where the order given will do (no cells, or they are
 * consecutive already) or none will (the cells take one another's outputs in a cycle).
 */
export function cellOrder(layers: readonly DiagramLayer[]): number[] | undefined {
  const cell = cellsOf(layers);
  const key = (i: number) => cell[i] ?? `#${i}`;
  const members = new Map<string, number[]>();
  layers.forEach((_, i) => members.set(key(i), [...(members.get(key(i)) ?? []), i]));
  if (members.size === layers.length) return undefined;
  const needs = new Map<string, Set<string>>([...members.keys()].map((k) => [k, new Set<string>()]));
  layers.forEach((layer, i) => {
    for (const s of sourcesOf(layer, i)) if (s >= 0 && key(s) !== key(i)) needs.get(key(i))?.add(key(s));
  });
  const order: number[] = [];
  const done = new Set<string>();
  // Kahn's algorithm, the unit whose first layer comes first taken first: keys are in that order already.
  const pending = [...members.keys()];
  while (pending.length > 0) {
    const next = pending.findIndex((k) => [...(needs.get(k) ?? [])].every((n) => done.has(n)));
    if (next === -1) return undefined;
    const [k = ''] = pending.splice(next, 1);
    done.add(k);
    order.push(...(members.get(k) ?? []));
  }
  return order.every((v, i) => v === i) ? undefined : order;
}

/** The cells of a model named by cell suffixes, where each cell's layers are consecutive (as `cellOrder` puts them). */
export function cellRanges(layers: readonly DiagramLayer[]): NamedRange[] {
  const names = cellNames(layers);
  const cell = cellsOf(layers);
  const ranges: NamedRange[] = [];
  cell.forEach((c, i) => {
    const last = ranges[ranges.length - 1];
    const name = c === undefined ? undefined : names.get(c);
    if (name === undefined) return;
    if (last?.name === name && last.last === i - 1) last.last = i;
    else ranges.push({ name, first: i, last: i });
  });
  // A cell whose layers are not consecutive (the order was not `cellOrder`'s) is no box.
  const seen = new Map<string, number>();
  for (const r of ranges) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  return ranges.filter((r) => seen.get(r.name) === 1 && r.last > r.first);
}
