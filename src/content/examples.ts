import { analyzeNetwork, type NetworkReport } from '../domain/analyze-network';
import type { Network } from '../domain/schema/network';
import { TEXTBOOK_NETWORK } from '../domain/textbook-network';
import { GRAPH_EXAMPLES } from './graph-examples';

/**
 * The networks the lesson works through. Every number the lesson shows about them
 * comes from the engine at build time (see `exampleReport`), never from the prose.
 */
export const EXAMPLES = {
  // The section on networks that branch and merge keeps its own networks in graph-examples.ts.
  ...GRAPH_EXAMPLES,
  /** A dense layer alone: 4 inputs, 3 units. */
  tinyDense: {
    input: [2, 2, 1],
    layers: [{ type: 'flatten' }, { type: 'dense', units: 3 }],
  },
  /** The classic exercise: 20×20×3, two zero-padded 3×3 convolutions, flatten, dense 2 → 2515. */
  classic: TEXTBOOK_NETWORK,
  /** The same layers without zero padding: each 3×3 kernel trims a one-pixel border. */
  classicValid: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid' },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  },
  /** The classic network with a stride of 2 in the first convolution. */
  classicStrided: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', strides: 2 },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  },
  /** The classic network with max pooling before the flatten. */
  classicPooled: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 2 },
    ],
  },
  /** The classic network with the flatten forgotten: Keras's Dense acts on the channels alone. */
  classicNoFlatten: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
      { type: 'dense', units: 2 },
    ],
  },
  /** A bias-free convolution followed by batch normalization, as in ResNet. */
  convBatchNorm: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'batchNormalization' },
    ],
  },
  /** The same convolution with its biases, for comparison. */
  convWithBias: {
    input: [20, 20, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' }],
  },
  /** Depthwise, separable and transposed convolutions, dilation and global pooling on one input. */
  modern: {
    input: [16, 16, 8],
    layers: [
      { type: 'depthwiseConv2d', kernelSize: 3, padding: 'same' },
      { type: 'separableConv2d', filters: 16, kernelSize: 3, padding: 'same' },
      { type: 'conv2d', filters: 16, kernelSize: 3, dilationRate: 2, padding: 'valid' },
      { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2, padding: 'same' },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 10 },
    ],
  },
  /** A convolution followed by a separate ReLU layer, which learns nothing. */
  convReLU: {
    input: [20, 20, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' }, { type: 'reLU' }],
  },
  /** The same convolution with ReLU as its `activation` option: still the convolution's count alone. */
  convActivation: {
    input: [20, 20, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }],
  },
  /** PReLU after the convolution: one learned slope per value of the 20×20×8 map. */
  convPReLU: {
    input: [20, 20, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' }, { type: 'pReLU' }],
  },
  /** PReLU sharing its slopes over height and width: one per channel. */
  convPReLUShared: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same' },
      { type: 'pReLU', sharedAxes: [1, 2] },
    ],
  },
  /** The bias-free convolution of `convBatchNorm`, with layer normalization over the channels instead. */
  convLayerNorm: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'layerNormalization' },
    ],
  },
  /** Layer normalization over height, width and channels: γ and β for every value. */
  convLayerNormAll: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'layerNormalization', axis: [1, 2, 3] },
    ],
  },
  /** Group normalization of the 8 channels in 2 groups of 4. */
  convGroupNorm2: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'groupNormalization', groups: 2 },
    ],
  },
  /** The same in 4 groups of 2: the groups change the statistics, not the count. */
  convGroupNorm4: {
    input: [20, 20, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'groupNormalization', groups: 4 },
    ],
  },
  /** The classic first convolution on a sequence: 20 steps of 3 channels, 2 filters of length 3. */
  classicSequence: {
    input: [20, 3],
    layers: [{ type: 'conv1d', filters: 2, kernelSize: 3, padding: 'same' }],
  },
  /** The classic first convolution on a volume: 20×20×20 with 3 channels, 2 filters of 3×3×3. */
  classicVolume: {
    input: [20, 20, 20, 3],
    layers: [{ type: 'conv3d', filters: 2, kernelSize: 3, padding: 'same' }],
  },
  /** A sensor classifier: 128 steps of a 3-axis accelerometer, causal then valid 1-D convolutions, 6 activities. */
  sensorSequence: {
    input: [128, 3],
    layers: [
      { type: 'conv1d', filters: 16, kernelSize: 5, padding: 'causal', activation: 'relu' },
      { type: 'maxPooling1d', poolSize: 2 },
      { type: 'conv1d', filters: 32, kernelSize: 3, activation: 'relu' },
      { type: 'globalAveragePooling1d' },
      { type: 'dense', units: 6 },
    ],
  },
  /** A scan of 16 slices of 64×64 pixels: 3-D convolutions and pooling, two classes. */
  scanVolume: {
    input: [16, 64, 64, 1],
    layers: [
      { type: 'conv3d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'maxPooling3d', poolSize: 2 },
      { type: 'conv3d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'globalAveragePooling3d' },
      { type: 'dense', units: 2 },
    ],
  },
  /** A small image classifier trained from scratch: `transferFrozen` before its base is frozen. */
  transfer: {
    input: [32, 32, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false },
      { type: 'batchNormalization' },
      { type: 'reLU' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 5 },
    ],
  },
  /** Transfer learning: the base's layers that learn are frozen (`trainable: false`), the dense head is trained. */
  transferFrozen: {
    input: [32, 32, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', useBias: false, trainable: false },
      { type: 'batchNormalization', trainable: false },
      { type: 'reLU' },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', trainable: false },
      { type: 'globalAveragePooling2d' },
      { type: 'dense', units: 5 },
    ],
  },
  /** The shapes section's tour: valid, pooling with its default stride, zero padding, a strided same convolution. */
  shapeTour: {
    input: [15, 16, 3],
    layers: [
      { type: 'conv2d', filters: 8, kernelSize: 3 },
      { type: 'maxPooling2d', poolSize: 2 },
      { type: 'zeroPadding2d', padding: 1 },
      { type: 'conv2d', filters: 16, kernelSize: 3, strides: 2, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 10 },
    ],
  },
  /** A dilated kernel: 3×3 with gaps of 2 spans 5×5. */
  shapeDilated: {
    input: [20, 20, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, dilationRate: 2 }],
  },
  /** Transposed convolutions grow: valid then same padding, stride 2. */
  shapeTransposed: {
    input: [23, 23, 8],
    layers: [
      { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2 },
      { type: 'conv2dTranspose', filters: 2, kernelSize: 3, strides: 2, padding: 'same' },
    ],
  },
  /** Cropping, global pooling after it, and a dense layer with no flatten before it. */
  shapeEdges: {
    input: [28, 28, 3],
    layers: [
      {
        type: 'cropping2d',
        cropping: [
          [0, 1],
          [1, 0],
        ],
      },
      { type: 'dense', units: 2 },
      { type: 'globalAveragePooling2d' },
    ],
  },
  /** The flatten of the arithmetic: 4 × 2 × 14 = 112; then a reshape and a permute. */
  shapeFlatten: {
    input: [4, 2, 14],
    layers: [{ type: 'flatten' }, { type: 'reshape', targetShape: [-1, 14] }, { type: 'permute', dims: [2, 1] }],
  },
} satisfies Record<string, Network>;

export type ExampleName = keyof typeof EXAMPLES;

/** The engine's report on a lesson example; a network the engine refuses fails the build. */
export function exampleReport(name: ExampleName): NetworkReport {
  const report = analyzeNetwork(EXAMPLES[name]);
  if (!report.ok) throw new Error(`lesson example ${name} is not a valid network: ${JSON.stringify(report.error)}`);
  return report.value;
}
