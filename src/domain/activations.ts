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
