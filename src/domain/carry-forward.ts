import type { NetworkReport } from './analyze-network';
import { countValue as countOf } from './count-value';
import { inputSources, NETWORK_INPUT } from './layer-inputs';
import { allExact, isExact } from './exact';
import { applyLayer, sameShape, type LayerOutcome, type LayerProblem, type Shape } from './layer-rules';
import { shapeText } from './layers/internal/text';
import type { Network } from './schema/network';
import type { Answers } from './schema/score-request';

/** An answer that is wrong for the network but right given the learner's own earlier answers. */
export interface Carried {
  /** The index of the layer whose answer holds the earlier slip this one follows from. */
  followsFrom: number;
  /** What the answer is right for, in the learner's words: `'your 210 inputs'`, `'your 15×16×8 input'`. */
  givenWhat: string;
}

/** Which answers carry an earlier slip forward: per layer, its count and its output shape, and the total. */
export interface CarriedAnswers {
  counts: (Carried | null)[];
  shapes: (Carried | null)[];
  total: Carried | null;
}

/** What the learner takes a layer's output to be, and the earliest slip that made it so (null: no slip). */
interface Belief {
  shape: Shape;
  slip: number | null;
}

/**
 * An outcome on the learner's shapes, when all of it is exact: their shapes are answers, not sizes the engine has
 * checked, so a size or count past 2^53 − 1 may be rounded (`exact.ts`), and then their working is not followed.
 */
const exactOutcome = (outcome: LayerOutcome | LayerProblem[]): LayerOutcome | null =>
  !Array.isArray(outcome) &&
  allExact(outcome.outputShape) &&
  isExact(outcome.weights + outcome.biases + outcome.nonTrainable)
    ? outcome
    : null;

/** What the learner's inputs were, in their words: `'your 210 inputs'`, `'your 15×16×8 input'`, `'your 8×8×4 and 8×8×4 inputs'`. */
const given = (shapes: readonly Shape[]) =>
  shapes.length > 1
    ? `your ${shapes.map(shapeText).join(' and ')} inputs`
    : shapes[0]?.length === 1
      ? `your ${shapes[0][0]} inputs`
      : `your ${shapeText(shapes[0] ?? [])} input`;

/**
 * What the learner takes a layer's inputs to be: each source's belief (the network's input for -1), and the
 * earliest slip among them; null when one of them is unknown (their working could not be followed).
 */
function believed(
  sources: readonly number[],
  input: Belief,
  beliefs: readonly (Belief | null)[],
): { shapes: Shape[]; slip: number | null } | null {
  if (sources.length === 1) {
    // One source, as in every layer of a network that does not branch: no lists to build.
    const source = sources[0] ?? NETWORK_INPUT;
    const belief = source === NETWORK_INPUT ? input : (beliefs[source] ?? null);
    return belief && { shapes: [belief.shape], slip: belief.slip };
  }
  const taken = sources.map((s) => (s === NETWORK_INPUT ? input : (beliefs[s] ?? null)));
  if (taken.some((b) => b === null)) return null;
  const slips = taken.flatMap((b) => (b && b.slip !== null ? [b.slip] : []));
  return { shapes: taken.map((b) => b?.shape ?? []), slip: slips.length > 0 ? Math.min(...slips) : null };
}

/**
 * Follows the learner's own answers through the network: a layer's count or shape that is wrong, but right for the
 * shape the learner gave (or implied) for the layer it reads, follows from that earlier slip; a total that is the
 * sum of the learner's counts follows from the first wrong one. The case: a valid 3×3 convolution of
 * 15×16×3 answered 15×16×8 (layer 1) makes a flatten of 15 × 16 × 8 and a dense count of 1920 × units + units right
 * for "your 1920 inputs", both following from layer 1 (`followsFrom: 0`). Unanswered shapes are taken as the learner
 * would work them out from their earlier answers.
 */
export function carryForward(network: Network, report: NetworkReport, answers: Answers | undefined): CarriedAnswers {
  const beliefs: (Belief | null)[] = [];
  const counts: (Carried | null)[] = [];
  const shapes: (Carried | null)[] = [];
  const input: Belief = { shape: network.input, slip: null };
  for (let i = 0; i < report.layers.length; i++) {
    const at = report.layers[i] as NetworkReport['layers'][number];
    const layer = network.layers[i];
    const right = at.outputShape;
    const from = believed(inputSources(network, report, i), input, beliefs);
    // What this layer gives on the learner's inputs, when they are not the true ones.
    const outcome =
      layer && from && from.slip !== null && from.shapes.length > 0
        ? applyLayer(layer, from.shapes[0] ?? [], report.convention, from.shapes)
        : null;
    const theirs = outcome && exactOutcome(outcome);
    const carried = from && from.slip !== null ? { followsFrom: from.slip, givenWhat: given(from.shapes) } : null;

    const count = answers?.layers?.[i];
    // Read as a BigInt (a digit string may pass 2^53 − 1) only when there is a slip it could follow from.
    const countValue = !carried || count === null || count === undefined ? null : countOf(count);
    const learned = theirs ? theirs.weights + theirs.biases + theirs.nonTrainable : null;
    counts.push(
      carried &&
        countValue !== null &&
        learned !== null &&
        countValue !== BigInt(at.params) &&
        countValue === BigInt(learned)
        ? carried
        : null,
    );

    const shape = answers?.outputShapes?.[i];
    if (shape === null || shape === undefined) {
      shapes.push(null);
      beliefs.push(
        !from
          ? null
          : from.slip === null
            ? { shape: right, slip: null }
            : theirs && { shape: theirs.outputShape, slip: from.slip },
      );
      continue;
    }
    const written = shape;
    if (sameShape(written, right)) {
      shapes.push(null);
      beliefs.push({ shape: right, slip: null });
    } else if (carried && theirs && sameShape(theirs.outputShape, written)) {
      shapes.push(carried);
      beliefs.push({ shape: written, slip: carried.followsFrom });
    } else {
      shapes.push(null);
      beliefs.push({ shape: written, slip: i });
    }
  }
  return { counts, shapes, total: totalCarried(report, answers, counts) };
}

/** The total follows from the first wrong count when it adds up the learner's counts (unanswered ones right). */
function totalCarried(
  report: NetworkReport,
  answers: Answers | undefined,
  counts: readonly (Carried | null)[],
): Carried | null {
  const total = answers?.total;
  if (total === null || total === undefined || countOf(total) === BigInt(report.totals.params)) return null;
  const values = report.layers.map((at, i) => {
    const answer = answers?.layers?.[i];
    return answer === null || answer === undefined ? BigInt(at.params) : countOf(answer);
  });
  const first = values.findIndex((value, i) => value !== BigInt(report.layers[i]?.params ?? 0));
  if (first < 0 || values.reduce((a, b) => a + b, 0n) !== countOf(total)) return null;
  return { followsFrom: counts[first]?.followsFrom ?? first, givenWhat: 'your layer counts' };
}
