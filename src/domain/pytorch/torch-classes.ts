import { by, plural } from '../layers/internal/text';
import type { Arguments } from './arguments';

/** The parameters a module holds itself, with the arithmetic; `note` says once what its repr cannot show. */
export interface OwnCount {
  params: bigint;
  explanation: string;
  note?: string;
  /** Elements of the running mean and variance it keeps as buffers (BatchNorm: 2 × C), for diagnosing totals. */
  statistics?: bigint;
}

/** A class whose parameters follow from the arguments its repr shows. */
export interface CountedClass {
  /** The constructor's parameter names in order, as Python binds positional arguments. */
  signature: readonly string[];
  count(args: Arguments): OwnCount;
}

const product = (values: readonly bigint[]) => values.reduce((a, b) => a * b, 1n);
const biases = (n: bigint, bias: boolean) => (bias ? ` + ${plural(n, 'bias', 'biases')}` : '');
const noBias = (bias: boolean) => (bias ? '' : ' (bias=False)');

/** Conv1d/2d/3d: `out × (in / groups) × kernel` weights and `out` biases; the other options change no count. */
const conv = (rank: number): CountedClass => ({
  signature: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'dilation',
    'groups',
    'bias',
    'padding_mode',
  ],
  count: (a) => grouped(a, rank, false),
});

/** ConvTranspose1d/2d/3d: a weight of shape (in, out / groups, *kernel), so the same count as a convolution. */
const convTranspose = (rank: number): CountedClass => ({
  signature: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'output_padding',
    'groups',
    'bias',
    'dilation',
    'padding_mode',
  ],
  count: (a) => grouped(a, rank, true),
});

function grouped(a: Arguments, rank: number, transposed: boolean): OwnCount {
  const inputs = a.int('in_channels');
  const filters = a.int('out_channels');
  const kernel = a.ints('kernel_size', rank);
  const groups = a.int('groups', 1n);
  const bias = a.bool('bias', true);
  if (groups === 0n) a.fail('groups must be at least 1');
  for (const [what, n] of [
    ['input channels', inputs],
    ['output channels', filters],
  ] as const) {
    if (groups > 0n && n % groups !== 0n) a.fail(`groups (${groups}) must divide the ${n} ${what} evenly`);
  }
  const perGroup = groups > 0n ? inputs / groups : 0n;
  const weights = perGroup * filters * product(kernel);
  const params = weights + (bias ? filters : 0n);
  const from =
    groups > 1n
      ? `${plural(perGroup, 'input', 'inputs')} per group (${inputs} ÷ ${groups} groups)`
      : plural(inputs, 'input', 'inputs');
  const same = transposed
    ? '; a transposed convolution learns as many weights as a convolution between the same channels'
    : '';
  return {
    params,
    explanation: `${from} × (${plural(filters, 'filter', 'filters')} × ${by(...kernel)})${biases(filters, bias)} = ${params}${noBias(bias)}${same}`,
  };
}

const linear: CountedClass = {
  signature: ['in_features', 'out_features', 'bias'],
  count: (a) => {
    const inputs = a.int('in_features');
    const outputs = a.int('out_features');
    const bias = a.bool('bias', true);
    const params = inputs * outputs + (bias ? outputs : 0n);
    return {
      params,
      explanation: `${plural(inputs, 'input', 'inputs')} × ${plural(outputs, 'output', 'outputs')}${biases(outputs, bias)} = ${params}${noBias(bias)}`,
    };
  },
};

const bilinear: CountedClass = {
  signature: ['in1_features', 'in2_features', 'out_features', 'bias'],
  count: (a) => {
    const first = a.int('in1_features');
    const second = a.int('in2_features');
    const outputs = a.int('out_features');
    const bias = a.bool('bias', true);
    const params = first * second * outputs + (bias ? outputs : 0n);
    return {
      params,
      explanation: `${first} × ${second} input pairs × ${plural(outputs, 'output', 'outputs')}${biases(outputs, bias)} = ${params}${noBias(bias)}`,
    };
  },
};

/** BatchNorm and InstanceNorm: a weight and a bias per channel when affine; running statistics are buffers. */
const perChannelNorm = (affineByDefault: boolean): CountedClass => ({
  signature: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats'],
  count: (a) => {
    const channels = a.int('num_features');
    const affine = a.bool('affine', affineByDefault);
    const stats = a.bool('track_running_stats', affineByDefault);
    const buffers = stats ? '; the running mean and variance are buffers, not parameters' : '';
    const statistics = stats ? { statistics: 2n * channels } : {};
    if (!affine) {
      return { params: 0n, explanation: `0: affine=False, so no weight (γ) or bias (β)${buffers}`, ...statistics };
    }
    const keras = affineByDefault ? ` (Keras would count ${4n * channels}: it adds the moving mean and variance)` : '';
    return {
      params: 2n * channels,
      explanation: `2 × ${channels} = ${2n * channels}: a weight (γ) and a bias (β) per channel${buffers}${keras}`,
      ...statistics,
    };
  },
});

/** LayerNorm's bias=False (PyTorch 2.1) is not in its repr. */
const LAYER_NORM_BIAS =
  'A LayerNorm is counted with a weight and a bias for each normalized element when elementwise_affine=True; PyTorch 2.1 added bias=False, which print(model) does not show, so a LayerNorm built without bias has half the count shown.';

const layerNorm: CountedClass = {
  signature: ['normalized_shape', 'eps', 'elementwise_affine', 'bias'],
  count: (a) => {
    const shape = a.ints('normalized_shape');
    const affine = a.bool('elementwise_affine', true);
    const bias = a.bool('bias', true);
    const elements = product(shape);
    const over = `the ${shape.length > 1 ? `${by(...shape)} = ` : ''}${plural(elements, 'normalized element', 'normalized elements')}`;
    if (!affine) return { params: 0n, explanation: '0: elementwise_affine=False, so no weight or bias' };
    if (!bias) return { params: elements, explanation: `${elements}: a weight for each of ${over} (bias=False)` };
    return {
      params: 2n * elements,
      explanation: `2 × ${elements} = ${2n * elements}: a weight and a bias for each of ${over}`,
      note: LAYER_NORM_BIAS,
    };
  },
};

const rmsNorm: CountedClass = {
  signature: ['normalized_shape', 'eps', 'elementwise_affine'],
  count: (a) => {
    const elements = product(a.ints('normalized_shape'));
    return a.bool('elementwise_affine', true)
      ? { params: elements, explanation: `${elements}: a weight for each of the ${elements} normalized elements` }
      : { params: 0n, explanation: '0: elementwise_affine=False, so no weight' };
  },
};

const groupNorm: CountedClass = {
  signature: ['num_groups', 'num_channels', 'eps', 'affine'],
  count: (a) => {
    const groups = a.int('num_groups');
    const channels = a.int('num_channels');
    if (groups === 0n || channels % groups !== 0n) {
      a.fail(`num_groups (${groups}) must divide the ${channels} channels evenly`);
    }
    if (!a.bool('affine', true)) return { params: 0n, explanation: '0: affine=False, so no weight or bias' };
    return {
      params: 2n * channels,
      explanation: `2 × ${channels} = ${2n * channels}: a weight and a bias per channel (not per group: ${channels} channels in ${plural(groups, 'group', 'groups')})`,
    };
  },
};

const prelu: CountedClass = {
  signature: ['num_parameters', 'init'],
  count: (a) => {
    const n = a.int('num_parameters', 1n);
    return {
      params: n,
      explanation: n === 1n ? '1: one learned slope, shared by every channel' : `${n}: one learned slope per channel`,
    };
  },
};

const embedding = (signature: readonly string[]): CountedClass => ({
  signature,
  count: (a) => {
    const rows = a.int('num_embeddings');
    const size = a.int('embedding_dim');
    return {
      params: rows * size,
      explanation: `${plural(rows, 'embedding', 'embeddings')} × ${plural(size, 'dimension', 'dimensions')} = ${rows * size}`,
    };
  },
});

const RECURRENT_GATES = { RNN: 1n, GRU: 3n, LSTM: 4n } as const;
const RECURRENT_SIGNATURE = [
  'input_size',
  'hidden_size',
  'num_layers',
  'bias',
  'batch_first',
  'dropout',
  'bidirectional',
  'proj_size',
];

/**
 * RNN, GRU and LSTM: per layer and direction, `gates × hidden × (inputs + recurrent)` weights,
 * `2 × gates × hidden` biases (input and recurrent), and an LSTM's projection when proj_size is set.
 */
const recurrent = (kind: keyof typeof RECURRENT_GATES): CountedClass => ({
  // RNN takes nonlinearity as its fourth positional argument.
  signature:
    kind === 'RNN'
      ? [...RECURRENT_SIGNATURE.slice(0, 3), 'nonlinearity', ...RECURRENT_SIGNATURE.slice(3, 7)]
      : kind === 'GRU'
        ? RECURRENT_SIGNATURE.slice(0, 7)
        : RECURRENT_SIGNATURE,
  count: (a) => {
    const gates = RECURRENT_GATES[kind];
    const inputs = a.int('input_size');
    const hidden = a.int('hidden_size');
    const layers = a.int('num_layers', 1n);
    const bias = a.bool('bias', true);
    const directions = a.bool('bidirectional', false) ? 2n : 1n;
    const projection = kind === 'LSTM' ? a.int('proj_size', 0n) : 0n;
    if (layers === 0n) a.fail('num_layers must be at least 1');
    const out = projection > 0n ? projection : hidden;
    const steps: string[] = [];
    let total = 0n;
    for (let layer = 0n; layer < layers && layer < 1000n; layer++) {
      const into = layer === 0n ? inputs : out * directions;
      const weights = gates * hidden * (into + out);
      const layerBiases = bias ? 2n * gates * hidden : 0n;
      const projected = projection * hidden;
      const each = weights + layerBiases + projected;
      total += each * directions;
      steps.push(
        `${layers > 1n ? `layer ${layer}: ` : ''}${gates > 1n ? `${gates} gates × ` : ''}${hidden} hidden × (${into} inputs + ${out} recurrent)` +
          `${bias ? ` + ${layerBiases} biases` : ''}${projected > 0n ? ` + ${projection}×${hidden} projection` : ''} = ${each}`,
      );
    }
    const twice = directions > 1n ? `, × 2 directions` : '';
    return { params: total, explanation: `${steps.join('; ')}${twice} = ${total}${noBias(bias)}` };
  },
});

/** RNNCell, GRUCell, LSTMCell: one step of the same. */
const cell = (gates: bigint, signature: readonly string[]): CountedClass => ({
  signature,
  count: (a) => {
    const inputs = a.int('input_size');
    const hidden = a.int('hidden_size');
    const bias = a.bool('bias', true);
    const cellBiases = bias ? 2n * gates * hidden : 0n;
    const params = gates * hidden * (inputs + hidden) + cellBiases;
    return {
      params,
      explanation: `${gates > 1n ? `${gates} gates × ` : ''}${hidden} hidden × (${inputs} inputs + ${hidden} recurrent)${bias ? ` + ${cellBiases} biases` : ''} = ${params}${noBias(bias)}`,
    };
  },
});

const frozenBatchNorm: CountedClass = {
  signature: ['num_features', 'eps'],
  count: () => ({
    params: 0n,
    explanation: "0: torchvision's FrozenBatchNorm2d keeps its weight, bias and statistics as fixed buffers",
  }),
};

/** Every class whose parameters Learnable reads from its arguments. */
export const COUNTED_CLASSES: ReadonlyMap<string, CountedClass> = new Map([
  ['Conv1d', conv(1)],
  ['Conv2d', conv(2)],
  ['Conv3d', conv(3)],
  ['ConvTranspose1d', convTranspose(1)],
  ['ConvTranspose2d', convTranspose(2)],
  ['ConvTranspose3d', convTranspose(3)],
  ['Linear', linear],
  // The Linear inside MultiheadAttention, printed under its own class name.
  ['NonDynamicallyQuantizableLinear', linear],
  ['Bilinear', bilinear],
  ['BatchNorm1d', perChannelNorm(true)],
  ['BatchNorm2d', perChannelNorm(true)],
  ['BatchNorm3d', perChannelNorm(true)],
  ['SyncBatchNorm', perChannelNorm(true)],
  ['InstanceNorm1d', perChannelNorm(false)],
  ['InstanceNorm2d', perChannelNorm(false)],
  ['InstanceNorm3d', perChannelNorm(false)],
  ['LayerNorm', layerNorm],
  // torchvision's ConvNeXt: a LayerNorm over channels first, printed the same way.
  ['LayerNorm2d', layerNorm],
  ['RMSNorm', rmsNorm],
  ['GroupNorm', groupNorm],
  ['PReLU', prelu],
  [
    'Embedding',
    embedding([
      'num_embeddings',
      'embedding_dim',
      'padding_idx',
      'max_norm',
      'norm_type',
      'scale_grad_by_freq',
      'sparse',
      '_weight',
      '_freeze',
    ]),
  ],
  [
    'EmbeddingBag',
    embedding([
      'num_embeddings',
      'embedding_dim',
      'max_norm',
      'norm_type',
      'scale_grad_by_freq',
      'mode',
      'sparse',
      '_weight',
      'include_last_offset',
      'padding_idx',
    ]),
  ],
  ['RNN', recurrent('RNN')],
  ['GRU', recurrent('GRU')],
  ['LSTM', recurrent('LSTM')],
  ['RNNCell', cell(1n, ['input_size', 'hidden_size', 'bias', 'nonlinearity'])],
  ['GRUCell', cell(3n, ['input_size', 'hidden_size', 'bias'])],
  ['LSTMCell', cell(4n, ['input_size', 'hidden_size', 'bias'])],
  ['FrozenBatchNorm2d', frozenBatchNorm],
]);

const ZERO_GROUPS: readonly (readonly [string, readonly string[]])[] = [
  [
    'an activation learns nothing',
    [
      'ReLU',
      'ReLU6',
      'RReLU',
      'SELU',
      'CELU',
      'GELU',
      'SiLU',
      'Mish',
      'Sigmoid',
      'Hardsigmoid',
      'Tanh',
      'Hardtanh',
      'Hardswish',
      'LeakyReLU',
      'ELU',
      'LogSigmoid',
      'Softplus',
      'Softshrink',
      'Hardshrink',
      'Tanhshrink',
      'Softsign',
      'Softmax',
      'Softmin',
      'LogSoftmax',
      'Softmax2d',
      'Threshold',
      'GLU',
    ],
  ],
  [
    'pooling learns nothing',
    [1, 2, 3].flatMap((d) =>
      ['MaxPool', 'AvgPool', 'AdaptiveAvgPool', 'AdaptiveMaxPool', 'LPPool', 'MaxUnpool', 'FractionalMaxPool']
        .filter((name) => name !== 'FractionalMaxPool' || d > 1)
        .map((name) => `${name}${d}d`),
    ),
  ],
  [
    'dropout learns nothing',
    ['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout', 'StochasticDepth'],
  ],
  [
    'it only moves, copies or reshapes values',
    [
      'Identity',
      'Flatten',
      'Unflatten',
      'Permute',
      'PixelShuffle',
      'PixelUnshuffle',
      'ChannelShuffle',
      'Upsample',
      'UpsamplingNearest2d',
      'UpsamplingBilinear2d',
      'Fold',
      'Unfold',
    ],
  ],
  [
    'padding learns nothing',
    [1, 2, 3].flatMap((d) => ['Zero', 'Constant', 'Reflection', 'Replication', 'Circular'].map((k) => `${k}Pad${d}d`)),
  ],
  ['it normalizes with fixed constants', ['LocalResponseNorm', 'CrossMapLRN2d']],
  ['a distance learns nothing', ['CosineSimilarity', 'PairwiseDistance']],
];

/** Classes that never hold parameters, whatever their arguments, with why: `'ReLU' → 'an activation learns nothing'`. */
export const PARAMETER_FREE: ReadonlyMap<string, string> = new Map(
  ZERO_GROUPS.flatMap(([why, names]) => names.map((name) => [name, why] as const)),
);

/**
 * Containers known to hold no parameters beyond what print(model) shows: torch.nn's, and
 * torchvision's blocks (checked against torchvision 0.14's named parameters, tests/fixtures/pytorch).
 * ParameterList and ParameterDict print every tensor they hold, and those are counted.
 */
export const KNOWN_CONTAINERS: ReadonlySet<string> = new Set([
  'Sequential',
  'ModuleList',
  'ModuleDict',
  'ParameterList',
  'ParameterDict',
  'Transformer',
  'TransformerEncoder',
  'TransformerDecoder',
  'TransformerEncoderLayer',
  'TransformerDecoderLayer',
  // torchvision.ops and the classification models
  'Conv2dNormActivation',
  'Conv3dNormActivation',
  'ConvNormActivation',
  'SqueezeExcitation',
  'MLP',
  'AlexNet',
  'VGG',
  'ResNet',
  'BasicBlock',
  'Bottleneck',
  'MobileNetV2',
  'MobileNetV3',
  'InvertedResidual',
  'DenseNet',
  '_DenseBlock',
  '_DenseLayer',
  '_Transition',
  'EfficientNet',
  'MBConv',
  'FusedMBConv',
  'ConvNeXt',
  'Inception3',
  'InceptionA',
  'InceptionB',
  'InceptionC',
  'InceptionD',
  'InceptionE',
  'InceptionAux',
  'BasicConv2d',
  'GoogLeNet',
  'Inception',
  'SqueezeNet',
  'Fire',
  'ShuffleNetV2',
  'RegNet',
  'AnyStage',
  'ResBottleneckBlock',
  'BottleneckTransform',
  'SimpleStemIN',
  'MNASNet',
  '_InvertedResidual',
  // ViT's and Swin's blocks (their models' own tables and tokens: UNCOUNTABLE_PARAMETERS)
  'EncoderBlock',
  'MLPBlock',
  'SwinTransformer',
  'SwinTransformerBlock',
  'PatchMerging',
]);
