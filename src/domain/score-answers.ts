import type { LayerReport, NetworkReport } from './analyze-network';
import type { Answers, CountAnswer, ShapeAnswer } from './schema/score-request';

/** A submitted answer and whether it is right. */
export interface Verdict<T> {
  submitted: T;
  correct: boolean;
}

export interface ScoredLayer extends LayerReport {
  answer?: Verdict<number | string>;
  outputShapeAnswer?: Verdict<number[]>;
}

export interface ScoreReport {
  apiVersion: '1';
  /** Which framework's rules the counts follow. */
  convention: 'keras';
  input: number[];
  layers: ScoredLayer[];
  total: NetworkReport['totals'] & { answer?: Verdict<number | string> };
  /** Present when answers were sent: right answers, answered questions, questions asked. */
  score?: { correct: number; answered: number; possible: number };
}

/** Reads a submitted count exactly: `countValue("2,402") → 2402n`, `countValue(56) → 56n`. */
export function countValue(answer: number | string): bigint {
  return typeof answer === 'number' ? BigInt(answer) : BigInt(answer.replace(/[^\d]/g, ''));
}

const judgeCount = (answer: CountAnswer | undefined, expected: number): Verdict<number | string> | undefined =>
  answer === null || answer === undefined
    ? undefined
    : { submitted: answer, correct: countValue(answer) === BigInt(expected) };

const judgeShape = (answer: ShapeAnswer | undefined, expected: number[]): Verdict<number[]> | undefined =>
  answer === null || answer === undefined
    ? undefined
    : { submitted: answer, correct: answer.length === expected.length && answer.every((d, i) => d === expected[i]) };

/**
 * Puts verdicts beside the exact counts: a layer answered 56 where 56 is expected
 * gets `{ submitted: 56, correct: true }`; the score counts questions asked and answered.
 */
export function scoreAnswers(report: NetworkReport, answers: Answers | undefined): ScoreReport {
  const verdicts: (Verdict<unknown> | undefined)[] = [];
  const layers = report.layers.map((layer, i): ScoredLayer => {
    const answer = judgeCount(answers?.layers?.[i], layer.params);
    const outputShapeAnswer = judgeShape(answers?.outputShapes?.[i], layer.outputShape);
    verdicts.push(answer, outputShapeAnswer);
    return {
      ...layer,
      ...(answer && { answer }),
      ...(outputShapeAnswer && { outputShapeAnswer }),
    };
  });
  const totalAnswer = judgeCount(answers?.total, report.totals.params);
  verdicts.push(totalAnswer);
  const given = verdicts.filter((v) => v !== undefined);
  // Counts are always asked (every layer and the total); shapes only when the request asks for them.
  const possible = layers.length + 1 + (answers?.outputShapes ? layers.length : 0);
  return {
    apiVersion: '1',
    convention: 'keras',
    input: report.input,
    layers,
    total: { ...report.totals, ...(totalAnswer && { answer: totalAnswer }) },
    ...(answers && {
      score: { correct: given.filter((v) => v.correct).length, answered: given.length, possible },
    }),
  };
}
