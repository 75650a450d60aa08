import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type LayerReport } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import { Network } from '../../src/domain/schema/network';
import { randomGraph } from '../support/random-graph';
import { paramsOf, tfjsGraph } from '../support/tfjs-graph';

const NETWORKS = 1000;

/** Where we and tfjs disagree, with the seed that rebuilds the network. */
interface Mismatch {
  seed: number;
  layer?: number | undefined;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** What a network exercises, to show the generator covers what graphs do. */
function features(report: readonly LayerReport[]): string[] {
  return report.flatMap((l) => [
    l.type,
    ...(l.inputShapes && l.inputShapes.some((s) => s.join() !== l.inputShapes?.[0]?.join()) ? ['unequal merge'] : []),
    ...(l.sharedWith !== undefined ? [report[l.sharedWith]?.type === 'model' ? 'shared model' : 'shared layer'] : []),
    ...(l.type === 'model' && l.trainable === 0 && l.params > 0 ? ['frozen model'] : []),
    ...(l.model?.layers.some((n) => n.from !== undefined) ? ['nested graph'] : []),
  ]);
}

describe('graph networks against TensorFlow.js functional models', () => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layers = 0;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let seed = 0; seed < NETWORKS; seed++) {
      // The request as a client sends it, through the schema.
      const network = Network.parse(randomGraph(createRandom(`graph-${seed}`)));
      const ours = analyzeNetwork(network);
      if (!ours.ok) {
        mismatches.push({ seed, what: 'refused', ours: ours.error, tfjs: 'built' });
        continue;
      }
      const built = tfjsGraph(network.input, network.layers);
      if (!built) throw new Error(`network ${seed} uses a layer tfjs cannot build`);
      try {
        const report = ours.value;
        for (const f of features(report.layers)) seen.set(f, (seen.get(f) ?? 0) + 1);
        const check = (layer: number | undefined, what: string, a: unknown, b: unknown) => {
          if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push({ seed, layer, what, ours: a, tfjs: b });
        };
        for (const at of report.layers) {
          layers += 1;
          const tensor = built.tensors[at.index];
          check(at.index, 'output shape', at.outputShape, tensor?.shape.slice(1));
          const object = built.objects[at.index];
          // A second call adds nothing; its object is the first call's, counted there.
          const own = object && at.sharedWith === undefined ? object.countParams() : 0;
          check(at.index, 'params', at.params, own);
          if (object && at.sharedWith === undefined) {
            check(at.index, 'trainable', at.trainable, object.trainable ? paramsOf(object.trainableWeights) : 0);
          }
        }
        check(undefined, 'total', report.totals.params, built.model.countParams());
        check(undefined, 'trainable', report.totals.trainable, paramsOf(built.model.trainableWeights));
        check(undefined, 'non-trainable', report.totals.nonTrainable, paramsOf(built.model.nonTrainableWeights));
      } finally {
        built.model.dispose();
      }
    }
  }, 600_000);

  test('agrees on every layer output shape, every count and the trainable split', () => {
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(layers).toBeGreaterThan(NETWORKS * 10);
  });

  test('exercises every merge, shared layers and models, frozen and nested graphs', () => {
    for (const feature of [
      'add',
      'subtract',
      'average',
      'maximum',
      'minimum',
      'multiply',
      'concatenate',
      'input',
      'reuse',
      'model',
      'unequal merge',
      'shared layer',
      'shared model',
      'frozen model',
      'nested graph',
    ]) {
      expect(seen.get(feature) ?? 0, feature).toBeGreaterThan(30);
    }
  });
});
