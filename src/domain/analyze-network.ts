import type { z } from 'zod';
import { isExact, sum } from './exact';
import type { LocatedProblem } from './located-problem';
import { applyLayer, type Convention, type Shape } from './layer-rules';
import { fail, ok, type Result } from './result';
import type { Network } from './schema/network';
import type { LayerResult } from './schema/score-response';

/** Exact counts and shapes of one layer, as numbers safe to put in JSON (the response's layer without verdicts). */
export type LayerReport = Omit<z.infer<typeof LayerResult>, 'answer' | 'outputShapeAnswer'>;

export interface NetworkReport {
  /** Whose rules the counts follow (they differ for batch normalization only). */
  convention: Convention;
  input: number[];
  layers: LayerReport[];
  totals: { params: number; trainable: number; nonTrainable: number; explanation: string };
}

/** A reason the network cannot be counted; `path` is relative to the network object. */
export type NetworkProblem = LocatedProblem;

const TOO_LARGE = 'exceeds 2^53 − 1 (9007199254740991), the largest whole number a JSON number holds exactly';

/**
 * Infers every layer's output shape and counts its parameters exactly:
 * input 20×20×3 → conv2d 2@3×3 same → conv2d 3@3×3 same → flatten → dense 2
 * gives 56, 57, 0, 2402 and a total of 2515.
 */
export function analyzeNetwork(
  network: Network,
  convention: Convention = 'keras',
): Result<NetworkReport, NetworkProblem[]> {
  let shape: Shape = network.input.map(BigInt);
  const layers: LayerReport[] = [];
  const totals = { params: 0n, trainable: 0n, nonTrainable: 0n };
  for (const [index, layer] of network.layers.entries()) {
    const outcome = applyLayer(layer, shape, convention);
    if (Array.isArray(outcome)) {
      return fail(outcome.map((p) => ({ path: ['layers', index, ...p.path], message: p.message })));
    }
    // A frozen layer (trainable: false) keeps its count; Keras moves all of it to non-trainable.
    const frozen = layer.trainable === false;
    const learned = outcome.weights + outcome.biases;
    const trainable = frozen ? 0n : learned;
    const nonTrainable = frozen ? learned + outcome.nonTrainable : outcome.nonTrainable;
    const params = learned + outcome.nonTrainable;
    const elements = outcome.outputShape.reduce((a, b) => a * b, 1n);
    if (!isExact(elements)) {
      return fail([
        {
          path: ['layers', index],
          message: `the output of this layer (${outcome.outputShape.join('×')}) has a size that ${TOO_LARGE}`,
        },
      ]);
    }
    if (!isExact(params)) {
      return fail([{ path: ['layers', index], message: `this layer's parameter count ${TOO_LARGE}` }]);
    }
    totals.params += params;
    totals.trainable += trainable;
    totals.nonTrainable += nonTrainable;
    if (!isExact(totals.params)) {
      return fail([
        { path: ['layers', index], message: `the network's total parameter count up to this layer ${TOO_LARGE}` },
      ]);
    }
    layers.push({
      index,
      type: layer.type,
      inputShape: shape.map(Number),
      outputShape: outcome.outputShape.map(Number),
      weights: Number(outcome.weights),
      biases: Number(outcome.biases),
      trainable: Number(trainable),
      nonTrainable: Number(nonTrainable),
      params: Number(params),
      explanation:
        frozen && params > 0n
          ? `${outcome.explanation}; but this layer is frozen (trainable: false), so none of it is trained: all ${params} are non-trainable`
          : outcome.explanation,
      shapeExplanation: outcome.shapeExplanation,
      ...(layer.name !== undefined && { name: layer.name }),
    });
    shape = outcome.outputShape;
  }
  return ok({
    convention,
    input: [...network.input],
    layers,
    totals: {
      params: Number(totals.params),
      trainable: Number(totals.trainable),
      nonTrainable: Number(totals.nonTrainable),
      explanation: `${layers.map((l) => l.params).join(' + ')} = ${sum(layers.map((l) => BigInt(l.params)))}`,
    },
  });
}
