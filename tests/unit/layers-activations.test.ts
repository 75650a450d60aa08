import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { LAYERS } from '../../src/domain/layers';
import { diagnoseLayer } from '../../src/domain/mistakes';
import { Network, type Layer } from '../../src/domain/schema/network';

type Convention = 'keras' | 'pytorch';

/** Counts one network given in the API's format; throws if it is refused. */
function count(input: number[], layers: unknown[], convention: Convention = 'keras') {
  const result = analyzeNetwork(Network.parse({ input, layers }), convention);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** The report of a network's only layer. */
function single(input: number[], layer: Layer, convention: Convention = 'keras') {
  const report = count(input, [layer], convention).layers[0];
  if (report === undefined) throw new Error('no layer report');
  return report;
}

const ACTIVATION_TYPES = ['activation', 'reLU', 'leakyReLU', 'pReLU', 'eLU', 'softmax', 'thresholdedReLU'] as const;

interface Row {
  name: string;
  input: number[];
  layer: Layer;
  outputShape: number[];
  params: number;
}

describe('the parameterless activation layers', () => {
  const rows: Row[] = [
    // Every one of these is a function of each value (or of one axis): no weights, same shape.
    {
      name: 'activation relu keeps a 20×20×2 image',
      input: [20, 20, 2],
      layer: { type: 'activation', activation: 'relu' },
      outputShape: [20, 20, 2],
      params: 0,
    },
    {
      name: 'activation softmax keeps a vector of 10',
      input: [10],
      layer: { type: 'activation', activation: 'softmax' },
      outputShape: [10],
      params: 0,
    },
    {
      name: 'activation linear keeps a sequence',
      input: [7, 3],
      layer: { type: 'activation', activation: 'linear' },
      outputShape: [7, 3],
      params: 0,
    },
    // glu splits the last axis in two halves: 6 → 6 / 2 = 3.
    {
      name: 'activation glu halves the last axis',
      input: [4, 6],
      layer: { type: 'activation', activation: 'glu' },
      outputShape: [4, 3],
      params: 0,
    },
    { name: 'reLU with Keras defaults', input: [8, 8, 3], layer: { type: 'reLU' }, outputShape: [8, 8, 3], params: 0 },
    {
      name: 'reLU capped at 6 (MobileNet)',
      input: [16, 16, 32],
      layer: { type: 'reLU', maxValue: 6 },
      outputShape: [16, 16, 32],
      params: 0,
    },
    {
      name: 'reLU leaky and shifted',
      input: [5],
      layer: { type: 'reLU', negativeSlope: 0.1, threshold: 0.5 },
      outputShape: [5],
      params: 0,
    },
    {
      name: 'reLU with a maximum of 0',
      input: [2, 2, 1],
      layer: { type: 'reLU', maxValue: 0 },
      outputShape: [2, 2, 1],
      params: 0,
    },
    {
      name: 'leakyReLU with the default slope',
      input: [128],
      layer: { type: 'leakyReLU' },
      outputShape: [128],
      params: 0,
    },
    {
      name: 'leakyReLU with slope 0',
      input: [3, 4],
      layer: { type: 'leakyReLU', alpha: 0 },
      outputShape: [3, 4],
      params: 0,
    },
    {
      name: 'eLU with a negative alpha (Keras allows it)',
      input: [7, 7, 2],
      layer: { type: 'eLU', alpha: -0.5 },
      outputShape: [7, 7, 2],
      params: 0,
    },
    {
      name: 'softmax over the last axis by default',
      input: [10],
      layer: { type: 'softmax' },
      outputShape: [10],
      params: 0,
    },
    {
      name: 'softmax over the steps',
      input: [6, 4],
      layer: { type: 'softmax', axis: 1 },
      outputShape: [6, 4],
      params: 0,
    },
    {
      name: 'softmax over height and width',
      input: [4, 4, 3],
      layer: { type: 'softmax', axis: [1, 2] },
      outputShape: [4, 4, 3],
      params: 0,
    },
    {
      name: 'softmax counted from the end',
      input: [2, 3, 4],
      layer: { type: 'softmax', axis: -3 },
      outputShape: [2, 3, 4],
      params: 0,
    },
    {
      name: 'thresholdedReLU with theta 0',
      input: [9],
      layer: { type: 'thresholdedReLU', theta: 0 },
      outputShape: [9],
      params: 0,
    },
    {
      name: 'thresholdedReLU on a volume',
      input: [2, 2, 2, 2],
      layer: { type: 'thresholdedReLU' },
      outputShape: [2, 2, 2, 2],
      params: 0,
    },
  ];
  test.each(rows)('$name', ({ input, layer, outputShape, params }) => {
    const report = single(input, layer);
    expect({ outputShape: report.outputShape, params: report.params }).toEqual({ outputShape, params });
    expect(report.explanation).toMatch(/learns nothing \(.+\): 0$/);
  });

  test('says what the layer does in the explanation', () => {
    expect(single([20, 20, 2], { type: 'activation', activation: 'relu' }).explanation).toBe(
      'activation learns nothing (it only applies relu to each value on its own): 0',
    );
    expect(single([16, 16, 32], { type: 'reLU', maxValue: 6 }).explanation).toBe(
      'ReLU learns nothing (it only applies min(max(x, 0), 6) to each value): 0',
    );
    expect(single([6, 4], { type: 'softmax', axis: 1 }).explanation).toBe(
      'softmax learns nothing (it only rescales the values along the steps axis so that they sum to 1): 0',
    );
    expect(single([4, 6], { type: 'activation', activation: 'glu' }).explanation).toBe(
      'activation learns nothing (glu gates one half of the last axis with the other, so 6 values become 3): 0',
    );
  });

  test('draws every activation type in the activation colour', () => {
    for (const type of ACTIVATION_TYPES) expect(LAYERS[type].diagram.kind, type).toBe('activation');
  });
});

describe('pReLU', () => {
  const rows: (Row & { explanation?: string })[] = [
    // 32 × 32 × 16 = 16384 slopes, one per element.
    {
      name: 'learns one slope per element without sharedAxes',
      input: [32, 32, 16],
      layer: { type: 'pReLU' },
      outputShape: [32, 32, 16],
      params: 16384,
      explanation: 'one slope per input element (nothing shared): 32×32×16 = 16384',
    },
    // Height and width shared: slopes 1 × 1 × 16 = 16.
    {
      name: 'counts one slope per channel when sharedAxes covers height and width',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [1, 2] },
      outputShape: [32, 32, 16],
      params: 16,
      explanation: 'one slope per channel (height and width shared): 16 = 16',
    },
    // Height shared: 1 × 32 × 16 = 512.
    {
      name: 'shares along the height only',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [1] },
      outputShape: [32, 32, 16],
      params: 512,
      explanation: 'one slope per width × channel position (height shared): 32×16 = 512',
    },
    // The same axis as one number: 32 × 1 × 16 = 512.
    {
      name: 'takes one axis as a number',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: 2 },
      outputShape: [32, 32, 16],
      params: 512,
    },
    // Channels shared: 32 × 32 × 1 = 1024.
    {
      name: 'shares along the channels',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [3] },
      outputShape: [32, 32, 16],
      params: 1024,
      explanation: 'one slope per height × width position (channels shared): 32×32 = 1024',
    },
    // Everything shared: 1 × 1 × 1 = 1.
    {
      name: 'learns a single slope when every axis is shared',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [1, 2, 3] },
      outputShape: [32, 32, 16],
      params: 1,
      explanation: 'a single slope (height, width and channels shared): 1 = 1',
    },
    // An empty list shares nothing: 16384, as Keras's loop over no axes.
    {
      name: 'shares nothing with an empty list',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [] },
      outputShape: [32, 32, 16],
      params: 16384,
    },
    // Listing an axis twice shares it once: 32 × 1 × 16 = 512.
    {
      name: 'shares an axis listed twice once',
      input: [32, 32, 16],
      layer: { type: 'pReLU', sharedAxes: [2, 2] },
      outputShape: [32, 32, 16],
      params: 512,
    },
    {
      name: 'learns one slope per value after a dense layer',
      input: [128],
      layer: { type: 'pReLU' },
      outputShape: [128],
      params: 128,
      explanation: 'one slope per input element (nothing shared): 128 = 128',
    },
    {
      name: 'learns a single slope for a shared vector',
      input: [128],
      layer: { type: 'pReLU', sharedAxes: [1] },
      outputShape: [128],
      params: 1,
      explanation: 'a single slope, shared by all 128 values: 1 = 1',
    },
    // Steps shared: 1 × 8 = 8.
    {
      name: 'counts one slope per channel of a sequence with the steps shared',
      input: [10, 8],
      layer: { type: 'pReLU', sharedAxes: [1] },
      outputShape: [10, 8],
      params: 8,
      explanation: 'one slope per channel (steps shared): 8 = 8',
    },
    // 4 × 5 × 6 × 7 = 840; depth, height and width shared: 7.
    {
      name: 'learns one slope per element of a volume',
      input: [4, 5, 6, 7],
      layer: { type: 'pReLU' },
      outputShape: [4, 5, 6, 7],
      params: 840,
    },
    {
      name: 'counts one slope per channel of a volume',
      input: [4, 5, 6, 7],
      layer: { type: 'pReLU', sharedAxes: [1, 2, 3] },
      outputShape: [4, 5, 6, 7],
      params: 7,
    },
  ];
  test.each(rows)('$name', ({ input, layer, outputShape, params, explanation }) => {
    const report = single(input, layer);
    expect({ outputShape: report.outputShape, params: report.params }).toEqual({ outputShape, params });
    // The slopes are weights: all trainable, no biases.
    expect({ weights: report.weights, biases: report.biases, trainable: report.trainable }).toEqual({
      weights: params,
      biases: 0,
      trainable: params,
    });
    if (explanation !== undefined) expect(report.explanation).toBe(explanation);
  });

  test('counts the same slopes by the PyTorch convention', () => {
    // PyTorch's module holds the same slope tensor: 16, and 16384 per element.
    expect(single([32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2] }, 'pytorch').params).toBe(16);
    expect(single([32, 32, 16], { type: 'pReLU' }, 'pytorch').params).toBe(16384);
  });

  test('moves a frozen layer’s slopes to non-trainable', () => {
    const report = single([32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2], trainable: false });
    expect({ params: report.params, trainable: report.trainable, nonTrainable: report.nonTrainable }).toEqual({
      params: 16,
      trainable: 0,
      nonTrainable: 16,
    });
  });

  test('adds up in a network after a convolution', () => {
    const report = count(
      [28, 28, 1],
      [
        { type: 'conv2d', filters: 8, kernelSize: 3 }, // 1 × (8 × 3×3) + 8 = 80, 26×26×8
        { type: 'pReLU', sharedAxes: [1, 2] }, // 8 slopes
        { type: 'flatten' }, // 26·26·8 = 5408
        { type: 'dense', units: 10 }, // 5408 × 10 + 10 = 54090
        { type: 'softmax' }, // 0
      ],
    );
    expect(report.layers.map((l) => l.params)).toEqual([80, 8, 0, 54090, 0]);
    expect(report.totals.params).toBe(80 + 8 + 54090);
  });
});

describe('option checks', () => {
  /** The first problem Network.safeParse reports for a network with this one layer. */
  function schemaProblem(input: number[], layer: unknown) {
    const parsed = Network.safeParse({ input, layers: [layer] });
    if (parsed.success) throw new Error(`accepted ${JSON.stringify(layer)}`);
    const [issue] = parsed.error.issues;
    return { path: issue?.path, message: issue?.message };
  }

  test.each([
    [{ type: 'reLU', maxValue: -1 }, 'maxValue', 'maxValue must be at least 0 (Keras refuses a negative maximum)'],
    [{ type: 'reLU', negativeSlope: '0.1' }, 'negativeSlope', 'negativeSlope must be a finite number'],
    [
      { type: 'reLU', threshold: -0.5 },
      'threshold',
      'threshold must be at least 0 (Keras refuses a negative threshold)',
    ],
    [{ type: 'leakyReLU', alpha: -0.3 }, 'alpha', 'alpha must be at least 0 (Keras refuses a negative slope)'],
    [{ type: 'eLU', alpha: 'big' }, 'alpha', 'alpha must be a finite number'],
    [{ type: 'eLU', alpha: Infinity }, 'alpha', 'alpha must be a finite number'],
    [{ type: 'thresholdedReLU', theta: -1 }, 'theta', 'theta must be at least 0 (Keras refuses a negative threshold)'],
    [
      { type: 'softmax', axis: 1.5 },
      'axis',
      'axis must be a whole number such as -1 (the last axis), or a list of them',
    ],
    [
      { type: 'pReLU', sharedAxes: '1' },
      'sharedAxes',
      'sharedAxes must be a list of axis numbers such as [1, 2] (height and width of an image)',
    ],
  ])('refuses %j at its option', (layer, option, message) => {
    expect(schemaProblem([8, 8, 3], layer)).toEqual({ path: ['layers', 0, option], message });
  });

  test('refuses an activation layer without an activation, or with one Keras does not know', () => {
    expect(schemaProblem([8], { type: 'activation' })).toMatchObject({
      path: ['layers', 0, 'activation'],
      message: expect.stringMatching(/^activation must be a Keras activation name such as "relu"/),
    });
    expect(schemaProblem([8], { type: 'activation', activation: 'swishy' }).path).toEqual(['layers', 0, 'activation']);
  });

  test('names the allowed keys for a Keras spelling', () => {
    expect(schemaProblem([8], { type: 'reLU', max_value: 6 })).toEqual({
      path: ['layers', 0],
      message: 'allowed here: type, maxValue, negativeSlope, threshold, name, trainable, inputs',
    });
  });

  /** The problems analyzeNetwork reports for a network with this one layer. */
  function shapeProblems(input: number[], layer: Layer) {
    const result = analyzeNetwork(Network.parse({ input, layers: [layer] }));
    if (result.ok) throw new Error(`counted ${JSON.stringify(layer)}`);
    return result.error;
  }

  test('points at the sharedAxes entry that is not an axis of the input', () => {
    expect(shapeProblems([32, 32, 16], { type: 'pReLU', sharedAxes: [1, 4] })).toEqual([
      {
        path: ['layers', 0, 'sharedAxes', 1],
        message:
          'sharedAxes entry 4 is not an axis of the 32×32×16 input: Keras numbers them 1 height, 2 width, 3 channels (0 is the batch axis, and sharedAxes does not count from the end)',
      },
    ]);
    expect(shapeProblems([32, 32, 16], { type: 'pReLU', sharedAxes: [-1] })[0]?.path).toEqual([
      'layers',
      0,
      'sharedAxes',
      0,
    ]);
    expect(shapeProblems([128], { type: 'pReLU', sharedAxes: 0 })[0]?.path).toEqual(['layers', 0, 'sharedAxes']);
  });

  test('refuses a softmax axis outside the input, the batch axis, and an axis named twice', () => {
    expect(shapeProblems([6, 4], { type: 'softmax', axis: 3 })).toEqual([
      {
        path: ['layers', 0, 'axis'],
        message:
          '3 is not an axis of the 6×4 input: the 6×4 input has 2 axes; Keras numbers them 1 steps, 2 channels (or -1 for the last)',
      },
    ]);
    expect(shapeProblems([6, 4], { type: 'softmax', axis: 0 })[0]?.message).toMatch(/axis 0 is the batch axis/);
    // 2 and −2 both name the width of a 4×4×3 image.
    expect(shapeProblems([4, 4, 3], { type: 'softmax', axis: [2, -2] })).toEqual([
      { path: ['layers', 0, 'axis', 1], message: 'axis -2 names the width axis again; list each axis once' },
    ]);
  });

  test('refuses glu on an odd last axis', () => {
    expect(shapeProblems([5], { type: 'activation', activation: 'glu' })[0]?.path).toEqual(['layers', 0, 'activation']);
  });
});

describe('mistakes', () => {
  function diagnose(input: number[], layer: Layer, answer: number) {
    const network = Network.parse({ input, layers: [layer] });
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error('test networks are valid');
    return diagnoseLayer(network, report.value, 0, BigInt(answer));
  }

  test.each([
    // Right: 32·32·16 = 16384. One slope for the layer: 1.
    [[32, 32, 16], { type: 'pReLU' }, 1, 'prelu-one-slope'],
    // One per channel, as PyTorch's nn.PReLU(16): 16.
    [[32, 32, 16], { type: 'pReLU' }, 16, 'prelu-per-channel-not-shared'],
    // Right: 16. One per element although height and width are shared: 32·32·16 = 16384.
    [[32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2] }, 16384, 'prelu-per-element-when-shared'],
    [[32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2] }, 1, 'prelu-one-slope'],
    // Right: 8. Per element of the 10×8 sequence: 80.
    [[10, 8], { type: 'pReLU', sharedAxes: [1] }, 80, 'prelu-per-element-when-shared'],
    // ReLU learns nothing: any positive answer.
    [[8, 8, 3], { type: 'reLU', maxValue: 6 }, 5, 'parameters-for-parameterless-layer'],
    [[10], { type: 'softmax' }, 10, 'output-shape-as-count'],
  ] as const)('%j %j answered %i → %s', (input, layer, answer, code) => {
    expect(diagnose([...input], layer as Layer, answer).map((m) => m.code)).toContain(code);
  });

  test('gives the corrected step in each pReLU message', () => {
    expect(diagnose([32, 32, 16], { type: 'pReLU' }, 16)).toEqual([
      {
        code: 'prelu-per-channel-not-shared',
        message:
          "Without sharedAxes, Keras's PReLU learns one slope per input element, not one per channel (that would be sharedAxes [1, 2], or PyTorch's nn.PReLU(16)): 32×32×16 = 16384.",
      },
    ]);
    // 16384 is also the output's size, which has its own mistake.
    expect(diagnose([32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2] }, 16384)).toContainEqual({
      code: 'prelu-per-element-when-shared',
      message:
        'sharedAxes [1, 2] shares the slopes along the height and width (size 1 there), so there is not one per element of the 32×32×16 input: one slope per channel (height and width shared): 16 = 16.',
    });
    expect(diagnose([32, 32, 16], { type: 'pReLU' }, 1)[0]?.message).toBe(
      'PReLU learns more than one slope for the layer: one slope per input element (nothing shared): 32×32×16 = 16384.',
    );
  });

  test('offers no pReLU mistake that equals the right count', () => {
    // Everything shared: the right answer is 1, so "one slope" is not a mistake here.
    expect(diagnose([32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2, 3] }, 1)).toEqual([]);
  });
});

describe('Keras and PyTorch code', () => {
  test.each([
    [{ type: 'activation', activation: 'relu' }, 'Activation(activation="relu")'],
    [{ type: 'reLU' }, 'ReLU()'],
    [{ type: 'reLU', maxValue: 6 }, 'ReLU(max_value=6.0)'],
    [{ type: 'reLU', negativeSlope: 0.1, threshold: 0.5 }, 'ReLU(negative_slope=0.1, threshold=0.5)'],
    [{ type: 'leakyReLU', alpha: 0.1 }, 'LeakyReLU(negative_slope=0.1)'],
    [{ type: 'eLU' }, 'ELU()'],
    [{ type: 'eLU', alpha: 0.5 }, 'ELU(alpha=0.5)'],
    [{ type: 'softmax', axis: [1, 2] }, 'Softmax(axis=(1, 2))'],
    // Keras 3 has no ThresholdedReLU: ReLU's threshold (it keeps x ≥ theta, not x > theta) learns nothing either.
    [{ type: 'thresholdedReLU', theta: 0.5 }, 'ReLU(threshold=0.5)'],
    [{ type: 'pReLU', sharedAxes: [1, 2] }, 'PReLU(shared_axes=(1, 2))'],
    [{ type: 'pReLU', sharedAxes: 3 }, 'PReLU(shared_axes=(3,))'],
  ] as const)('%j → %s', (layer, code) => {
    expect(LAYERS[layer.type].keras.code(layer as never)).toBe(code);
  });

  test.each([
    // Only the channels keep slopes: PyTorch's own per-channel PReLU.
    [[32, 32, 16], { type: 'pReLU', sharedAxes: [1, 2] }, ['nn.PReLU(num_parameters=16)']],
    // Per element: the flattened tensor's dim 1 holds every element, 32·32·16 = 16384.
    [
      [32, 32, 16],
      { type: 'pReLU' },
      ['nn.Flatten()', 'nn.PReLU(num_parameters=16384)', 'nn.Unflatten(1, (16, 32, 32))'],
    ],
    [[128], { type: 'pReLU' }, ['nn.PReLU(num_parameters=128)']],
    // Height shared only: slopes (c, h, w) = (16, 1, 32) channels first.
    [[32, 32, 16], { type: 'pReLU', sharedAxes: [1] }, ['PReLUSlopes((16, 1, 32))']],
    [[6, 4], { type: 'softmax', axis: 1 }, ['nn.Softmax(dim=2)']],
    [[6, 4], { type: 'softmax' }, ['nn.Softmax(dim=1)']],
    [[8], { type: 'reLU', maxValue: 6 }, ['nn.ReLU6()']],
    [[8], { type: 'leakyReLU' }, ['nn.LeakyReLU(0.3)']],
    [[8], { type: 'thresholdedReLU' }, ['nn.Threshold(1.0, 0.0)']],
  ] as const)('on %j, %j → %j', (input, layer, modules) => {
    expect(LAYERS[layer.type].pytorch(layer as never, input)).toEqual(modules);
  });
});
