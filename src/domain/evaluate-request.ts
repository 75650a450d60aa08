import { analyzeNetwork, type NetworkProblem } from './analyze-network';
import { scorePytorchModel, type PytorchReport } from './pytorch/score-pytorch';
import { answerCountProblems, resolveNetwork, resolvePytorchModel } from './resolve-network';
import { requestParseOptions } from '#compiled-parsers';
import { fail, ok, type Result } from './result';
import { issueProblems } from './schema/issue-problems';
import { ScoreRequest } from './schema/score-request';
import { scoreAnswers, type ScoreReport } from './score-answers';

/**
 * Everything /api/score does once the body is JSON: validate it, find the network
 * (sent, pasted from Keras, or named in a practice set) or read the PyTorch model,
 * count it exactly and judge the answers — or say, with paths into the body, why it cannot.
 */
export function evaluateRequest(body: unknown): Result<ScoreReport | PytorchReport, NetworkProblem[]> {
  const parsed = ScoreRequest.safeParse(body, requestParseOptions());
  if (!parsed.success) return fail(issueProblems(parsed.error.issues));
  const { pytorchModel } = parsed.data;
  if (pytorchModel !== undefined) {
    const model = resolvePytorchModel({ ...parsed.data, pytorchModel });
    return model.ok ? ok(scorePytorchModel(model.value, parsed.data.answers)) : model;
  }
  const resolved = resolveNetwork(parsed.data);
  if (!resolved.ok) return resolved;
  const { network, locate } = resolved.value;
  const report = analyzeNetwork(network, parsed.data.convention);
  if (!report.ok) return fail(report.error.map(locate));
  const counts = answerCountProblems(network.layers.length, parsed.data.answers);
  if (counts.length > 0) return fail(counts);
  return ok(scoreAnswers(network, report.value, parsed.data.answers));
}
