import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { Network } from '../../src/domain/schema/network';

/** Parses with the real schema (so defaults and validation apply) and analyzes. */
function analyze(input: [number, number, number], layers: unknown[]): NetworkReport {
  const result = analyzeNetwork(Network.parse({ input, layers }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problems(input: [number, number, number], layers: unknown[]) {
  const result = analyzeNetwork(Network.parse({ input, layers }));
  if (result.ok) throw new Error('expected the network to be refused');
  return result.error;
}

describe('analyzeNetwork on the textbook network', () => {
  const report = analyze(
    [20, 20, 3],
    [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  );

  test('counts 56, 57, 0 and 2402 per layer', () => {
    // 3 × (2 × 3×3) + 2 = 56; 2 × (3 × 3×3) + 3 = 57; flatten 0; 20·20·3 = 1200 → 1200 × 2 + 2 = 2402.
    expect(report.layers.map((l) => l.params)).toEqual([56, 57, 0, 2402]);
  });

  test('totals 2515, all of it trainable', () => {
    expect(report.totals).toMatchObject({ params: 2515, trainable: 2515, nonTrainable: 0 });
  });

  test('keeps 20×20 with same padding and flattens to 1200', () => {
    expect(report.layers.map((l) => l.outputShape)).toEqual([[20, 20, 2], [20, 20, 3], [1200], [2]]);
  });

  test('explains the first layer as inputs × (filters × kernel) + biases', () => {
    expect(report.layers[0]?.explanation).toBe('3 inputs × (2 filters × 3×3) + 2 biases = 56');
  });

  test('explains the total as the sum of the layers', () => {
    expect(report.totals.explanation).toBe('56 + 57 + 0 + 2402 = 2515');
  });
});

// One row per layer type; each expectation is worked by hand in the comment.
const cases: {
  name: string;
  input: [number, number, number];
  layer: Record<string, unknown>;
  shape: number[];
  params: number;
  nonTrainable?: number;
}[] = [
  // 3×3×3 kernel per filter: 27 × 8 + 8 = 224; valid: 32 − 3 + 1 = 30.
  {
    name: 'conv2d valid',
    input: [32, 32, 3],
    layer: { type: 'conv2d', filters: 8, kernelSize: 3 },
    shape: [30, 30, 8],
    params: 224,
  },
  // 5×1 kernel: 4 × (6 × 5×1) + 6 = 126; rows 10 − 5 + 1 = 6, cols 10.
  {
    name: 'conv2d rectangular',
    input: [10, 10, 4],
    layer: { type: 'conv2d', filters: 6, kernelSize: [5, 1] },
    shape: [6, 10, 6],
    params: 126,
  },
  // Stride 2, same: ceil(15 / 2) = 8; 1 × (4 × 3×3) = 36, no biases.
  {
    name: 'conv2d strided without bias',
    input: [15, 15, 1],
    layer: { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false },
    shape: [8, 8, 4],
    params: 36,
  },
  // Dilation 2 spreads 3 to 5: 12 − 5 + 1 = 8; weights unchanged: 2 × (3 × 9) + 3 = 57.
  {
    name: 'conv2d dilated',
    input: [12, 12, 2],
    layer: { type: 'conv2d', filters: 3, kernelSize: 3, dilationRate: 2 },
    shape: [8, 8, 3],
    params: 57,
  },
  // Valid with stride 2: floor((9 − 3) / 2) + 1 = 4.
  {
    name: 'conv2d strided valid',
    input: [9, 9, 1],
    layer: { type: 'conv2d', filters: 1, kernelSize: 3, strides: 2 },
    shape: [4, 4, 1],
    params: 10,
  },
  // Depthwise, multiplier 2: 3 × 2 × 3×3 = 54 weights + 6 biases = 60; 6 output channels.
  {
    name: 'depthwiseConv2d',
    input: [8, 8, 3],
    layer: { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 },
    shape: [6, 6, 6],
    params: 60,
  },
  // Separable: depthwise 16 × 3×3 = 144, pointwise 16 × 32 = 512, + 32 biases = 688.
  {
    name: 'separableConv2d',
    input: [10, 10, 16],
    layer: { type: 'separableConv2d', filters: 32, kernelSize: 3, padding: 'same' },
    shape: [10, 10, 32],
    params: 688,
  },
  // Transposed: 3 × (2 × 3×3) + 2 = 56; valid stride 2: 4 × 2 + max(3 − 2, 0) = 9.
  {
    name: 'conv2dTranspose valid',
    input: [4, 4, 3],
    layer: { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2 },
    shape: [9, 9, 2],
    params: 56,
  },
  // Transposed same: 5 × 2 = 10; 8 × (4 × 2×2) = 128 weights, no biases.
  {
    name: 'conv2dTranspose same without bias',
    input: [5, 5, 8],
    layer: { type: 'conv2dTranspose', filters: 4, kernelSize: 2, strides: 2, padding: 'same', useBias: false },
    shape: [10, 10, 4],
    params: 128,
  },
  // Default pool 2, stride = pool: floor((7 − 2) / 2) + 1 = 3.
  {
    name: 'maxPooling2d default window',
    input: [7, 7, 5],
    layer: { type: 'maxPooling2d' },
    shape: [3, 3, 5],
    params: 0,
  },
  // Same padding, pool 3 stride 2: ceil(7 / 2) = 4.
  {
    name: 'averagePooling2d same',
    input: [7, 7, 5],
    layer: { type: 'averagePooling2d', poolSize: 3, strides: 2, padding: 'same' },
    shape: [4, 4, 5],
    params: 0,
  },
  // Global pooling keeps one value per channel.
  {
    name: 'globalAveragePooling2d',
    input: [7, 5, 9],
    layer: { type: 'globalAveragePooling2d' },
    shape: [9],
    params: 0,
  },
  { name: 'globalMaxPooling2d', input: [7, 5, 9], layer: { type: 'globalMaxPooling2d' }, shape: [9], params: 0 },
  // 4 × 64 = 256, of which moving mean and variance 2 × 64 = 128 are not trained.
  {
    name: 'batchNormalization',
    input: [4, 4, 64],
    layer: { type: 'batchNormalization' },
    shape: [4, 4, 64],
    params: 256,
    nonTrainable: 128,
  },
  { name: 'flatten', input: [5, 4, 3], layer: { type: 'flatten' }, shape: [60], params: 0 },
  // Dense on a 3-D tensor: last axis only, 3 × 10 + 10 = 40 (not 5·4·3 × 10 + 10).
  {
    name: 'dense on the last axis',
    input: [5, 4, 3],
    layer: { type: 'dense', units: 10 },
    shape: [5, 4, 10],
    params: 40,
  },
  { name: 'dropout', input: [5, 4, 3], layer: { type: 'dropout', rate: 0.5 }, shape: [5, 4, 3], params: 0 },
  // Default padding 1 on each side: 5 + 2 = 7.
  { name: 'zeroPadding2d default', input: [5, 4, 3], layer: { type: 'zeroPadding2d' }, shape: [7, 6, 3], params: 0 },
  // Symmetric per axis: rows + 2·2, columns + 2·1.
  {
    name: 'zeroPadding2d per axis',
    input: [5, 4, 3],
    layer: { type: 'zeroPadding2d', padding: [2, 1] },
    shape: [9, 6, 3],
    params: 0,
  },
  // Explicit sides: 5 + 1 + 2 = 8 rows, 4 + 0 + 3 = 7 columns.
  {
    name: 'zeroPadding2d per side',
    input: [5, 4, 3],
    layer: {
      type: 'zeroPadding2d',
      padding: [
        [1, 2],
        [0, 3],
      ],
    },
    shape: [8, 7, 3],
    params: 0,
  },
];

describe('analyzeNetwork, one layer of each type', () => {
  test.each(cases)('$name: output $shape, $params parameters', ({ input, layer, shape, params, nonTrainable = 0 }) => {
    const [report] = analyze(input, [layer]).layers;
    expect(report).toMatchObject({ outputShape: shape, params, nonTrainable, trainable: params - nonTrainable });
    expect((report?.weights ?? 0) + (report?.biases ?? 0)).toBe(params - nonTrainable);
  });
});

describe('analyzeNetwork explanations', () => {
  test('say a dense layer without flatten acts on the last axis', () => {
    const [dense] = analyze([5, 4, 3], [{ type: 'dense', units: 10 }]).layers;
    expect(dense?.explanation).toContain('last axis');
  });

  test('name batch normalization’s trained and untrained halves', () => {
    const [bn] = analyze([4, 4, 64], [{ type: 'batchNormalization' }]).layers;
    expect(bn?.explanation).toMatch(/4 × 64 channels = 256/);
    expect(bn?.explanation).toMatch(/moving mean and variance/);
  });

  test('say a bias-free layer has no biases', () => {
    const [conv] = analyze([4, 4, 1], [{ type: 'conv2d', filters: 2, kernelSize: 3, useBias: false }]).layers;
    expect(conv?.explanation).toBe('1 input × (2 filters × 3×3) = 18 without bias (use_bias=False in Keras)');
  });

  test('give the depthwise and pointwise parts of a separable convolution', () => {
    const [sep] = analyze([10, 10, 16], [{ type: 'separableConv2d', filters: 32, kernelSize: 3 }]).layers;
    expect(sep?.explanation).toContain('= 144');
    expect(sep?.explanation).toContain('= 512');
    expect(sep?.explanation).toMatch(/= 688$/);
  });

  test.each(cases)('$name: the explanation states the layer’s count', ({ input, layer, params }) => {
    const [report] = analyze(input, [layer]).layers;
    expect(report?.explanation).toMatch(new RegExp(`(^|[^\\d])${params}([^\\d]|$)`));
  });
});

describe('analyzeNetwork refusals', () => {
  test('refuses a kernel larger than its valid-padded input, pointing at kernelSize', () => {
    const [problem] = problems([4, 4, 1], [{ type: 'conv2d', filters: 1, kernelSize: 5 }]);
    expect(problem?.path).toEqual(['layers', 0, 'kernelSize']);
    expect(problem?.message).toMatch(/5×5 kernel .* larger than its 4×4 input/);
  });

  test('accepts the same kernel with same padding', () => {
    expect(
      analyze([4, 4, 1], [{ type: 'conv2d', filters: 1, kernelSize: 5, padding: 'same' }]).layers[0]?.outputShape,
    ).toEqual([4, 4, 1]);
  });

  test('refuses a pool window larger than its input, pointing at poolSize', () => {
    const [problem] = problems([3, 3, 1], [{ type: 'maxPooling2d', poolSize: [4, 2] }]);
    expect(problem?.path).toEqual(['layers', 0, 'poolSize']);
  });

  test('refuses a dilated kernel that spans past the input', () => {
    // 3 dilated by 3 spans (3 − 1) × 3 + 1 = 7 > 6.
    const [problem] = problems([6, 6, 1], [{ type: 'conv2d', filters: 1, kernelSize: 3, dilationRate: 3 }]);
    expect(problem?.message).toMatch(/7×7 once dilated/);
  });

  test('refuses dilation together with strides, pointing at dilationRate', () => {
    const [problem] = problems([9, 9, 1], [{ type: 'conv2d', filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 }]);
    expect(problem?.path).toEqual(['layers', 0, 'dilationRate']);
  });

  test.each(['conv2d', 'maxPooling2d', 'zeroPadding2d', 'globalMaxPooling2d', 'depthwiseConv2d'])(
    'refuses %s after the tensor is flat, naming the layer index',
    (type) => {
      const layer = {
        type,
        ...(type === 'conv2d' ? { filters: 1, kernelSize: 1 } : {}),
        ...(type === 'depthwiseConv2d' ? { kernelSize: 1 } : {}),
      };
      const [problem] = problems([4, 4, 1], [{ type: 'flatten' }, layer]);
      expect(problem?.path).toEqual(['layers', 1, 'type']);
      expect(problem?.message).toMatch(/already flat/);
    },
  );

  test('refuses a layer whose count passes 2^53 − 1 instead of rounding it', () => {
    // Flatten 65536³ = 2^48 values (exact); dense 65536 units then needs 2^48 × 2^16 = 2^64 weights.
    const [problem] = problems([65536, 65536, 65536], [{ type: 'flatten' }, { type: 'dense', units: 65536 }]);
    expect(problem?.path).toEqual(['layers', 1]);
    expect(problem?.message).toMatch(/parameter count exceeds 2\^53 − 1/);
  });

  test('refuses a network whose total passes 2^53 − 1 though each layer fits', () => {
    // Each conv: 65536 inputs × (65536 filters × 1024×1024) + 65536 = 2^52 + 2^16, exact;
    // two of them sum to 2^53 + 2^17, which is not.
    const big = { type: 'conv2d', filters: 65536, kernelSize: 1024, padding: 'same' };
    const [problem] = problems([1024, 1024, 65536], [big, big]);
    expect(problem?.path).toEqual(['layers', 1]);
    expect(problem?.message).toMatch(/total parameter count up to this layer exceeds/);
  });

  test('refuses an output tensor too large to count exactly', () => {
    // Transposed, stride 1024, same: 65536 × 1024 = 2^26 per axis; 2^26 × 2^26 × 4 filters = 2^54 values.
    const [problem] = problems(
      [65536, 65536, 1],
      [{ type: 'conv2dTranspose', filters: 4, kernelSize: 1, strides: 1024, padding: 'same' }],
    );
    expect(problem?.path).toEqual(['layers', 0]);
    expect(problem?.message).toMatch(/output of this layer .* exceeds 2\^53 − 1/);
  });
});

describe('analyzeNetwork quotes a size or count past 2^53 − 1 exactly, never as a rounded number', () => {
  const refusal = (network: unknown, convention: 'keras' | 'pytorch' = 'keras') => {
    const result = analyzeNetwork(Network.parse(network), convention);
    if (result.ok) throw new Error('expected the network to be refused');
    return result.error[0];
  };
  // Worked with BigInt here, independently of the engine's plain numbers.
  const grown = (start: bigint, times: number, step: (x: bigint) => bigint) => {
    let x = start;
    for (let i = 0; i < times; i++) x = step(x);
    return x;
  };

  test('names the size a transposed convolution grows past 2^53 − 1 as it is, odd and not a double', () => {
    // Valid, kernel 1023, stride 1000: n × 1000 + 23 per layer; the fourth gives 65535023023023023.
    const layer = { type: 'conv1dTranspose', filters: 1, kernelSize: 1023, strides: 1000 };
    const size = grown(65535n, 4, (x) => x * 1000n + 23n);
    const problem = refusal({ input: [65535, 1], layers: [layer, layer, layer, layer] });
    expect(problem?.path).toEqual(['layers', 3]);
    expect(problem?.message).toContain(`the output of this layer (${size}×1) has a size that exceeds 2^53 − 1`);
  });

  test('names the size up-sampling grows past 2^53 − 1 as it is', () => {
    const layer = { type: 'upSampling1d', size: 1023 };
    const size = grown(65535n, 4, (x) => x * 1023n);
    const problem = refusal({ input: [65535, 1], layers: [layer, layer, layer, layer] });
    expect(problem?.message).toContain(`(${size}×1)`);
  });

  test('names the flattened size of an input of more than 2^53 − 1 values as it is', () => {
    const problem = refusal({ input: [65535, 65535, 65535, 65535], layers: [{ type: 'flatten' }] });
    expect(problem?.path).toEqual(['layers', 0]);
    expect(problem?.message).toContain(`(${65535n ** 4n})`);
  });

  test('works a reshape of more than 2^53 − 1 values exactly', () => {
    const problem = refusal({
      input: [65535, 65535, 65535, 65535],
      layers: [{ type: 'reshape', targetShape: [-1, 5] }],
    });
    expect(problem?.message).toContain(`(${65535n ** 4n / 5n}×5)`);
  });

  test('names the size zero padding grows past 2^53 − 1 as it is', () => {
    // 65535 × 65281 × 53984 × 39 = 2^53 − 32 steps, padded by 1024 and 1023: 2^53 + 2015, odd, not a double.
    const steps = 65535n * 65281n * 53984n * 39n;
    const problem = refusal({
      input: [65535, 65281, 53984, 39],
      layers: [
        { type: 'reshape', targetShape: [-1, 1] },
        { type: 'zeroPadding1d', padding: [1024, 1023] },
      ],
    });
    expect(problem?.path).toEqual(['layers', 1]);
    expect(problem?.message).toContain(`(${steps + 2047n}×1)`);
  });

  test('names the steps concatenate joins past 2^53 − 1 as they are', () => {
    const a = 65536n * 65535n * 65535n * 16n;
    const b = 65535n ** 3n * 17n;
    const problem = refusal({
      input: [65536, 65535, 65535, 16],
      layers: [
        { type: 'reshape', name: 'a', targetShape: [-1, 1] },
        { type: 'input', name: 'b', shape: [65535, 65535, 65535, 17] },
        { type: 'reshape', name: 'flat_b', targetShape: [-1, 1], inputs: ['b'] },
        { type: 'concatenate', axis: 1, inputs: ['a', 'flat_b'] },
      ],
    });
    expect(problem?.path).toEqual(['layers', 3]);
    expect(problem?.message).toContain(`(${a + b}×1)`);
  });

  test('names the channels a depth multiplier grows past 2^53 − 1 as they are', () => {
    const channels = 65535n ** 3n * 15n;
    const problem = refusal({
      input: [65535, 65535, 65535, 15],
      layers: [
        { type: 'reshape', targetShape: [1, -1] },
        { type: 'depthwiseConv1d', kernelSize: 1, depthMultiplier: 3 },
      ],
    });
    expect(problem?.message).toContain(`(1×${channels * 3n})`);
  });

  test('names the count a shared layer would need on larger inputs exactly when only the sum passes 2^53 − 1', () => {
    // 8736 × 23377 × 673 = 137441050656 inputs × 65535 units = 9007199254740960 weights (exact), + 65535 biases.
    const problem = refusal({
      input: [8736, 23377, 673],
      layers: [
        { type: 'input', name: 'small', shape: [1] },
        { type: 'dense', name: 'd', units: 65535, inputs: ['small'] },
        { type: 'flatten', inputs: ['input'] },
        { type: 'reuse', layer: 'd' },
      ],
    });
    expect(problem?.path).toEqual(['layers', 3, 'inputs']);
    expect(problem?.message).toContain(`it would need ${137441050656n * 65535n + 65535n}, so its weights`);
  });

  test('says exactly what Keras would count for a normalization PyTorch counts 0, past 2^53 − 1', () => {
    const result = analyzeNetwork(
      Network.parse({ input: [65536, 65536, 65536, 16], layers: [{ type: 'normalization', axis: [1, 2, 3, 4] }] }),
      'pytorch',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // 2^52 values: 2 × 2^52 + 1 = 2^53 + 1, which a double would round to 2^53.
    expect(result.value.layers[0]?.explanation).toContain(`2 × ${2n ** 52n} + 1 = ${2n ** 53n + 1n})`);
  });
});
