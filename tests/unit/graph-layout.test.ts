import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crossings, isotonic, layeredLayout, type LayoutEdge, type LayoutNode } from '../../src/domain/graph-layout';

const box = (above = 20, below = 30): LayoutNode => ({ above, below, width: 40 });
const edges = (...pairs: [number, number][]): LayoutEdge[] => pairs.map(([from, to]) => ({ from, to }));

/** A random DAG in topological order: every node after the first takes 1 to 3 earlier nodes, and has a size. */
const dag = fc.integer({ min: 2, max: 14 }).chain((n) =>
  fc.record({
    nodes: fc.array(
      fc.record({
        above: fc.integer({ min: 5, max: 80 }),
        below: fc.integer({ min: 5, max: 80 }),
        width: fc.integer({ min: 10, max: 90 }),
      }),
      { minLength: n, maxLength: n },
    ),
    edges: fc.tuple(
      ...Array.from({ length: n - 1 }, (_, i) =>
        fc
          .uniqueArray(fc.integer({ min: 0, max: i }), { minLength: 1, maxLength: 3 })
          .map((from) => from.map((f) => ({ from: f, to: i + 1 }))),
      ),
    ),
  }),
);

describe('layeredLayout', () => {
  test('puts the branches of a fork side by side in one rank, on lines of their own', () => {
    // 0 forks into 1 and 2, which 3 joins.
    const layout = layeredLayout([box(), box(), box(), box()], edges([0, 1], [0, 2], [1, 3], [2, 3]));
    expect(layout.rank.slice(0, 4)).toEqual([0, 1, 1, 2]);
    expect(layout.y[1]).not.toBe(layout.y[2]);
    // The spine (0, one branch, 3) runs straight along 0; the other branch below it, clear of its room.
    expect(layout.y[0]).toBeCloseTo(0, 2);
    expect(layout.y[3]).toBeCloseTo(0, 2);
    const [upper, lower] = [Math.min(layout.y[1] ?? 0, layout.y[2] ?? 0), Math.max(layout.y[1] ?? 0, layout.y[2] ?? 0)];
    expect(lower - upper).toBeGreaterThanOrEqual(30 + 20);
  });

  test('routes a skip connection through a point in every rank it passes, beside the layers it skips', () => {
    // 0 → 1 → 2 → 3 and 0 → 3 directly: the skip passes ranks 1 and 2.
    const layout = layeredLayout([box(), box(), box(), box()], edges([0, 1], [1, 2], [2, 3], [0, 3]));
    const skip = layout.chains[3] ?? [];
    expect(skip).toHaveLength(4);
    expect(skip.map((v) => layout.rank[v])).toEqual([0, 1, 2, 3]);
    // Its points lie on one line below the skipped layers (they are on the spine, at 0).
    const [, a = 0, b = 0] = skip;
    expect(layout.y[a]).toBeCloseTo(layout.y[b] ?? NaN, 2);
    expect(layout.y[a]).toBeGreaterThan(30);
  });

  test('a second input waits in the rank just before the layer that takes it', () => {
    // 0 → 1 → 2 → 4, and input 3 taken only by 4.
    const layout = layeredLayout([box(), box(), box(), box(), box()], edges([0, 1], [1, 2], [2, 4], [3, 4]));
    expect(layout.rank[3]).toBe(2);
  });

  test('draws every edge through consecutive ranks, and no two boxes of a rank overlap', () => {
    fc.assert(
      fc.property(dag, ({ nodes, edges }) => {
        const all = edges.flat();
        const layout = layeredLayout(nodes, all);
        expect(layout.chains).toHaveLength(all.length);
        layout.chains.forEach((chain, i) => {
          expect([chain[0], chain[chain.length - 1]]).toEqual([all[i]?.from, all[i]?.to]);
          chain.slice(1).forEach((v, k) => expect(layout.rank[v]).toBe((layout.rank[chain[k] ?? 0] ?? 0) + 1));
        });
        for (const rank of layout.ranks) {
          const room = (v: number) => nodes[v] ?? { above: 4, below: 4 };
          const sorted = [...rank].sort((a, b) => (layout.y[a] ?? 0) - (layout.y[b] ?? 0));
          for (let k = 1; k < sorted.length; k++) {
            const [u = 0, v = 0] = [sorted[k - 1], sorted[k]];
            // Their rooms (and a dummy point's few px) do not overlap, to within rounding.
            expect((layout.y[v] ?? 0) - room(v).above).toBeGreaterThanOrEqual(
              (layout.y[u] ?? 0) + room(u).below - 1e-3,
            );
          }
        }
      }),
    );
  });

  test('gives the same layout for the same graph', () => {
    fc.assert(
      fc.property(dag, ({ nodes, edges }) => {
        expect(layeredLayout(nodes, edges.flat())).toEqual(layeredLayout(nodes, edges.flat()));
      }),
      { numRuns: 30 },
    );
  });
});

describe('crossings', () => {
  test.each([
    // segments (ends on two parallel lines) → crossings
    [[], 0],
    // Parallel: none.
    [
      [
        [0, 0],
        [1, 1],
      ],
      0,
    ],
    // An X: one.
    [
      [
        [0, 1],
        [1, 0],
      ],
      1,
    ],
    // A fork and a merge share an end: none.
    [
      [
        [0, 0],
        [0, 1],
        [1, 1],
      ],
      0,
    ],
    // Three edges reversed: every pair crosses.
    [
      [
        [0, 2],
        [1, 1],
        [2, 0],
      ],
      3,
    ],
  ] as [[number, number][], number][])('%j → %d', (segments, expected) => {
    expect(crossings(segments)).toBe(expected);
  });

  test('counts the pairs whose ends come in opposite orders, as checking every pair would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 40 }),
        (segments) => {
          let pairs = 0;
          for (let i = 0; i < segments.length; i++) {
            for (let j = i + 1; j < segments.length; j++) {
              const [[a0, a1], [b0, b1]] = [segments[i] ?? [0, 0], segments[j] ?? [0, 0]];
              if ((a0 - b0) * (a1 - b1) < 0) pairs++;
            }
          }
          expect(crossings(segments)).toBe(pairs);
        },
      ),
    );
  });
});

describe('isotonic', () => {
  test.each([
    // desired, weights, gaps → positions
    // Already far enough apart: unchanged.
    [[0, 50], [1, 1], [10], [0, 50]],
    // Wanting one place: pushed apart by the gap around their mean.
    [[0, 0], [1, 1], [10], [-5, 5]],
    // A heavy node holds its place; the light one moves.
    [[0, 0], [1000, 1], [10], [-0.01, 9.99]],
    // In the wrong order: kept in order, as near as can be.
    [[10, 0], [1, 1], [4], [3, 7]],
  ])('%j (weights %j, gaps %j) → %j', (desired, weights, gaps, expected) => {
    isotonic(desired, weights, gaps).forEach((p, i) => expect(p).toBeCloseTo(expected[i] ?? NaN, 1));
  });

  test('keeps every gap and moves nothing that need not move', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -200, max: 200 }),
            fc.integer({ min: 1, max: 5 }),
            fc.integer({ min: 0, max: 60 }),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (rows) => {
          const [desired, weights, gaps] = [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])];
          const placed = isotonic(desired, weights, gaps);
          for (let i = 1; i < placed.length; i++) {
            expect((placed[i] ?? 0) - (placed[i - 1] ?? 0)).toBeGreaterThanOrEqual((gaps[i - 1] ?? 0) - 1e-9);
          }
          const feasible = desired.every((d, i) => i === 0 || d - (desired[i - 1] ?? 0) >= (gaps[i - 1] ?? 0));
          if (feasible) placed.forEach((p, i) => expect(p).toBeCloseTo(desired[i] ?? NaN, 9));
        },
      ),
    );
  });
});
