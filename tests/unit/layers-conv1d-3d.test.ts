import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { specOf } from '../../src/domain/layers';
import { diagnoseLayer, layerMistakeCandidates } from '../../src/domain/mistakes';
import { Network, type Layer } from '../../src/domain/schema/network';

// Every expectation below is worked out by hand from Keras's rules, in the row's comment.
// k′ = (k − 1)·d + 1 is the dilated kernel; "valid": out = floor((n − k′) / s) + 1; "same" and "causal":
// out = ceil(n / s); transposed "valid": out = n·s + max(k′ − s, 0); transposed "same": out = n·s.

function report(input: number[], layers: unknown[], convention: 'keras' | 'pytorch' = 'keras') {
  const result = analyzeNetwork(Network.parse({ input, layers }), convention);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function single(input: number[], layer: Record<string, unknown>) {
  const [at] = report(input, [layer]).layers;
  if (!at) throw new Error('no layer report');
  return { outputShape: at.outputShape, weights: at.weights, biases: at.biases, params: at.params };
}

function problems(input: number[], layers: unknown[]) {
  const parsed = Network.safeParse({ input, layers });
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  const result = analyzeNetwork(parsed.data);
  if (result.ok) throw new Error('expected the network to be refused');
  return result.error;
}

interface Row {
  name: string;
  input: number[];
  layer: Record<string, unknown>;
  outputShape: number[];
  weights: number;
  biases: number;
}

const check = (rows: Row[]) =>
  test.each(rows)('$name', ({ input, layer, outputShape, weights, biases }) => {
    expect(single(input, layer)).toEqual({ outputShape, weights, biases, params: weights + biases });
  });

describe('conv1d', () => {
  check([
    // valid: 10 − 3 + 1 = 8 steps; 3 inputs × (4 filters × 3) = 36 weights + 4 biases = 40.
    {
      name: 'shrinks the steps by k − 1 with valid padding and counts c × f × k + f',
      input: [10, 3],
      layer: { type: 'conv1d', filters: 4, kernelSize: 3 },
      outputShape: [8, 4],
      weights: 36,
      biases: 4,
    },
    // valid, stride 2: floor((9 − 3) / 2) + 1 = 4; 1 × (6 × 3) = 18 + 6.
    {
      name: 'moves by its stride with valid padding',
      input: [9, 1],
      layer: { type: 'conv1d', filters: 6, kernelSize: 3, strides: 2, padding: 'valid' },
      outputShape: [4, 6],
      weights: 18,
      biases: 6,
    },
    // same, stride 2: ceil(11 / 2) = 6; 2 × (5 × 4) = 40 + 5.
    {
      name: 'keeps ceil(steps / stride) with same padding',
      input: [11, 2],
      layer: { type: 'conv1d', filters: 5, kernelSize: 4, strides: 2, padding: 'same' },
      outputShape: [6, 5],
      weights: 40,
      biases: 5,
    },
    // causal: 5 − 1 = 4 zeros on the left, then valid: 10 + 4 − 5 + 1 = 10; 3 × (2 × 5) = 30 + 2.
    {
      name: 'keeps the length with causal padding',
      input: [10, 3],
      layer: { type: 'conv1d', filters: 2, kernelSize: 5, padding: 'causal' },
      outputShape: [10, 2],
      weights: 30,
      biases: 2,
    },
    // causal, dilated: k′ = (3 − 1)·4 + 1 = 9, 8 zeros on the left: 7 + 8 − 9 + 1 = 7; 1 × (1 × 3) = 3 + 1.
    {
      name: 'keeps the length with causal padding however far the kernel is dilated',
      input: [7, 1],
      layer: { type: 'conv1d', filters: 1, kernelSize: 3, dilationRate: 4, padding: 'causal' },
      outputShape: [7, 1],
      weights: 3,
      biases: 1,
    },
    // causal, stride 3: 1 zero on the left, then floor((10 + 1 − 2) / 3) + 1 = 4 = ceil(10 / 3); 2 × (3 × 2) = 12 + 3.
    {
      name: 'keeps ceil(steps / stride) with causal padding and strides',
      input: [10, 2],
      layer: { type: 'conv1d', filters: 3, kernelSize: 2, strides: 3, padding: 'causal' },
      outputShape: [4, 3],
      weights: 12,
      biases: 3,
    },
    // Keras's list forms; k′ = (5 − 1)·2 + 1 = 9: 12 − 9 + 1 = 4; dilation spreads the kernel, not its weights:
    // 4 × (8 × 5) = 160 + 8.
    {
      name: 'reads kernelSize, strides and dilationRate written as one-element lists',
      input: [12, 4],
      layer: { type: 'conv1d', filters: 8, kernelSize: [5], strides: [1], dilationRate: [2] },
      outputShape: [4, 8],
      weights: 160,
      biases: 8,
    },
    // 6 channels in 2 groups: 3 inputs per group × (4 filters × 3) = 36 + 4; 16 − 3 + 1 = 14.
    {
      name: 'divides the input channels among the groups',
      input: [16, 6],
      layer: { type: 'conv1d', filters: 4, kernelSize: 3, groups: 2 },
      outputShape: [14, 4],
      weights: 36,
      biases: 4,
    },
    // channels first: [3 channels, 20 steps]; 20 − 5 + 1 = 16 → [2, 16]; 3 × (2 × 5) = 30 + 2.
    {
      name: 'reads the channels first with channels_first',
      input: [3, 20],
      layer: { type: 'conv1d', filters: 2, kernelSize: 5, dataFormat: 'channels_first' },
      outputShape: [2, 16],
      weights: 30,
      biases: 2,
    },
    // 4 × (3 × 2) = 24 weights and no biases; 10 − 2 + 1 = 9.
    {
      name: 'counts no biases without useBias',
      input: [10, 4],
      layer: { type: 'conv1d', filters: 3, kernelSize: 2, useBias: false },
      outputShape: [9, 3],
      weights: 24,
      biases: 0,
    },
  ]);

  test('explains the count as inputs × (filters × kernel) + biases', () => {
    const [at] = report([50, 3], [{ type: 'conv1d', filters: 8, kernelSize: 5, padding: 'same' }]).layers;
    expect(at?.explanation).toBe('3 inputs × (8 filters × 5) + 8 biases = 128');
  });

  test('explains a grouped count per group', () => {
    const [at] = report([16, 6], [{ type: 'conv1d', filters: 4, kernelSize: 3, groups: 2 }]).layers;
    expect(at?.explanation).toBe('3 inputs per group (6 ÷ 2 groups) × (4 filters × 3) + 4 biases = 40');
  });

  test('describes causal padding and dilation in words', () => {
    const layer: Layer = { type: 'conv1d', filters: 8, kernelSize: 5, padding: 'causal', dilationRate: 2 };
    expect(specOf(layer).describe(layer)).toBe('8 filters, kernel 5, padding causal, stride 1, dilation 2');
  });

  test('moves the whole count to non-trainable when frozen', () => {
    // 3 × (8 × 5) + 8 = 128, all frozen.
    const [at] = report([50, 3], [{ type: 'conv1d', filters: 8, kernelSize: 5, trainable: false }]).layers;
    expect(at).toMatchObject({ params: 128, trainable: 0, nonTrainable: 128 });
  });
});

describe('conv3d', () => {
  check([
    // valid: 8 − 3 + 1 = 6 on each axis; 1 × (4 × 3×3×3) = 108 + 4.
    {
      name: 'counts c × f × kd×kh×kw + f with valid padding',
      input: [8, 8, 8, 1],
      layer: { type: 'conv3d', filters: 4, kernelSize: 3 },
      outputShape: [6, 6, 6, 4],
      weights: 108,
      biases: 4,
    },
    // same, stride 2: [ceil(5/2), ceil(9/2), ceil(10/2)] = [3, 5, 5]; 3 × (2 × 1×3×3) = 54 + 2.
    {
      name: 'keeps ceil(size / stride) on each axis with same padding and an uneven kernel',
      input: [5, 9, 10, 3],
      layer: { type: 'conv3d', filters: 2, kernelSize: [1, 3, 3], strides: 2, padding: 'same' },
      outputShape: [3, 5, 5, 2],
      weights: 54,
      biases: 2,
    },
    // k′ = [(2−1)·1+1, (2−1)·2+1, (2−1)·4+1] = [2, 3, 5]: [9−2+1, 9−3+1, 9−5+1] = [8, 7, 5]; 2 × (1 × 2×2×2) = 16 + 1.
    {
      name: 'dilates each axis by its own rate',
      input: [9, 9, 9, 2],
      layer: { type: 'conv3d', filters: 1, kernelSize: 2, dilationRate: [1, 2, 4] },
      outputShape: [8, 7, 5, 1],
      weights: 16,
      biases: 1,
    },
    // 8 channels in 4 groups: 2 inputs per group × (4 filters × 1×1×1) = 8 + 4.
    {
      name: 'divides the input channels among the groups',
      input: [4, 4, 4, 8],
      layer: { type: 'conv3d', filters: 4, kernelSize: 1, groups: 4 },
      outputShape: [4, 4, 4, 4],
      weights: 8,
      biases: 4,
    },
    // channels first: [2, 6, 6, 6] → [3, 4, 4, 4]; 2 × (3 × 27) = 162 + 3.
    {
      name: 'reads the channels first with channels_first',
      input: [2, 6, 6, 6],
      layer: { type: 'conv3d', filters: 3, kernelSize: 3, dataFormat: 'channels_first' },
      outputShape: [3, 4, 4, 4],
      weights: 162,
      biases: 3,
    },
    // valid, strides [1, 2, 2]: [5−2+1, floor((5−2)/2)+1, same] = [4, 2, 2]; 4 × (2 × 2×2×2) = 64, no biases.
    {
      name: 'counts no biases without useBias, with strides per axis',
      input: [5, 5, 5, 4],
      layer: { type: 'conv3d', filters: 2, kernelSize: 2, strides: [1, 2, 2], useBias: false },
      outputShape: [4, 2, 2, 2],
      weights: 64,
      biases: 0,
    },
  ]);

  test('explains the count with the three kernel axes', () => {
    const [at] = report([16, 16, 16, 1], [{ type: 'conv3d', filters: 8, kernelSize: 3 }]).layers;
    expect(at?.explanation).toBe('1 input × (8 filters × 3×3×3) + 8 biases = 224');
  });
});

describe('conv1dTranspose', () => {
  check([
    // valid, stride 2: 5·2 + max(3 − 2, 0) = 11; 3 × (2 × 3) = 18 + 2.
    {
      name: 'grows the steps by the stride and the kernel overhang with valid padding',
      input: [5, 3],
      layer: { type: 'conv1dTranspose', filters: 2, kernelSize: 3, strides: 2 },
      outputShape: [11, 2],
      weights: 18,
      biases: 2,
    },
    // valid, stride 3 > kernel 2: 4·3 + max(2 − 3, 0) = 12; 1 × (1 × 2) = 2 + 1.
    {
      name: 'adds no overhang when the stride is larger than the kernel',
      input: [4, 1],
      layer: { type: 'conv1dTranspose', filters: 1, kernelSize: 2, strides: 3 },
      outputShape: [12, 1],
      weights: 2,
      biases: 1,
    },
    // same, stride 3: 4·3 = 12; 2 × (4 × 2) = 16 + 4.
    {
      name: 'multiplies the steps by the stride with same padding',
      input: [4, 2],
      layer: { type: 'conv1dTranspose', filters: 4, kernelSize: 2, strides: 3, padding: 'same' },
      outputShape: [12, 4],
      weights: 16,
      biases: 4,
    },
    // k′ = (3 − 1)·2 + 1 = 5: 6·1 + max(5 − 1, 0) = 10; 2 × (3 × 3) = 18 + 3.
    {
      name: 'grows by the dilated kernel',
      input: [6, 2],
      layer: { type: 'conv1dTranspose', filters: 3, kernelSize: 3, dilationRate: 2 },
      outputShape: [10, 3],
      weights: 18,
      biases: 3,
    },
    // channels first [4 channels, 7 steps], same: 7 → [2, 7]; 4 × (2 × 5) = 40, no biases.
    {
      name: 'reads the channels first with channels_first and counts no biases without useBias',
      input: [4, 7],
      layer: {
        type: 'conv1dTranspose',
        filters: 2,
        kernelSize: 5,
        padding: 'same',
        useBias: false,
        dataFormat: 'channels_first',
      },
      outputShape: [2, 7],
      weights: 40,
      biases: 0,
    },
  ]);
});

describe('conv3dTranspose', () => {
  check([
    // same, stride 2: 4·2 = 8 per axis; 8 × (4 × 27) = 864 + 4.
    {
      name: 'multiplies every axis by the stride with same padding',
      input: [4, 4, 4, 8],
      layer: { type: 'conv3dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
      outputShape: [8, 8, 8, 4],
      weights: 864,
      biases: 4,
    },
    // valid: [2·1 + max(1−1, 0), 3·2 + max(2−2, 0), 4·1 + max(3−1, 0)] = [2, 6, 6]; 1 × (2 × 1×2×3) = 12 + 2.
    {
      name: 'grows each axis by its own stride and kernel with valid padding',
      input: [2, 3, 4, 1],
      layer: { type: 'conv3dTranspose', filters: 2, kernelSize: [1, 2, 3], strides: [1, 2, 1] },
      outputShape: [2, 6, 6, 2],
      weights: 12,
      biases: 2,
    },
    // k′ = (2 − 1)·3 + 1 = 4: 3 + 3 = 6 per axis; 2 × (1 × 8) = 16 + 1.
    {
      name: 'grows by the dilated kernel',
      input: [3, 3, 3, 2],
      layer: { type: 'conv3dTranspose', filters: 1, kernelSize: 2, dilationRate: 3 },
      outputShape: [6, 6, 6, 1],
      weights: 16,
      biases: 1,
    },
    // channels first [3, 2, 2, 2], valid stride 2: 2·2 + max(2−2, 0) = 4 → [5, 4, 4, 4]; 3 × (5 × 8) = 120.
    {
      name: 'reads the channels first with channels_first and counts no biases without useBias',
      input: [3, 2, 2, 2],
      layer: {
        type: 'conv3dTranspose',
        filters: 5,
        kernelSize: 2,
        strides: 2,
        useBias: false,
        dataFormat: 'channels_first',
      },
      outputShape: [5, 4, 4, 4],
      weights: 120,
      biases: 0,
    },
  ]);
});

describe('separableConv1d', () => {
  check([
    // 20 − 3 + 1 = 18; depthwise 4 × (1 × 3) = 12, pointwise 4 × 8 = 32, + 8 biases = 52.
    {
      name: 'counts a depthwise step, a pointwise step and one bias per filter',
      input: [20, 4],
      layer: { type: 'separableConv1d', filters: 8, kernelSize: 3 },
      outputShape: [18, 8],
      weights: 44,
      biases: 8,
    },
    // same, stride 2: ceil(15 / 2) = 8; depthwise 3 × (2 × 5) = 30, pointwise 6 × 6 = 36, + 6.
    {
      name: 'feeds channels × depthMultiplier into the pointwise step',
      input: [15, 3],
      layer: { type: 'separableConv1d', filters: 6, kernelSize: 5, depthMultiplier: 2, strides: 2, padding: 'same' },
      outputShape: [8, 6],
      weights: 66,
      biases: 6,
    },
    // k′ = (3 − 1)·2 + 1 = 5: 10 − 5 + 1 = 6; depthwise 2 × 3 = 6, pointwise 2 × 4 = 8; no biases.
    {
      name: 'dilates the depthwise kernel and counts no biases without useBias',
      input: [10, 2],
      layer: { type: 'separableConv1d', filters: 4, kernelSize: 3, dilationRate: 2, useBias: false },
      outputShape: [6, 4],
      weights: 14,
      biases: 0,
    },
    // channels first [4, 12] → [2, 10]; depthwise 4 × 3 = 12, pointwise 4 × 2 = 8, + 2.
    {
      name: 'reads the channels first with channels_first',
      input: [4, 12],
      layer: { type: 'separableConv1d', filters: 2, kernelSize: 3, dataFormat: 'channels_first' },
      outputShape: [2, 10],
      weights: 20,
      biases: 2,
    },
  ]);

  test('explains the depthwise and pointwise parts', () => {
    const [at] = report([20, 4], [{ type: 'separableConv1d', filters: 8, kernelSize: 3 }]).layers;
    expect(at?.explanation).toBe(
      'depthwise 4 inputs × (1 per channel × 3) = 12, then pointwise 4 inputs × (8 filters × 1) = 32 + 8 biases = 52',
    );
  });
});

describe('depthwiseConv1d', () => {
  check([
    // 10 − 3 + 1 = 8; 3 channels × (1 × 3) = 9 + 3 biases.
    {
      name: 'gives each channel its own filter',
      input: [10, 3],
      layer: { type: 'depthwiseConv1d', kernelSize: 3 },
      outputShape: [8, 3],
      weights: 9,
      biases: 3,
    },
    // same, stride 2: ceil(9 / 2) = 5; 4 × 2 = 8 output channels; 4 × (2 × 4) = 32 + 8.
    {
      name: 'multiplies the channels by depthMultiplier',
      input: [9, 4],
      layer: { type: 'depthwiseConv1d', kernelSize: 4, depthMultiplier: 2, strides: 2, padding: 'same' },
      outputShape: [5, 8],
      weights: 32,
      biases: 8,
    },
    // k′ = (3 − 1)·3 + 1 = 7: 10 − 7 + 1 = 4; 2 × 3 = 6 + 2.
    {
      name: 'shrinks by the dilated kernel with valid padding',
      input: [10, 2],
      layer: { type: 'depthwiseConv1d', kernelSize: 3, dilationRate: 3 },
      outputShape: [4, 2],
      weights: 6,
      biases: 2,
    },
    // channels first [5, 6]: 6 − 2 + 1 = 5 → [15, 5]; 5 × (3 × 2) = 30, no biases.
    {
      name: 'reads the channels first with channels_first and counts no biases without useBias',
      input: [5, 6],
      layer: {
        type: 'depthwiseConv1d',
        kernelSize: 2,
        depthMultiplier: 3,
        useBias: false,
        dataFormat: 'channels_first',
      },
      outputShape: [15, 5],
      weights: 30,
      biases: 0,
    },
  ]);
});

describe('the PyTorch convention', () => {
  test('counts every 1-D and 3-D convolution as Keras does', () => {
    const layers = [
      { type: 'conv1d', filters: 4, kernelSize: 3, padding: 'causal' },
      { type: 'depthwiseConv1d', kernelSize: 3, depthMultiplier: 2 },
      { type: 'separableConv1d', filters: 4, kernelSize: 3 },
      { type: 'conv1dTranspose', filters: 2, kernelSize: 3, strides: 2 },
    ];
    // 3 × (4 × 3) + 4 = 40; 4 × (2 × 3) + 8 = 32; 8 × 3 + 8 × 4 + 4 = 60; 4 × (2 × 3) + 2 = 26.
    expect(report([12, 3], layers, 'pytorch').layers.map((l) => l.params)).toEqual([40, 32, 60, 26]);
    expect(report([12, 3], layers, 'keras').layers.map((l) => l.params)).toEqual([40, 32, 60, 26]);
  });
});

describe('refusals', () => {
  test('refuses a kernel longer than the steps with valid padding, pointing at kernelSize', () => {
    const [problem] = problems([4, 2], [{ type: 'conv1d', filters: 1, kernelSize: 5 }]);
    expect(problem).toEqual({
      path: ['layers', 0, 'kernelSize'],
      message:
        'the 5 kernel of this 1-D convolution layer is larger than its 4 input with "valid" padding, so no output is left; use a smaller kernel or padding "same"',
    });
  });

  test('accepts the same kernel with causal padding', () => {
    // causal: 4 zeros on the left, 4 + 4 − 5 + 1 = 4.
    expect(single([4, 2], { type: 'conv1d', filters: 1, kernelSize: 5, padding: 'causal' }).outputShape).toEqual([
      4, 1,
    ]);
  });

  test('refuses a dilated 1-D kernel that spans past the steps', () => {
    // k′ = (3 − 1)·3 + 1 = 7 > 6.
    const [problem] = problems([6, 1], [{ type: 'depthwiseConv1d', kernelSize: 3, dilationRate: 3 }]);
    expect(problem?.path).toEqual(['layers', 0, 'kernelSize']);
    expect(problem?.message).toMatch(/the 3 kernel \(7 once dilated\) of this 1-D depthwise convolution layer/);
  });

  test('refuses a 3-D kernel larger than the input on one axis', () => {
    const [problem] = problems([8, 2, 8, 1], [{ type: 'conv3d', filters: 1, kernelSize: 3 }]);
    expect(problem?.path).toEqual(['layers', 0, 'kernelSize']);
    expect(problem?.message).toMatch(/^the 3×3×3 kernel of this 3-D convolution layer is larger than its 8×2×8 input/);
  });

  test('refuses groups that do not divide the input channels', () => {
    expect(problems([10, 6], [{ type: 'conv1d', filters: 4, kernelSize: 3, groups: 4 }])).toEqual([
      { path: ['layers', 0, 'groups'], message: 'groups (4) must divide the 6 input channels evenly' },
    ]);
  });

  test('refuses groups that do not divide the filters', () => {
    expect(problems([4, 4, 4, 4], [{ type: 'conv3d', filters: 6, kernelSize: 1, groups: 4 }])).toEqual([
      { path: ['layers', 0, 'groups'], message: 'groups (4) must divide the 6 filters evenly' },
    ]);
  });

  test('refuses a 1-D convolution on an image, naming the shape it needs', () => {
    expect(problems([20, 20, 3], [{ type: 'conv1d', filters: 2, kernelSize: 3 }])).toEqual([
      {
        path: ['layers', 0, 'type'],
        message:
          'a 1-D convolution layer needs a steps × channels input, but the tensor is 20×20×3 (height × width × channels)',
      },
    ]);
  });

  test('refuses a 3-D convolution on a sequence', () => {
    expect(problems([50, 3], [{ type: 'conv3dTranspose', filters: 2, kernelSize: 3 }])).toEqual([
      {
        path: ['layers', 0, 'type'],
        message:
          'a 3-D transposed convolution layer needs a depth × height × width × channels input, but the tensor is 50×3 (steps × channels)',
      },
    ]);
  });

  test('refuses a 1-D convolution after flatten', () => {
    const [problem] = problems([10, 3], [{ type: 'flatten' }, { type: 'separableConv1d', filters: 2, kernelSize: 3 }]);
    expect(problem?.path).toEqual(['layers', 1, 'type']);
    expect(problem?.message).toMatch(/already flat \(30\); move it before the flatten/);
  });

  test('refuses dilation together with strides, pointing at dilationRate', () => {
    const [problem] = problems([20, 2], [{ type: 'conv1d', filters: 1, kernelSize: 3, strides: 2, dilationRate: 2 }]);
    expect(problem?.path).toEqual(['layers', 0, 'dilationRate']);
    const [transposed] = problems(
      [4, 4, 4, 1],
      [{ type: 'conv3dTranspose', filters: 1, kernelSize: 3, strides: [1, 1, 2], dilationRate: [2, 1, 1] }],
    );
    expect(transposed?.path).toEqual(['layers', 0, 'dilationRate']);
  });

  test.each([
    [
      'causal padding on a layer other than conv1d',
      [10, 2],
      { type: 'separableConv1d', filters: 2, kernelSize: 3, padding: 'causal' },
      ['layers', 0, 'padding'],
      'padding must be "valid" or "same" (Keras allows "causal" on Conv1D only)',
    ],
    [
      'causal padding on a 3-D convolution',
      [4, 4, 4, 1],
      { type: 'conv3d', filters: 2, kernelSize: 3, padding: 'causal' },
      ['layers', 0, 'padding'],
      'padding must be "valid" or "same"',
    ],
    [
      'an unknown padding on conv1d',
      [10, 2],
      { type: 'conv1d', filters: 2, kernelSize: 3, padding: 'full' },
      ['layers', 0, 'padding'],
      'padding must be "valid", "same" or "causal" (causal pads on the left only, as "same" keeps the length)',
    ],
    [
      'a 2-D kernel on conv1d',
      [10, 2],
      { type: 'conv1d', filters: 2, kernelSize: [3, 3] },
      ['layers', 0, 'kernelSize'],
      'kernelSize must be a whole number from 1 to 1024, or a list [n] of one',
    ],
    [
      'a 2-D kernel on conv3d',
      [4, 4, 4, 1],
      { type: 'conv3d', filters: 2, kernelSize: [3, 3] },
      ['layers', 0, 'kernelSize'],
      'kernelSize must be a whole number from 1 to 1024, or a list [depth, height, width] of them',
    ],
    [
      'zero groups',
      [10, 2],
      { type: 'conv1d', filters: 2, kernelSize: 3, groups: 0 },
      ['layers', 0, 'groups'],
      'groups must be at least 1',
    ],
    [
      'groups on a transposed convolution (Keras has none there)',
      [10, 2],
      { type: 'conv1dTranspose', filters: 2, kernelSize: 3, groups: 2 },
      ['layers', 0],
      'allowed here: type, filters, kernelSize, strides, padding, dilationRate, useBias, activation, dataFormat, name, trainable, inputs',
    ],
    [
      'a missing kernelSize',
      [10, 2],
      { type: 'depthwiseConv1d' },
      ['layers', 0, 'kernelSize'],
      'kernelSize is required',
    ],
  ])('refuses %s with a precise message', (_name, input, layer, path, message) => {
    const [problem] = problems(input as number[], [layer]);
    expect(problem).toEqual({ path, message });
  });
});

describe('Keras and PyTorch code', () => {
  test('writes 1-D sizes as plain numbers in Keras code, and causal padding', () => {
    const layer: Layer = { type: 'conv1d', filters: 8, kernelSize: [5], strides: 2, padding: 'causal' };
    expect(specOf(layer).keras.code(layer)).toBe('Conv1D(filters=8, kernel_size=5, strides=2, padding="causal")');
  });

  test('writes 3-D sizes as tuples in Keras code', () => {
    const layer: Layer = { type: 'conv3dTranspose', filters: 4, kernelSize: [1, 3, 3], strides: 2 };
    expect(specOf(layer).keras.code(layer)).toBe(
      'Conv3DTranspose(filters=4, kernel_size=(1, 3, 3), strides=(2, 2, 2))',
    );
  });

  test('pads k′ − 1 zeros on the left for causal padding in PyTorch', () => {
    // k′ = (3 − 1)·2 + 1 = 5: 4 zeros before, none after.
    const layer: Layer = { type: 'conv1d', filters: 8, kernelSize: 3, dilationRate: 2, padding: 'causal' };
    expect(specOf(layer).pytorch(layer, [50, 3])).toEqual([
      'nn.ConstantPad1d((4, 0), 0.0)',
      'nn.Conv1d(3, 8, kernel_size=3, dilation=2)',
    ]);
  });

  test('passes symmetric same padding as padding= and pads uneven same padding first', () => {
    // Odd kernel 5, stride 1: 2 on each side. Stride 2 on 10 steps with kernel 4: out 5, total (5−1)·2 + 4 − 10 = 2
    // → 1 and 1. On 9 steps: out 5, total 8 + 4 − 9 = 3 → 1 before, 2 after.
    const same: Layer = { type: 'conv1d', filters: 2, kernelSize: 5, padding: 'same' };
    expect(specOf(same).pytorch(same, [10, 3])).toEqual(['nn.Conv1d(3, 2, kernel_size=5, padding=2)']);
    const strided: Layer = { type: 'depthwiseConv1d', kernelSize: 4, strides: 2, padding: 'same' };
    expect(specOf(strided).pytorch(strided, [10, 3])).toEqual([
      'nn.Conv1d(3, 3, kernel_size=4, stride=2, padding=1, groups=3)',
    ]);
    expect(specOf(strided).pytorch(strided, [9, 3])).toEqual([
      'nn.ConstantPad1d((1, 2), 0.0)',
      'nn.Conv1d(3, 3, kernel_size=4, stride=2, groups=3)',
    ]);
  });

  test('writes groups into nn.Conv3d and the pointwise step of a separable convolution', () => {
    const grouped: Layer = { type: 'conv3d', filters: 4, kernelSize: 1, groups: 4 };
    expect(specOf(grouped).pytorch(grouped, [4, 4, 4, 8])).toEqual([
      'nn.Conv3d(8, 4, kernel_size=(1, 1, 1), groups=4)',
    ]);
    const separable: Layer = { type: 'separableConv1d', filters: 6, kernelSize: 5, depthMultiplier: 2 };
    expect(specOf(separable).pytorch(separable, [15, 3])).toEqual([
      'nn.Conv1d(3, 6, kernel_size=5, groups=3, bias=False)',
      'nn.Conv1d(6, 6, kernel_size=1)',
    ]);
  });

  test('crops one step after a same transposed convolution whose output_padding PyTorch would refuse', () => {
    // Kernel 2, stride 1, same: Keras keeps n. PyTorch gives (n − 1) − 2p + 2 + output_padding; p = 1 and
    // output_padding = 1 would do it, but PyTorch needs output_padding below the stride or the dilation (1):
    // so p = 0 (n + 1 steps), then one step cropped on the right.
    const layer: Layer = { type: 'conv1dTranspose', filters: 2, kernelSize: 2, padding: 'same' };
    expect(specOf(layer).pytorch(layer, [5, 8])).toEqual([
      'nn.ConvTranspose1d(8, 2, kernel_size=2)',
      'nn.ConstantPad1d((0, -1), 0.0)',
    ]);
    // Stride 2 allows output_padding 1: k = 2, s = 2: 2p − op = 0 → p = 0, op = 0.
    const strided: Layer = { type: 'conv3dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' };
    // k = 3, s = 2: 2p − op = 1 → p = 1, op = 1 < 2.
    expect(specOf(strided).pytorch(strided, [4, 4, 4, 8])).toEqual([
      'nn.ConvTranspose3d(8, 4, kernel_size=(3, 3, 3), stride=(2, 2, 2), padding=(1, 1, 1), output_padding=(1, 1, 1))',
    ]);
  });
});

/** Diagnoses `answer` for the only layer of a one-layer network. */
function diagnose(input: number[], layer: Record<string, unknown>, answer: number) {
  const network = Network.parse({ input, layers: [layer] });
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error('test networks are valid');
  return diagnoseLayer(network, result.value, 0, BigInt(answer));
}

describe('mistakes', () => {
  test.each([
    // [input, layer, wrong answer, code] — the wrong arithmetic in the comment; right answers in the tables above.
    [[50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 608, 'conv1d-squared-kernel'], // 3 × (8 × 5×5) + 8
    [[20, 4], { type: 'separableConv1d', filters: 8, kernelSize: 3 }, 76, 'conv1d-squared-kernel'], // 4 × 3×3 + 32 + 8
    [[10, 3], { type: 'depthwiseConv1d', kernelSize: 3 }, 30, 'conv1d-squared-kernel'], // 3 × 3×3 + 3
    [[5, 3], { type: 'conv1dTranspose', filters: 2, kernelSize: 3 }, 56, 'conv1d-squared-kernel'], // 3 × (2 × 9) + 2
    [[8, 8, 8, 2], { type: 'conv3d', filters: 4, kernelSize: 3 }, 76, 'conv3d-forgot-depth-axis'], // 2 × (4 × 3×3) + 4
    [[4, 4, 4, 8], { type: 'conv3dTranspose', filters: 4, kernelSize: [2, 3, 3] }, 292, 'conv3d-forgot-depth-axis'], // 8 × (4 × 3×3) + 4
    [[4, 5, 6, 2], { type: 'conv3d', filters: 3, kernelSize: 2 }, 2883, 'spatial-size-as-inputs'], // 4·5·6 × (3 × 8) + 3
    [[4, 5, 6, 2], { type: 'conv3d', filters: 3, kernelSize: 2 }, 99, 'spatial-size-as-inputs'], // depth 4 × (3 × 8) + 3
    [[50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 2008, 'spatial-size-as-inputs'], // 50 × (8 × 5) + 8
    [[50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 120, 'forgot-biases'], // 3 × 8 × 5
    [[50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 48, 'forgot-input-channels'], // 8 × 5 + 8
    [[50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 32, 'forgot-kernel-size'], // 3 × 8 + 8
    [[8, 8, 8, 2], { type: 'conv3d', filters: 4, kernelSize: [1, 3, 5] }, 44, 'one-kernel-axis'], // 2 × (4 × 5) + 4
  ] as const)('%j %j answered %i → %s', (input, layer, answer, code) => {
    const found = diagnose([...input], layer, answer);
    expect(found.map((m) => m.code)).toContain(code);
  });

  test('states the corrected step for a squared 1-D kernel', () => {
    const found = diagnose([50, 3], { type: 'conv1d', filters: 8, kernelSize: 5 }, 608);
    expect(found.find((m) => m.code === 'conv1d-squared-kernel')?.message).toBe(
      'You counted the 1-D kernel of 5 as 5×5; it slides along the steps only, so it has 5 weights per input channel, not 25: 3 inputs × (8 filters × 5) + 8 biases = 128.',
    );
  });

  test('states the corrected step for a 3-D kernel counted without its depth', () => {
    const found = diagnose([8, 8, 8, 2], { type: 'conv3d', filters: 4, kernelSize: 3 }, 76);
    expect(found.find((m) => m.code === 'conv3d-forgot-depth-axis')?.message).toBe(
      'You counted the 3×3×3 kernel as 3×3, leaving out its depth; a 3-D kernel has 3 × 3 × 3 = 27 weights per input channel, not 9: 2 inputs × (4 filters × 3×3×3) + 4 biases = 220.',
    );
  });

  test('names the 3-D spatial size with all three axes', () => {
    const found = diagnose([4, 5, 6, 2], { type: 'conv3d', filters: 3, kernelSize: 2 }, 2883);
    expect(found.find((m) => m.code === 'spatial-size-as-inputs')?.message).toMatch(/^You used the 4×5×6 spatial size/);
  });

  test('offers no rank mistake where it would give the right count (kernel 1, depth 1)', () => {
    for (const [input, layer] of [
      [[10, 3], { type: 'conv1d', filters: 2, kernelSize: 1 }],
      [[4, 4, 4, 2], { type: 'conv3d', filters: 2, kernelSize: [1, 3, 3] }],
    ] as const) {
      const network = Network.parse({ input, layers: [layer] });
      const result = analyzeNetwork(network);
      if (!result.ok) throw new Error('valid');
      const codes = layerMistakeCandidates(network, result.value, 0).map((c) => c.code);
      expect(codes).not.toContain('conv1d-squared-kernel');
      expect(codes).not.toContain('conv3d-forgot-depth-axis');
    }
  });
});

describe('the registry', () => {
  test('lists the six 1-D and 3-D convolution types with their Keras classes', () => {
    const types: Layer['type'][] = [
      'conv1d',
      'conv3d',
      'conv1dTranspose',
      'conv3dTranspose',
      'separableConv1d',
      'depthwiseConv1d',
    ];
    const classes = types.map((type) => specOf({ type } as Layer).keras.classes);
    expect(classes).toEqual([
      ['Conv1D', 'Convolution1D'],
      ['Conv3D', 'Convolution3D'],
      ['Conv1DTranspose', 'Convolution1DTranspose'],
      ['Conv3DTranspose', 'Convolution3DTranspose'],
      ['SeparableConv1D', 'SeparableConvolution1D'],
      ['DepthwiseConv1D'],
    ]);
  });
});
