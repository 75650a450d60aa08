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

export const SIMULATORS: Partial<Record<MistakeCode, Simulator>> = {
  // Conv / dense / separable / transposed / depthwise: weights only.
  'forgot-biases': ({ layer, at }) =>
    hasBias(layer) && ['conv2d', 'dense', 'separableConv2d', 'conv2dTranspose', 'depthwiseConv2d'].includes(layer.type)
      ? at.params - biasCount(layer, at)
      : undefined,
  'one-bias-per-layer': ({ layer, at }) =>
    hasBias(layer) && ['conv2d', 'dense', 'separableConv2d', 'conv2dTranspose', 'depthwiseConv2d'].includes(layer.type)
      ? at.params - biasCount(layer, at) + 1
      : undefined,
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
  'dense-channels-only': ({ layer, at, report }) =>
    layer.type === 'dense' && at.inputShape.length === 1 && report.layers[at.index - 1]?.type === 'flatten'
      ? channelsBeforeFlatten(report, at.index) * layer.units + biasCount(layer, at)
      : undefined,
  'dense-input-image-size': ({ layer, at, report, network }) => {
    if (layer.type !== 'dense' || at.inputShape.length !== 1 || report.layers[at.index - 1]?.type !== 'flatten')
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
};
