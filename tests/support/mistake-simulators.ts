import type { LayerReport, NetworkReport } from '../../src/domain/analyze-network';
import type { MistakeCode } from '../../src/domain/mistakes';
import type { Layer, Network } from '../../src/domain/schema/network';

/**
 * A learner who makes one mistake: given a layer, the number they would write, or
 * undefined where the mistake does not apply. Written from the lesson's rules,
 * independently of src/domain/mistakes.ts, so the diagnosis is checked, not mirrored.
 */
export type Simulator = (ctx: {
  network: Network;
  report: NetworkReport;
  layer: Layer;
  at: LayerReport;
}) => number | undefined;

const kernelOf = (layer: Layer): [number, number] | undefined => {
  if (!('kernelSize' in layer)) return undefined;
  const k = layer.kernelSize;
  return typeof k === 'number' ? [k, k] : [k[0], k[1] ?? k[0]];
};
const last = (shape: number[]) => shape[shape.length - 1] ?? 1;
const hasBias = (layer: Layer) => !('useBias' in layer) || layer.useBias !== false;
const biasCount = (layer: Layer, at: LayerReport) => (hasBias(layer) ? last(at.outputShape) : 0);
const isConv = (layer: Layer): layer is Extract<Layer, { type: 'conv2d' }> => layer.type === 'conv2d' && !layer.groups;

/** The channels of the last 3-D tensor before layer `index`. */
const channelsBeforeFlatten = (report: NetworkReport, index: number) => {
  for (let i = index; i >= 0; i--) {
    const shape = report.layers[i]?.inputShape;
    if (shape?.length === 3) return shape[2] ?? 1;
  }
  return report.input[2] ?? 1;
};

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** Every axis of a window option: `axesOf(3, 3) → [3, 3, 3]`. */
const axesOf = (option: number | readonly number[], rank: number) =>
  typeof option === 'number' ? Array.from({ length: rank }, () => option) : [...option];
/** Layers with weights and one bias per output channel (or unit). */
const WITH_BIASES = [
  'conv2d',
  'dense',
  'separableConv2d',
  'conv2dTranspose',
  'depthwiseConv2d',
  'conv1d',
  'conv3d',
  'conv1dTranspose',
  'conv3dTranspose',
  'separableConv1d',
  'depthwiseConv1d',
];

export const SIMULATORS: Partial<Record<MistakeCode, Simulator>> = {
  // A shared layer's second call counted again, as if it had weights of its own.
  'shared-counted-twice': ({ network, report, layer }) => {
    if (layer.type !== 'reuse') return undefined;
    const home = network.layers.findIndex((l) => l.name === layer.layer);
    return report.layers[home]?.params;
  },
  // Conv / dense / separable / transposed / depthwise: weights only.
  'forgot-biases': ({ layer, at }) =>
    hasBias(layer) && WITH_BIASES.includes(layer.type) ? at.params - biasCount(layer, at) : undefined,
  'one-bias-per-layer': ({ layer, at }) =>
    hasBias(layer) && WITH_BIASES.includes(layer.type) ? at.params - biasCount(layer, at) + 1 : undefined,
  'spatial-size-as-inputs': ({ layer, at }) => {
    if (!isConv(layer)) return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    const [h = 1, w = 1] = at.inputShape;
    return h * w * layer.filters * kh * kw + biasCount(layer, at);
  },
  'forgot-kernel-size': ({ layer, at }) =>
    isConv(layer) ? last(at.inputShape) * layer.filters + biasCount(layer, at) : undefined,
  'forgot-input-channels': ({ layer, at }) => {
    if (!isConv(layer)) return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    return layer.filters * kh * kw + biasCount(layer, at);
  },
  'one-kernel-axis': ({ layer, at }) => {
    const k = kernelOf(layer);
    if (!isConv(layer) || !k || k[0] === k[1]) return undefined;
    return last(at.inputShape) * layer.filters * k[0] + biasCount(layer, at);
  },
  // The flattening mistakes are about images: height × width × channels.
  'dense-channels-only': ({ layer, at, report, network }) =>
    layer.type === 'dense' &&
    network.input.length === 3 &&
    at.inputShape.length === 1 &&
    report.layers[at.index - 1]?.type === 'flatten'
      ? channelsBeforeFlatten(report, at.index) * layer.units + biasCount(layer, at)
      : undefined,
  'dense-input-image-size': ({ layer, at, report, network }) => {
    if (
      layer.type !== 'dense' ||
      network.input.length !== 3 ||
      at.inputShape.length !== 1 ||
      report.layers[at.index - 1]?.type !== 'flatten'
    )
      return undefined;
    const [h = 1, w = 1] = network.input;
    return h * w * channelsBeforeFlatten(report, at.index) * layer.units + biasCount(layer, at);
  },
  'dense-flattened-without-flatten': ({ layer, at }) =>
    layer.type === 'dense' && at.inputShape.length === 3
      ? at.inputShape.reduce((a, b) => a * b, 1) * layer.units + biasCount(layer, at)
      : undefined,
  'parameters-for-parameterless-layer': ({ at }) => (at.params === 0 ? 1 + (at.index % 7) : undefined),
  'no-parameters-for-learning-layer': ({ at }) => (at.params > 0 ? 0 : undefined),
  'output-shape-as-count': ({ at }) => at.outputShape.reduce((a, b) => a * b, 1),
  'depthwise-as-ordinary-conv': ({ layer, at }) => {
    if (layer.type !== 'depthwiseConv2d') return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    const out = last(at.outputShape);
    return last(at.inputShape) * out * kh * kw + biasCount(layer, at);
  },
  'separable-forgot-pointwise': ({ layer, at }) => {
    if (layer.type !== 'separableConv2d') return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    return last(at.inputShape) * (layer.depthMultiplier ?? 1) * kh * kw + biasCount(layer, at);
  },
  'separable-as-ordinary-conv': ({ layer, at }) => {
    if (layer.type !== 'separableConv2d') return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    return last(at.inputShape) * layer.filters * kh * kw + biasCount(layer, at);
  },
  'batchnorm-trainable-only': ({ layer, at }) => (layer.type === 'batchNormalization' ? at.trainable : undefined),
  'transpose-swapped-channels': ({ layer, at }) =>
    layer.type === 'conv2dTranspose' && hasBias(layer) ? at.weights + last(at.inputShape) : undefined,
  // A 1-D kernel of 5 taken as a 5×5 square.
  'conv1d-squared-kernel': ({ layer, at }) => {
    if (layer.type !== 'conv1d' || layer.groups) return undefined;
    const [k = 1] = axesOf(layer.kernelSize, 1);
    return last(at.inputShape) * layer.filters * k * k + biasCount(layer, at);
  },
  // A 3×3×3 kernel taken as 3×3: the depth axis left out.
  'conv3d-forgot-depth-axis': ({ layer, at }) => {
    if (layer.type !== 'conv3d' || layer.groups) return undefined;
    const [, kh = 1, kw = 1] = axesOf(layer.kernelSize, 3);
    return last(at.inputShape) * layer.filters * kh * kw + biasCount(layer, at);
  },
  // PReLU: one slope for the whole layer.
  'prelu-one-slope': ({ layer }) => (layer.type === 'pReLU' ? 1 : undefined),
  // PReLU without shared axes: one slope per channel instead of per element.
  'prelu-per-channel-not-shared': ({ layer, at }) =>
    layer.type === 'pReLU' && layer.sharedAxes === undefined ? last(at.inputShape) : undefined,
  // PReLU with shared axes: one slope per element anyway.
  'prelu-per-element-when-shared': ({ layer, at }) =>
    layer.type === 'pReLU' && layer.sharedAxes !== undefined ? product(at.inputShape) : undefined,
  // Layer norm counted like batch norm: γ, β and two moving statistics per value.
  'layernorm-counted-moving-statistics': ({ layer, at }) =>
    layer.type === 'layerNormalization' && at.params > 0 ? 2 * at.params : undefined,
  // Layer norm over several axes counted per channel (the last axis) only.
  'layernorm-last-axis-only': ({ layer, at }) =>
    layer.type === 'layerNormalization' && Array.isArray(layer.axis) && layer.axis.length > 1
      ? 2 * last(at.inputShape)
      : undefined,
  // Group norm: γ and β per group instead of per channel.
  'groupnorm-per-group': ({ layer }) =>
    layer.type === 'groupNormalization' && layer.groups !== undefined && layer.groups > 0
      ? 2 * layer.groups
      : undefined,
  // Normalization: a mean and a variance per channel, but not the count of samples.
  'normalization-forgot-count': ({ layer, at }) =>
    layer.type === 'normalization' && layer.mean === undefined ? 2 * last(at.inputShape) : undefined,
  // A layer built without bias counted with one bias per output channel (or unit) anyway.
  'biases-for-layer-without-bias': ({ layer, at }) =>
    !hasBias(layer) && WITH_BIASES.includes(layer.type) ? at.params + last(at.outputShape) : undefined,
  // Depthwise: one filter per input channel instead of depthMultiplier of them (and one bias each).
  'forgot-depth-multiplier': ({ layer, at }) => {
    if (layer.type !== 'depthwiseConv2d' && layer.type !== 'separableConv2d') return undefined;
    if ((layer.depthMultiplier ?? 1) === 1) return undefined;
    const [kh, kw] = kernelOf(layer) ?? [1, 1];
    const c = last(at.inputShape);
    return layer.type === 'depthwiseConv2d'
      ? c * kh * kw + (hasBias(layer) ? c : 0)
      : c * kh * kw + c * layer.filters + biasCount(layer, at);
  },
  // Normalization with a given mean and variance counted as if adapted.
  'normalization-counted-given-statistics': ({ layer, at }) =>
    layer.type === 'normalization' && layer.mean !== undefined ? 2 * last(at.inputShape) + 1 : undefined,
};
