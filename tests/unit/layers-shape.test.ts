import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { LAYERS } from '../../src/domain/layers';
import { Network, type Layer } from '../../src/domain/schema/network';

// Shape changes and regularization learn nothing: every row below counts 0, and what is checked is
// the output shape, worked out by hand from Keras's rules in each row's comment.

/** One layer on an input, through the real schema (so defaults and validation apply). */
function single(input: number[], layer: Record<string, unknown>) {
  const result = analyzeNetwork(Network.parse({ input, layers: [layer] }));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const [report] = result.value.layers;
  if (report === undefined) throw new Error('no layer report');
  return report;
}

/** Why the engine refuses one layer on an input: the schema's issues, or the layer's own problems. */
function refusal(input: number[], layer: Record<string, unknown>) {
  const parsed = Network.safeParse({ input, layers: [layer] });
  if (!parsed.success) return parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  const result = analyzeNetwork(parsed.data);
  if (result.ok) throw new Error(`expected ${JSON.stringify(layer)} on ${input.join('×')} to be refused`);
  return result.error;
}

interface Row {
  name: string;
  input: number[];
  layer: Record<string, unknown>;
  shape: number[];
}

const rows: Record<string, Row[]> = {
  reshape: [
    // 28·28·3 = 2352 values, laid out flat.
    { name: 'flattens to one size', input: [28, 28, 3], layer: { targetShape: [2352] }, shape: [2352] },
    // 3·4 = 12 = the 12 inputs.
    { name: 'lays a vector out as a matrix', input: [12], layer: { targetShape: [3, 4] }, shape: [3, 4] },
    // −1 = 12 ÷ (2·2) = 3.
    { name: 'works out a leading -1', input: [12], layer: { targetShape: [-1, 2, 2] }, shape: [3, 2, 2] },
    // 7·7·48 = 2352; −1 = 2352 ÷ 48 = 49.
    { name: 'works out -1 from a 3-D input', input: [7, 7, 48], layer: { targetShape: [-1, 48] }, shape: [49, 48] },
    // 1·1·1024 = 1024: MobileNet's reshape after global pooling.
    { name: 'adds axes of size 1', input: [1024], layer: { targetShape: [1, 1, 1024] }, shape: [1, 1, 1024] },
    // 4·6 = 24 = 2·3·2·2: four axes out of two.
    { name: 'reaches four axes', input: [4, 6], layer: { targetShape: [2, 3, 2, 2] }, shape: [2, 3, 2, 2] },
    // 2·3·4·5 = 120; −1 alone is everything.
    { name: 'takes -1 alone as flatten', input: [2, 3, 4, 5], layer: { targetShape: [-1] }, shape: [120] },
    // −1 in the middle: 6·10 = 60, 60 ÷ (2·5) = 6.
    { name: 'works out a -1 in the middle', input: [6, 10], layer: { targetShape: [2, -1, 5] }, shape: [2, 6, 5] },
  ],
  permute: [
    // dims (2, 1): axis 2 (64) first, then axis 1 (10).
    { name: 'swaps steps and channels', input: [10, 64], layer: { dims: [2, 1] }, shape: [64, 10] },
    // (3, 1, 2) on 4×5×6: [6, 4, 5].
    { name: 'rotates three axes', input: [4, 5, 6], layer: { dims: [3, 1, 2] }, shape: [6, 4, 5] },
    // (1, 3, 2, 4) on 2×3×4×5: [2, 4, 3, 5].
    {
      name: 'swaps the middle two of four axes',
      input: [2, 3, 4, 5],
      layer: { dims: [1, 3, 2, 4] },
      shape: [2, 4, 3, 5],
    },
    // (1) on a vector: nothing moves.
    { name: 'keeps a vector as it is', input: [7], layer: { dims: [1] }, shape: [7] },
    // (1, 2, 3): the identity permutation.
    { name: 'keeps the order with dims in order', input: [4, 5, 6], layer: { dims: [1, 2, 3] }, shape: [4, 5, 6] },
  ],
  flatten: [
    // Already flat: 10 stays 10.
    { name: 'keeps a vector of rank 1', input: [10], layer: {}, shape: [10] },
    // 5·3 = 15.
    { name: 'flattens rank 2', input: [5, 3], layer: {}, shape: [15] },
    // 2·3·4·5 = 120.
    { name: 'flattens rank 4', input: [2, 3, 4, 5], layer: {}, shape: [120] },
  ],
  upSampling1d: [
    // size 2 by default: 10·2 = 20 steps, channels kept.
    { name: 'doubles the steps by default', input: [10, 4], layer: {}, shape: [20, 4] },
    // 10·3 = 30.
    { name: 'repeats each step size times', input: [10, 4], layer: { size: 3 }, shape: [30, 4] },
    // size 1 changes nothing.
    { name: 'keeps the length with size 1', input: [10, 4], layer: { size: 1 }, shape: [10, 4] },
  ],
  upSampling2d: [
    // [2, 2] by default: 14·2 = 28 on each side.
    { name: 'doubles height and width by default', input: [14, 14, 8], layer: {}, shape: [28, 28, 8] },
    // One number for both: 14·3 = 42.
    { name: 'takes one number for both axes', input: [14, 14, 8], layer: { size: 3 }, shape: [42, 42, 8] },
    // [2, 3]: 14·2 = 28, 14·3 = 42.
    { name: 'takes a factor per axis', input: [14, 14, 8], layer: { size: [2, 3] }, shape: [28, 42, 8] },
    // Bilinear interpolation gives the same shape: 5·2 = 10, 7·2 = 14.
    {
      name: 'gives the same shape when interpolating',
      input: [5, 7, 3],
      layer: { interpolation: 'bilinear' },
      shape: [10, 14, 3],
    },
    // channels_first: [8, 14, 14] → [8, 28, 42].
    {
      name: 'grows the last two axes with channels first',
      input: [8, 14, 14],
      layer: { size: [2, 3], dataFormat: 'channels_first' },
      shape: [8, 28, 42],
    },
  ],
  upSampling3d: [
    // [2, 2, 2] by default: 4·2, 8·2, 8·2.
    { name: 'doubles every spatial axis by default', input: [4, 8, 8, 2], layer: {}, shape: [8, 16, 16, 2] },
    // [1, 2, 3]: 4·1 = 4, 8·2 = 16, 8·3 = 24.
    { name: 'takes a factor per axis', input: [4, 8, 8, 2], layer: { size: [1, 2, 3] }, shape: [4, 16, 24, 2] },
    // channels_first [2, 4, 8, 8], size 2: [2, 8, 16, 16].
    {
      name: 'grows the last three axes with channels first',
      input: [2, 4, 8, 8],
      layer: { size: 2, dataFormat: 'channels_first' },
      shape: [2, 8, 16, 16],
    },
  ],
  zeroPadding1d: [
    // 1 on each side by default: 10 + 1 + 1 = 12.
    { name: 'adds one step at each end by default', input: [10, 4], layer: {}, shape: [12, 4] },
    // One number: 10 + 3 + 3 = 16.
    { name: 'takes one number for both ends', input: [10, 4], layer: { padding: 3 }, shape: [16, 4] },
    // [left, right] = [1, 2]: 10 + 1 + 2 = 13.
    { name: 'takes [left, right]', input: [10, 4], layer: { padding: [1, 2] }, shape: [13, 4] },
    // [0, 0]: nothing added.
    { name: 'adds nothing with [0, 0]', input: [10, 4], layer: { padding: [0, 0] }, shape: [10, 4] },
    // channels_first [4, 10] with [2, 0]: 10 + 2 + 0 = 12 on the last axis.
    {
      name: 'pads the last axis with channels first',
      input: [4, 10],
      layer: { padding: [2, 0], dataFormat: 'channels_first' },
      shape: [4, 12],
    },
  ],
  zeroPadding2d: [
    // Unchanged by the shared sides helper: 28 + 1 + 2 = 31, 28 + 0 + 3 = 31.
    {
      name: 'still takes [[top, bottom], [left, right]]',
      input: [28, 28, 1],
      layer: {
        padding: [
          [1, 2],
          [0, 3],
        ],
      },
      shape: [31, 31, 1],
    },
    // [rows, columns] = [1, 2]: 28 + 2 = 30, 28 + 4 = 32.
    { name: 'still takes [rows, columns]', input: [28, 28, 1], layer: { padding: [1, 2] }, shape: [30, 32, 1] },
    // Default 1: 28 + 2 = 30.
    { name: 'still pads 1 by default', input: [28, 28, 1], layer: {}, shape: [30, 30, 1] },
  ],
  zeroPadding3d: [
    // 1 on every side by default: 4 + 2 = 6, 8 + 2 = 10, 8 + 2 = 10.
    { name: 'adds one on every side by default', input: [4, 8, 8, 2], layer: {}, shape: [6, 10, 10, 2] },
    // One number: 4 + 4 = 8, 8 + 4 = 12.
    { name: 'takes one number for every side', input: [4, 8, 8, 2], layer: { padding: 2 }, shape: [8, 12, 12, 2] },
    // [d, h, w] = [1, 2, 3]: 4 + 2 = 6, 8 + 4 = 12, 8 + 6 = 14.
    { name: 'takes [depth, height, width]', input: [4, 8, 8, 2], layer: { padding: [1, 2, 3] }, shape: [6, 12, 14, 2] },
    // [[1, 0], [0, 2], [3, 3]]: 4 + 1 = 5, 8 + 2 = 10, 8 + 6 = 14.
    {
      name: 'takes [before, after] per axis',
      input: [4, 8, 8, 2],
      layer: {
        padding: [
          [1, 0],
          [0, 2],
          [3, 3],
        ],
      },
      shape: [5, 10, 14, 2],
    },
    // Keras mixes the forms per axis: [1, [0, 2], 0] → 4 + 2 = 6, 8 + 2 = 10, 8 + 0 = 8.
    {
      name: 'takes the forms mixed per axis',
      input: [4, 8, 8, 2],
      layer: { padding: [1, [0, 2], 0] },
      shape: [6, 10, 8, 2],
    },
    // channels_first [2, 4, 8, 8]: the last three axes grow by 2.
    {
      name: 'pads the last three axes with channels first',
      input: [2, 4, 8, 8],
      layer: { dataFormat: 'channels_first' },
      shape: [2, 6, 10, 10],
    },
  ],
  cropping1d: [
    // [1, 1] by default: 10 − 1 − 1 = 8.
    { name: 'cuts one step off each end by default', input: [10, 4], layer: {}, shape: [8, 4] },
    // One number: 10 − 2 − 2 = 6.
    { name: 'takes one number for both ends', input: [10, 4], layer: { cropping: 2 }, shape: [6, 4] },
    // [start, end] = [2, 1]: 10 − 2 − 1 = 7.
    { name: 'takes [start, end]', input: [10, 4], layer: { cropping: [2, 1] }, shape: [7, 4] },
    // [0, 9]: 10 − 0 − 9 = 1, the least Keras keeps.
    { name: 'may leave a single step', input: [10, 4], layer: { cropping: [0, 9] }, shape: [1, 4] },
  ],
  cropping2d: [
    // Keras 3's default is 0: nothing cut.
    { name: 'cuts nothing by default', input: [28, 28, 3], layer: {}, shape: [28, 28, 3] },
    // One number: 28 − 2 − 2 = 24 on both axes.
    { name: 'takes one number for every side', input: [28, 28, 3], layer: { cropping: 2 }, shape: [24, 24, 3] },
    // [rows, columns] = [1, 2]: 28 − 2 = 26, 28 − 4 = 24.
    { name: 'takes [rows, columns]', input: [28, 28, 3], layer: { cropping: [1, 2] }, shape: [26, 24, 3] },
    // [[0, 1], [1, 0]]: 28 − 0 − 1 = 27, 28 − 1 − 0 = 27.
    {
      name: 'takes [[top, bottom], [left, right]]',
      input: [28, 28, 3],
      layer: {
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      shape: [27, 27, 3],
    },
    // channels_first [3, 28, 20] with [[0, 1], [1, 0]]: 28 − 1 = 27, 20 − 1 = 19.
    {
      name: 'crops the last two axes with channels first',
      input: [3, 28, 20],
      layer: {
        cropping: [
          [0, 1],
          [1, 0],
        ],
        dataFormat: 'channels_first',
      },
      shape: [3, 27, 19],
    },
  ],
  cropping3d: [
    // 1 off every side by default: 8 − 2 = 6 on each axis.
    { name: 'cuts one off every side by default', input: [8, 8, 8, 2], layer: {}, shape: [6, 6, 6, 2] },
    // [d, h, w] = [1, 2, 3]: 8 − 2 = 6, 8 − 4 = 4, 8 − 6 = 2.
    { name: 'takes [depth, height, width]', input: [8, 8, 8, 2], layer: { cropping: [1, 2, 3] }, shape: [6, 4, 2, 2] },
    // [[1, 0], [2, 0], [0, 3]]: 8 − 1 = 7, 8 − 2 = 6, 8 − 3 = 5.
    {
      name: 'takes [before, after] per axis',
      input: [8, 8, 8, 2],
      layer: {
        cropping: [
          [1, 0],
          [2, 0],
          [0, 3],
        ],
      },
      shape: [7, 6, 5, 2],
    },
    // 0: nothing cut.
    { name: 'cuts nothing with 0', input: [8, 8, 8, 2], layer: { cropping: 0 }, shape: [8, 8, 8, 2] },
  ],
  spatialDropout1d: [
    // Keeps the shape.
    { name: 'keeps a sequence’s shape', input: [20, 16], layer: { rate: 0.2 }, shape: [20, 16] },
  ],
  spatialDropout2d: [
    { name: 'keeps an image’s shape', input: [16, 16, 32], layer: { rate: 0.2 }, shape: [16, 16, 32] },
    {
      name: 'keeps the shape with channels first',
      input: [32, 16, 16],
      layer: { rate: 0.5, dataFormat: 'channels_first' },
      shape: [32, 16, 16],
    },
  ],
  spatialDropout3d: [
    { name: 'keeps a volume’s shape', input: [8, 8, 8, 16], layer: { rate: 0.2 }, shape: [8, 8, 8, 16] },
  ],
  gaussianNoise: [
    { name: 'keeps a vector’s shape', input: [784], layer: { stddev: 0.1 }, shape: [784] },
    { name: 'keeps an image’s shape', input: [28, 28, 1], layer: { stddev: 1 }, shape: [28, 28, 1] },
  ],
  gaussianDropout: [
    { name: 'keeps a vector’s shape', input: [128], layer: { rate: 0.2 }, shape: [128] },
    { name: 'keeps a sequence’s shape', input: [10, 3], layer: { rate: 0 }, shape: [10, 3] },
  ],
  alphaDropout: [
    { name: 'keeps a vector’s shape', input: [256], layer: { rate: 0.1 }, shape: [256] },
    { name: 'keeps a 4-axis shape', input: [4, 5, 6, 7], layer: { rate: 0.5 }, shape: [4, 5, 6, 7] },
  ],
  activityRegularization: [
    { name: 'keeps the shape with l1 alone', input: [64], layer: { l1: 0.01 }, shape: [64] },
    { name: 'keeps the shape with the defaults', input: [8, 8, 3], layer: {}, shape: [8, 8, 3] },
    { name: 'keeps the shape with l1 and l2', input: [64], layer: { l1: 0.01, l2: 0.001 }, shape: [64] },
  ],
};

describe.each(Object.entries(rows))('%s', (type, cases) => {
  test.each(cases)('$name, learning nothing', ({ input, layer, shape }) => {
    const report = single(input, { type, ...layer });
    expect(report.outputShape).toEqual(shape);
    expect(report).toMatchObject({ params: 0, weights: 0, biases: 0, trainable: 0, nonTrainable: 0 });
    expect(report.explanation).toMatch(/learns nothing \(.*\): 0$/);
  });
});

describe('explanations show the arithmetic', () => {
  test.each([
    [[7, 7, 48], { type: 'reshape', targetShape: [-1, 48] }, 'the -1 being 2352 ÷ 48 = 49'],
    [[10, 4], { type: 'zeroPadding1d', padding: [1, 2] }, 'length 10 + 1 + 2 = 13'],
    [
      [4, 8, 8, 2],
      { type: 'zeroPadding3d', padding: [1, 2, 3] },
      'depth 4 + 1 + 1 = 6, height 8 + 2 + 2 = 12, width 8 + 3 + 3 = 14',
    ],
    [
      [28, 28, 3],
      {
        type: 'cropping2d',
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      'height 28 − 0 − 1 = 27, width 28 − 1 − 0 = 27',
    ],
    [[14, 14, 8], { type: 'upSampling2d', size: [2, 3] }, 'height 14 × 2 = 28, width 14 × 3 = 42'],
    [[10, 64], { type: 'permute', dims: [2, 1] }, '10×64 → 64×10'],
  ])('on %j, %j says %s', (input, layer, arithmetic) => {
    expect(single(input, layer).explanation).toContain(arithmetic);
  });
});

describe('refusals point at the option and say the arithmetic', () => {
  test('a reshape of 2352 values to [10, 10] names both sizes', () => {
    expect(refusal([28, 28, 3], { type: 'reshape', targetShape: [10, 10] })).toEqual([
      {
        path: ['layers', 0, 'targetShape'],
        message:
          'a reshape keeps every value, but the 28×28×3 input has 28 × 28 × 3 = 2352 values and targetShape [10, 10] holds 10 × 10 = 100; choose sizes whose product is 2352, or -1 for one of them',
      },
    ]);
  });

  test('a -1 that cannot divide the values shows the remainder', () => {
    // 2352 = 235 × 10 + 2.
    expect(refusal([28, 28, 3], { type: 'reshape', targetShape: [-1, 10] })).toEqual([
      {
        path: ['layers', 0, 'targetShape'],
        message:
          'targetShape [-1, 10] cannot hold the same values: the 28×28×3 input has 28 × 28 × 3 = 2352 values, and the sizes other than -1 make 10, which does not divide 2352 (2352 = 235 × 10 + 2); choose sizes whose product divides 2352',
      },
    ]);
  });

  test('two -1s are refused at the second one', () => {
    expect(refusal([12], { type: 'reshape', targetShape: [-1, 3, -1] })).toEqual([
      {
        path: ['layers', 0, 'targetShape', 2],
        message: 'targetShape [-1, 3, -1] has 2 sizes of -1; Keras works out one at most, so write all the others out',
      },
    ]);
  });

  test.each([
    [{ targetShape: [0, 12] }, ['targetShape', 0], /whole number of at least 1, or -1/],
    [{ targetShape: [-2, 6] }, ['targetShape', 0], /whole number of at least 1, or -1/],
    [{ targetShape: [] }, ['targetShape'], /at least one size/],
    [{ targetShape: [1, 1, 1, 2, 6] }, ['targetShape'], /at most 4 sizes/],
    [{ targetShape: 12 }, ['targetShape'], /list of sizes/],
    [{}, ['targetShape'], /list of sizes/],
  ])('refuses reshape %j', (options, path, message) => {
    const [problem] = refusal([12], { type: 'reshape', ...options });
    expect(problem?.path).toEqual(['layers', 0, ...path]);
    expect(problem?.message).toMatch(message);
  });

  test('a list that is not a permutation says what repeats and what is missing', () => {
    expect(refusal([4, 5, 6], { type: 'permute', dims: [2, 2, 1] })).toEqual([
      {
        path: ['layers', 0, 'dims'],
        message:
          'dims [2, 2, 1] is not a permutation: it repeats 2 and leaves out 3; list each of 1, 2, 3 once (Keras numbers the axes from 1, the batch left out)',
      },
    ]);
    expect(refusal([4, 5], { type: 'permute', dims: [1, 3] })[0]?.message).toMatch(
      /^dims \[1, 3\] is not a permutation: it has 3, past 2 and leaves out 2;/,
    );
  });

  test('a permutation of the wrong rank names the input’s axes', () => {
    expect(refusal([28, 28, 3], { type: 'permute', dims: [2, 1] })).toEqual([
      {
        path: ['layers', 0, 'dims'],
        message:
          'dims [2, 1] orders 2 axes, but the 28×28×3 input has 3; list each of 1, 2, 3 once (Keras numbers the axes from 1, the batch left out)',
      },
    ]);
  });

  test('permute refuses an axis numbered from 0', () => {
    expect(refusal([4, 5], { type: 'permute', dims: [0, 1] })[0]).toMatchObject({
      path: ['layers', 0, 'dims', 0],
      message: 'each of dims must be at least 1',
    });
  });

  test('cropping that leaves no rows says the sizes and the arithmetic', () => {
    expect(
      refusal([3, 5, 1], {
        type: 'cropping2d',
        cropping: [
          [2, 2],
          [0, 0],
        ],
      }),
    ).toEqual([
      {
        path: ['layers', 0, 'cropping'],
        message:
          'cropping [[2, 2], [0, 0]] leaves nothing of the 3×5×1 input (Keras keeps at least 1 on every axis): its height is 3 and 3 − 2 − 2 = -1, so crop less than 3 in total from the height',
      },
    ]);
  });

  test('cropping names every axis it empties, and the default when none was written', () => {
    // 2 − 1 − 1 = 0 on depth; the rest keep 8 − 2 = 6.
    expect(refusal([2, 8, 8, 1], { type: 'cropping3d' })[0]?.message).toBe(
      'the default cropping 1 leaves nothing of the 2×8×8×1 input (Keras keeps at least 1 on every axis): its depth is 2 and 2 − 1 − 1 = 0, so crop less than 2 in total from the depth',
    );
    // 3 − 2 − 1 = 0 steps.
    expect(refusal([3, 4], { type: 'cropping1d', cropping: [2, 1] })[0]).toMatchObject({
      path: ['layers', 0, 'cropping'],
      message: expect.stringContaining('its length is 3 and 3 − 2 − 1 = 0'),
    });
    // 2 − 1 − 1 = 0 on both axes.
    expect(refusal([2, 2, 1], { type: 'cropping2d', cropping: 1 })[0]?.message).toContain(
      'its height is 2 and 2 − 1 − 1 = 0, so crop less than 2 in total from the height; its width is 2 and 2 − 1 − 1 = 0',
    );
  });

  test.each([
    [
      { type: 'zeroPadding1d', padding: [1, 2, 3] },
      ['padding'],
      'padding must be n or [left, right] with whole numbers from 0 to 1024',
    ],
    [
      { type: 'zeroPadding3d', padding: [1, 2] },
      ['padding'],
      'padding must be n, [depth, height, width] or [[front, back], [top, bottom], [left, right]] with whole numbers from 0 to 1024',
    ],
    [{ type: 'cropping1d', cropping: -1 }, ['cropping'], 'cropping must be at least 0'],
    [
      { type: 'cropping1d', cropping: [1] },
      ['cropping'],
      'cropping must be n or [start, end] with whole numbers from 0 to 65536',
    ],
    [
      {
        type: 'cropping2d',
        cropping: [
          [1, 2, 3],
          [0, 0],
        ],
      },
      ['cropping'],
      'cropping must be n, [rows, columns] or [[top, bottom], [left, right]] with whole numbers from 0 to 65536',
    ],
    [{ type: 'upSampling1d', size: 0 }, ['size'], 'size must be at least 1'],
    [
      { type: 'upSampling2d', interpolation: 'area' },
      ['interpolation'],
      /Keras 3's "nearest", "bilinear", "bicubic", "lanczos3", "lanczos5"/,
    ],
    [{ type: 'spatialDropout1d' }, ['rate'], 'rate must be a number'],
    [{ type: 'gaussianDropout', rate: 1 }, ['rate'], 'rate must be below 1'],
    [{ type: 'alphaDropout', rate: -0.1 }, ['rate'], 'rate must be at least 0'],
    [
      { type: 'gaussianNoise', stddev: 1.5 },
      ['stddev'],
      'stddev must be at most 1 (Keras 3 refuses a larger standard deviation)',
    ],
    [{ type: 'gaussianNoise' }, ['stddev'], 'stddev is required'],
    [{ type: 'activityRegularization', l1: -1 }, ['l1'], 'l1 must be at least 0 (a penalty factor)'],
    [{ type: 'activityRegularization', l2: 'big' }, ['l2'], 'l2 must be a number'],
  ])('refuses %j', (layer, path, message) => {
    const input = layer.type.endsWith('3d') ? [4, 8, 8, 2] : layer.type.endsWith('1d') ? [10, 4] : [8, 8, 3];
    const [problem] = refusal(input, layer);
    expect(problem?.path).toEqual(['layers', 0, ...path]);
    if (typeof message === 'string') expect(problem?.message).toBe(message);
    else expect(problem?.message).toMatch(message);
  });

  test.each([
    [
      'spatialDropout1d',
      [28, 28, 3],
      'a 1-D spatial dropout layer needs a steps × channels input, but the tensor is 28×28×3 (height × width × channels)',
    ],
    [
      'spatialDropout2d',
      [20, 16],
      'a spatial dropout layer needs a height × width × channels input, but the tensor is 20×16 (steps × channels)',
    ],
    [
      'spatialDropout3d',
      [16, 16, 32],
      'a 3-D spatial dropout layer needs a depth × height × width × channels input, but the tensor is 16×16×32 (height × width × channels)',
    ],
    [
      'spatialDropout1d',
      [16],
      'a 1-D spatial dropout layer needs a steps × channels input, but the tensor is already flat (16); move it before the flatten or global pooling layer',
    ],
    [
      'upSampling1d',
      [28, 28, 3],
      'a 1-D up-sampling layer needs a steps × channels input, but the tensor is 28×28×3 (height × width × channels)',
    ],
    [
      'cropping3d',
      [8, 8, 3],
      'a 3-D cropping layer needs a depth × height × width × channels input, but the tensor is 8×8×3 (height × width × channels)',
    ],
  ])('%s checks its input rank on %j', (type, input, message) => {
    const layer = type.startsWith('spatial') ? { type, rate: 0.2 } : { type };
    expect(refusal(input, layer)).toEqual([{ path: ['layers', 0, 'type'], message }]);
  });
});

describe('Keras code for the examples', () => {
  // Keras 3 keywords and Python literals, as `model.summary()`'s classes take them.
  test.each([
    ['reshape', { type: 'reshape', targetShape: [3, 4] }, 'Reshape(target_shape=(3, 4))'],
    ['reshape', { type: 'reshape', targetShape: [2352] }, 'Reshape(target_shape=(2352,))'],
    ['permute', { type: 'permute', dims: [2, 1] }, 'Permute(dims=(2, 1))'],
    ['upSampling1d', { type: 'upSampling1d' }, 'UpSampling1D(size=2)'],
    [
      'upSampling2d',
      { type: 'upSampling2d', size: 3, interpolation: 'bilinear' },
      'UpSampling2D(size=(3, 3), interpolation="bilinear")',
    ],
    [
      'upSampling3d',
      { type: 'upSampling3d', dataFormat: 'channels_first' },
      'UpSampling3D(size=(2, 2, 2), data_format="channels_first")',
    ],
    ['zeroPadding1d', { type: 'zeroPadding1d', padding: 2 }, 'ZeroPadding1D(padding=(2, 2))'],
    ['zeroPadding2d', { type: 'zeroPadding2d', padding: [1, 2] }, 'ZeroPadding2D(padding=((1, 1), (2, 2)))'],
    [
      'zeroPadding3d',
      { type: 'zeroPadding3d', padding: [1, [0, 2], 3] },
      'ZeroPadding3D(padding=((1, 1), (0, 2), (3, 3)))',
    ],
    ['cropping1d', { type: 'cropping1d' }, 'Cropping1D(cropping=(1, 1))'],
    [
      'cropping2d',
      {
        type: 'cropping2d',
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      'Cropping2D(cropping=((0, 1), (1, 0)))',
    ],
    ['cropping3d', { type: 'cropping3d' }, 'Cropping3D(cropping=((1, 1), (1, 1), (1, 1)))'],
    ['spatialDropout1d', { type: 'spatialDropout1d', rate: 0.2 }, 'SpatialDropout1D(rate=0.2)'],
    [
      'spatialDropout2d',
      { type: 'spatialDropout2d', rate: 0.2, dataFormat: 'channels_first' },
      'SpatialDropout2D(rate=0.2, data_format="channels_first")',
    ],
    ['spatialDropout3d', { type: 'spatialDropout3d', rate: 0.5 }, 'SpatialDropout3D(rate=0.5)'],
    ['gaussianNoise', { type: 'gaussianNoise', stddev: 0.1 }, 'GaussianNoise(stddev=0.1)'],
    ['gaussianDropout', { type: 'gaussianDropout', rate: 0.3 }, 'GaussianDropout(rate=0.3)'],
    ['alphaDropout', { type: 'alphaDropout', rate: 0.1 }, 'AlphaDropout(rate=0.1)'],
    ['activityRegularization', { type: 'activityRegularization', l2: 0.001 }, 'ActivityRegularization(l2=0.001)'],
    ['activityRegularization', { type: 'activityRegularization' }, 'ActivityRegularization()'],
  ] as const)('%s: %j is %s', (type, layer, code) => {
    const spec = LAYERS[type] as unknown as { keras: { code: (l: Layer) => string } };
    expect(spec.keras.code(layer as unknown as Layer)).toBe(code);
  });
});

describe('every new type is a reshape box in the picture and learns nothing on its example', () => {
  const types = Object.keys(rows).filter((t) => t !== 'flatten') as (keyof typeof LAYERS)[];
  test.each(types)('%s', (type) => {
    const spec = LAYERS[type];
    expect(spec.diagram.kind).toBe('reshape');
    const report = single(spec.example.input, spec.example.layer as Record<string, unknown>);
    expect(report.params).toBe(0);
  });
});
