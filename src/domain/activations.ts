/**
 * Activation names Keras and TensorFlow.js accept as a layer's `activation` option
 * (Keras's snake_case and TensorFlow.js's camelCase spellings). None of them learns anything.
 */
export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'sigmoid',
  'hard_sigmoid',
  'hardSigmoid',
  'softmax',
  'log_softmax',
  'logSoftmax',
  'softplus',
  'softsign',
  'tanh',
  'elu',
  'selu',
  'swish',
  'silu',
  'gelu',
  'gelu_new',
  'mish',
  'exponential',
  'leaky_relu',
  'hard_silu',
  'hard_swish',
  'celu',
  'glu',
  'hard_tanh',
  'log_sigmoid',
  'sparse_plus',
  'soft_shrink',
  'sparsemax',
  'squareplus',
  'tanh_shrink',
  'hard_shrink',
  'threshold',
] as const;

export type Activation = (typeof ACTIVATIONS)[number];

/**
 * TensorFlow.js's own spellings, as Keras 3 names the same activation (for code that runs in Keras 3):
 * `kerasActivationName('logSoftmax') → 'log_softmax'`. tfjs's `gelu_new` is GELU's tanh approximation, which
 * Keras 3 writes as `gelu` (its `approximate` argument is not an identifier); none of them learns anything.
 */
const KERAS_3_NAMES: Partial<Record<Activation, Activation>> = {
  hardSigmoid: 'hard_sigmoid',
  logSoftmax: 'log_softmax',
  gelu_new: 'gelu',
};

export const kerasActivationName = (activation: string): string =>
  KERAS_3_NAMES[activation as Activation] ?? activation;
