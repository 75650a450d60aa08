import { analyzeNetwork, type NetworkReport } from '../domain/analyze-network';
import type { Network } from '../domain/schema/network';
import { TEXTBOOK_NETWORK } from '../domain/textbook-network';

/**
 * The networks the lesson works through. Every number the lesson shows about them
 * comes from the engine at build time (see `exampleReport`), never from the prose.
 */
export const EXAMPLES = {
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
} satisfies Record<string, Network>;

export type ExampleName = keyof typeof EXAMPLES;

/** The engine's report on a lesson example; a network the engine refuses fails the build. */
export function exampleReport(name: ExampleName): NetworkReport {
  const report = analyzeNetwork(EXAMPLES[name]);
  if (!report.ok) throw new Error(`lesson example ${name} is not a valid network: ${JSON.stringify(report.error)}`);
  return report.value;
}
