import type { NetworkProblem } from './analyze-network';
import { importKerasModel, locateInKeras } from './keras-import';
import { fail, ok, type Result } from './result';
import type { Network } from './schema/network';
import type { Answers, ScoreRequest } from './schema/score-request';

/** The network a request asks about, and how to point back into the request at one of its parts. */
export interface ResolvedNetwork {
  network: Network;
  /** Turns a path inside the network (`['layers', 1, 'kernelSize']`) into a path inside the request. */
  locate(path: (string | number)[]): (string | number)[];
}

/**
 * Finds the network a scoring request is about: sent as `network`, or pasted as
 * Keras JSON in `kerasModel` (then problems point into the Keras JSON).
 */
export function resolveNetwork(request: ScoreRequest): Result<ResolvedNetwork, NetworkProblem[]> {
  if (request.network) {
    return ok({ network: request.network, locate: (path) => ['network', ...path] });
  }
  const imported = importKerasModel(request.kerasModel);
  if (!imported.ok) {
    return fail(imported.error.map((p) => ({ path: ['kerasModel', ...p.path], message: p.message })));
  }
  const { network, layerPaths } = imported.value;
  return ok({ network, locate: (path) => ['kerasModel', ...locateInKeras(layerPaths, path)] });
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
