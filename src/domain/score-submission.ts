import { evaluateRequest } from './evaluate-request';
import type { LocatedProblem } from './located-problem';
import { practiceItem } from './practice-set';
import { fail, ok, type Result } from './result';
import type { JudgedCount, JudgedNetwork, JudgedShape, StoredAssignment } from './schema/assignment';
import type { Answers } from './schema/score-request';
import type { ScoreReport } from './score-answers';

/** A submission judged: each network's /api/score report, what the store keeps of it, and the set's score. */
export interface JudgedSubmission {
  reports: ScoreReport[];
  networks: JudgedNetwork[];
  score: { correct: number; carriedForward: number; answered: number; possible: number };
}

// What a verdict may carry beyond main's schema: the teaching branch adds carried-forward credit and shape
// mistakes. Read here as optional, so that the same code keeps them once they are there.
interface AnyVerdict {
  submitted: unknown;
  correct: boolean;
  mistakes?: { code: string }[] | undefined;
  carriedForward?: true | undefined;
  followsFrom?: number | undefined;
}

const judged = <T>(verdict: AnyVerdict | undefined) =>
  verdict && {
    submitted: verdict.submitted as T,
    correct: verdict.correct,
    mistakes: (verdict.mistakes ?? []).map((m) => m.code),
    ...(verdict.carriedForward && { carriedForward: true as const }),
    ...(verdict.followsFrom !== undefined && { followsFrom: verdict.followsFrom }),
  };

/** What the store keeps of one network's report: counts, shapes and each verdict's mistake codes. */
function judgeNetwork(index: number, level: JudgedNetwork['level'], report: ScoreReport): JudgedNetwork {
  // score.carriedForward arrives with the teaching branch; before it, nothing is carried forward.
  const score = report.score as Partial<JudgedSubmission['score']> | undefined;
  return {
    index,
    level,
    score: {
      correct: score?.correct ?? 0,
      carriedForward: score?.carriedForward ?? 0,
      answered: score?.answered ?? 0,
      possible: score?.possible ?? 0,
    },
    layers: report.layers.map((layer) => {
      const answer = judged<JudgedCount['submitted']>(layer.answer);
      const shapeAnswer = judged<JudgedShape['submitted']>(layer.outputShapeAnswer);
      return {
        type: layer.type,
        params: layer.params,
        outputShape: layer.outputShape,
        ...(answer && { answer }),
        ...(shapeAnswer && { shapeAnswer }),
      };
    }),
    total: { params: report.total.params, ...(report.total.answer && { answer: judged(report.total.answer) }) },
  };
}

/**
 * Scores a student's answers to every network of an assignment exactly as /api/score scores a
 * practice-set network (`evaluateRequest` with the set's options and the index, so the server makes
 * each network itself): `scoreSubmission(assignment, [{ layers: [56, 57, 0, 2402], total: 2515 }])`.
 * Problems point into the submission: `['answers', 2, 'layers']`.
 */
export function scoreSubmission(
  assignment: Pick<StoredAssignment, 'set' | 'convention'>,
  answers: readonly Answers[],
): Result<JudgedSubmission, LocatedProblem[]> {
  const { set, convention } = assignment;
  if (answers.length !== set.count) {
    return fail([
      {
        path: ['answers'],
        message: `expected ${set.count} answers objects, one per network, but got ${answers.length} (send {} for a network left unanswered)`,
      },
    ]);
  }
  const problems: LocatedProblem[] = [];
  const reports: ScoreReport[] = [];
  const networks: JudgedNetwork[] = [];
  answers.forEach((given, index) => {
    if (!set.askShapes && given.outputShapes !== undefined) {
      problems.push({
        path: ['answers', index, 'outputShapes'],
        message: 'this assignment does not ask for output shapes; leave outputShapes out',
      });
      return;
    }
    const item = practiceItem(set, index);
    if (!item.ok) {
      problems.push(...item.error.map(({ message }) => ({ path: ['answers', index], message })));
      return;
    }
    const layers = item.value.network.layers.length;
    // Shapes asked but none given are all unanswered: the score's "possible" counts them either way.
    const answersOf = set.askShapes
      ? { ...given, outputShapes: given.outputShapes ?? Array(layers).fill(null) }
      : given;
    const result = evaluateRequest({ practiceSet: { ...set, index }, answers: answersOf, convention });
    if (!result.ok) {
      for (const { path, message } of result.error) {
        problems.push({
          path: path[0] === 'answers' ? ['answers', index, ...path.slice(1)] : ['answers', index],
          message,
        });
      }
      return;
    }
    const report = result.value;
    if (!('layers' in report)) return; // a practice set is always a network with layers
    reports.push(report);
    networks.push(judgeNetwork(index, item.value.level, report));
  });
  if (problems.length > 0) return fail(problems);
  const score = { correct: 0, carriedForward: 0, answered: 0, possible: 0 };
  for (const network of networks) {
    for (const key of ['correct', 'carriedForward', 'answered', 'possible'] as const) score[key] += network.score[key];
  }
  return ok({ reports, networks, score });
}
