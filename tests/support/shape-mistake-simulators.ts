import type { LayerReport, NetworkReport } from '../../src/domain/analyze-network';
import type { ShapeMistakeCode } from '../../src/domain/mistakes';
import type { Layer, Network } from '../../src/domain/schema/network';

/**
 * A learner who makes one shape mistake: given a layer, the output shape they would write, or undefined where the
 * mistake does not apply. Written from the lesson's rules (Keras's conv_output_length and deconv_output_length),
 * independently of the layer modules, so the diagnosis is checked, not mirrored.
 */
export type ShapeSimulator = (ctx: {
  network: Network;
  report: NetworkReport;
  layer: Layer;
  at: LayerReport;
}) => number[] | undefined;

const CONV = ['conv1d', 'conv2d', 'conv3d', 'separableConv1d', 'separableConv2d', 'depthwiseConv1d', 'depthwiseConv2d'];
const TRANSPOSED = ['conv1dTranspose', 'conv2dTranspose', 'conv3dTranspose'];
const POOL = [
  'maxPooling1d',
  'maxPooling2d',
  'maxPooling3d',
  'averagePooling1d',
  'averagePooling2d',
  'averagePooling3d',
];

interface Window {
  sizes: number[];
  channels: number;
  outChannels: number;
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: string;
  /** Pooling whose strides were not given (so they are the pool size). */
  defaultStride: boolean;
  kind: 'conv' | 'transposed' | 'pool';
  /** Rebuilds a shape in the layer's data format. */
  shape: (sizes: number[], channels: number) => number[];
}

const every = (option: unknown, rank: number, fallback: number): number[] =>
  option === undefined
    ? Array.from({ length: rank }, () => fallback)
    : typeof option === 'number'
      ? Array.from({ length: rank }, () => option)
      : [...(option as number[])];

/** The sliding window of a convolution or pooling layer, read from its options with Keras's defaults. */
function windowOf(layer: Layer, at: LayerReport): Window | undefined {
  const kind = CONV.includes(layer.type)
    ? 'conv'
    : TRANSPOSED.includes(layer.type)
      ? 'transposed'
      : POOL.includes(layer.type)
        ? 'pool'
        : undefined;
  if (!kind) return undefined;
  const options = layer as Record<string, unknown>;
  const first = options['dataFormat'] === 'channels_first';
  const split = (shape: number[]) => ({
    channels: (first ? shape[0] : shape[shape.length - 1]) ?? 1,
    sizes: first ? shape.slice(1) : shape.slice(0, -1),
  });
  const input = split(at.inputShape);
  const rank = input.sizes.length;
  const kernel = kind === 'pool' ? every(options['poolSize'], rank, 2) : every(options['kernelSize'], rank, 1);
  const strides = kind === 'pool' && options['strides'] === undefined ? kernel : every(options['strides'], rank, 1);
  return {
    ...input,
    outChannels: split(at.outputShape).channels,
    kernel,
    strides,
    dilation: every(options['dilationRate'], rank, 1),
    padding: (options['padding'] as string | undefined) ?? 'valid',
    defaultStride: kind === 'pool' && options['strides'] === undefined,
    kind,
    shape: (sizes, channels) => (first ? [channels, ...sizes] : [...sizes, channels]),
  };
}

const span = (k: number, d: number) => k + (k - 1) * (d - 1);

/** A convolution's or pooling's length along one axis: ⌊(n − k′) / s⌋ + 1 (valid) or ⌈n / s⌉ (same, causal). */
const slideLength = (n: number, k: number, s: number, padding: string) =>
  padding === 'valid' ? Math.floor((n - k) / s) + 1 : Math.ceil(n / s);

/** A transposed convolution's length: (n − 1) × s + k′ when the kernel reaches past the stride (valid), n × s (same). */
const growLength = (n: number, k: number, s: number, padding: string) =>
  padding === 'valid' ? n * s + Math.max(k - s, 0) : n * s;

/** The window's sizes by a learner's rule, each axis its own kernel, stride and dilation; undefined if none is left. */
function sizesBy(w: Window, rule: (n: number, k: number, s: number, d: number) => number): number[] | undefined {
  const sizes = w.sizes.map((n, i) => rule(n, w.kernel[i] ?? 1, w.strides[i] ?? 1, w.dilation[i] ?? 1));
  return sizes.every((s) => Number.isInteger(s) && s >= 1) ? sizes : undefined;
}

const spatial =
  (
    applies: (w: Window) => boolean,
    rule: (w: Window) => (n: number, k: number, s: number, d: number) => number,
  ): ShapeSimulator =>
  ({ layer, at }) => {
    const w = windowOf(layer, at);
    if (!w || !applies(w)) return undefined;
    const sizes = sizesBy(w, rule(w));
    return sizes && w.shape(sizes, w.outChannels);
  };

const length = (w: Window) => (w.kind === 'transposed' ? growLength : slideLength);

export const SHAPE_SIMULATORS: Record<ShapeMistakeCode, ShapeSimulator> = {
  // Valid padding taken as same: the size kept (÷ stride), or for a transposed one just n × s.
  'same-instead-of-valid': spatial(
    (w) => w.padding === 'valid',
    (w) => (n, k, s, d) => length(w)(n, span(k, d), s, 'same'),
  ),
  // Same (or causal) padding taken as valid: the kernel must fit inside.
  'valid-instead-of-same': spatial(
    (w) => w.padding !== 'valid',
    (w) => (n, k, s, d) => length(w)(n, span(k, d), s, 'valid'),
  ),
  // The stride of a convolution (or a pooling's given stride) left out: 1.
  'forgot-stride': spatial(
    (w) => !w.defaultStride && w.strides.some((s) => s > 1),
    (w) => (n, k, _s, d) => length(w)(n, span(k, d), 1, w.padding),
  ),
  // A pooling layer's default stride, its pool size, taken as 1.
  'pool-stride-one': spatial(
    (w) => w.defaultStride && w.strides.some((s) => s > 1),
    (w) => (n, k) => slideLength(n, k, 1, w.padding),
  ),
  // Valid padding's + 1 left out: ⌊(n − k′) / s⌋.
  'forgot-plus-one': spatial(
    (w) => w.kind !== 'transposed' && w.padding === 'valid',
    () => (n, k, s, d) => Math.floor((n - span(k, d)) / s),
  ),
  // Rounded the other way: ⌈(n − k′) / s⌉ + 1 for valid, ⌊n / s⌋ for same.
  'rounded-wrong-way': spatial(
    (w) => w.kind !== 'transposed',
    (w) => (n, k, s, d) => (w.padding === 'valid' ? Math.ceil((n - span(k, d)) / s) + 1 : Math.floor(n / s)),
  ),
  // The kernel taken as it is, its dilation left out.
  'forgot-dilation': spatial(
    (w) => w.dilation.some((d) => d > 1),
    (w) => (n, k, s) => length(w)(n, k, s, w.padding),
  ),
  // A transposed convolution worked as an ordinary one: it shrinks.
  'transpose-as-conv': spatial(
    (w) => w.kind === 'transposed',
    (w) => (n, k, s, d) => slideLength(n, span(k, d), s, w.padding),
  ),
  // The input's channels kept instead of the filters (or the depth multiplier's).
  'channels-from-input': ({ layer, at }) => {
    const w = windowOf(layer, at);
    if (!w || w.kind === 'pool') return undefined;
    const first = (layer as { dataFormat?: string }).dataFormat === 'channels_first';
    const sizes = first ? at.outputShape.slice(1) : at.outputShape.slice(0, -1);
    return w.shape(sizes, w.channels);
  },
  // Flatten of height × width (× depth) without the channels.
  'flatten-without-channels': ({ layer, at }) => {
    if (layer.type !== 'flatten' || at.inputShape.length < 2) return undefined;
    const first = layer.dataFormat === 'channels_first';
    const rest = first ? at.inputShape.slice(1) : at.inputShape.slice(0, -1);
    return [rest.reduce((a, b) => a * b, 1)];
  },
  // Dense on a tensor of rank > 1 replacing its first axis instead of its last.
  'dense-wrong-axis': ({ layer, at }) =>
    layer.type === 'dense' && at.inputShape.length > 1 ? [layer.units, ...at.inputShape.slice(1)] : undefined,
};
