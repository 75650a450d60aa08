import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer, Network } from '../../src/domain/schema/network';
import {
  ACTIVATION_LAYER_TYPES,
  countActivationsWithTfjs,
  randomActivationNetwork,
  type TfjsLayerFacts,
} from '../support/tfjs-activations';

const NETWORKS = 400;

/** Where we and tfjs disagree, with the seed that rebuilds the network. */
interface Mismatch {
  seed: string;
  layer?: number;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** Option forms the generator must exercise, named after what they test. */
function features(layer: Layer, input: number[]): string[] {
  const tags: string[] = [layer.type, `${layer.type} on rank ${input.length}`];
  if (layer.trainable === false) tags.push(`${layer.type} frozen`);
  if (layer.type === 'pReLU') {
    const axes = layer.sharedAxes;
    if (axes === undefined) tags.push('pReLU per element');
    else if (typeof axes === 'number') tags.push('pReLU sharedAxes as a number');
    else if (axes.length === 0) tags.push('pReLU sharedAxes empty');
    else if (axes.length === input.length - 1 && input.length > 1) tags.push('pReLU per channel');
    else tags.push('pReLU sharedAxes subset');
  }
  if (layer.type === 'softmax') {
    tags.push(
      `softmax axis ${layer.axis === undefined ? 'default' : typeof layer.axis === 'number' ? 'number' : 'list'}`,
    );
  }
  if (layer.type === 'reLU' && layer.maxValue !== undefined) tags.push('reLU maxValue');
  return tags;
}

const REQUIRED_FEATURES = [
  ...ACTIVATION_LAYER_TYPES.flatMap((t) => [t, `${t} on rank 1`, `${t} on rank 2`, `${t} on rank 3`]),
  'pReLU per element',
  'pReLU sharedAxes as a number',
  'pReLU sharedAxes empty',
  'pReLU per channel',
  'pReLU sharedAxes subset',
  'pReLU frozen',
  'softmax axis default',
  'softmax axis number',
  'softmax axis list',
  'reLU maxValue',
];

describe('random activation networks counted by the engine and by TensorFlow.js', () => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;
  let networksCompared = 0;

  const compare = (seed: string, network: Network, theirs: TfjsLayerFacts[]) => {
    const ours = analyzeNetwork(network);
    if (!ours.ok) {
      mismatches.push({ seed, what: 'engine refused', ours: ours.error, tfjs: 'built' });
      return;
    }
    networksCompared++;
    ours.value.layers.forEach((layer, i) => {
      const other = theirs[i];
      if (other === undefined) {
        mismatches.push({ seed, layer: i, what: 'missing in tfjs', ours: layer, tfjs: undefined });
        return;
      }
      layersCompared++;
      for (const key of ['params', 'trainable', 'nonTrainable', 'outputShape'] as const) {
        if (JSON.stringify(layer[key]) !== JSON.stringify(other[key])) {
          mismatches.push({ seed, layer: i, what: key, ours: layer[key], tfjs: other[key] });
        }
      }
      for (const tag of features(network.layers[i] as Layer, layer.inputShape)) seen.set(tag, (seen.get(tag) ?? 0) + 1);
    });
  };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let n = 0; n < NETWORKS; n++) {
      const seed = `activations-${n}`;
      const network = randomActivationNetwork(createRandom(seed));
      let theirs: TfjsLayerFacts[];
      try {
        theirs = countActivationsWithTfjs(network);
      } catch (error) {
        mismatches.push({ seed, what: 'tfjs refused', ours: network, tfjs: String(error) });
        continue;
      }
      compare(seed, network, theirs);
    }
  });

  test(`exercises every activation type and option form over ${NETWORKS} networks`, () => {
    const rare = REQUIRED_FEATURES.filter((f) => (seen.get(f) ?? 0) < 15).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
    expect(networksCompared).toBe(NETWORKS);
  });

  test('counts every layer’s parameters, trainable and not, and infers its shape as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS * 2);
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
