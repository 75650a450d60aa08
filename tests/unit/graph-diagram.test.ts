import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { collapseNote, drawGraph, MAX_BOXES } from '../../src/domain/graph-diagram';
import { importKerasModel } from '../../src/domain/keras-import';
import { describeDiagram, diagramRows, networkDiagram } from '../../src/domain/network-diagram';
import type { Network } from '../../src/domain/schema/network';

const report = (network: Network): NetworkReport => {
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

function keras(dir: string, name: string): NetworkReport {
  const imported = importKerasModel(readFileSync(`tests/fixtures/${dir}/${name}.keras3.json`, 'utf8'));
  if (!imported.ok) throw new Error(`${name} imports`);
  return report(imported.value.network);
}

const RESIDUAL = keras('keras-graphs', 'residual_block');
const INCEPTION = keras('keras-graphs', 'inception_module');
const SIAMESE = keras('keras-graphs', 'siamese');
const RESNET50 = keras('keras-applications', 'resnet50');
const DENSENET121 = keras('keras-applications', 'densenet121');
const INCEPTION_V3 = keras('keras-applications', 'inception_v3');
const MOBILENET_V2 = keras('keras-applications', 'mobilenet_v2');
const EFFICIENTNET_B0 = keras('keras-applications', 'efficientnet_b0');
const NASNET_MOBILE = keras('keras-applications', 'nasnet_mobile');

type Options = Partial<Parameters<typeof networkDiagram>[1]>;
const draw = (network: NetworkReport, options: Options = {}) =>
  networkDiagram(network, { id: 'g', title: 't', shapes: 'all', counts: true, ...options });

/** Each box as drawn: its name, count label and front face. */
const boxes = (svg: string) =>
  [...svg.matchAll(/<g class="nd-stage nd-(\w+)"[^>]*>(.*?)<\/g>/g)].map((m) => {
    const inner = m[2] ?? '';
    const rect = /<rect class="nd-front" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/.exec(inner);
    const [x, y, w, h] = (rect?.slice(1) ?? []).map(Number);
    return {
      kind: m[1],
      name: /class="nd-name"[^>]*>([^<]*)</.exec(inner)?.[1] ?? '',
      shape: /class="nd-shape"[^>]*>([^<]*)</.exec(inner)?.[1] ?? '',
      count: /class="nd-count"[^>]*>([^<]*)</.exec(inner)?.[1] ?? '',
      x: x ?? 0,
      y: y ?? 0,
      w: w ?? 0,
      h: h ?? 0,
    };
  });
const arrows = (svg: string) => [...svg.matchAll(/class="nd-arrow" d="([^"]+)"/g)].map((m) => m[1] ?? '');
/** Where an arrow ends: its head's tip (the path's last point, 1 px further right). */
const arrowEnd = (d: string) => {
  const points = [...d.replace(/m-4 -4l5 4l-5 4$/, '').matchAll(/[HVMC]([\d.\s-]+)/g)];
  let [x, y] = [0, 0];
  for (const [whole, numbers = ''] of points) {
    const values = numbers.trim().split(/\s+/).map(Number);
    if (whole.startsWith('H')) x = values[0] ?? x;
    else if (whole.startsWith('V')) y = values[0] ?? y;
    else [x = 0, y = 0] = values.slice(-2);
  }
  return { x, y };
};
const params = (label: string) => Number(/([\d,]+) params/.exec(label)?.[1]?.replace(/,/g, '') ?? NaN);
/** The number of edges: one from each of every layer's sources. */
const edgeCount = (network: NetworkReport) => network.layers.reduce((sum, l) => sum + (l.from?.length ?? 1), 0);

describe('networkDiagram of a network that branches', () => {
  test('draws one box for the input and for every layer, and one arrow along every edge', () => {
    for (const network of [RESIDUAL, INCEPTION, SIAMESE]) {
      const svg = draw(network);
      expect(boxes(svg).map((b) => b.name)).toEqual(
        expect.arrayContaining([
          'Input',
          ...network.layers.map((_, i) => expect.stringMatching(new RegExp(`^${i + 1}·`))),
        ]),
      );
      expect(boxes(svg)).toHaveLength(network.layers.length + 1);
      expect(arrows(svg)).toHaveLength(edgeCount(network));
    }
  });

  test('labels each box as the line picture does: its shape and count from the engine', () => {
    const drawn = boxes(draw(RESIDUAL));
    // conv_1: 8 inputs × (8 filters × 3×3) + 8 biases = 584; the add learns nothing.
    expect(drawn.find((b) => b.name === '1·Conv2D')).toMatchObject({
      kind: 'conv',
      shape: '16×16×8',
      count: '584 params',
    });
    expect(drawn.find((b) => b.name === '6·Add')).toMatchObject({ kind: 'merge', count: '0 params' });
  });

  test('hides what the quiz asks: counts become "?" and shapes after the input become "?"', () => {
    const drawn = boxes(draw(INCEPTION, { shapes: 'input', counts: false }));
    expect(drawn.filter((b) => b.name !== 'Input').every((b) => b.shape === '?' && b.count === '? params')).toBe(true);
    expect(drawn.find((b) => b.name === 'Input')?.shape).toBe('28×28×16');
  });

  test('draws the branches of an inception module side by side: one column, one above the other', () => {
    const drawn = boxes(draw(INCEPTION));
    // The three layers that take the input directly (1×1 reduce, pool, 1×1) are in the rank after it.
    const branches = drawn.filter((b) => ['1·Conv2D', '2·MaxPool', '3·Conv2D'].includes(b.name));
    const centres = branches.map((b) => b.x + b.w / 2);
    expect(Math.max(...centres) - Math.min(...centres)).toBeLessThan(20);
    expect(new Set(branches.map((b) => b.y)).size).toBe(3);
  });

  test('never lets two boxes overlap', () => {
    for (const network of [
      RESIDUAL,
      INCEPTION,
      SIAMESE,
      RESNET50,
      DENSENET121,
      INCEPTION_V3,
      MOBILENET_V2,
      EFFICIENTNET_B0,
      NASNET_MOBILE,
    ]) {
      const drawn = boxes(draw(network, { maxWidth: 1000 }));
      for (let i = 0; i < drawn.length; i++) {
        for (let j = i + 1; j < drawn.length; j++) {
          const [a, b] = [drawn[i], drawn[j]];
          if (!a || !b) continue;
          const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
          expect(apart, `${a.name} and ${b.name}`).toBe(true);
        }
      }
    }
  });

  test("brings each of a merge's inputs to a point of its own on its box", () => {
    const svg = draw(INCEPTION);
    const concat = boxes(svg).find((b) => b.name === '6·Concatenate');
    const into = arrows(svg)
      .map(arrowEnd)
      .filter((end) => concat && Math.abs(end.x - (concat.x - 9)) < 1);
    expect(into).toHaveLength(3);
    expect(new Set(into.map((end) => end.y)).size).toBe(3);
  });

  test('routes a skip connection around the layers it skips, below them', () => {
    const svg = draw(RESIDUAL);
    const drawn = boxes(svg);
    const add = drawn.find((b) => b.name === '6·Add');
    const skipped = drawn.filter((b) => /^[1-5]·/.test(b.name));
    // The arrow from the input into the add: it passes under every skipped box and its labels.
    const first = Math.min(...skipped.map((b) => b.x));
    const skip = arrows(svg).find(
      (d) => add && Math.abs(arrowEnd(d).x - (add.x - 9)) < 1 && Number(/^M([\d.]+)/.exec(d)?.[1]) < first,
    );
    const lowest = Math.max(
      ...[...(skip ?? '').matchAll(/C[\d.]+ [\d.]+ [\d.]+ [\d.]+ [\d.]+ ([\d.]+)/g)].map((m) => Number(m[1])),
    );
    expect(lowest).toBeGreaterThan(Math.max(...skipped.map((b) => b.y + b.h)));
  });

  test("ties a shared layer's second call to the layer whose weights it uses, with a dashed line", () => {
    const svg = draw(SIAMESE);
    expect(svg.match(/class="nd-shared"/g)).toHaveLength(1);
    expect(describeDiagram(SIAMESE, { shapes: 'all', counts: true })).toContain('sharing the weights of layer 2');
  });

  test('draws a nested model as one box of its kind, with its count', () => {
    const nested = report({
      input: [10],
      layers: [
        { type: 'dense', units: 4, name: 'a' },
        {
          type: 'model',
          name: 'encoder',
          inputs: ['a'],
          layers: [
            { type: 'dense', units: 3 },
            { type: 'dense', units: 2 },
          ],
        },
        { type: 'add', inputs: ['encoder', 'encoder'] },
      ],
    });
    const model = boxes(draw(nested)).filter((b) => b.kind === 'model');
    // (4 × 3 + 3) + (3 × 2 + 2) = 23.
    expect(model).toEqual([expect.objectContaining({ name: '2·Model', count: '23 params' })]);
  });

  test('says in words what takes what', () => {
    expect(describeDiagram(RESIDUAL, { shapes: 'all', counts: true })).toContain(
      'Add (layer 6) 16×16×8 (0 parameters), from the input and layer 5',
    );
  });
});

describe('collapsing a big graph', () => {
  test(`draws a graph of at most ${MAX_BOXES} boxes whole`, () => {
    expect(drawGraph(RESIDUAL, { id: 'g', title: 't', shapes: 'all', counts: true })).toMatchObject({
      level: 'whole',
      boxes: 8,
    });
  });

  test("draws ResNet50's 16 blocks as one box each: 25 boxes whose counts add up to Keras's published total", () => {
    const svg = draw(RESNET50);
    const drawn = boxes(svg);
    expect(drawn).toHaveLength(25);
    const blocks = drawn.filter((b) => b.kind === 'block');
    expect(blocks).toHaveLength(16);
    expect(blocks[1]).toMatchObject({ name: '19–28·Block', shape: '56×56×256' });
    expect(blocks[1]?.count).toMatch(/^10 layers, /);
    // keras.applications.ResNet50: 25,636,712 parameters (keras.io/api/applications).
    expect(drawn.reduce((sum, b) => sum + (b.name === 'Input' ? 0 : params(b.count)), 0)).toBe(25_636_712);
  });

  test("draws DenseNet121's dense blocks, still too many, as runs: ×6, ×12, ×24 and ×16", () => {
    const drawn = boxes(draw(DENSENET121));
    expect(drawn.length).toBeLessThanOrEqual(MAX_BOXES);
    expect(drawn.filter((b) => b.kind === 'block').map((b) => /×(\d+)$/.exec(b.name)?.[1])).toEqual([
      '6',
      '12',
      '24',
      '16',
    ]);
    // keras.applications.DenseNet121: 8,062,504 parameters.
    expect(drawn.reduce((sum, b) => sum + (b.name === 'Input' ? 0 : params(b.count)), 0)).toBe(8_062_504);
  });

  test("draws MobileNetV2's 17 inverted-residual blocks as one box each, named as Keras names them, residual or not", () => {
    const picture = drawGraph(MOBILENET_V2, { id: 'g', title: 't', shapes: 'all', counts: true, maxWidth: 980 });
    expect(picture).toMatchObject({ level: 'names', boxes: 26, crossings: 0 });
    const drawn = boxes(picture.svg);
    // The input, the stem's convolution, normalization and ReLU, 17 blocks, then Conv_1, its normalization and
    // ReLU, the pooling and the classifier (keras.applications.MobileNetV2).
    expect(drawn.filter((b) => b.kind === 'block').map((b) => b.name)).toEqual([
      'expanded_conv',
      ...Array.from({ length: 16 }, (_, i) => `block_${i + 1}`),
    ]);
    // A block with stride 2 pads first (block_1, 3, 6, 13): 9 layers; so has a residual block, with its add; the others 8.
    expect(drawn.find((b) => b.name === 'block_1')?.count).toMatch(/^9 layers, /);
    expect(drawn.find((b) => b.name === 'block_2')?.count).toMatch(/^9 layers, /);
    expect(drawn.find((b) => b.name === 'block_10')?.count).toMatch(/^8 layers, /);
    // keras.applications.MobileNetV2: 3,538,984 parameters.
    expect(drawn.reduce((sum, b) => sum + (b.name === 'Input' ? 0 : params(b.count)), 0)).toBe(3_538_984);
  });

  test("draws EfficientNetB0's 16 blocks, squeeze-and-excitation and all, as one box each", () => {
    const picture = drawGraph(EFFICIENTNET_B0, { id: 'g', title: 't', shapes: 'all', counts: true, maxWidth: 980 });
    // The input, 7 stem layers (two rescalings, the normalization, padding, convolution, normalization, activation),
    // 16 blocks, and the top's convolution, normalization, activation, pooling, dropout and classifier.
    expect(picture).toMatchObject({ level: 'names', boxes: 1 + 7 + 16 + 6, crossings: 0 });
    const names = boxes(picture.svg)
      .filter((b) => b.kind === 'block')
      .map((b) => b.name);
    expect(names).toHaveLength(16);
    expect(names.slice(0, 4)).toEqual(['block1a', 'block2a', 'block2b', 'block3a']);
    // keras.applications.EfficientNetB0: 5,330,571 parameters.
    const drawn = boxes(picture.svg);
    expect(drawn.reduce((sum, b) => sum + (b.name === 'Input' ? 0 : params(b.count)), 0)).toBe(5_330_571);
  });

  test("draws NASNetMobile's 16 cells as one box each, the edges between them, in rows as wide as the page", () => {
    const picture = drawGraph(NASNET_MOBILE, { id: 'g', title: 't', shapes: 'all', counts: true, maxWidth: 980 });
    // The input, the stem's convolution and normalization, 16 cells, the last ReLU, the pooling and the classifier.
    expect(picture).toMatchObject({ level: 'cells', boxes: 22 });
    expect(picture.width).toBeLessThanOrEqual(980);
    const drawn = boxes(picture.svg);
    const cells = drawn.filter((b) => b.kind === 'block').map((b) => b.name);
    expect(cells).toEqual([
      'reduction cell stem_1',
      'reduction cell stem_2',
      ...['0', '1', '2', '3'].map((c) => `normal cell ${c}`),
      'reduction cell reduce_4',
      ...['5', '6', '7', '8'].map((c) => `normal cell ${c}`),
      'reduction cell reduce_8',
      ...['9', '10', '11', '12'].map((c) => `normal cell ${c}`),
    ]);
    // A cell takes the two cells before it: one edge from each, 2 × 16 − 1 (the first takes the stem twice, as one box).
    // Each pair of neighbouring cells crosses at most once: the edge past the one meets the edge past the other.
    expect(picture.crossings).toBeLessThanOrEqual(15);
    // keras.applications.NASNetMobile: 5,326,716 parameters.
    expect(drawn.reduce((sum, b) => sum + (b.name === 'Input' ? 0 : params(b.count)), 0)).toBe(5_326_716);
  });

  test("opens a NASNet cell in place: its layers, numbered as the model's table numbers them", () => {
    const svg = (open: string[]) => draw(NASNET_MOBILE, { interactive: true, open });
    const id = /data-toggle="([\d-]+)"[^>]*>(?:(?!<\/g>).)*?>\+ normal cell 5</.exec(svg([]))?.[1];
    if (!id) throw new Error('normal cell 5 is a button');
    const opened = svg([id]);
    expect(opened).toContain('>− normal cell 5<');
    // Its layers are those whose names end in _5, and the ReLUs Keras named itself that they take.
    const named = NASNET_MOBILE.layers.filter((l) => l.name?.endsWith('_5')).length;
    expect(boxes(opened).length - (22 - 1)).toBeGreaterThan(named);
    // Its frame holds its own layers only: reduction cell reduce_4, which takes cell 3 as cell 5 does, is outside it.
    const frame = /<rect class="nd-frame" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(opened);
    const [fx = 0, fy = 0, fw = 0, fh = 0] = (frame?.slice(1) ?? []).map(Number);
    const reduce4 = boxes(opened).find((b) => b.name === '+ reduction cell reduce_4');
    if (!reduce4) throw new Error('reduce_4 is drawn');
    const within = reduce4.x >= fx && reduce4.x <= fx + fw && reduce4.y >= fy && reduce4.y <= fy + fh;
    expect(within).toBe(false);
    // normal_conv_1_5 is layer 354 of the model, however the picture orders its layers.
    const conv = NASNET_MOBILE.layers.findIndex((l) => l.name === 'normal_conv_1_5');
    expect(boxes(opened).map((b) => b.name)).toContain(`${conv + 1}·Conv2D`);
  });

  test("opens a block a prefix names, though no cut bounds it: MobileNetV2's block_1, a plain chain of 9 layers", () => {
    const picture = drawGraph(MOBILENET_V2, { id: 'g', title: 't', shapes: 'all', counts: true, interactive: true });
    const block1 = MOBILENET_V2.layers.findIndex((l) => l.name === 'block_1_expand');
    const id = `${block1 + 1}-${block1 + 9}`;
    expect(picture.openable).toContain(id);
    const opened = boxes(draw(MOBILENET_V2, { interactive: true, open: [id] }));
    expect(opened).toHaveLength(26 - 1 + 9);
    expect(opened.map((b) => b.name)).toContain(`${block1 + 1}·Conv2D`);
  });

  test('says the rule it followed, for the caption', () => {
    const picture = drawGraph(RESNET50, { id: 'g', title: 't', shapes: 'all', counts: true });
    expect(collapseNote(picture, RESNET50.layers.length)).toMatch(
      /^The 176 layers are drawn in 25 boxes.*more than 60.*each block/,
    );
    expect(collapseNote(drawGraph(RESIDUAL, { id: 'g', title: 't', shapes: 'all', counts: true }), 7)).toBe('');
    const mobile = drawGraph(MOBILENET_V2, { id: 'g', title: 't', shapes: 'all', counts: true });
    expect(collapseNote(mobile, 155)).toMatch(/^The 155 layers are drawn in 26 boxes.*names begin alike/);
    const nasnet = drawGraph(NASNET_MOBILE, { id: 'g', title: 't', shapes: 'all', counts: true });
    expect(collapseNote(nasnet, 770)).toMatch(/^The 770 layers are drawn in 22 boxes.*cells/);
  });

  test('opens a block where the reader asks: its layers in a frame whose title closes it', () => {
    const closed = draw(RESNET50, { interactive: true });
    expect(closed).toMatch(/^<svg [^>]*role="group"/);
    expect(closed).toContain('data-toggle="19-28" role="button" tabindex="0" aria-expanded="false"');
    const open = draw(RESNET50, { interactive: true, open: ['19-28'] });
    expect(boxes(open)).toHaveLength(25 - 1 + 10);
    expect(open).toContain('data-toggle="19-28" role="button" tabindex="0" aria-expanded="true"');
    expect(open).toContain('class="nd-frame"');
  });

  test('wraps an opened run between its blocks, its frame in a piece on each row, titled once', () => {
    // DenseNet121's second dense block: 12 dense layers of 7, layers 53 to 136.
    const svg = draw(DENSENET121, { interactive: true, maxWidth: 980, open: ['53-136'] });
    expect(Number(/width="(\d+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(980);
    expect(boxes(svg).filter((b) => /^\+ \d+–\d+·Block$/.test(b.name)).length).toBeGreaterThanOrEqual(12);
    expect(svg.match(/class="nd-frame"/g)?.length).toBeGreaterThan(1);
    expect(svg.match(/class="nd-frame-title"/g)).toHaveLength(1);
  });

  test('collapses a graph taller than maxHeight, as a printed page asks', () => {
    const whole = drawGraph(INCEPTION, { id: 'g', title: 't', shapes: 'all', counts: true, compact: true });
    const short = drawGraph(INCEPTION, {
      id: 'g',
      title: 't',
      shapes: 'all',
      counts: true,
      compact: true,
      maxHeight: whole.height - 1,
    });
    expect(whole.level).toBe('whole');
    expect(short.level).toBe('blocks');
    expect(short.height).toBeLessThan(whole.height);
  });

  test('wraps into rows no wider than maxWidth where every path passes one layer', () => {
    for (const network of [RESNET50, DENSENET121, INCEPTION_V3]) {
      const picture = drawGraph(network, { id: 'g', title: 't', shapes: 'all', counts: true, maxWidth: 1000 });
      expect(picture.width).toBeLessThanOrEqual(1000);
      expect(picture.crossings).toBe(0);
      expect(diagramRows(network, { shapes: 'all', counts: true, maxWidth: 1000 })).toBeGreaterThan(1);
    }
  });
});

describe('networkDiagram of a line of layers', () => {
  test('draws a functional model whose every layer takes the one before exactly as the same layers listed', () => {
    const functional = keras('keras-applications', 'vgg16');
    expect(functional.layers.every((l) => l.from !== undefined)).toBe(true);
    const listed = { ...functional, layers: functional.layers.map((layer) => ({ ...layer, from: undefined })) };
    expect(draw(functional)).toBe(draw(listed));
    expect(draw(functional, { maxWidth: 700, compact: true })).toBe(draw(listed, { maxWidth: 700, compact: true }));
  });
});
