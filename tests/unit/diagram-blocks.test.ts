import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import {
  cutPoints,
  findBlocks,
  findRuns,
  groupsAt,
  hidesNames,
  namedBlocks,
  units,
} from '../../src/domain/diagram-blocks';
import { importKerasModel } from '../../src/domain/keras-import';

/** A Keras fixture imported and counted. */
function keras(dir: string, name: string): NetworkReport {
  const imported = importKerasModel(readFileSync(`tests/fixtures/${dir}/${name}.keras3.json`, 'utf8'));
  if (!imported.ok) throw new Error(`${name} imports`);
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(`${name} counts`);
  return report.value;
}

const RESNET50 = keras('keras-applications', 'resnet50');
const DENSENET121 = keras('keras-applications', 'densenet121');

/** Whether every path from a source to a sink of the DAG goes through `v`, by counting the paths that avoid it. */
function onEveryPath(preds: readonly (readonly number[])[], v: number): boolean {
  const n = preds.length;
  const hasSucc = preds.map(() => false);
  for (const ps of preds) for (const p of ps) hasSucc[p] = true;
  // Paths from any source to each node that do not pass v.
  const avoiding: number[] = [];
  for (let u = 0; u < n; u++) {
    const ps = preds[u] ?? [];
    avoiding[u] = u === v ? 0 : ps.length === 0 ? 1 : ps.reduce((sum, p) => sum + (avoiding[p] ?? 0), 0);
  }
  return avoiding.every((count, u) => hasSucc[u] || count === 0);
}

/** A random DAG in topological order: each node after the first takes 0 to 3 earlier nodes. */
const dag = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, v) =>
        v === 0 ? fc.constant([] as number[]) : fc.uniqueArray(fc.integer({ min: 0, max: v - 1 }), { maxLength: 3 }),
      ),
    ),
  );

describe('cutPoints', () => {
  test.each([
    // preds of each node → which nodes every path goes through
    // A line: every node.
    [
      [[], [0], [1]],
      [true, true, true],
    ],
    // A fork at 1 joined at 4 (a residual block): not the branches 2 and 3.
    [
      [[], [0], [1], [1], [2, 3]],
      [true, true, false, false, true],
    ],
    // A skip over 1 (0 → 2 directly): 1 is passed by.
    [
      [[], [0], [0, 1]],
      [true, false, true],
    ],
    // Two inputs (0 and 1) joined at 2: neither input, only the merge.
    [
      [[], [], [0, 1]],
      [false, false, true],
    ],
    // Two outputs (2 and 3) of 1: neither output.
    [
      [[], [0], [1], [1]],
      [true, true, false, false],
    ],
  ])('%j → %j', (preds, cuts) => {
    expect(cutPoints(preds)).toEqual(cuts);
  });

  test('marks exactly the nodes that every path from a source to a sink goes through', () => {
    fc.assert(
      fc.property(dag, (preds) => {
        expect(cutPoints(preds)).toEqual(preds.map((_, v) => onEveryPath(preds, v)));
      }),
    );
  });
});

describe('findBlocks', () => {
  test('a residual block is one block: its branches, the add and the activation after it', () => {
    const report = keras('keras-graphs', 'residual_block');
    expect(report.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'batchNormalization',
      'activation',
      'conv2d',
      'batchNormalization',
      'add',
      'activation',
    ]);
    expect(findBlocks(report.layers)).toEqual([{ id: '1-7', kind: 'block', first: 0, last: 6, blocks: [] }]);
  });

  test("ResNet50 has its 16 bottleneck blocks (3 + 4 + 6 + 3), each ending in its add and that add's activation", () => {
    const blocks = findBlocks(RESNET50.layers);
    expect(blocks).toHaveLength(16);
    for (const block of blocks) {
      const layers = RESNET50.layers.slice(block.first, block.last + 1);
      expect(layers.map((l) => l.type).slice(-2)).toEqual(['add', 'activation']);
      // A projection block has 3 convolutions, their batch normalizations and 2 activations, the 1×1 shortcut
      // and its normalization: 12 layers with the add and the activation; an identity block 10.
      expect([10, 12]).toContain(layers.length);
      expect(layers.filter((l) => l.type === 'add')).toHaveLength(1);
    }
    // Blocks follow one another without overlapping: the next starts after the one before.
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.first).toBeGreaterThan(blocks[i - 1]?.last ?? Infinity);
  });

  test('a network whose branches never join again has no block', () => {
    // multi_input_output: a second input joins the first (that is before any cut), and the head forks into two outputs.
    expect(findBlocks(keras('keras-graphs', 'multi_input_output').layers)).toEqual([]);
  });
});

describe('findRuns', () => {
  test("DenseNet121's dense blocks are runs of 6, 12, 24 and 16 like layers, as its architecture says", () => {
    const runs = findRuns(DENSENET121.layers, findBlocks(DENSENET121.layers)).filter((g) => g.kind === 'run');
    // DenseNet121 is DenseNet with blocks = [6, 12, 24, 16] (Huang et al.; keras.applications.DenseNet121).
    expect(runs.map((run) => run.blocks.length)).toEqual([6, 12, 24, 16]);
  });

  test("ResNet50's identity blocks after each stage's projection block make runs of 2, 3, 5 and 2", () => {
    const groups = findRuns(RESNET50.layers, findBlocks(RESNET50.layers));
    expect(groups.map((g) => (g.kind === 'run' ? g.blocks.length : 1))).toEqual([1, 2, 1, 3, 1, 5, 1, 2]);
  });
});

describe('namedBlocks', () => {
  test("MobileNetV2's blocks are its names' 17, the 10 residual ones the very blocks between cuts", () => {
    const { layers } = keras('keras-applications', 'mobilenet_v2');
    const named = namedBlocks(layers);
    expect(named).toHaveLength(17);
    // Residual (stride 1, as many channels out as in): block_2, 4, 5, 7, 8, 9, 11, 12, 14 and 15.
    const residual = findBlocks(layers).map((b) => b.id);
    expect(residual).toHaveLength(10);
    expect(named.filter((g) => residual.includes(g.id)).map((g) => g.name)).toEqual(
      [2, 4, 5, 7, 8, 9, 11, 12, 14, 15].map((n) => `block_${n}`),
    );
    expect(named.every((g) => g.blocks.length === 0)).toBe(true);
  });

  test('an EfficientNet block holds its squeeze-and-excitation, a block between cuts, that opens inside it', () => {
    const { layers } = keras('keras-applications', 'efficientnet_b0');
    const [block1a] = namedBlocks(layers);
    expect(block1a?.name).toBe('block1a');
    expect(block1a?.blocks.map((b) => layers.slice(b.first, b.last + 1).map((l) => l.name))).toEqual([
      ['block1a_se_squeeze', 'block1a_se_reshape', 'block1a_se_reduce', 'block1a_se_expand', 'block1a_se_excite'],
    ]);
  });
});

describe('hidesNames', () => {
  test("NASNet's one block between cuts hides its cells; ResNet50's blocks each lie in one stage", () => {
    const nasnet = keras('keras-applications', 'nasnet_mobile').layers;
    expect(hidesNames(nasnet, groupsAt(nasnet, 'blocks'))).toBe(true);
    expect(hidesNames(RESNET50.layers, groupsAt(RESNET50.layers, 'blocks'))).toBe(false);
    expect(hidesNames(DENSENET121.layers, groupsAt(DENSENET121.layers, 'runs'))).toBe(false);
  });
});

describe('units', () => {
  test("draws ResNet50's blocks as 25 boxes: the input, 6 stem layers, 16 blocks and the head's 2 layers", () => {
    const drawn = units(RESNET50.layers, groupsAt(RESNET50.layers, 'blocks'), []);
    expect(drawn.units).toHaveLength(25);
    expect(drawn.units.filter((u) => u.group)).toHaveLength(16);
    // Every layer is in exactly one box, in order.
    expect(drawn.units.flatMap((u) => Array.from({ length: u.last - u.first + 1 }, (_, i) => u.first + i))).toEqual([
      -1,
      ...RESNET50.layers.map((_, i) => i),
    ]);
  });

  test('an opened block is drawn layer by layer; an opened run shows its blocks, each still closed', () => {
    const groups = groupsAt(DENSENET121.layers, 'runs');
    const run = groups.find((g) => g.kind === 'run');
    const block = run?.blocks[0];
    if (!run || !block) throw new Error('DenseNet121 has runs');
    const closed = units(DENSENET121.layers, groups, []).units.length;
    const runOpen = units(DENSENET121.layers, groups, [run.id]);
    expect(runOpen.units.length).toBe(closed - 1 + run.blocks.length);
    expect(runOpen.open).toEqual([run]);
    const blockOpen = units(DENSENET121.layers, groups, [run.id, block.id]);
    expect(blockOpen.units.length).toBe(runOpen.units.length - 1 + (block.last - block.first + 1));
    // A block opened inside a closed run stays hidden in it.
    expect(units(DENSENET121.layers, groups, [block.id]).units.length).toBe(closed);
  });
});
