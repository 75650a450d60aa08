import type { NetworkReport } from './analyze-network';
import { sameShape } from './layer-rules';
import { specOf } from './layers';
import { isExactBigInt, product } from './exact';
import type { MistakeCandidate, ShapeMistakeCandidate } from './layers/spec';
import type { Network } from './schema/network';

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
  // activations:
  'prelu-one-slope',
  'prelu-per-channel-not-shared',
  'prelu-per-element-when-shared',
  // 1-D and 3-D convolutions:
  'conv1d-squared-kernel',
  'conv3d-forgot-depth-axis',
  // normalizations and preprocessing:
  'layernorm-counted-moving-statistics',
  'layernorm-last-axis-only',
  'groupnorm-per-group',
  'normalization-forgot-count',
  'normalization-counted-given-statistics',
  // shape changes and regularization:
  // branching and merging:
  'shared-counted-twice',
  // counting what is not there, and options left out:
  'biases-for-layer-without-bias',
  'forgot-depth-multiplier',
] as const;

export type MistakeCode = (typeof MISTAKE_CODES)[number];

/** Stable names of the mistakes Learnable recognises in an output shape. */
export const SHAPE_MISTAKE_CODES = [
  'same-instead-of-valid',
  'valid-instead-of-same',
  'forgot-stride',
  'forgot-plus-one',
  'rounded-wrong-way',
  'forgot-dilation',
  'transpose-as-conv',
  'channels-from-input',
  'pool-stride-one',
  'flatten-without-channels',
  'dense-wrong-axis',
] as const;

export type ShapeMistakeCode = (typeof SHAPE_MISTAKE_CODES)[number];

/** A recognised mistake in an output shape. */
export interface ShapeMistake {
  code: ShapeMistakeCode;
  message: string;
}

/** A recognised mistake: its code and a plain-words message with the corrected step. */
export interface Mistake {
  code: MistakeCode;
  message: string;
}

/** What a mistake would have produced, and how to say it. */
export type { MistakeCandidate } from './layers/spec';

type Convention = 'keras' | 'pytorch';

/**
 * Every value a known mistake would give for layer `index`, with its message:
 * for the textbook's first conv layer, `forgot-biases` gives 54 (right: 56). A value is formed by + and × like a
 * count, and is not checked: one past 2^53 − 1 is only known to be past it (`exact.ts`), so it is never taken for
 * an answer (`matching`) nor shown (the exporters leave it out).
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
  const right = at.params;
  const outputSize = product(at.outputShape);
  const candidates: MistakeCandidate[] = [
    {
      code: 'output-shape-as-count',
      value: outputSize,
      message: `${outputSize} is the size of this layer's output (${at.outputShape.join('×')}), not its parameter count; the parameters are ${at.explanation}.`,
    },
  ];
  const own = specOf(layer).mistakes({
    layer,
    at,
    input: network.input,
    layers: report.layers,
    convention,
  });
  candidates.push(...own);
  return candidates.filter((candidate) => candidate.value !== right && candidate.value >= 0);
}

/**
 * Joins the candidates matching `answer` (a submitted count, exact as a BigInt), one per code (the first message of
 * each). An answer past 2^53 − 1 matches none: no candidate value is known exactly there.
 */
export function matching(candidates: MistakeCandidate[], answer: bigint): Mistake[] {
  if (!isExactBigInt(answer)) return [];
  const value = Number(answer);
  const found = new Map<MistakeCode, Mistake>();
  for (const candidate of candidates) {
    if (candidate.value === value && !found.has(candidate.code)) {
      found.set(candidate.code, { code: candidate.code, message: candidate.message });
    }
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
    // A frozen layer is the tempting case: it is not trained, yet Keras's Param # still counts it.
    const frozen = network.layers[index]?.trainable === false;
    found.push({
      code: 'no-parameters-for-learning-layer',
      message: frozen
        ? `Freezing a layer (trainable: false) does not take its parameters away: Keras's Param # still counts all ${at.params}, as non-trainable ones that training leaves alone: ${at.explanation}.`
        : `A ${at.type} layer learns its weights${at.biases > 0 ? ' and biases' : ''}; only layers that move, pick or reshape values (pooling, flatten, dropout, padding, most activations) learn nothing: ${at.explanation}.`,
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
  const total = report.totals.params;
  const candidates: MistakeCandidate[] = [];
  for (const layer of report.layers) {
    if (layer.params === 0) continue;
    const p = layer.params;
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
    // The learner's answers are exact BigInts; a sum past 2^53 − 1 could only match an answer as large, and
    // `matching` matches those with nothing.
    const sum = (layerAnswers as bigint[]).reduce((a, b) => a + b, 0n);
    if (isExactBigInt(sum)) {
      candidates.push({
        code: 'total-from-layer-answers',
        value: Number(sum),
        message: `Your total adds up your layer answers correctly, but some of those are wrong; with the right counts: ${report.totals.explanation}.`,
      });
    }
  }
  if (report.totals.nonTrainable > 0) {
    candidates.push({
      code: 'total-trainable-only',
      value: report.totals.trainable,
      message: `You counted only the trainable parameters; the total also includes ${report.totals.nonTrainable} non-trainable ones: ${report.totals.trainable} + ${report.totals.nonTrainable} = ${report.totals.params}.`,
    });
  }
  return candidates.filter((candidate) => candidate.value !== total && candidate.value >= 0);
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

/**
 * Every output shape a known mistake would give for layer `index`, with its message: for a valid 3×3
 * convolution of 15×16×3 to 8 filters, `same-instead-of-valid` gives 15×16×8 (right: 13×14×8).
 */
export function shapeMistakeCandidates(
  network: Network,
  report: NetworkReport,
  index: number,
): ShapeMistakeCandidate[] {
  const layer = network.layers[index];
  const at = report.layers[index];
  if (!layer || !at) return [];
  const right = at.outputShape;
  const candidates =
    specOf(layer).shapeMistakes?.({
      layer,
      input: at.inputShape,
      output: right,
      shapeExplanation: at.shapeExplanation,
    }) ?? [];
  // A size past 2^53 − 1 (a slip that grows an axis) is only known to be past it; no answer is (`ShapeAnswer`).
  return candidates.filter((candidate) => !sameShape(candidate.shape, right) && candidate.shape.every((d) => d >= 1));
}

/**
 * Names the mistakes that explain a wrong output shape: 15×16×8 for a valid 3×3 convolution of 15×16×3 to 8
 * filters → `[{ code: 'same-instead-of-valid', … }]`. A mistake may show on some axes only (a learner who forgot the
 * stride on the width alone); each wrong axis must be explained by one of the mistakes named. A right shape or an
 * unexplained one → `[]`.
 */
export function diagnoseShape(
  network: Network,
  report: NetworkReport,
  index: number,
  answer: readonly number[],
): ShapeMistake[] {
  const at = report.layers[index];
  if (!at) return [];
  const right = at.outputShape;
  const given = answer;
  const wrong = given.flatMap((d, i) => (d === right[i] ? [] : [i]));
  if (given.length === right.length && wrong.length === 0) return [];
  const candidates = shapeMistakeCandidates(network, report, index);
  const found = new Map<ShapeMistakeCode, ShapeMistake>();
  const add = ({ code, message }: ShapeMistakeCandidate) => {
    if (!found.has(code)) found.set(code, { code, message });
  };
  if (given.length !== right.length) {
    // Another rank (a dense layer that flattened): only a mistake of that very shape explains it.
    for (const c of candidates) if (c.shape.length === given.length && c.shape.every((d, i) => d === given[i])) add(c);
    return [...found.values()];
  }
  const explains = (c: ShapeMistakeCandidate, axis: number) => c.shape[axis] === given[axis];
  // A mistake fits when it gives the value of some wrong axis and no other value on a wrong axis; the answer is
  // diagnosed when every wrong axis is explained (a mistake of the channels and one of the height may show together).
  const fitting = candidates.filter(
    (c) =>
      c.shape.length === given.length &&
      wrong.some((i) => explains(c, i)) &&
      wrong.every((i) => explains(c, i) || c.shape[i] === right[i]),
  );
  // The diagnosis is the mistakes that give the very shape; failing those, the ones that explain every wrong axis
  // (made on some axes only); failing those, several that share the wrong axes between them.
  const exact = fitting.filter((c) => c.shape.every((d, i) => d === given[i]));
  const whole = fitting.filter((c) => wrong.every((i) => explains(c, i)));
  if (exact.length > 0) exact.forEach(add);
  else if (whole.length > 0) whole.forEach(add);
  else if (wrong.every((i) => fitting.some((c) => explains(c, i)))) fitting.forEach(add);
  return [...found.values()];
}
