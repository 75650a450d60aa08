import type { z } from 'zod';
import type { PytorchModel } from '../pytorch-import';
import type { PytorchScoreResponse } from '../schema/score-response';
import type { Answers } from '../schema/score-request';
import { judgeCount } from '../score-answers';
import { pytorchTotalMistakes } from './total-mistakes';

/** The whole response of /api/score for a pytorchModel, as its schema defines it. */
export type PytorchReport = z.infer<typeof PytorchScoreResponse>;

/**
 * The response for a PyTorch model: every module's count and arithmetic, the total with a
 * verdict on `answers.total`, and the notes. Counts are exact (checked against 2^53 − 1 when counted).
 */
export function scorePytorchModel(model: PytorchModel, answers: Answers | undefined): PytorchReport {
  const total = Number(model.total);
  const answer = judgeCount(answers?.total, total, (value) => pytorchTotalMistakes(model, value));
  return {
    apiVersion: '1',
    source: 'pytorch',
    convention: 'pytorch',
    modules: model.modules.map((m) => ({ ...m, params: Number(m.params), own: Number(m.own) })),
    total: {
      params: total,
      trainable: total,
      nonTrainable: 0,
      explanation: model.explanation,
      ...(answer && { answer }),
    },
    notes: model.notes,
    ...(answers && { score: { correct: answer?.correct ? 1 : 0, answered: answer ? 1 : 0, possible: 1 } }),
  };
}
