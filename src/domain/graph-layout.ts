/**
 * A layered drawing of a DAG, left to right (Sugiyama's method, as dagre and ELK do it, small):
 * ranks by longest path, long edges through dummy points, barycentric ordering within each rank,
 * then positions across the ranks by weighted isotonic regression, so that chains run straight
 * and boxes never overlap. Pure and deterministic: the same graph always gives the same drawing.
 */

/** A node's room across the ranks (above and below its middle line) and along them (its column's width). */
export interface LayoutNode {
  above: number;
  below: number;
  width: number;
}

/** An edge, from an earlier node to a later one (nodes are numbered in a topological order). */
export interface LayoutEdge {
  from: number;
  to: number;
}

export interface Layout {
  /** Each node's rank; dummy points (numbered from `nodes.length`) included. */
  rank: number[];
  /** Each node's middle line across the ranks; the spine is at 0. */
  y: number[];
  /** The nodes of each rank, in order from the top. */
  ranks: number[][];
  /** Each edge as the nodes it passes: its source, its dummy points, its target. */
  chains: number[][];
  /** Whether each node is on the spine: the longest path, drawn straight along the top. */
  spine: boolean[];
}

/** Room around a dummy point (an edge passing a rank), and between neighbours in a rank. */
const POINT = 4;
const SPACING = 10;
const SWEEPS = 8;
/** How strongly the spine keeps to its line, and long edges to theirs, against other nodes. */
const PINNED = 1e6;
const STRAIGHT = 2;

/**
 * Lays the graph out: `layeredLayout([a, b, c, d], [{from: 0, to: 1}, {from: 1, to: 3}, {from: 0, to: 2}, {from: 2, to: 3}])`
 * puts a in rank 0, b and c side by side in rank 1 (b, on the spine, above), d in rank 2.
 */
export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Layout {
  const n = nodes.length;
  const preds = nodes.map(() => [] as number[]);
  const succs = nodes.map(() => [] as number[]);
  for (const { from, to } of edges) {
    preds[to]?.push(from);
    succs[from]?.push(to);
  }
  const rank = ranks(preds, succs);
  const spine = spineOf(rank, preds);

  // Dummy points: an edge over several ranks passes one in each rank between.
  const chains: number[][] = [];
  const dummyRank: number[] = [];
  for (const { from, to } of edges) {
    const chain = [from];
    for (let r = (rank[from] ?? 0) + 1; r < (rank[to] ?? 0); r++) {
      chain.push(n + dummyRank.length);
      dummyRank.push(r);
    }
    chain.push(to);
    chains.push(chain);
  }
  const all = [...rank, ...dummyRank];
  const up = all.map(() => [] as number[]);
  const down = all.map(() => [] as number[]);
  for (const chain of chains) {
    for (let i = 1; i < chain.length; i++) {
      const [a, b] = [chain[i - 1] ?? 0, chain[i] ?? 0];
      down[a]?.push(b);
      up[b]?.push(a);
    }
  }
  const isSpine = all.map((_, v) => spine[v] === true);
  const order = ordering(all, up, down, isSpine);
  const room = (v: number) => nodes[v] ?? { above: POINT, below: POINT, width: 0 };
  const y = positions(order, up, down, isSpine, room, (v) => v >= n);
  return { rank: all, y, ranks: order, chains, spine: isSpine };
}

/** Longest-path ranks, with every source but the first pulled right up to the rank before its first consumer. */
function ranks(preds: readonly number[][], succs: readonly number[][]): number[] {
  const rank = preds.map(() => 0);
  for (const [v, ps] of preds.entries()) rank[v] = ps.length === 0 ? 0 : 1 + Math.max(...ps.map((p) => rank[p] ?? 0));
  // A second input (a siamese pair's, a model's metadata) sits just before the layer that takes it.
  for (const [v, ps] of preds.entries()) {
    const consumers = succs[v] ?? [];
    if (v > 0 && ps.length === 0 && consumers.length > 0) {
      rank[v] = Math.max(0, Math.min(...consumers.map((s) => rank[s] ?? 0)) - 1);
    }
  }
  return rank;
}

/** The spine: back from the deepest node (the last of them), through a predecessor one rank before each time. */
function spineOf(rank: readonly number[], preds: readonly number[][]): boolean[] {
  const spine = rank.map(() => false);
  let deepest = 0;
  for (const [v, r] of rank.entries()) if (r >= (rank[deepest] ?? 0)) deepest = v;
  for (let v: number | undefined = deepest; v !== undefined;) {
    spine[v] = true;
    const r: number = rank[v] ?? 0;
    v = preds[v]?.find((p) => rank[p] === r - 1);
  }
  return spine;
}

/** The order of each rank's nodes: the spine first, the others by the mean position of their neighbours, fewest crossings kept. */
function ordering(rank: readonly number[], up: number[][], down: number[][], spine: readonly boolean[]): number[][] {
  const count = Math.max(-1, ...rank) + 1;
  let order: number[][] = Array.from({ length: count }, () => []);
  for (const [v, r] of rank.entries()) order[r]?.push(v);
  const sweep = (current: number[][], r: number, neighbours: number[][], side: number) => {
    const position = new Map((current[side] ?? []).map((v, i) => [v, i]));
    const own = new Map((current[r] ?? []).map((v, i) => [v, i]));
    const centre = (v: number) => {
      const ps = (neighbours[v] ?? []).map((u) => position.get(u)).filter((p) => p !== undefined);
      return ps.length === 0 ? (own.get(v) ?? 0) : ps.reduce((a, b) => a + b, 0) / ps.length;
    };
    const keyed = (current[r] ?? []).map((v) => ({ v, key: spine[v] ? -Infinity : centre(v), at: own.get(v) ?? 0 }));
    keyed.sort((a, b) => a.key - b.key || a.at - b.at);
    current[r] = keyed.map((k) => k.v);
  };
  // First placement: each rank by its predecessors, top-down.
  for (let r = 1; r < count; r++) sweep(order, r, up, r - 1);
  let best = order.map((rankOrder) => [...rankOrder]);
  let fewest = crossingsOf(best, down);
  for (let i = 0; i < SWEEPS; i++) {
    if (i % 2 === 0) for (let r = count - 2; r >= 0; r--) sweep(order, r, down, r + 1);
    else for (let r = 1; r < count; r++) sweep(order, r, up, r - 1);
    const crossings = crossingsOf(order, down);
    if (crossings < fewest) {
      fewest = crossings;
      best = order.map((rankOrder) => [...rankOrder]);
    }
  }
  order = best;
  return order;
}

/** Edge crossings of an ordering: pairs of edges between two ranks whose ends come in opposite orders. */
function crossingsOf(order: readonly number[][], down: readonly number[][]): number {
  let total = 0;
  for (let r = 0; r + 1 < order.length; r++) {
    const next = new Map((order[r + 1] ?? []).map((v, i) => [v, i]));
    const segments: [number, number][] = [];
    for (const [i, v] of (order[r] ?? []).entries()) {
      for (const w of down[v] ?? []) segments.push([i, next.get(w) ?? 0]);
    }
    total += crossings(segments);
  }
  return total;
}

/**
 * How many pairs of segments cross, each given by its ends' positions on two parallel lines:
 * `crossings([[0, 1], [1, 0], [0, 2]])` → 1. Segments that share an end do not cross. Counted as
 * inversions with a Fenwick tree, so that a rank of a thousand edges costs little.
 */
export function crossings(segments: readonly (readonly [number, number])[]): number {
  const ends = [...new Set(segments.map((s) => s[1]))].sort((a, b) => a - b);
  const index = new Map(ends.map((e, i) => [e, i + 1]));
  const tree = new Array<number>(ends.length + 1).fill(0);
  const add = (i: number) => {
    for (; i < tree.length; i += i & -i) tree[i] = (tree[i] ?? 0) + 1;
  };
  const upTo = (i: number) => {
    let sum = 0;
    for (; i > 0; i -= i & -i) sum += tree[i] ?? 0;
    return sum;
  };
  const sorted = [...segments].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let inserted = 0;
  for (let i = 0; i < sorted.length;) {
    // Segments starting at the same point cross none of each other: count them all, then insert them.
    let j = i;
    while (j < sorted.length && sorted[j]?.[0] === sorted[i]?.[0]) j++;
    for (let k = i; k < j; k++) total += inserted - upTo(index.get(sorted[k]?.[1] ?? 0) ?? 0);
    for (let k = i; k < j; k++) add(index.get(sorted[k]?.[1] ?? 0) ?? 0);
    inserted += j - i;
    i = j;
  }
  return total;
}

/**
 * Each node's middle line: every rank in its order, neighbours at least their room apart, each node
 * as near as it can be to the mean of its neighbours' lines (the spine pinned at 0, long edges held
 * straighter), found by sweeping down and up the ranks a few times.
 */
function positions(
  order: readonly number[][],
  up: readonly number[][],
  down: readonly number[][],
  spine: readonly boolean[],
  room: (v: number) => LayoutNode,
  isDummy: (v: number) => boolean,
): number[] {
  const y = new Array<number>(up.length).fill(0);
  const gaps = (rankOrder: readonly number[]) =>
    rankOrder.slice(1).map((v, i) => room(rankOrder[i] ?? 0).below + room(v).above + SPACING);
  for (const rankOrder of order) {
    let at = 0;
    const g = gaps(rankOrder);
    rankOrder.forEach((v, i) => {
      y[v] = at;
      at += g[i] ?? 0;
    });
  }
  const place = (rankOrder: readonly number[], neighbours: readonly (readonly number[])[], both?: boolean) => {
    const desired = rankOrder.map((v) => {
      if (spine[v]) return 0;
      // A dummy point keeps to the line of the point before it: a long edge runs straight and bends at its end.
      const ns = isDummy(v) ? (up[v] ?? []) : both ? [...(up[v] ?? []), ...(down[v] ?? [])] : (neighbours[v] ?? []);
      return ns.length === 0 ? (y[v] ?? 0) : ns.reduce((sum, u) => sum + (y[u] ?? 0), 0) / ns.length;
    });
    const weights = rankOrder.map((v) => (spine[v] ? PINNED : isDummy(v) ? STRAIGHT : 1));
    const placed = isotonic(desired, weights, gaps(rankOrder));
    rankOrder.forEach((v, i) => (y[v] = placed[i] ?? 0));
  };
  for (let i = 0; i < 4; i++) {
    for (let r = 1; r < order.length; r++) place(order[r] ?? [], up);
    for (let r = order.length - 2; r >= 0; r--) place(order[r] ?? [], down);
  }
  for (const rankOrder of order) place(rankOrder, up, true);
  return y;
}

/**
 * Positions in order, each at least `gaps[i]` after the one before, as near as they can be to
 * `desired` (least squares, weighted): the pool-adjacent-violators algorithm on positions less
 * their gaps. `isotonic([0, 0], [1, 1], [10])` → `[-5, 5]`.
 */
export function isotonic(desired: readonly number[], weights: readonly number[], gaps: readonly number[]): number[] {
  const offset: number[] = [];
  let total = 0;
  for (let i = 0; i < desired.length; i++) {
    offset.push(total);
    total += gaps[i] ?? 0;
  }
  const pools: { sum: number; weight: number; size: number }[] = [];
  for (const [i, d] of desired.entries()) {
    const w = weights[i] ?? 1;
    pools.push({ sum: w * (d - (offset[i] ?? 0)), weight: w, size: 1 });
    for (;;) {
      const last = pools[pools.length - 1];
      const before = pools[pools.length - 2];
      if (!last || !before || before.sum / before.weight <= last.sum / last.weight) break;
      pools.splice(-2, 2, {
        sum: before.sum + last.sum,
        weight: before.weight + last.weight,
        size: before.size + last.size,
      });
    }
  }
  return pools
    .flatMap((pool) => new Array<number>(pool.size).fill(pool.sum / pool.weight))
    .map((q, i) => q + (offset[i] ?? 0));
}
