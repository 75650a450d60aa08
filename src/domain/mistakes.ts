import type { LayerReport, NetworkReport } from './analyze-network';
import { bigPair } from './pair';
import type { Layer, Network } from './schema/network';

/** Stable, machine-readable names of the mistakes Learnable recognises. */
export const MISTAKE_CODES = [
  'forgot-biases',
  'one-bias-per-layer',
  'spatial-size-as-inputs',
  'forgot-kernel-size',
  'forgot-input-channels',
  'one-kernel-axis',
  'dense-channels-only',
  'dense-input-image-size',
  'dense-flattened-without-flatten',
  'parameters-for-parameterless-layer',
  'no-parameters-for-learning-layer',
  'output-shape-as-count',
  'depthwise-as-ordinary-conv',
  'separable-forgot-pointwise',
  'separable-as-ordinary-conv',
  'batchnorm-trainable-only',
  'batchnorm-counted-running-statistics',
  'transpose-swapped-channels',
  'total-left-out-layer',
  'total-counted-layer-twice',
  'total-from-layer-answers',
  'total-trainable-only',
] as const;

export type MistakeCode = (typeof MISTAKE_CODES)[number];

/** A recognised mistake: its code and a plain-words message with the corrected step. */
export interface Mistake {
  code: MistakeCode;
  message: string;
}

/** What a mistake would have produced, and how to say it. */
export interface MistakeCandidate extends Mistake {
  value: bigint;
}

type Convention = 'keras' | 'pytorch';

const big = (values: readonly number[]) => values.map(BigInt);
const prod = (values: readonly bigint[]) => values.reduce((a, b) => a * b, 1n);

/** The nearest 3-D tensor before layer `index`, walking back through flatten and friends. */
function lastSpatialShape(report: NetworkReport, index: number): bigint[] {
  for (let i = index; i >= 0; i--) {
    const shape = report.layers[i]?.inputShape;
    if (shape?.length === 3) return big(shape);
  }
  return big(report.input);
}

/** Candidates for a layer with trainable weights and biases. */
function weightAndBiasMistakes(weights: bigint, biases: bigint, unit: string): MistakeCandidate[] {
  if (biases === 0n) return [];
  return [
    {
      code: 'forgot-biases',
      value: weights,
      message: `You counted the ${weights} weights but not the biases: add one bias per ${unit}, ${weights} + ${biases} = ${weights + biases}.`,
    },
    {
      code: 'one-bias-per-layer',
      value: weights + 1n,
      message: `You counted one bias for the whole layer; there is one per ${unit}: ${weights} + ${biases} = ${weights + biases}.`,
    },
  ];
}

function convMistakes(layer: Extract<Layer, { type: 'conv2d' }>, at: LayerReport): MistakeCandidate[] {
  const [h, w, c] = big(at.inputShape) as [bigint, bigint, bigint];
  const [kh, kw] = bigPair(layer.kernelSize, 1);
  const f = BigInt(layer.filters);
  const b = BigInt(at.biases);
  const right = BigInt(at.params);
  const kernel = `${kh}×${kw}`;
  const candidates: MistakeCandidate[] = [
    ...weightAndBiasMistakes(BigInt(at.weights), b, 'filter'),
    {
      code: 'spatial-size-as-inputs',
      value: h * w * f * kh * kw + b,
      message: `You used the ${h}×${w} spatial size as the inputs; a convolution's inputs are the ${c} channels of the previous layer: ${c} × (${f} × ${kernel}) + ${b} = ${right}.`,
    },
    {
      code: 'spatial-size-as-inputs',
      value: h * f * kh * kw + b,
      message: `You used the height ${h} as the inputs; a convolution's inputs are the ${c} channels of the previous layer: ${c} × (${f} × ${kernel}) + ${b} = ${right}.`,
    },
    {
      code: 'forgot-kernel-size',
      value: c * f + b,
      message: `You left out the kernel size: each filter has ${kernel} weights per input channel, ${c} × (${f} × ${kernel}) + ${b} = ${right}.`,
    },
    {
      code: 'forgot-input-channels',
      value: f * kh * kw + b,
      message: `You left out the ${c} input channels: each filter spans all of them, ${c} × (${f} × ${kernel}) + ${b} = ${right}.`,
    },
  ];
  if (kh !== kw) {
    for (const k of [kh, kw]) {
      candidates.push({
        code: 'one-kernel-axis',
        value: c * f * k + b,
        message: `You used only one side (${k}) of the ${kernel} kernel; a kernel has ${kh} × ${kw} = ${kh * kw} weights per input channel: ${c} × (${f} × ${kernel}) + ${b} = ${right}.`,
      });
    }
  }
  return candidates;
}

function denseMistakes(network: Network, report: NetworkReport, at: LayerReport): MistakeCandidate[] {
  const inputs = BigInt(at.inputShape[at.inputShape.length - 1] ?? 1);
  const units = BigInt(at.outputShape[at.outputShape.length - 1] ?? 1);
  const b = BigInt(at.biases);
  const right = BigInt(at.params);
  const candidates = weightAndBiasMistakes(BigInt(at.weights), b, 'unit');
  if (at.inputShape.length === 3) {
    const flat = prod(big(at.inputShape));
    candidates.push({
      code: 'dense-flattened-without-flatten',
      value: flat * units + b,
      message: `There is no flatten before this layer, so Keras applies it to the last axis only: its inputs are the ${inputs} channels, not ${at.inputShape.join('×')} = ${flat}: ${inputs} × ${units} + ${b} = ${right}.`,
    });
    return candidates;
  }
  const spatial = lastSpatialShape(report, at.index);
  const [, , c] = spatial as [bigint, bigint, bigint];
  const [h0, w0, c0] = big(network.input) as [bigint, bigint, bigint];
  candidates.push({
    code: 'dense-channels-only',
    value: c * units + b,
    message: `You used only the ${c} channels as inputs (that is what a dense layer without flatten would see); after flattening, its inputs are height × width × channels = ${inputs}: ${inputs} × ${units} + ${b} = ${right}.`,
  });
  for (const size of new Set([h0 * w0 * c, h0 * w0 * c0])) {
    if (size === inputs) continue;
    candidates.push({
      code: 'dense-input-image-size',
      value: size * units + b,
      message: `You flattened the ${h0}×${w0} input image, but the layers before this one (valid padding, strides or pooling) changed the size: the flattened tensor has ${inputs} values, so ${inputs} × ${units} + ${b} = ${right}.`,
    });
  }
  return candidates;
}

function batchNormMistakes(at: LayerReport, convention: Convention): MistakeCandidate[] {
  const c = BigInt(at.inputShape[at.inputShape.length - 1] ?? 1);
  return convention === 'keras'
    ? [
        {
          code: 'batchnorm-trainable-only',
          value: 2n * c,
          message: `You counted only γ and β (2 × ${c}); Keras also counts the moving mean and variance as (non-trainable) parameters: 4 × ${c} = ${4n * c}. PyTorch would say ${2n * c}.`,
        },
      ]
    : [
        {
          code: 'batchnorm-counted-running-statistics',
          value: 4n * c,
          message: `You counted the running mean and variance too; in PyTorch they are buffers, not parameters: 2 × ${c} = ${2n * c}. Keras would say ${4n * c}.`,
        },
      ];
}

/**
 * Every value a known mistake would give for layer `index`, with its message:
 * for the textbook's first conv layer, `forgot-biases` gives 54 (right: 56).
 */
export function layerMistakeCandidates(
  network: Network,
  report: NetworkReport,
  index: number,
  convention: Convention = 'keras',
): MistakeCandidate[] {
  const layer = network.layers[index];
  const at = report.layers[index];
  if (!layer || !at) return [];
  const right = BigInt(at.params);
  const outputSize = prod(big(at.outputShape));
  const candidates: MistakeCandidate[] = [
    {
      code: 'output-shape-as-count',
      value: outputSize,
      message: `${outputSize} is the size of this layer's output (${at.outputShape.join('×')}), not its parameter count; the parameters are ${at.explanation}.`,
    },
  ];
  const [, , c] = big(at.inputShape) as [bigint, bigint, bigint];
  switch (layer.type) {
    case 'conv2d':
      candidates.push(...convMistakes(layer, at));
      break;
    case 'conv2dTranspose': {
      const [kh, kw] = bigPair(layer.kernelSize, 1);
      const f = BigInt(layer.filters);
      candidates.push(...weightAndBiasMistakes(BigInt(at.weights), BigInt(at.biases), 'filter'));
      if (at.biases > 0 && c !== f) {
        candidates.push({
          code: 'transpose-swapped-channels',
          value: BigInt(at.weights) + c,
          message: `You swapped input and output channels: the biases belong to the ${f} filters (outputs), not the ${c} inputs: ${c} × (${f} × ${kh}×${kw}) + ${f} = ${right}.`,
        });
      }
      break;
    }
    case 'depthwiseConv2d': {
      const [kh, kw] = bigPair(layer.kernelSize, 1);
      const out = c * BigInt(layer.depthMultiplier ?? 1);
      candidates.push(...weightAndBiasMistakes(BigInt(at.weights), BigInt(at.biases), 'output channel'));
      candidates.push({
        code: 'depthwise-as-ordinary-conv',
        value: c * out * kh * kw + BigInt(at.biases),
        message: `You counted it as an ordinary convolution whose filters span all ${c} channels; a depthwise filter sees one channel only: ${at.explanation}.`,
      });
      break;
    }
    case 'separableConv2d': {
      const [kh, kw] = bigPair(layer.kernelSize, 1);
      const dm = BigInt(layer.depthMultiplier ?? 1);
      const f = BigInt(layer.filters);
      const b = BigInt(at.biases);
      candidates.push(...weightAndBiasMistakes(BigInt(at.weights), b, 'filter'));
      candidates.push(
        {
          code: 'separable-forgot-pointwise',
          value: c * dm * kh * kw + b,
          message: `You counted the depthwise part only; a separable convolution also has a pointwise 1×1 part of ${c * dm} × ${f} = ${c * dm * f} weights: ${at.explanation}.`,
        },
        {
          code: 'separable-as-ordinary-conv',
          value: c * f * kh * kw + b,
          message: `You counted it as an ordinary convolution; a separable one is a depthwise step then a pointwise 1×1 step: ${at.explanation}.`,
        },
      );
      break;
    }
    case 'dense':
      candidates.push(...denseMistakes(network, report, at));
      break;
    case 'batchNormalization':
      candidates.push(...batchNormMistakes(at, convention));
      break;
    default:
      break;
  }
  return candidates.filter((candidate) => candidate.value !== right && candidate.value >= 0n);
}

/** Joins the candidates matching `answer`, one per code (the first message of each). */
function matching(candidates: MistakeCandidate[], answer: bigint): Mistake[] {
  const found = new Map<MistakeCode, Mistake>();
  for (const { code, message, value } of candidates) {
    if (value === answer && !found.has(code)) found.set(code, { code, message });
  }
  return [...found.values()];
}

/**
 * Names the mistakes that explain a wrong layer answer: 54 for the textbook's first
 * layer → `[{ code: 'forgot-biases', … }]`; a right answer or an unknown value → `[]`.
 */
export function diagnoseLayer(
  network: Network,
  report: NetworkReport,
  index: number,
  answer: bigint,
  convention: Convention = 'keras',
): Mistake[] {
  const at = report.layers[index];
  if (!at || answer === BigInt(at.params)) return [];
  const found = matching(layerMistakeCandidates(network, report, index, convention), answer);
  if (answer === 0n && at.params > 0) {
    found.push({
      code: 'no-parameters-for-learning-layer',
      message: `A ${at.type} layer learns its weights${at.biases > 0 ? ' and biases' : ''}; only input, pooling, flatten, dropout and padding layers learn nothing: ${at.explanation}.`,
    });
  }
  if (at.params === 0 && answer > 0n && !found.some((m) => m.code === 'output-shape-as-count')) {
    found.push({
      code: 'parameters-for-parameterless-layer',
      message: `A ${at.type} layer learns nothing, so it has 0 parameters: ${at.explanation}.`,
    });
  } else if (at.params === 0 && answer > 0n) {
    found.push({
      code: 'parameters-for-parameterless-layer',
      message: `A ${at.type} layer learns nothing, so it has 0 parameters.`,
    });
  }
  return found;
}

/**
 * Names the mistakes that explain a wrong total: leaving a layer out, counting one
 * twice, adding up wrong layer answers, or counting only the trainable parameters.
 */
export function totalMistakeCandidates(
  report: NetworkReport,
  layerAnswers: readonly (bigint | null)[] = [],
): MistakeCandidate[] {
  const total = BigInt(report.totals.params);
  const candidates: MistakeCandidate[] = [];
  for (const layer of report.layers) {
    if (layer.params === 0) continue;
    const p = BigInt(layer.params);
    candidates.push(
      {
        code: 'total-left-out-layer',
        value: total - p,
        message: `Your total leaves out layer ${layer.index + 1} (${layer.type}, ${p} parameters): ${report.totals.explanation}.`,
      },
      {
        code: 'total-counted-layer-twice',
        value: total + p,
        message: `Your total counts layer ${layer.index + 1} (${layer.type}, ${p} parameters) twice: ${report.totals.explanation}.`,
      },
    );
  }
  if (layerAnswers.length === report.layers.length && layerAnswers.every((a) => a !== null)) {
    const sum = (layerAnswers as bigint[]).reduce((a, b) => a + b, 0n);
    candidates.push({
      code: 'total-from-layer-answers',
      value: sum,
      message: `Your total adds up your layer answers correctly, but some of those are wrong; with the right counts: ${report.totals.explanation}.`,
    });
  }
  if (report.totals.nonTrainable > 0) {
    candidates.push({
      code: 'total-trainable-only',
      value: BigInt(report.totals.trainable),
      message: `You counted only the trainable parameters; the total also includes ${report.totals.nonTrainable} non-trainable ones: ${report.totals.trainable} + ${report.totals.nonTrainable} = ${report.totals.params}.`,
    });
  }
  return candidates.filter((candidate) => candidate.value !== total && candidate.value >= 0n);
}

/** The mistakes that explain a wrong total answer (`[]` for a right one or an unknown value). */
export function diagnoseTotal(
  report: NetworkReport,
  answer: bigint,
  layerAnswers: readonly (bigint | null)[] = [],
): Mistake[] {
  if (answer === BigInt(report.totals.params)) return [];
  return matching(totalMistakeCandidates(report, layerAnswers), answer);
}
