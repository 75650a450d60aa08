import type { Network } from '../domain/schema/network';

/** A convolutional base for transfer learning: what `transferModel` nests as `base_model`. */
const BASE: Network['layers'] = [
  { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
  { type: 'batchNormalization' },
  { type: 'reLU' },
  { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
];

/**
 * The networks of the lesson's section on networks that branch and merge (lesson/15-…), kept
 * beside the other lesson examples (`EXAMPLES` includes them); the engine counts them at build time.
 */
export const GRAPH_EXAMPLES = {
  /**
   * Two residual blocks as in ResNet: the first adds its input back as it is (identity), the second
   * doubles the channels and halves the size, so its shortcut is a 1×1 convolution with a stride of 2.
   */
  residual: {
    input: [16, 16, 3],
    layers: [
      { type: 'conv2d', name: 'conv1', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'conv2d', name: 'conv3', filters: 8, kernelSize: 3, padding: 'same' },
      { type: 'add', name: 'add1', inputs: ['conv3', 'conv1'] },
      { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' },
      { type: 'conv2d', name: 'conv5', filters: 16, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', name: 'shortcut', filters: 16, kernelSize: 1, strides: 2, inputs: ['add1'] },
      { type: 'add', name: 'add2', inputs: ['conv5', 'shortcut'] },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 10 },
    ],
  },
  /**
   * An inception-style block: a 1×1 branch, a 3×3 branch after a 1×1 reduction, and a pooling
   * branch, joined along the channels (4 + 8 + 4 = 16) before a 3×3 convolution that sees all 16.
   */
  inception: {
    input: [16, 16, 8],
    layers: [
      { type: 'conv2d', name: 'branch_1x1', filters: 4, kernelSize: 1 },
      { type: 'conv2d', name: 'reduce', filters: 4, kernelSize: 1, inputs: ['input'] },
      { type: 'conv2d', name: 'branch_3x3', filters: 8, kernelSize: 3, padding: 'same' },
      { type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same', inputs: ['input'] },
      { type: 'conv2d', name: 'branch_pool', filters: 4, kernelSize: 1 },
      { type: 'concatenate', name: 'concat1', inputs: ['branch_1x1', 'branch_3x3', 'branch_pool'] },
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
    ],
  },
  /**
   * A siamese pair: two images through the same encoder (a shared model, called twice), the
   * difference of their codes, and one score for "the same thing?".
   */
  siamese: {
    input: [16, 16, 1],
    inputName: 'left',
    layers: [
      { type: 'input', name: 'right', shape: [16, 16, 1] },
      {
        type: 'model',
        name: 'encoder',
        inputs: ['left'],
        layers: [
          { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
          { type: 'globalAveragePooling2d' },
          { type: 'dense', units: 4 },
        ],
      },
      { type: 'reuse', name: 'encoder_right', layer: 'encoder', inputs: ['right'] },
      { type: 'subtract', name: 'difference', inputs: ['encoder', 'encoder_right'] },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
  },
  /** The base on its own, so its layers can be counted one by one. */
  transferBase: { input: [32, 32, 3], layers: BASE },
  /** Transfer learning as Keras writes it: `Sequential([base_model, GlobalAveragePooling2D(), Dense(5)])`, base trained. */
  transferModel: {
    input: [32, 32, 3],
    layers: [
      { type: 'model', name: 'base_model', layers: BASE },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 5 },
    ],
  },
  /** The same with `base_model.trainable = False`: the whole base frozen, the head trained. */
  transferModelFrozen: {
    input: [32, 32, 3],
    layers: [
      { type: 'model', name: 'base_model', trainable: false, layers: BASE },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 5 },
    ],
  },
} satisfies Record<string, Network>;
