import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type LayerReport } from '../../src/domain/analyze-network';
import { LAYERS } from '../../src/domain/layers';
import type { Convention } from '../../src/domain/layers/spec';
import { diagnoseLayer } from '../../src/domain/mistakes';
import { Network } from '../../src/domain/schema/network';

// Every count below is worked out by hand from Keras 3's sources (keras/src/layers/normalization/*.py,
// keras/src/layers/preprocessing/normalization.py, rescaling.py, image_preprocessing/resizing.py and
// center_crop.py); the arithmetic is in the comment of each row.

/** One layer on one input, parsed by the real schema, as the report gives it. */
function one(input: number[], layer: unknown, convention: Convention = 'keras'): LayerReport {
  const result = analyzeNetwork(Network.parse({ input, layers: [layer] }), convention);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const [report] = result.value.layers;
  if (!report) throw new Error('no layer report');
  return report;
}

/** Why the engine refuses a layer the schema accepts: the first problem's path and message. */
function refusal(input: number[], layer: unknown) {
  const result = analyzeNetwork(Network.parse({ input, layers: [layer] }));
  if (result.ok) throw new Error(`expected ${JSON.stringify(layer)} on ${input.join('×')} to be refused`);
  return result.error[0];
}

/** Why the schema refuses a layer: the first issue's path and message. */
function schemaIssue(layer: unknown, input: number[] = [8, 8, 3]) {
  const parsed = Network.safeParse({ input, layers: [layer] });
  if (parsed.success) throw new Error(`expected the schema to refuse ${JSON.stringify(layer)}`);
  return { path: parsed.error.issues[0]?.path, message: parsed.error.issues[0]?.message };
}

interface Row {
  name: string;
  input: number[];
  layer: Record<string, unknown>;
  shape?: number[];
  trainable: number;
  nonTrainable: number;
}

const check = ({ input, layer, shape, trainable, nonTrainable }: Row, convention: Convention = 'keras') => {
  const report = one(input, layer, convention);
  expect({
    outputShape: report.outputShape,
    trainable: report.trainable,
    nonTrainable: report.nonTrainable,
    params: report.params,
  }).toEqual({ outputShape: shape ?? input, trainable, nonTrainable, params: trainable + nonTrainable });
  // Every explanation ends its arithmetic on the layer's count.
  expect(report.explanation).toMatch(new RegExp(`(^|[^\\d])${report.params}([^\\d]|$)`));
};

describe('layerNormalization', () => {
  const rows: Row[] = [
    // γ and β over the 16 channels: 2 × 16 = 32, nothing stored.
    { name: 'learns γ and β per channel by default', input: [32, 32, 16], layer: {}, trainable: 32, nonTrainable: 0 },
    // axis 3 of a 32×32×16 input (batch = 0) is the channels again: 2 × 16.
    { name: 'reads axis 3 as the channels', input: [32, 32, 16], layer: { axis: 3 }, trainable: 32, nonTrainable: 0 },
    // γ and β span all three axes: 2 × (8 × 8 × 16) = 2 × 1024 = 2048.
    {
      name: 'spans every listed axis',
      input: [8, 8, 16],
      layer: { axis: [1, 2, 3] },
      trainable: 2048,
      nonTrainable: 0,
    },
    // width and channels: 2 × (6 × 4) = 48.
    {
      name: 'accepts negative axes in a list',
      input: [8, 6, 4],
      layer: { axis: [-2, -1] },
      trainable: 48,
      nonTrainable: 0,
    },
    // height only: 2 × 8 = 16.
    { name: 'normalizes over the height alone', input: [8, 6, 4], layer: { axis: 1 }, trainable: 16, nonTrainable: 0 },
    // height and channels, listed out of order: 2 × (8 × 4) = 64.
    {
      name: 'does not care about the order of the axes',
      input: [8, 6, 4],
      layer: { axis: [3, 1] },
      trainable: 64,
      nonTrainable: 0,
    },
    // a flat vector: 2 × 128 = 256.
    { name: 'works on a flat vector', input: [128], layer: {}, trainable: 256, nonTrainable: 0 },
    // steps × channels, both axes: 2 × (10 × 5) = 100.
    {
      name: 'works on a sequence over both axes',
      input: [10, 5],
      layer: { axis: [1, 2] },
      trainable: 100,
      nonTrainable: 0,
    },
    // a volume, all four axes: 2 × (2 × 3 × 4 × 5) = 2 × 120 = 240.
    {
      name: 'works on a volume over all four axes',
      input: [2, 3, 4, 5],
      layer: { axis: [1, 2, 3, 4] },
      trainable: 240,
      nonTrainable: 0,
    },
    // center false: γ only, 16.
    { name: 'drops β with center false', input: [4, 4, 16], layer: { center: false }, trainable: 16, nonTrainable: 0 },
    // scale false: β only, 16.
    { name: 'drops γ with scale false', input: [4, 4, 16], layer: { scale: false }, trainable: 16, nonTrainable: 0 },
    // neither: 0.
    {
      name: 'learns nothing with center and scale false',
      input: [4, 4, 16],
      layer: { center: false, scale: false },
      trainable: 0,
      nonTrainable: 0,
    },
    // rms_scaling keeps γ and drops β (Keras: gamma if scale or rms_scaling, beta if center and not rms_scaling): 16.
    {
      name: 'keeps only γ with rmsScaling',
      input: [4, 4, 16],
      layer: { rmsScaling: true },
      trainable: 16,
      nonTrainable: 0,
    },
    // rms_scaling keeps γ even when scale is false: 16.
    {
      name: 'keeps γ with rmsScaling even when scale is false',
      input: [4, 4, 16],
      layer: { rmsScaling: true, scale: false },
      trainable: 16,
      nonTrainable: 0,
    },
    // frozen: the same 32, all non-trainable.
    {
      name: 'moves its count to non-trainable when frozen',
      input: [4, 4, 16],
      layer: { trainable: false },
      trainable: 0,
      nonTrainable: 32,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'layerNormalization', ...row.layer } }));

  test('counts the same under PyTorch rules, since it keeps no statistics', () => {
    check(
      { name: '', input: [32, 32, 16], layer: { type: 'layerNormalization' }, trainable: 32, nonTrainable: 0 },
      'pytorch',
    );
  });

  test('explains γ and β in the lesson’s words', () => {
    expect(one([32, 32, 16], { type: 'layerNormalization' }).explanation).toBe(
      'layer normalization learns γ and β for each of the 16 values it normalizes over: 2 × 16 = 32; unlike batch normalization it keeps no moving statistics',
    );
    expect(one([8, 8, 16], { type: 'layerNormalization', axis: [1, 2, 3] }).explanation).toContain(
      '8×8×16 = 1024 values it normalizes over (axis [1, 2, 3]): 2 × 1024 = 2048',
    );
  });

  test.each([
    // [input, axis, path, message]
    [[8, 8, 3], 0, ['axis'], /axis 0 is not a feature axis of the 8×8×3 input \(Keras numbers the batch axis 0/],
    [[8, 8, 3], 4, ['axis'], /axis 4 is not a feature axis/],
    [[8, 8, 3], -4, ['axis'], /axis -4 is not a feature axis/], // −4 + 4 = 0, the batch axis
    [[8, 8, 3], [1, 4], ['axis', 1], /axis 4 is not a feature axis/],
    [[8, 8, 3], [3, -1], ['axis', 1], /axis -1 names axis 3 a second time/],
  ])('refuses %j with axis %j, pointing at it', (input, axis, path, message) => {
    const problem = refusal(input, { type: 'layerNormalization', axis });
    expect(problem?.path).toEqual(['layers', 0, ...path]);
    expect(problem?.message).toMatch(message);
  });

  test.each([
    [{ axis: 1.5 }, ['layers', 0, 'axis'], /axis must be a whole number/],
    [{ axis: 7 }, ['layers', 0, 'axis'], /axis must be at most 4/],
    [{ axis: [] }, ['layers', 0, 'axis'], /axis must list at least one axis/],
    [{ axis: 'last' }, ['layers', 0, 'axis'], /axis must be a whole number such as -1, or a list/],
    [{ center: 'yes' }, ['layers', 0, 'center'], /center must be true or false/],
    [{ rmsScaling: 1 }, ['layers', 0, 'rmsScaling'], /rmsScaling must be true or false/],
  ])('the schema refuses %j', (options, path, message) => {
    const issue = schemaIssue({ type: 'layerNormalization', ...options });
    expect(issue.path).toEqual(path);
    expect(issue.message).toMatch(message);
  });

  test.each([
    // [input, options, PyTorch modules]
    [[32, 32, 16], {}, ['ChannelsLast()', 'nn.LayerNorm(16, eps=0.001)', 'ChannelsFirst()']],
    [[128], {}, ['nn.LayerNorm(128, eps=0.001)']],
    // All axes: PyTorch's channels-first tensor is 16×8×8, so normalized_shape lists the channels first.
    [[8, 8, 16], { axis: [1, 2, 3] }, ['nn.LayerNorm((16, 8, 8), eps=0.001)']],
    // Width alone is PyTorch's last axis already.
    [[8, 6, 4], { axis: 2 }, ['nn.LayerNorm(6, eps=0.001)']],
    [[128], { center: false }, ['(lambda m: m.register_parameter("bias", None) or m)(nn.LayerNorm(128, eps=0.001))']],
    [[128], { center: false, scale: false }, ['nn.LayerNorm(128, eps=0.001, elementwise_affine=False)']],
  ])('on %j with %j, writes the PyTorch modules %j', (input, options, modules) => {
    const layer = Network.parse({ input, layers: [{ type: 'layerNormalization', ...options }] }).layers[0];
    expect(LAYERS.layerNormalization.pytorch(layer as never, input)).toEqual(modules);
  });

  test('writes Keras 3 keywords', () => {
    const code = LAYERS.layerNormalization.keras.code;
    expect(code({ type: 'layerNormalization' })).toBe('LayerNormalization()');
    expect(code({ type: 'layerNormalization', axis: [1, 2, 3], center: false, rmsScaling: true })).toBe(
      'LayerNormalization(axis=[1, 2, 3], center=False, rms_scaling=True)',
    );
  });
});

describe('groupNormalization', () => {
  const rows: Row[] = [
    // γ and β per channel, whatever the groups: 2 × 64 = 128.
    { name: 'learns γ and β per channel', input: [16, 16, 64], layer: { groups: 8 }, trainable: 128, nonTrainable: 0 },
    // default groups 32 divide 64 channels: 2 × 64 = 128.
    { name: 'takes 32 groups by default', input: [8, 8, 64], layer: {}, trainable: 128, nonTrainable: 0 },
    // 32 groups of one channel on a sequence: 2 × 32 = 64.
    { name: 'works on a sequence', input: [10, 32], layer: {}, trainable: 64, nonTrainable: 0 },
    // groups -1: one group per channel (instance normalization), still 2 × 12 = 24.
    {
      name: 'reads groups -1 as one group per channel',
      input: [8, 8, 12],
      layer: { groups: -1 },
      trainable: 24,
      nonTrainable: 0,
    },
    // one group for all 12 channels: 2 × 12 = 24.
    { name: 'counts the same with one group', input: [8, 8, 12], layer: { groups: 1 }, trainable: 24, nonTrainable: 0 },
    // center false: γ only, 12.
    {
      name: 'drops β with center false',
      input: [8, 8, 12],
      layer: { groups: 3, center: false },
      trainable: 12,
      nonTrainable: 0,
    },
    // scale false: β only, 12.
    {
      name: 'drops γ with scale false',
      input: [8, 8, 12],
      layer: { groups: 3, scale: false },
      trainable: 12,
      nonTrainable: 0,
    },
    {
      name: 'learns nothing with center and scale false',
      input: [8, 8, 12],
      layer: { groups: 3, center: false, scale: false },
      trainable: 0,
      nonTrainable: 0,
    },
    // axis 1 is the height, 8 values in 2 groups: 2 × 8 = 16.
    {
      name: 'groups along another axis',
      input: [8, 6, 4],
      layer: { groups: 2, axis: 1 },
      trainable: 16,
      nonTrainable: 0,
    },
    // a flat vector of 6 in 3 groups: 2 × 6 = 12.
    { name: 'works on a flat vector', input: [6], layer: { groups: 3 }, trainable: 12, nonTrainable: 0 },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'groupNormalization', ...row.layer } }));

  test('says the groups do not change the count', () => {
    expect(one([16, 16, 64], { type: 'groupNormalization', groups: 8 }).explanation).toBe(
      'group normalization learns γ and β per channel, not per group: 2 × 64 channels = 128 (the 8 groups of 8 channels only decide which values share a mean and variance; it keeps no moving statistics)',
    );
  });

  test.each([
    // [input, options, message]
    [
      [8, 8, 16],
      {},
      /^groups \(32 by default\) cannot be more than the 16 channels of axis -1; use at most 16 groups$/,
    ],
    [[8, 8, 4], { groups: 8 }, /^groups \(8\) cannot be more than the 4 channels/],
    // 48 ÷ 32 = 1.5; the divisors of 48 nearest 32 are 24 and 48, and 16 ties with 48 (16 away).
    [
      [8, 8, 48],
      { groups: 32 },
      /^groups \(32\) must divide the 48 channels of axis -1 evenly \(48 ÷ 32 is not whole\); use a divisor of 48 such as 16 or 24$/,
    ],
    [[8, 8, 12], { groups: 5 }, /must divide the 12 channels .* such as 4 or 6$/],
  ])('refuses %j with %j, pointing at groups', (input, options, message) => {
    const problem = refusal(input, { type: 'groupNormalization', ...options });
    expect(problem?.path).toEqual(['layers', 0, 'groups']);
    expect(problem?.message).toMatch(message);
  });

  test.each([[0], [-2], [1.5], ['8']])('the schema refuses groups %j', (groups) => {
    expect(schemaIssue({ type: 'groupNormalization', groups })).toEqual({
      path: ['layers', 0, 'groups'],
      message: 'groups must be a whole number from 1 to 65536, or -1 for one group per channel',
    });
  });

  test('refuses the batch axis', () => {
    expect(refusal([8, 8, 4], { type: 'groupNormalization', groups: 2, axis: 0 })?.path).toEqual(['layers', 0, 'axis']);
  });

  test('writes GroupNorm over the channels for PyTorch', () => {
    expect(LAYERS.groupNormalization.pytorch({ type: 'groupNormalization', groups: 8 }, [16, 16, 64])).toEqual([
      'nn.GroupNorm(8, 64, eps=0.001)',
    ]);
    expect(LAYERS.groupNormalization.keras.code({ type: 'groupNormalization', groups: 8, scale: false })).toBe(
      'GroupNormalization(groups=8, scale=False)',
    );
  });
});

describe('unitNormalization', () => {
  const rows: Row[] = [
    { name: 'learns nothing on a vector', input: [128], layer: {}, trainable: 0, nonTrainable: 0 },
    {
      name: 'learns nothing over several axes',
      input: [8, 8, 3],
      layer: { axis: [1, 2] },
      trainable: 0,
      nonTrainable: 0,
    },
    // Keras only checks that the axis exists, so the batch axis is accepted.
    {
      name: 'accepts the batch axis as Keras does',
      input: [8, 8, 3],
      layer: { axis: 0 },
      trainable: 0,
      nonTrainable: 0,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'unitNormalization', ...row.layer } }));

  test.each([
    [
      4,
      ['axis'],
      /axis 4 is not an axis of the 8×8×3 input \(Keras numbers the batch axis 0: use 0 \(the batch\) to 3/,
    ],
    [[-1, 3], ['axis', 1], /names axis 3 a second time/],
  ])('refuses axis %j', (axis, path, message) => {
    const problem = refusal([8, 8, 3], { type: 'unitNormalization', axis });
    expect(problem?.path).toEqual(['layers', 0, ...path]);
    expect(problem?.message).toMatch(message);
  });
});

describe('rescaling', () => {
  const rows: Row[] = [
    {
      name: 'learns nothing from 1/255',
      input: [224, 224, 3],
      layer: { scale: 1 / 255 },
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'learns nothing from an offset',
      input: [32, 32, 3],
      layer: { scale: 1 / 127.5, offset: -1 },
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'takes one scale per channel',
      input: [4, 4, 3],
      layer: { scale: [0.5, 0.25, 0.125], offset: [1] },
      trainable: 0,
      nonTrainable: 0,
    },
    { name: 'works on a flat vector', input: [10], layer: { scale: 2 }, trainable: 0, nonTrainable: 0 },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'rescaling', ...row.layer } }));

  test.each([
    [{ scale: [0.5, 0.5] }, 'scale', /^scale lists 2 values, but the last axis of the 4×4×3 input has 3/],
    [{ scale: 1, offset: [0, 0, 0, 0] }, 'offset', /^offset lists 4 values/],
  ])('refuses %j that does not broadcast over the channels', (options, path, message) => {
    const problem = refusal([4, 4, 3], { type: 'rescaling', ...options });
    expect(problem?.path).toEqual(['layers', 0, path]);
    expect(problem?.message).toMatch(message);
  });

  test.each([
    [{}, 'scale', /scale must be a number/],
    [{ scale: 'half' }, 'scale', /scale must be a number such as 0.00392156862745098/],
    [{ scale: [] }, 'scale', /scale must not be an empty list/],
  ])('the schema refuses %j', (options, path, message) => {
    const issue = schemaIssue({ type: 'rescaling', ...options });
    expect(issue.path).toEqual(['layers', 0, path]);
    expect(issue.message).toMatch(message);
  });

  test('writes Keras 3 keywords', () => {
    expect(LAYERS.rescaling.keras.code({ type: 'rescaling', scale: 0.5, offset: -1 })).toBe(
      'Rescaling(scale=0.5, offset=-1)',
    );
    expect(LAYERS.rescaling.keras.code({ type: 'rescaling', scale: [0.5, 0.25] })).toBe('Rescaling(scale=[0.5, 0.25])');
  });
});

describe('normalization (preprocessing)', () => {
  const rows: Row[] = [
    // a mean and a variance per feature and one count: 2 × 9 + 1 = 19, none trained.
    { name: 'stores 2·C + 1 statistics by default', input: [9], layer: {}, trainable: 0, nonTrainable: 19 },
    // per channel of an image: 2 × 3 + 1 = 7.
    { name: 'keeps statistics per channel of an image', input: [8, 8, 3], layer: {}, trainable: 0, nonTrainable: 7 },
    // axis [1, 2] keeps height × width: 2 × (4 × 5) + 1 = 41.
    {
      name: 'keeps statistics per value of several axes',
      input: [4, 5, 3],
      layer: { axis: [1, 2] },
      trainable: 0,
      nonTrainable: 41,
    },
    // axis None ([]): one mean, one variance, one count = 3.
    {
      name: 'keeps one mean for everything with axis []',
      input: [4, 5, 3],
      layer: { axis: [] },
      trainable: 0,
      nonTrainable: 3,
    },
    // mean and variance given: Keras builds constants, no weights at all.
    {
      name: 'creates no weights when mean and variance are given',
      input: [224, 224, 3],
      layer: { mean: [0.485, 0.456, 0.406], variance: [0.052, 0.05, 0.051] },
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'creates no weights from a scalar mean',
      input: [9],
      layer: { mean: 0.5, variance: 2 },
      trainable: 0,
      nonTrainable: 0,
    },
    // Keras broadcasts a size-1 axis: a [1, 5] mean fits kept axes 4 × 5.
    {
      name: 'accepts given statistics that broadcast',
      input: [4, 5, 3],
      layer: { axis: [1, 2], mean: [[0, 1, 2, 3, 4]], variance: [[1, 1, 1, 1, 1]] },
      trainable: 0,
      nonTrainable: 0,
    },
    // invert changes the arithmetic, not what is stored: still 2 × 9 + 1 = 19.
    { name: 'stores the same when inverted', input: [9], layer: { invert: true }, trainable: 0, nonTrainable: 19 },
    // frozen: the 19 were not trainable anyway.
    {
      name: 'keeps 19 non-trainable when frozen',
      input: [9],
      layer: { trainable: false },
      trainable: 0,
      nonTrainable: 19,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'normalization', ...row.layer } }));

  test('counts nothing under PyTorch rules, where statistics are buffers', () => {
    const report = one([9], { type: 'normalization' }, 'pytorch');
    expect(report.params).toBe(0);
    expect(report.explanation).toMatch(/Keras would count 2 × 9 \+ 1 = 19/);
  });

  test('explains the count and the given statistics', () => {
    expect(one([9], { type: 'normalization' }).explanation).toBe(
      'normalization stores a mean and a variance for each of the 9 values of axis -1 and the count of samples adapt() saw, none of them trained: 2 × 9 + 1 = 19',
    );
    expect(one([9], { type: 'normalization', mean: 0, variance: 1 }).explanation).toMatch(/creates no weights: 0$/);
  });

  test.each([
    [{ mean: [0, 0, 0] }, 'variance', /^mean and variance go together: give variance too/],
    [{ variance: 1 }, 'mean', /give mean too/],
    [{ mean: [0, 0, 0], variance: 1 }, 'variance', /same shape, but mean is 3 and variance is one number/],
    [{ mean: [0, 0], variance: [1, 1] }, 'mean', /2, which does not fit the 3 values of axis -1/],
    [{ mean: [[0, 0, 0]], variance: [[1, 1, 1]] }, 'mean', /mean has 2 levels of lists but axis -1 keeps 1 axis/],
    [{ axis: [1, 2], mean: [[0, 0], [0]], variance: [[0, 0], [0]] }, 'mean', /rows differ in length/],
    [{ axis: 0 }, 'axis', /axis 0 is not a feature axis/],
  ])('refuses %j, pointing at %s', (options, path, message) => {
    const problem = refusal([4, 4, 3], { type: 'normalization', ...options });
    expect(problem?.path).toEqual(['layers', 0, path]);
    expect(problem?.message).toMatch(message);
  });

  test('writes Keras 3 keywords', () => {
    const code = LAYERS.normalization.keras.code;
    expect(code({ type: 'normalization' })).toBe('Normalization()');
    expect(code({ type: 'normalization', axis: [] })).toBe('Normalization(axis=None)');
    expect(code({ type: 'normalization', mean: [0.5, 0.5], variance: [0.25, 0.25], invert: true })).toBe(
      'Normalization(mean=[0.5,0.5], variance=[0.25,0.25], invert=True)',
    );
  });
});

describe('resizing', () => {
  const rows: Row[] = [
    {
      name: 'resizes to height × width',
      input: [32, 32, 3],
      layer: { height: 64, width: 64 },
      shape: [64, 64, 3],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'resizes each side on its own',
      input: [10, 12, 3],
      layer: { height: 5, width: 7, interpolation: 'nearest' },
      shape: [5, 7, 3],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'keeps the shape rule when cropping to the aspect ratio',
      input: [10, 20, 4],
      layer: { height: 8, width: 8, cropToAspectRatio: true },
      shape: [8, 8, 4],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'keeps the shape rule when padding to the aspect ratio',
      input: [10, 20, 4],
      layer: { height: 8, width: 8, padToAspectRatio: true, interpolation: 'lanczos3' },
      shape: [8, 8, 4],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'keeps the channels first',
      input: [3, 32, 32],
      layer: { height: 16, width: 8, dataFormat: 'channels_first' },
      shape: [3, 16, 8],
      trainable: 0,
      nonTrainable: 0,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'resizing', ...row.layer } }));

  test('refuses cropping and padding to the aspect ratio together', () => {
    const problem = refusal([8, 8, 3], {
      type: 'resizing',
      height: 4,
      width: 4,
      cropToAspectRatio: true,
      padToAspectRatio: true,
    });
    expect(problem?.path).toEqual(['layers', 0, 'padToAspectRatio']);
    expect(problem?.message).toMatch(/cannot both be true/);
  });

  test.each([[[64]], [[10, 3]], [[2, 8, 8, 3]]])('refuses a %j input that is not an image', (input) => {
    const problem = refusal(input, { type: 'resizing', height: 4, width: 4 });
    expect(problem?.path).toEqual(['layers', 0, 'type']);
    expect(problem?.message).toMatch(/a resizing layer needs a height × width × channels input/);
  });

  test.each([
    [{ width: 4 }, 'height', /height is required/],
    [{ height: 0, width: 4 }, 'height', /height must be at least 1/],
    [
      { height: 4, width: 4, interpolation: 'linear' },
      'interpolation',
      /interpolation must be one of "bilinear", "nearest"/,
    ],
  ])('the schema refuses %j', (options, path, message) => {
    const issue = schemaIssue({ type: 'resizing', ...options });
    expect(issue.path).toEqual(['layers', 0, path]);
    expect(issue.message).toMatch(message);
  });
});

describe('centerCrop', () => {
  const rows: Row[] = [
    {
      name: 'keeps the middle of a larger image',
      input: [256, 256, 3],
      layer: { height: 224, width: 224 },
      shape: [224, 224, 3],
      trainable: 0,
      nonTrainable: 0,
    },
    // Keras 3 resizes up an image smaller than the crop (smart_resize), so the output is still 24×24.
    {
      name: 'resizes a smaller image up, as Keras 3 does',
      input: [20, 20, 3],
      layer: { height: 24, width: 24 },
      shape: [24, 24, 3],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'resizes an image smaller on one side',
      input: [30, 20, 3],
      layer: { height: 24, width: 24 },
      shape: [24, 24, 3],
      trainable: 0,
      nonTrainable: 0,
    },
    {
      name: 'keeps the channels first',
      input: [3, 10, 10],
      layer: { height: 4, width: 6, dataFormat: 'channels_first' },
      shape: [3, 4, 6],
      trainable: 0,
      nonTrainable: 0,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'centerCrop', ...row.layer } }));

  test('says when Keras resizes instead of cropping', () => {
    expect(one([20, 20, 3], { type: 'centerCrop', height: 24, width: 24 }).explanation).toMatch(
      /the 20×20 image is smaller than 24×24 on both sides, so Keras 3 resizes it instead of cropping/,
    );
  });

  test('writes the crop as negative padding for PyTorch, starting at (size − target) // 2', () => {
    // height 10 → 5: top (10 − 5) // 2 = 2, bottom 3; width 9 → 9: nothing.
    expect(LAYERS.centerCrop.pytorch({ type: 'centerCrop', height: 5, width: 9 }, [10, 9, 3])).toEqual([
      'nn.ZeroPad2d((0, 0, -2, -3))',
    ]);
  });

  test('refuses a flat input', () => {
    expect(refusal([12], { type: 'centerCrop', height: 2, width: 2 })?.message).toMatch(/already flat/);
  });
});

describe('batchNormalization on every rank and option', () => {
  const rows: Row[] = [
    // rank 1: 4 × 10 = 40, half trained.
    { name: 'counts 4·C on a flat vector', input: [10], layer: {}, trainable: 20, nonTrainable: 20 },
    // rank 2: per channel of a sequence, 4 × 5 = 20.
    { name: 'counts 4·C on a sequence', input: [7, 5], layer: {}, trainable: 10, nonTrainable: 10 },
    // rank 3: 4 × 16 = 64.
    { name: 'counts 4·C on an image', input: [32, 32, 16], layer: {}, trainable: 32, nonTrainable: 32 },
    // rank 4: 4 × 5 = 20.
    { name: 'counts 4·C on a volume', input: [2, 3, 4, 5], layer: {}, trainable: 10, nonTrainable: 10 },
    // axis 1 is the height: 4 × 6 = 24.
    {
      name: 'normalizes the height with axis 1',
      input: [6, 5, 4],
      layer: { axis: 1 },
      trainable: 12,
      nonTrainable: 12,
    },
    // axis 2 is the width: 4 × 5 = 20.
    { name: 'normalizes the width with axis 2', input: [6, 5, 4], layer: { axis: 2 }, trainable: 10, nonTrainable: 10 },
    // axis −3 is the height again: 4 × 6 = 24.
    {
      name: 'reads negative axes from the end',
      input: [6, 5, 4],
      layer: { axis: -3 },
      trainable: 12,
      nonTrainable: 12,
    },
    // center false: γ 16 trained, mean and variance 2 × 16 = 32 stored.
    { name: 'drops β with center false', input: [4, 4, 16], layer: { center: false }, trainable: 16, nonTrainable: 32 },
    { name: 'drops γ with scale false', input: [4, 4, 16], layer: { scale: false }, trainable: 16, nonTrainable: 32 },
    // neither γ nor β: only the statistics, 2 × 16 = 32.
    {
      name: 'keeps only the statistics with center and scale false',
      input: [4, 4, 16],
      layer: { center: false, scale: false },
      trainable: 0,
      nonTrainable: 32,
    },
  ];
  test.each(rows)('$name', (row) => check({ ...row, layer: { type: 'batchNormalization', ...row.layer } }));

  test.each([
    // PyTorch: γ and β are parameters, the running statistics buffers.
    [{}, 32], // 2 × 16
    [{ center: false }, 16], // γ only
    [{ scale: false }, 16], // β only
    [{ center: false, scale: false }, 0],
  ])('counts %j as PyTorch does: %i', (options, params) => {
    expect(one([4, 4, 16], { type: 'batchNormalization', ...options }, 'pytorch').params).toBe(params);
  });

  test('keeps the default explanation word for word', () => {
    expect(one([32, 32, 16], { type: 'batchNormalization' }).explanation).toBe(
      '4 × 16 channels = 64 in Keras: γ and β (2 × 16 = 32) are trained, the moving mean and variance (2 × 16 = 32) are stored but not trained (PyTorch would count 32)',
    );
    expect(one([32, 32, 16], { type: 'batchNormalization' }, 'pytorch').explanation).toBe(
      '2 × 16 channels = 32 in PyTorch: γ and β are trained; the running mean and variance are buffers, not parameters (Keras would count 64)',
    );
  });

  test('names the axis instead of channels when it normalizes another one', () => {
    expect(one([6, 5, 4], { type: 'batchNormalization', axis: 1 }).explanation).toMatch(/^4 × 6 values of axis 1 = 24/);
  });

  test.each([
    [0, /axis 0 is not a feature axis/],
    [4, /axis 4 is not a feature axis/],
    [-4, /axis -4 is not a feature axis/],
  ])('refuses axis %i on an image', (axis, message) => {
    const problem = refusal([6, 5, 4], { type: 'batchNormalization', axis });
    expect(problem?.path).toEqual(['layers', 0, 'axis']);
    expect(problem?.message).toMatch(message);
  });

  test.each([
    // [input, options, PyTorch modules]
    [[10], {}, ['nn.BatchNorm1d(10, eps=0.001, momentum=0.01)']],
    [[7, 5], {}, ['nn.BatchNorm1d(5, eps=0.001, momentum=0.01)']],
    [[32, 32, 16], {}, ['nn.BatchNorm2d(16, eps=0.001, momentum=0.01)']],
    [[2, 3, 4, 5], {}, ['nn.BatchNorm3d(5, eps=0.001, momentum=0.01)']],
    // The module's size is the normalized axis's, not always the last one.
    [[6, 5, 4], { axis: 1 }, ['nn.BatchNorm2d(6, eps=0.001, momentum=0.01)']],
    [[8, 8, 4], { center: false, scale: false }, ['nn.BatchNorm2d(4, eps=0.001, momentum=0.01, affine=False)']],
    [
      [8, 8, 4],
      { center: false },
      ['(lambda m: m.register_parameter("bias", None) or m)(nn.BatchNorm2d(4, eps=0.001, momentum=0.01))'],
    ],
  ])('on %j with %j, writes the PyTorch modules %j', (input, options, modules) => {
    const layer = Network.parse({ input, layers: [{ type: 'batchNormalization', ...options }] }).layers[0];
    expect(LAYERS.batchNormalization.pytorch(layer as never, input)).toEqual(modules);
  });
});

describe('mistakes in counting normalizations', () => {
  /** The codes diagnosed for a wrong answer to the only layer of a one-layer network. */
  const codes = (input: number[], layer: unknown, answer: number) => {
    const network = Network.parse({ input, layers: [layer] });
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error('test networks are valid');
    return diagnoseLayer(network, report.value, 0, BigInt(answer)).map((m) => m.code);
  };

  test.each([
    // [input, layer, wrong answer, code] — the wrong arithmetic in the comment; right counts after the arrow.
    [[8, 8, 16], { type: 'layerNormalization' }, 64, 'layernorm-counted-moving-statistics'], // 4 × 16 → 32
    [[8, 8, 16], { type: 'layerNormalization', axis: [1, 2, 3] }, 32, 'layernorm-last-axis-only'], // 2 × 16 → 2048
    [[8, 8, 16], { type: 'layerNormalization', axis: [1, 2, 3] }, 4096, 'layernorm-counted-moving-statistics'], // 4 × 1024
    [[16, 16, 64], { type: 'groupNormalization', groups: 8 }, 16, 'groupnorm-per-group'], // 2 × 8 → 128
    [[16, 16, 64], { type: 'groupNormalization', groups: 8, center: false }, 8, 'groupnorm-per-group'], // 1 × 8 → 64
    [[9], { type: 'normalization' }, 18, 'normalization-forgot-count'], // 2 × 9 → 19
    [
      [8, 8, 3],
      { type: 'normalization', mean: [0, 0, 0], variance: [1, 1, 1] },
      7,
      'normalization-counted-given-statistics',
    ], // 2 × 3 + 1 → 0
    [[128], { type: 'unitNormalization' }, 256, 'parameters-for-parameterless-layer'], // nothing learned → 0
  ])('on %j, %j answered %i is %s', (input, layer, answer, code) => {
    expect(codes(input, layer, answer)).toContain(code);
  });

  test('gives the corrected step in each message', () => {
    const network = Network.parse({ input: [16, 16, 64], layers: [{ type: 'groupNormalization', groups: 8 }] });
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error('valid');
    expect(diagnoseLayer(network, report.value, 0, 16n)[0]?.message).toBe(
      'Group normalization learns γ and β per channel, not per group: the 8 groups only decide which channels share a mean and variance, so 2 × 64 = 128.',
    );
  });

  test('never diagnoses a right answer', () => {
    const layers = [
      { type: 'layerNormalization', axis: [1, 2, 3] },
      { type: 'groupNormalization', groups: 4 },
      { type: 'normalization' },
      { type: 'normalization', mean: 0, variance: 1 },
      { type: 'unitNormalization' },
      { type: 'rescaling', scale: 2 },
    ];
    for (const layer of layers) {
      const network = Network.parse({ input: [8, 8, 16], layers: [layer] });
      const report = analyzeNetwork(network);
      if (!report.ok) throw new Error(JSON.stringify(report.error));
      expect(diagnoseLayer(network, report.value, 0, BigInt(report.value.layers[0]?.params ?? 0))).toEqual([]);
    }
  });
});
