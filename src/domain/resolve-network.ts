import type { NetworkProblem } from './analyze-network';
import { importKerasModel, locateInKeras } from './keras-import';
import { practiceItem } from './practice-set';
import { importPytorchModel, type PytorchModel } from './pytorch-import';
import { fail, ok, type Result } from './result';
import type { Network } from './schema/network';
import type { Answers, ScoreRequest } from './schema/score-request';

/** The network a request asks about, and how to place a problem found in it inside the request. */
export interface ResolvedNetwork {
  network: Network;
  /** Moves a problem at a path inside the network (`['layers', 1, 'kernelSize']`) to its place in the request. */
  locate(problem: NetworkProblem): NetworkProblem;
}

/**
 * Finds the network a scoring request is about: sent as `network`, pasted as
 * Keras JSON in `kerasModel` (then problems point into the Keras JSON), or named
 * as network `index` of a practice set, which the server regenerates itself.
 */
export function resolveNetwork(request: ScoreRequest): Result<ResolvedNetwork, NetworkProblem[]> {
  if (request.network) {
    return ok({ network: request.network, locate: ({ path, message }) => ({ path: ['network', ...path], message }) });
  }
  if (request.practiceSet) {
    const { index, ...options } = request.practiceSet;
    const item = practiceItem(options, index);
    if (!item.ok) return fail(item.error.map(({ path, message }) => ({ path: ['practiceSet', ...path], message })));
    // A generated network is valid, so problems here can only be about answers; point at the set itself.
    return ok({ network: item.value.network, locate: ({ message }) => ({ path: ['practiceSet'], message }) });
  }
  // Inside a JSON string no pointer can reach: point at the string and say where inside it.
  const inString = typeof request.kerasModel === 'string';
  const place = ({ path, message }: NetworkProblem): NetworkProblem =>
    inString && path.length > 0
      ? { path: ['kerasModel'], message: `at ${path.join('.')} in the Keras JSON: ${message}` }
      : { path: ['kerasModel', ...path], message };
  const imported = importKerasModel(request.kerasModel);
  if (!imported.ok) return fail(imported.error.map(place));
  const { network, layerPaths } = imported.value;
  return ok({ network, locate: ({ path, message }) => place({ path: locateInKeras(layerPaths, path), message }) });
}

/** Problems with answer lists whose length is not one per layer: 3 answers for 4 layers → one problem. */
export function answerCountProblems(layerCount: number, answers: Answers | undefined): NetworkProblem[] {
  return (['layers', 'outputShapes'] as const).flatMap((key) => {
    const given = answers?.[key];
    if (given === undefined || given.length === layerCount) return [];
    const what = key === 'layers' ? 'answers' : 'shapes';
    return [
      {
        path: ['answers', key],
        message: `expected ${layerCount} ${what}, one per layer, but got ${given.length} (use null for a layer left unanswered)`,
      },
    ];
  });
}

/**
 * Reads the request's `pytorchModel` (what `print(model)` prints) and counts it. Inside a string
 * no pointer can reach a line, so problems point at `/pytorchModel` and begin "line 12: ".
 * Only `answers.total` can be judged (the modules are not known before the text is read), and
 * only by PyTorch's convention.
 */
export function resolvePytorchModel(
  request: ScoreRequest & { pytorchModel: string },
): Result<PytorchModel, NetworkProblem[]> {
  const imported = importPytorchModel(request.pytorchModel);
  if (!imported.ok) {
    return fail(
      imported.error.map(({ line, message }) => ({
        path: ['pytorchModel'],
        message: line > 0 ? `line ${line}: ${message}` : message,
      })),
    );
  }
  const problems: NetworkProblem[] = (['layers', 'outputShapes'] as const)
    .filter((key) => request.answers?.[key] !== undefined)
    .map((key) => ({
      path: ['answers', key],
      message: `a PyTorch model is answered by its total only ("answers": {"total": …}); answers.${key} is for networks with layers`,
    }));
  if (request.convention === 'keras') {
    problems.push({
      path: ['convention'],
      message: 'a PyTorch model is counted by PyTorch\'s convention; leave convention out or send "pytorch"',
    });
  }
  return problems.length > 0 ? fail(problems) : ok(imported.value);
}
