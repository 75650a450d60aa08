import type { z } from 'zod';
import type { NetworkReport } from './analyze-network';
import { carryForward, type Carried } from './carry-forward';
import { sameShape } from './layer-rules';
import { countValue } from './count-value';
import { diagnoseLayer, diagnoseShape, diagnoseTotal, type Mistake, type ShapeMistake } from './mistakes';
import type { Network } from './schema/network';
import type { Answers, CountAnswer, ShapeAnswer } from './schema/score-request';
import type {
  CountVerdict as CountVerdictSchema,
  LayerResult,
  ScoreResponse,
  ShapeVerdict as ShapeVerdictSchema,
} from './schema/score-response';

/** A submitted answer and whether it is right. */
export interface Verdict<T> {
  submitted: T;
  correct: boolean;
}

/** A verdict on a count; a wrong one says which known mistakes produce it (possibly none). */
export type CountVerdict = z.infer<typeof CountVerdictSchema>;

/** A verdict on an output shape; a wrong one says which known mistakes produce it (possibly none). */
export type ShapeVerdict = z.infer<typeof ShapeVerdictSchema>;

/** One layer of the response: its counts and the verdicts on its answers. */
export type ScoredLayer = z.infer<typeof LayerResult>;

/** The whole response of /api/score, as its schema defines it. */
export type ScoreReport = z.infer<typeof ScoreResponse>;

export { countValue } from './count-value';

/** Turns the mistakes found for a wrong answer (a count or a shape, as written) into a verdict's feedback. */
function explainWrong<M extends Mistake | ShapeMistake>(
  answer: string,
  mistakes: M[],
): { mistakes: M[]; feedback: string } {
  const feedback =
    mistakes.length === 0
      ? `${answer} does not match any mistake we know of; compare your working with the arithmetic shown.`
      : mistakes.length === 1
        ? (mistakes[0]?.message ?? '')
        : `${answer} can come from ${mistakes.length} different mistakes: ${mistakes.map((m) => m.message).join(' Or: ')}`;
  return { mistakes, feedback };
}

/** A verdict on one count answer, with the mistakes `diagnose` finds for a wrong one; undefined when not answered. */
export function judgeCount(
  answer: CountAnswer | undefined,
  expected: number,
  diagnose: (value: bigint) => Mistake[],
): CountVerdict | undefined {
  if (answer === null || answer === undefined) return undefined;
  // A number answer is a whole number up to 2^53 − 1 (the schema's), as exact as the count; a digit string may be
  // longer, so it is read as a BigInt.
  if (typeof answer === 'number' && answer === expected) return { submitted: answer, correct: true };
  const value = countValue(answer);
  if (value === BigInt(expected)) return { submitted: answer, correct: true };
  return { submitted: answer, correct: false, ...explainWrong(String(value), diagnose(value)) };
}

function judgeShape(
  answer: ShapeAnswer | undefined,
  expected: number[],
  diagnose: (shape: number[]) => ShapeMistake[],
): ShapeVerdict | undefined {
  if (answer === null || answer === undefined) return undefined;
  if (sameShape(answer, expected)) return { submitted: answer, correct: true };
  return { submitted: answer, correct: false, ...explainWrong(answer.join('×'), diagnose(answer)) };
}

/**
 * Marks a wrong verdict that is right given the learner's earlier answers: `carriedForward`, the layer of the slip
 * it follows from, and feedback that says so ("Right for your 210 inputs — the slip is at layer 4."). A layer's own
 * mistakes are dropped (a mistake that happens to give the same value would blame this layer for the earlier slip);
 * a total keeps its own, whose message gives the right sum (`keep`).
 */
function carry<V extends { correct: boolean; feedback?: string | undefined; mistakes?: unknown[] | undefined }>(
  verdict: V | undefined,
  carried: Carried | null | undefined,
  keep = false,
): V | undefined {
  if (!verdict || verdict.correct || !carried) return verdict;
  const said = `Right for ${carried.givenWhat} — the slip is at layer ${carried.followsFrom + 1}.`;
  const mistakes = keep ? (verdict.mistakes ?? []) : [];
  return {
    ...verdict,
    mistakes,
    carriedForward: true,
    followsFrom: carried.followsFrom,
    feedback: mistakes.length > 0 ? `${said} ${verdict.feedback ?? ''}` : said,
  };
}

/**
 * Puts verdicts beside the exact counts: a layer answered 56 where 56 is expected
 * gets `{ submitted: 56, correct: true }`; the score counts questions asked and answered, and apart the wrong
 * answers that follow from the learner's own earlier slip (`carriedForward`).
 */
export function scoreAnswers(network: Network, report: NetworkReport, answers: Answers | undefined): ScoreReport {
  const verdicts: ((Verdict<unknown> & { carriedForward?: boolean | undefined }) | undefined)[] = [];
  const carried = carryForward(network, report, answers);
  const layers = report.layers.map((layer, i): ScoredLayer => {
    const answer = carry(
      judgeCount(answers?.layers?.[i], layer.params, (value) =>
        diagnoseLayer(network, report, i, value, report.convention),
      ),
      carried.counts[i],
    );
    const outputShapeAnswer = carry(
      judgeShape(answers?.outputShapes?.[i], layer.outputShape, (shape) => diagnoseShape(network, report, i, shape)),
      carried.shapes[i],
    );
    verdicts.push(answer, outputShapeAnswer);
    return {
      ...layer,
      ...(answer && { answer }),
      ...(outputShapeAnswer && { outputShapeAnswer }),
    };
  });
  // The learner's layer answers, read exactly, only for diagnosing a wrong total.
  const layerValues = () =>
    report.layers.map((_, i) => {
      const given = answers?.layers?.[i];
      return given === null || given === undefined ? null : countValue(given);
    });
  const totalAnswer = carry(
    judgeCount(answers?.total, report.totals.params, (value) => diagnoseTotal(report, value, layerValues())),
    carried.total,
    true,
  );
  verdicts.push(totalAnswer);
  const given = verdicts.filter((v) => v !== undefined);
  // Counts are always asked (every layer and the total); shapes only when the request asks for them.
  const possible = layers.length + 1 + (answers?.outputShapes ? layers.length : 0);
  return {
    apiVersion: '1',
    convention: report.convention,
    input: report.input,
    layers,
    total: { ...report.totals, ...(totalAnswer && { answer: totalAnswer }) },
    ...(answers && {
      score: {
        correct: given.filter((v) => v.correct).length,
        carriedForward: given.filter((v) => v.carriedForward).length,
        answered: given.length,
        possible,
      },
    }),
  };
}
