import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { LAYERS, specOf } from '../../src/domain/layers';
import { Network, type Layer } from '../../src/domain/schema/network';

// Every expectation below is worked out by hand from Keras's rules (keras/src/ops/operation_utils.py,
// compute_pooling_output_shape, and base_global_pooling.py). Per axis, for a window k and stride s:
// "valid" gives floor((n − k) / s) + 1 (nothing if k > n); "same" gives ceil(n / s). Strides default
// to the window. No pooling layer learns anything, so every count is 0.

function report(input: number[], layers: unknown[]) {
  const result = analyzeNetwork(Network.parse({ input, layers }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function problems(input: number[], layers: unknown[]) {
  const result = analyzeNetwork(Network.parse({ input, layers }));
  if (result.ok) throw new Error('expected the network to be refused');
  return result.error;
}

interface Row {
  name: string;
  input: number[];
  layer: Layer;
  shape: number[];
}

const poolingRows: Row[] = [
  // 1-D, [steps, channels].
  // Default window 2, stride 2: floor((10 − 2) / 2) + 1 = 5 steps; channels stay 4.
  { name: 'halves the steps with the default window', input: [10, 4], layer: { type: 'maxPooling1d' }, shape: [5, 4] },
  // floor((7 − 2) / 2) + 1 = 3: the last step has no partner and is dropped.
  { name: 'drops a leftover step with valid padding', input: [7, 3], layer: { type: 'maxPooling1d' }, shape: [3, 3] },
  // Window 3, stride 1: 10 − 3 + 1 = 8.
  {
    name: 'slides one step at a time with explicit strides 1',
    input: [10, 4],
    layer: { type: 'averagePooling1d', poolSize: 3, strides: 1 },
    shape: [8, 4],
  },
  // poolSize [3] is Keras's one-element list; stride defaults to 3: floor((9 − 3) / 3) + 1 = 3.
  {
    name: 'takes poolSize as a one-element list',
    input: [9, 2],
    layer: { type: 'maxPooling1d', poolSize: [3] },
    shape: [3, 2],
  },
  // Default window 2 with stride 3 (gaps between windows): floor((11 − 2) / 3) + 1 = 4.
  {
    name: 'uses explicit strides with the default window',
    input: [11, 5],
    layer: { type: 'maxPooling1d', strides: 3 },
    shape: [4, 5],
  },
  // "same": ceil(100 / 2) = 50, whatever the window.
  {
    name: 'keeps ceil(steps / stride) with same padding',
    input: [100, 16],
    layer: { type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'same' },
    shape: [50, 16],
  },
  // "same" with the stride defaulting to the window 4: ceil(10 / 4) = 3.
  {
    name: 'defaults the stride to the window with same padding',
    input: [10, 1],
    layer: { type: 'averagePooling1d', poolSize: 4, padding: 'same' },
    shape: [3, 1],
  },
  // A window as long as the input: 5 − 5 + 1 = 1.
  {
    name: 'leaves one step when the window covers the input',
    input: [5, 2],
    layer: { type: 'maxPooling1d', poolSize: 5 },
    shape: [1, 2],
  },
  // channels_first: [4 channels, 10 steps]; floor((10 − 2) / 2) + 1 = 5 steps → [4, 5].
  {
    name: 'pools the last axis with channels_first',
    input: [4, 10],
    layer: { type: 'maxPooling1d', dataFormat: 'channels_first' },
    shape: [4, 5],
  },
  // channels_first [6 channels, 9 steps], "same", stride [2]: ceil(9 / 2) = 5 → [6, 5].
  {
    name: 'pools channels_first steps with same padding and strides as a list',
    input: [6, 9],
    layer: { type: 'averagePooling1d', poolSize: 3, strides: [2], padding: 'same', dataFormat: 'channels_first' },
    shape: [6, 5],
  },
  // 3-D, [depth, height, width, channels].
  // Default 2×2×2, stride 2: 8 → 4 on each axis.
  {
    name: 'halves depth, height and width with the default window',
    input: [8, 8, 8, 3],
    layer: { type: 'maxPooling3d' },
    shape: [4, 4, 4, 3],
  },
  // Odd sizes: floor((5 − 2) / 2) + 1 = 2, floor((7 − 2) / 2) + 1 = 3, floor((9 − 2) / 2) + 1 = 4.
  {
    name: 'drops leftovers on each axis separately',
    input: [5, 7, 9, 2],
    layer: { type: 'maxPooling3d' },
    shape: [2, 3, 4, 2],
  },
  // Window 1×2×2 (pool space, not time): 8 / 1 = 8, 32 / 2 = 16, 32 / 2 = 16.
  {
    name: 'pools height and width only with a 1×2×2 window',
    input: [8, 32, 32, 16],
    layer: { type: 'averagePooling3d', poolSize: [1, 2, 2] },
    shape: [8, 16, 16, 16],
  },
  // Window 2×3×1, strides 1×2×1: 6 − 2 + 1 = 5; floor((9 − 3) / 2) + 1 = 4; 4 − 1 + 1 = 4.
  {
    name: 'uses a rectangular window with rectangular strides',
    input: [6, 9, 4, 5],
    layer: { type: 'averagePooling3d', poolSize: [2, 3, 1], strides: [1, 2, 1] },
    shape: [5, 4, 4, 5],
  },
  // Default window 2 with strides 1×1×2: 4 − 2 + 1 = 3, 3, floor((6 − 2) / 2) + 1 = 3.
  {
    name: 'uses rectangular strides with the default window',
    input: [4, 4, 6, 1],
    layer: { type: 'maxPooling3d', strides: [1, 1, 2] },
    shape: [3, 3, 3, 1],
  },
  // "same", stride 2: ceil(7 / 2) = 4, ceil(8 / 2) = 4, ceil(5 / 2) = 3.
  {
    name: 'keeps ceil(size / stride) on each axis with same padding',
    input: [7, 8, 5, 4],
    layer: { type: 'maxPooling3d', poolSize: 3, strides: 2, padding: 'same' },
    shape: [4, 4, 3, 4],
  },
  // A depth of 1 cannot hold a 2-deep window, but "same" pads it: ceil(1 / 2) = 1, ceil(4 / 2) = 2.
  {
    name: 'keeps a single depth slice with same padding',
    input: [1, 4, 4, 2],
    layer: { type: 'maxPooling3d', padding: 'same' },
    shape: [1, 2, 2, 2],
  },
  // channels_first [3 channels, 8 deep, 6 high, 4 wide], window 2: 4, 3, 2 → [3, 4, 3, 2].
  {
    name: 'pools the last three axes with channels_first',
    input: [3, 8, 6, 4],
    layer: { type: 'maxPooling3d', dataFormat: 'channels_first' },
    shape: [3, 4, 3, 2],
  },
  // channels_first [2, 5, 5, 5], window 2×2×1 "same" (strides 2×2×1): ceil(5/2) = 3, 3, ceil(5/1) = 5.
  {
    name: 'pools channels_first volumes with same padding and a rectangular window',
    input: [2, 5, 5, 5],
    layer: { type: 'averagePooling3d', poolSize: [2, 2, 1], padding: 'same', dataFormat: 'channels_first' },
    shape: [2, 3, 3, 5],
  },
];

const globalRows: Row[] = [
  // One value per channel: [50 steps, 64 channels] → [64].
  {
    name: 'reduces the steps to one value per channel',
    input: [50, 64],
    layer: { type: 'globalAveragePooling1d' },
    shape: [64],
  },
  // keepdims keeps the steps axis as size 1: [1, 64].
  {
    name: 'keeps a size-1 steps axis with keepdims',
    input: [50, 64],
    layer: { type: 'globalAveragePooling1d', keepdims: true },
    shape: [1, 64],
  },
  // channels_first [64 channels, 50 steps] → [64].
  {
    name: 'reads the channels first with channels_first',
    input: [64, 50],
    layer: { type: 'globalMaxPooling1d', dataFormat: 'channels_first' },
    shape: [64],
  },
  // channels_first with keepdims: channels, then the steps axis as 1 → [64, 1].
  {
    name: 'keeps the size-1 axis after the channels with channels_first and keepdims',
    input: [64, 50],
    layer: { type: 'globalMaxPooling1d', dataFormat: 'channels_first', keepdims: true },
    shape: [64, 1],
  },
  // keepdims false written out is the default: [64].
  {
    name: 'drops the steps axis with keepdims false',
    input: [50, 64],
    layer: { type: 'globalMaxPooling1d', keepdims: false },
    shape: [64],
  },
  // [4, 7, 7, 256] → [256].
  {
    name: 'reduces a whole volume to one value per channel',
    input: [4, 7, 7, 256],
    layer: { type: 'globalAveragePooling3d' },
    shape: [256],
  },
  // keepdims: depth, height and width become 1 → [1, 1, 1, 256].
  {
    name: 'keeps size-1 depth, height and width with keepdims',
    input: [4, 7, 7, 256],
    layer: { type: 'globalAveragePooling3d', keepdims: true },
    shape: [1, 1, 1, 256],
  },
  // channels_first [8 channels, 4, 5, 6] → [8].
  {
    name: 'reads 3-D channels first with channels_first',
    input: [8, 4, 5, 6],
    layer: { type: 'globalMaxPooling3d', dataFormat: 'channels_first' },
    shape: [8],
  },
  // channels_first with keepdims: [8, 1, 1, 1].
  {
    name: 'keeps size-1 axes after the channels with channels_first and keepdims',
    input: [8, 4, 5, 6],
    layer: { type: 'globalMaxPooling3d', dataFormat: 'channels_first', keepdims: true },
    shape: [8, 1, 1, 1],
  },
  // [3, 3, 3, 5] without keepdims → [5].
  {
    name: 'keeps each channel’s largest value',
    input: [3, 3, 3, 5],
    layer: { type: 'globalMaxPooling3d' },
    shape: [5],
  },
  // The 2-D layers' keepdims, which tfjs 4 does not have: [7, 7, 64] → [1, 1, 64].
  {
    name: 'keeps size-1 height and width with 2-D keepdims',
    input: [7, 7, 64],
    layer: { type: 'globalAveragePooling2d', keepdims: true },
    shape: [1, 1, 64],
  },
  // 2-D channels_first keepdims: [64, 7, 7] → [64, 1, 1].
  {
    name: 'keeps size-1 axes after the channels with 2-D channels_first and keepdims',
    input: [64, 7, 7],
    layer: { type: 'globalMaxPooling2d', keepdims: true, dataFormat: 'channels_first' },
    shape: [64, 1, 1],
  },
];

describe('1-D and 3-D max and average pooling', () => {
  test.each(poolingRows)('$name', ({ input, layer, shape }) => {
    const [only] = report(input, [layer]).layers;
    expect(only).toMatchObject({ outputShape: shape, params: 0, trainable: 0, nonTrainable: 0 });
  });

  test('explains that a 1-D window of 2 steps learns nothing', () => {
    expect(report([10, 4], [{ type: 'maxPooling1d' }]).layers[0]?.explanation).toBe(
      '1-D max pooling learns nothing (it keeps the largest value of each 2-step window): 0',
    );
  });

  test('explains a 3-D window by its depth × height × width', () => {
    expect(report([8, 32, 32, 16], [{ type: 'averagePooling3d', poolSize: [1, 2, 2] }]).layers[0]?.explanation).toBe(
      '3-D average pooling learns nothing (it keeps the mean value of each 1×2×2 window): 0',
    );
  });
});

describe('1-D and 3-D global pooling', () => {
  test.each(globalRows)('$name', ({ input, layer, shape }) => {
    const [only] = report(input, [layer]).layers;
    expect(only).toMatchObject({ outputShape: shape, params: 0, trainable: 0, nonTrainable: 0 });
  });

  test('explains 1-D global pooling by the steps each channel loses', () => {
    expect(report([50, 64], [{ type: 'globalAveragePooling1d' }]).layers[0]?.explanation).toBe(
      "1-D global average pooling learns nothing (it reduces each channel's 50 steps to one value): 0",
    );
    expect(report([1, 3], [{ type: 'globalMaxPooling1d' }]).layers[0]?.explanation).toBe(
      "1-D global max pooling learns nothing (it reduces each channel's 1 step to one value): 0",
    );
  });

  test('explains 3-D global pooling by the volume of each channel', () => {
    expect(
      report([8, 4, 5, 6], [{ type: 'globalMaxPooling3d', dataFormat: 'channels_first' }]).layers[0]?.explanation,
    ).toBe('3-D global max pooling learns nothing (it reduces each 4×5×6 channel to one value): 0');
  });

  test('feeds a dense layer after global pooling with one input per channel', () => {
    // [20, 6] → global max → [6]; dense 6 × 3 + 3 = 21.
    const net = report([20, 6], [{ type: 'globalMaxPooling1d' }, { type: 'dense', units: 3 }]);
    expect(net.layers.map((l) => l.params)).toEqual([0, 21]);
  });
});

describe('1-D and 3-D pooling in a network', () => {
  test('counts dense on the last axis after 1-D pooling and after flattening', () => {
    // [12, 3] → max 2 → [6, 3] → dense 4 on the last axis: 3 × 4 + 4 = 16 → [6, 4]
    // → flatten [24] → dense 2: 24 × 2 + 2 = 50.
    const net = report(
      [12, 3],
      [{ type: 'maxPooling1d' }, { type: 'dense', units: 4 }, { type: 'flatten' }, { type: 'dense', units: 2 }],
    );
    expect(net.layers.map((l) => l.outputShape)).toEqual([[6, 3], [6, 4], [24], [2]]);
    expect(net.totals.params).toBe(16 + 50);
  });

  test('counts dense after 3-D pooling and global pooling', () => {
    // [4, 6, 6, 2] → avg 2 → [2, 3, 3, 2] → dense 5 on the last axis: 2 × 5 + 5 = 15 → [2, 3, 3, 5]
    // → global average → [5] → dense 1: 5 + 1 = 6.
    const net = report(
      [4, 6, 6, 2],
      [
        { type: 'averagePooling3d' },
        { type: 'dense', units: 5 },
        { type: 'globalAveragePooling3d' },
        { type: 'dense', units: 1 },
      ],
    );
    expect(net.layers.map((l) => l.outputShape)).toEqual([[2, 3, 3, 2], [2, 3, 3, 5], [5], [1]]);
    expect(net.totals.params).toBe(15 + 6);
  });
});

describe('refusals', () => {
  test('refuses a 1-D window longer than the steps with valid padding, pointing at poolSize', () => {
    const [problem] = problems([3, 2], [{ type: 'maxPooling1d', poolSize: 5 }]);
    expect(problem?.path).toEqual(['layers', 0, 'poolSize']);
    // The wording of the size comes from the shared sliding-window helper.
    expect(problem?.message).toMatch(
      /^the 5(-step)? pool window of this 1-D max pooling layer is larger than its 3\b.* with "valid" padding, so no output is left; use a smaller pool window or padding "same"$/,
    );
  });

  test('refuses a 3-D window taller than the input with valid padding', () => {
    // Height: 3 − 4 + 1 = 0 positions left.
    expect(problems([3, 3, 3, 1], [{ type: 'averagePooling3d', poolSize: [2, 4, 2] }])).toEqual([
      {
        path: ['layers', 0, 'poolSize'],
        message:
          'the 2×4×2 pool window of this 3-D average pooling layer is larger than its 3×3×3 input with "valid" padding, so no output is left; use a smaller pool window or padding "same"',
      },
    ]);
  });

  test('refuses the default window on a depth of 1 with valid padding', () => {
    expect(problems([1, 4, 4, 2], [{ type: 'maxPooling3d' }])[0]?.path).toEqual(['layers', 0, 'poolSize']);
  });

  test('refuses a 1-D pooling layer on an image', () => {
    expect(problems([8, 8, 3], [{ type: 'maxPooling1d' }])).toEqual([
      {
        path: ['layers', 0, 'type'],
        message:
          'a 1-D max pooling layer needs a steps × channels input, but the tensor is 8×8×3 (height × width × channels)',
      },
    ]);
  });

  test('refuses a 3-D pooling layer on a flat vector', () => {
    expect(problems([12], [{ type: 'averagePooling3d' }])).toEqual([
      {
        path: ['layers', 0, 'type'],
        message:
          'a 3-D average pooling layer needs a depth × height × width × channels input, but the tensor is already flat (12); move it before the flatten or global pooling layer',
      },
    ]);
  });

  test('refuses a 1-D global pooling layer after another one has flattened the steps', () => {
    expect(problems([10, 4], [{ type: 'globalAveragePooling1d' }, { type: 'globalMaxPooling1d' }])).toEqual([
      {
        path: ['layers', 1, 'type'],
        message:
          'a 1-D global max pooling layer needs a steps × channels input, but the tensor is already flat (4); move it before the flatten or global pooling layer',
      },
    ]);
  });

  test('refuses a 3-D global pooling layer on an image', () => {
    expect(problems([8, 8, 3], [{ type: 'globalMaxPooling3d' }])).toEqual([
      {
        path: ['layers', 0, 'type'],
        message:
          'a 3-D global max pooling layer needs a depth × height × width × channels input, but the tensor is 8×8×3 (height × width × channels)',
      },
    ]);
  });

  test('refuses a 3-D pooling layer on a [steps, channels] sequence', () => {
    expect(problems([20, 4], [{ type: 'maxPooling3d' }])[0]?.message).toBe(
      'a 3-D max pooling layer needs a depth × height × width × channels input, but the tensor is 20×4 (steps × channels)',
    );
  });
});

describe('option validation', () => {
  const issues = (input: number[], layer: unknown) => {
    const parsed = Network.safeParse({ input, layers: [layer] });
    if (parsed.success) throw new Error('expected the layer to be refused');
    return parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  test.each([
    {
      why: 'a 1-D poolSize with two axes',
      input: [10, 4],
      layer: { type: 'maxPooling1d', poolSize: [2, 2] },
      path: ['layers', 0, 'poolSize'],
      message: 'poolSize must be a whole number from 1 to 1024, or a list [n] of one',
    },
    {
      why: 'a poolSize of 0',
      input: [10, 4],
      layer: { type: 'averagePooling1d', poolSize: 0 },
      path: ['layers', 0, 'poolSize'],
      message: 'poolSize must be at least 1',
    },
    {
      why: 'a 3-D strides with two axes',
      input: [4, 4, 4, 4],
      layer: { type: 'maxPooling3d', strides: [2, 2] },
      path: ['layers', 0, 'strides'],
      message: 'strides must be a whole number from 1 to 1024, or a list [depth, height, width] of them',
    },
    {
      why: 'a fractional 3-D poolSize',
      input: [4, 4, 4, 4],
      layer: { type: 'averagePooling3d', poolSize: 1.5 },
      path: ['layers', 0, 'poolSize'],
      message: 'poolSize must be a whole number from 1 to 1024, or a list [depth, height, width] of them',
    },
    {
      why: 'an unknown padding',
      input: [4, 4, 4, 4],
      layer: { type: 'averagePooling3d', padding: 'full' },
      path: ['layers', 0, 'padding'],
      message: 'padding must be "valid" or "same"',
    },
    {
      why: 'an unknown data format',
      input: [4, 4],
      layer: { type: 'maxPooling1d', dataFormat: 'channels_middle' },
      path: ['layers', 0, 'dataFormat'],
      message: 'dataFormat must be "channels_last" (the default) or "channels_first"',
    },
    {
      why: 'keepdims that is not a boolean',
      input: [4, 4, 4, 4],
      layer: { type: 'globalAveragePooling3d', keepdims: 'yes' },
      path: ['layers', 0, 'keepdims'],
      message: 'keepdims must be true or false',
    },
    {
      why: "Keras 1's pool_length, which Keras 2 renamed poolSize",
      input: [10, 4],
      layer: { type: 'maxPooling1d', poolLength: 2 },
      path: ['layers', 0],
      message: 'allowed here: type, poolSize, strides, padding, dataFormat, name, trainable, inputs',
    },
  ])('refuses $why', ({ input, layer, path, message }) => {
    expect(issues(input, layer)).toEqual([{ path, message }]);
  });
});

describe('words and code', () => {
  test.each([
    // Defaults spelled out: window 2, stride = window, valid.
    [{ type: 'maxPooling1d' }, '2-step pool, stride 2, padding valid'],
    [{ type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'same' }, '3-step pool, stride 2, padding same'],
    [{ type: 'maxPooling3d' }, '2×2×2 pool, stride 2, padding valid'],
    [
      { type: 'averagePooling3d', poolSize: [2, 3, 1], strides: [1, 2, 1], dataFormat: 'channels_first' },
      '2×3×1 pool, stride 1×2×1, padding valid, channels first',
    ],
    [{ type: 'globalAveragePooling1d', keepdims: true }, 'one value per channel, keepdims'],
    [{ type: 'globalMaxPooling3d', dataFormat: 'channels_first' }, 'one value per channel, channels first'],
  ] as [Layer, string][])('describes %j as %s', (layer, words) => {
    expect(specOf(layer).describe(layer)).toBe(words);
  });

  test.each([
    // Keras writes a 1-D size as one number and larger ranks as tuples.
    [{ type: 'maxPooling1d' }, 'MaxPooling1D(pool_size=2)'],
    [
      { type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'same' },
      'AveragePooling1D(pool_size=3, strides=2, padding="same")',
    ],
    [{ type: 'averagePooling3d', poolSize: [1, 2, 2] }, 'AveragePooling3D(pool_size=(1, 2, 2))'],
    [
      { type: 'maxPooling3d', strides: [1, 1, 2], dataFormat: 'channels_first' },
      'MaxPooling3D(pool_size=(2, 2, 2), strides=(1, 1, 2), data_format="channels_first")',
    ],
    [{ type: 'globalAveragePooling1d', keepdims: true }, 'GlobalAveragePooling1D(keepdims=True)'],
    [{ type: 'globalMaxPooling3d' }, 'GlobalMaxPooling3D()'],
  ] as [Layer, string][])('writes %j in Keras as %s', (layer, code) => {
    expect(specOf(layer).keras.code(layer)).toBe(code);
  });

  test.each([
    [{ type: 'maxPooling1d' }, [10, 4], ['nn.MaxPool1d(kernel_size=2, stride=2)']],
    // "same" on 100 steps, window 3, stride 2: 50 outputs need (50 − 1)·2 + 3 − 100 = 1 extra step, after.
    [
      { type: 'averagePooling1d', poolSize: 3, strides: 2, padding: 'same' },
      [100, 16],
      ['nn.ConstantPad1d((0, 1), 0.0)', 'nn.AvgPool1d(kernel_size=3, stride=2)'],
    ],
    // "same" on 7×8×5, window 3, stride 2: outputs 4, 4, 3 need 2, 1, 2 extra: [1, 1], [0, 1], [1, 1];
    // PyTorch lists the last axis first: (1, 1, 0, 1, 1, 1).
    [
      { type: 'maxPooling3d', poolSize: 3, strides: 2, padding: 'same' },
      [7, 8, 5, 4],
      ['nn.ConstantPad3d((1, 1, 0, 1, 1, 1), 0.0)', 'nn.MaxPool3d(kernel_size=(3, 3, 3), stride=(2, 2, 2))'],
    ],
    [
      { type: 'averagePooling3d', poolSize: [1, 2, 2] },
      [8, 32, 32, 16],
      ['nn.AvgPool3d(kernel_size=(1, 2, 2), stride=(1, 2, 2))'],
    ],
    [{ type: 'globalAveragePooling1d' }, [50, 64], ['nn.AdaptiveAvgPool1d(1)', 'nn.Flatten()']],
    [{ type: 'globalMaxPooling3d', keepdims: true }, [4, 7, 7, 64], ['nn.AdaptiveMaxPool3d(1)']],
  ] as [Layer, number[], string[]][])('writes %j on %j in PyTorch', (layer, input, modules) => {
    expect(specOf(layer).pytorch(layer, input)).toEqual(modules);
  });

  test('registers every type under its Keras classes and aliases', () => {
    expect(
      (
        [
          'maxPooling1d',
          'maxPooling3d',
          'averagePooling1d',
          'averagePooling3d',
          'globalAveragePooling1d',
          'globalAveragePooling3d',
          'globalMaxPooling1d',
          'globalMaxPooling3d',
        ] as const
      ).map((type) => LAYERS[type].keras.classes),
    ).toEqual([
      ['MaxPooling1D', 'MaxPool1D'],
      ['MaxPooling3D', 'MaxPool3D'],
      ['AveragePooling1D', 'AvgPool1D'],
      ['AveragePooling3D', 'AvgPool3D'],
      ['GlobalAveragePooling1D', 'GlobalAvgPool1D'],
      ['GlobalAveragePooling3D', 'GlobalAvgPool3D'],
      ['GlobalMaxPooling1D', 'GlobalMaxPool1D'],
      ['GlobalMaxPooling3D', 'GlobalMaxPool3D'],
    ]);
  });
});
