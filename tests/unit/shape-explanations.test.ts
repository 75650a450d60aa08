import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';
import { createRandom } from '../../src/domain/random';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { Network } from '../../src/domain/schema/network';
import { evaluate, falseEquations } from '../support/equations';
import { randomConvNetwork } from '../support/random-conv1d-3d';
import { randomNetwork } from '../support/random-network';
import { randomShapeNetwork } from '../support/random-shape-network';

// Every output shape comes with its arithmetic in the lesson's terms. Each row gives one layer on one input, the
// steps its explanation must show (worked by hand in the row's comment, Keras's rules) and the shape it ends on.

/** One layer on an input, through the real schema, and its report. */
function single(input: number[], layer: Record<string, unknown>) {
  const result = analyzeNetwork(Network.parse({ input, layers: [layer] }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const [report] = result.value.layers;
  if (report === undefined) throw new Error('no layer report');
  return report;
}

interface Row {
  name: string;
  input: number[];
  layer: Record<string, unknown>;
  /** Fragments the explanation shows, in order. */
  steps: string[];
  shape: number[];
}

const rows: Record<string, Row[]> = {
  convolutions: [
    // The case: valid 3×3 on 15×16: ⌊(15 − 3) / 1⌋ + 1 = 13, ⌊(16 − 3) / 1⌋ + 1 = 14; 8 filters → 8 channels.
    {
      name: 'valid padding floors and adds one',
      input: [15, 16, 3],
      layer: { type: 'conv2d', filters: 8, kernelSize: 3 },
      steps: [
        'valid padding',
        'height ⌊(15 − 3) / 1⌋ + 1 = 13',
        'width ⌊(16 − 3) / 1⌋ + 1 = 14',
        '8 filters make 8 channels',
      ],
      shape: [13, 14, 8],
    },
    // Same padding, stride 2: ⌈15 / 2⌉ = 8 and ⌈16 / 2⌉ = 8.
    {
      name: 'same padding rounds up the input over the stride',
      input: [15, 16, 3],
      layer: { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same' },
      steps: ['same padding', 'height ⌈15 / 2⌉ = 8', 'width ⌈16 / 2⌉ = 8'],
      shape: [8, 8, 8],
    },
    // Valid, stride 2: ⌊(15 − 3) / 2⌋ + 1 = 6 + 1 = 7.
    {
      name: 'valid padding with a stride',
      input: [15, 15, 1],
      layer: { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 },
      steps: ['height and width ⌊(15 − 3) / 2⌋ + 1 = 7'],
      shape: [7, 7, 4],
    },
    // Dilation 2 spreads 3 to 3 + (3 − 1) × (2 − 1) = 5; then ⌊(20 − 5) / 1⌋ + 1 = 16.
    {
      name: 'a dilated kernel spans more',
      input: [20, 20, 3],
      layer: { type: 'conv2d', filters: 8, kernelSize: 3, dilationRate: 2 },
      steps: ['dilated by 2', '3 + (3 − 1) × (2 − 1) = 5', '⌊(20 − 5) / 1⌋ + 1 = 16'],
      shape: [16, 16, 8],
    },
    // A 1×3 kernel and strides (1, 2): ⌊(12 − 1) / 1⌋ + 1 = 12 high, ⌊(12 − 3) / 2⌋ + 1 = 5 wide.
    {
      name: 'each axis uses its own kernel and stride',
      input: [12, 12, 3],
      layer: { type: 'conv2d', filters: 2, kernelSize: [1, 3], strides: [1, 2] },
      steps: ['height ⌊(12 − 1) / 1⌋ + 1 = 12', 'width ⌊(12 − 3) / 2⌋ + 1 = 5'],
      shape: [12, 5, 2],
    },
    // Channels first: the same arithmetic, the channels written first: 8×13×14.
    {
      name: 'channels first puts the filters first',
      input: [3, 15, 16],
      layer: { type: 'conv2d', filters: 8, kernelSize: 3, dataFormat: 'channels_first' },
      steps: ['height ⌊(15 − 3) / 1⌋ + 1 = 13', 'width ⌊(16 − 3) / 1⌋ + 1 = 14'],
      shape: [8, 13, 14],
    },
    // Causal pads kernel − 1 steps on the left: ⌈50 / 1⌉ = 50, as same would.
    {
      name: 'causal padding keeps the length',
      input: [50, 3],
      layer: { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'causal' },
      steps: ['causal padding', 'length ⌈50 / 1⌉ = 50'],
      shape: [50, 4],
    },
    // 1-D valid, kernel 5, stride 2: ⌊(50 − 5) / 2⌋ + 1 = 22 + 1 = 23.
    {
      name: 'a 1-D convolution works its one axis',
      input: [50, 3],
      layer: { type: 'conv1d', filters: 6, kernelSize: 5, strides: 2 },
      steps: ['length ⌊(50 − 5) / 2⌋ + 1 = 23'],
      shape: [23, 6],
    },
    // 3-D same, stride 2: ⌈9 / 2⌉ = 5 deep, ⌈16 / 2⌉ = 8 high and wide.
    {
      name: 'a 3-D convolution works three axes',
      input: [9, 16, 16, 1],
      layer: { type: 'conv3d', filters: 2, kernelSize: 3, strides: 2, padding: 'same' },
      steps: ['depth ⌈9 / 2⌉ = 5', 'height ⌈16 / 2⌉ = 8', 'width ⌈16 / 2⌉ = 8'],
      shape: [5, 8, 8, 2],
    },
    // Depthwise, multiplier 2: ⌊(16 − 3) / 1⌋ + 1 = 14, and 3 channels × 2 = 6.
    {
      name: 'a depthwise convolution multiplies the channels',
      input: [16, 16, 3],
      layer: { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 },
      steps: ['⌊(16 − 3) / 1⌋ + 1 = 14', '3 × 2 = 6 channels'],
      shape: [14, 14, 6],
    },
    // Separable: the depthwise window's ⌊(16 − 3) / 1⌋ + 1 = 14, then the pointwise step's 8 filters.
    {
      name: 'a separable convolution ends with its pointwise filters',
      input: [16, 16, 3],
      layer: { type: 'separableConv2d', filters: 8, kernelSize: 3 },
      steps: ['⌊(16 − 3) / 1⌋ + 1 = 14', '8 filters make 8 channels'],
      shape: [14, 14, 8],
    },
    // The transposed case: (23 − 1) × 2 + 3 = 47.
    {
      name: 'a valid transposed convolution grows to (input − 1) × stride + kernel',
      input: [23, 23, 3],
      layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2 },
      steps: ['(input − 1) × stride + kernel', 'height and width (23 − 1) × 2 + 3 = 47'],
      shape: [47, 47, 4],
    },
    // Same: 23 × 2 = 46.
    {
      name: 'a same transposed convolution grows to input × stride',
      input: [23, 23, 3],
      layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
      steps: ['input × stride', 'height and width 23 × 2 = 46'],
      shape: [46, 46, 4],
    },
    // A kernel of 2 narrower than the stride 3 leaves input × stride even when valid: 4 × 3 = 12.
    {
      name: 'a transposed kernel narrower than its stride gives input × stride',
      input: [4, 4, 3],
      layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 2, strides: 3 },
      steps: ['4 × 3 = 12', 'narrower than the stride 3'],
      shape: [12, 12, 4],
    },
    // 1-D transposed, stride 1: (10 − 1) × 1 + 3 = 12.
    {
      name: 'a 1-D transposed convolution at stride 1 adds kernel − 1',
      input: [10, 2],
      layer: { type: 'conv1dTranspose', filters: 5, kernelSize: 3 },
      steps: ['length (10 − 1) × 1 + 3 = 12'],
      shape: [12, 5],
    },
  ],
  pooling: [
    // Stride defaults to the pool size: ⌊(15 − 2) / 2⌋ + 1 = 7, ⌊(16 − 2) / 2⌋ + 1 = 8; channels kept.
    {
      name: 'pooling strides by its pool size by default',
      input: [15, 16, 8],
      layer: { type: 'maxPooling2d' },
      steps: [
        '2×2 pool, stride 2 (the pool size, by default)',
        'height ⌊(15 − 2) / 2⌋ + 1 = 7',
        'width ⌊(16 − 2) / 2⌋ + 1 = 8',
        'the 8 channels are kept',
      ],
      shape: [7, 8, 8],
    },
    // Same padding: ⌈15 / 2⌉ = 8.
    {
      name: 'same pooling rounds up',
      input: [15, 15, 4],
      layer: { type: 'averagePooling2d', padding: 'same' },
      steps: ['same padding', '⌈15 / 2⌉ = 8'],
      shape: [8, 8, 4],
    },
    // An explicit stride 1: ⌊(15 − 2) / 1⌋ + 1 = 14, and no "by default".
    {
      name: 'an explicit stride replaces the default',
      input: [15, 15, 4],
      layer: { type: 'maxPooling2d', strides: 1 },
      steps: ['2×2 pool, stride 1;', '⌊(15 − 2) / 1⌋ + 1 = 14'],
      shape: [14, 14, 4],
    },
    // 1-D: ⌊(100 − 2) / 2⌋ + 1 = 50 steps.
    {
      name: 'a 1-D pool works along the steps',
      input: [100, 16],
      layer: { type: 'maxPooling1d' },
      steps: ['2-step pool', 'length ⌊(100 − 2) / 2⌋ + 1 = 50'],
      shape: [50, 16],
    },
    // 3-D 1×2×2: ⌊(8 − 1) / 1⌋ + 1 = 8 deep; ⌊(32 − 2) / 2⌋ + 1 = 16 high and wide.
    {
      name: 'a 3-D pool works each axis with its own size',
      input: [8, 32, 32, 16],
      layer: { type: 'averagePooling3d', poolSize: [1, 2, 2] },
      steps: ['depth ⌊(8 − 1) / 1⌋ + 1 = 8', 'height ⌊(32 − 2) / 2⌋ + 1 = 16'],
      shape: [8, 16, 16, 16],
    },
    // Global pooling: each 7×7 map is one value; 64 channels → 64.
    {
      name: 'global pooling keeps one value per channel',
      input: [7, 7, 64],
      layer: { type: 'globalAveragePooling2d' },
      steps: ["each channel's 7×7 map becomes one value", '64 channels'],
      shape: [64],
    },
    // keepdims keeps 1×1: 1×1×64.
    {
      name: 'global pooling with keepdims keeps 1×1',
      input: [7, 7, 64],
      layer: { type: 'globalMaxPooling2d', keepdims: true },
      steps: ['kept as 1×1 (keepdims)'],
      shape: [1, 1, 64],
    },
    // 1-D global pooling: 50 steps per channel → one value each.
    {
      name: 'global 1-D pooling reduces the steps',
      input: [50, 12],
      layer: { type: 'globalMaxPooling1d' },
      steps: ["each channel's 50 steps become one value"],
      shape: [12],
    },
  ],
  'shape changes': [
    // The flatten: 4 × 2 × 14 = 112.
    {
      name: 'flatten multiplies every axis',
      input: [4, 2, 14],
      layer: { type: 'flatten' },
      steps: ['4 × 2 × 14 = 112'],
      shape: [112],
    },
    // Already flat: 10 stays 10.
    {
      name: 'flatten keeps a flat vector',
      input: [10],
      layer: { type: 'flatten' },
      steps: ['already flat'],
      shape: [10],
    },
    // Dense on a flat vector: 112 inputs → 10 units.
    {
      name: 'dense makes one value per unit',
      input: [112],
      layer: { type: 'dense', units: 10 },
      steps: ['112 inputs become 10 units'],
      shape: [10],
    },
    // Dense on 20×20×3 replaces only the last axis: 20×20×2.
    {
      name: 'dense replaces the last axis only',
      input: [20, 20, 3],
      layer: { type: 'dense', units: 2 },
      steps: ['last axis only', '20×20×3 → 20×20×2'],
      shape: [20, 20, 2],
    },
    // Zero padding adds its sides: 28 + 1 + 2 = 31 high, 28 + 0 + 3 = 31 wide.
    {
      name: 'zero padding adds both sides',
      input: [28, 28, 1],
      layer: {
        type: 'zeroPadding2d',
        padding: [
          [1, 2],
          [0, 3],
        ],
      },
      steps: ['height 28 + 1 + 2 = 31', 'width 28 + 0 + 3 = 31', 'channels kept'],
      shape: [31, 31, 1],
    },
    // 1-D default padding 1 a side: 10 + 1 + 1 = 12.
    {
      name: '1-D zero padding adds one a side by default',
      input: [10, 4],
      layer: { type: 'zeroPadding1d' },
      steps: ['length 10 + 1 + 1 = 12'],
      shape: [12, 4],
    },
    // Cropping cuts both sides: 28 − 0 − 1 = 27, 28 − 1 − 0 = 27.
    {
      name: 'cropping cuts both sides',
      input: [28, 28, 3],
      layer: {
        type: 'cropping2d',
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      steps: ['height 28 − 0 − 1 = 27', 'width 28 − 1 − 0 = 27'],
      shape: [27, 27, 3],
    },
    // Up-sampling multiplies: 14 × 2 = 28 high, 14 × 3 = 42 wide.
    {
      name: 'up-sampling multiplies each axis by its factor',
      input: [14, 14, 8],
      layer: { type: 'upSampling2d', size: [2, 3] },
      steps: ['height 14 × 2 = 28', 'width 14 × 3 = 42'],
      shape: [28, 42, 8],
    },
    // Reshape with −1: 7 × 7 × 48 = 2352 values, −1 = 2352 ÷ 48 = 49.
    {
      name: 'reshape works out its -1',
      input: [7, 7, 48],
      layer: { type: 'reshape', targetShape: [-1, 48] },
      steps: ['7 × 7 × 48 = 2352', '2352 ÷ 48 = 49'],
      shape: [49, 48],
    },
    // Permute (2, 1) takes axis 2 (64) then axis 1 (10).
    {
      name: 'permute reorders the axes',
      input: [10, 64],
      layer: { type: 'permute', dims: [2, 1] },
      steps: ['axis 2 (64), axis 1 (10)', '10×64 → 64×10'],
      shape: [64, 10],
    },
    // Resizing sets height and width whatever they were: 32×32 → 64×64.
    {
      name: 'resizing sets height and width',
      input: [32, 32, 3],
      layer: { type: 'resizing', height: 64, width: 64 },
      steps: ['become 64×64'],
      shape: [64, 64, 3],
    },
    // A centre crop keeps its own height and width: 224×224.
    {
      name: 'a centre crop keeps its size',
      input: [256, 256, 3],
      layer: { type: 'centerCrop', height: 224, width: 224 },
      steps: ["crop's 224×224"],
      shape: [224, 224, 3],
    },
    // glu halves the last axis: 8 ÷ 2 = 4.
    {
      name: 'glu halves the last axis',
      input: [10, 8],
      layer: { type: 'activation', activation: 'glu' },
      steps: ['8 ÷ 2 = 4'],
      shape: [10, 4],
    },
  ],
  'layers that keep the shape': [
    // Normalizations, activations, dropout and noise leave every axis as it is.
    {
      name: 'batch normalization',
      input: [20, 20, 8],
      layer: { type: 'batchNormalization' },
      steps: ['unchanged'],
      shape: [20, 20, 8],
    },
    { name: 'ReLU', input: [20, 20, 8], layer: { type: 'reLU' }, steps: ['unchanged'], shape: [20, 20, 8] },
    { name: 'PReLU', input: [20, 8], layer: { type: 'pReLU' }, steps: ['unchanged'], shape: [20, 8] },
    { name: 'dropout', input: [128], layer: { type: 'dropout', rate: 0.5 }, steps: ['unchanged'], shape: [128] },
    {
      name: 'layer normalization',
      input: [20, 8],
      layer: { type: 'layerNormalization' },
      steps: ['unchanged'],
      shape: [20, 8],
    },
  ],
};

describe.each(Object.entries(rows))('shape explanations: %s', (_family, table) => {
  test.each(table)('$name', ({ input, layer, steps, shape }) => {
    const report = single(input, layer);
    expect(report.outputShape).toEqual(shape);
    let from = 0;
    for (const step of steps) {
      const at = report.shapeExplanation.indexOf(step, from);
      expect(at, `"${step}" in "${report.shapeExplanation}"`).toBeGreaterThanOrEqual(from);
      from = at + step.length;
    }
    expect(report.shapeExplanation.endsWith(shape.join('×'))).toBe(true);
    expect(falseEquations(report.shapeExplanation)).toEqual([]);
  });
});

describe('the equation checker', () => {
  test.each([
    ['⌊(15 − 3) / 1⌋ + 1', 13n], // 12 + 1
    ['⌈15 / 2⌉', 8n], // 7.5 up
    ['⌊(20 − 3) / 2⌋ + 1', 9n], // 8.5 down, + 1
    ['3 + (3 − 1) × (2 − 1)', 5n],
    ['(23 − 1) × 2 + 3', 47n],
    ['2352 ÷ 48', 49n],
  ])('evaluates %s to %s', (expression, value) => {
    expect(evaluate(expression)).toBe(value);
  });

  test('catches an equation that does not hold', () => {
    expect(falseEquations('height ⌊(15 − 3) / 1⌋ + 1 = 15, width 4 × 2 = 8')).toEqual([
      '⌊(15 − 3) / 1⌋ + 1 = 15 (it is 13)',
    ]);
  });
});

describe('every shape explanation', () => {
  test('every layer type explains its example, ending on its output shape', () => {
    for (const type of LAYER_TYPES) {
      // A merge's example has the layers it merges before it.
      const {
        input,
        layer,
        before = [],
      } = LAYERS[type].example as {
        input: number[];
        layer: unknown;
        before?: unknown[];
      };
      const result = analyzeNetwork(Network.parse({ input, layers: [...before, layer] }));
      if (!result.ok) throw new Error(`${type}: ${JSON.stringify(result.error)}`);
      const report = result.value.layers.at(-1);
      if (!report) throw new Error(`${type}: no layer`);
      expect(report.shapeExplanation.endsWith(report.outputShape.join('×')), type).toBe(true);
      expect(falseEquations(report.shapeExplanation), type).toEqual([]);
    }
  });

  test('holds every equation it writes, over generated networks of every family', () => {
    const networks = [
      ...Array.from({ length: 400 }, (_, i) => randomNetwork(createRandom(`shape-work-${i}`))),
      ...Array.from({ length: 150 }, (_, i) => randomConvNetwork(createRandom(`shape-work-1d-${i}`), '1d', 'pytorch')),
      ...Array.from({ length: 150 }, (_, i) => randomConvNetwork(createRandom(`shape-work-3d-${i}`), '3d', 'pytorch')),
      ...Array.from({ length: 200 }, (_, i) => randomShapeNetwork(createRandom(`shape-work-s-${i}`), 'pytorch')),
      ...Array.from({ length: 200 }, (_, i) => generateNetwork(2, 4, `shape-work-${i}`)),
    ];
    let layers = 0;
    for (const network of networks) {
      const result = analyzeNetwork(network);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      for (const layer of result.value.layers) {
        layers += 1;
        expect(layer.shapeExplanation.endsWith(layer.outputShape.join('×')), layer.shapeExplanation).toBe(true);
        expect(falseEquations(layer.shapeExplanation), layer.shapeExplanation).toEqual([]);
      }
    }
    expect(layers).toBeGreaterThan(3000);
  });
});
