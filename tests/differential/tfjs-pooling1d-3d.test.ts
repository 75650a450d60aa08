import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer } from '../../src/domain/schema/network';
import { countPoolingWithTfjs, randomPoolingNetwork, type PoolRank } from '../support/tfjs-pooling1d-3d';

// tfjs 4 has MaxPooling1D/3D, AveragePooling1D/3D, GlobalAveragePooling1D and GlobalMaxPooling1D;
// the 3-D global layers and keepdims are checked by hand tables and by PyTorch instead.
const NETWORKS_PER_FAMILY = 600;

interface Mismatch {
  seed: string;
  layer: number;
  type: string;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** Features each family must exercise, named after the option forms they cover. */
function features(layer: Layer, input: number[]): string[] {
  const tags: string[] = [layer.type];
  if (
    layer.type === 'maxPooling1d' ||
    layer.type === 'averagePooling1d' ||
    layer.type === 'maxPooling3d' ||
    layer.type === 'averagePooling3d'
  ) {
    const form = (v: unknown) => (v === undefined ? 'default' : typeof v === 'number' ? 'number' : 'list');
    tags.push(`${layer.type} poolSize ${form(layer.poolSize)}`);
    tags.push(`${layer.type} strides ${form(layer.strides)}`);
    tags.push(`${layer.type} padding ${layer.padding ?? 'default'}`);
    if (Array.isArray(layer.poolSize) && new Set(layer.poolSize).size > 1)
      tags.push(`${layer.type} rectangular window`);
    if (layer.dataFormat === 'channels_first') tags.push(`${layer.type} channels_first`);
  }
  if (layer.type === 'dense') tags.push(`dense on ${input.length === 1 ? 'flat' : `rank ${input.length}`}`);
  return tags;
}

const REQUIRED: Record<PoolRank, string[]> = {
  1: [
    ...['maxPooling1d', 'averagePooling1d'].flatMap((t) => [
      `${t} poolSize default`,
      `${t} poolSize number`,
      `${t} poolSize list`,
      `${t} strides default`,
      `${t} strides number`,
      `${t} strides list`,
      `${t} padding valid`,
      `${t} padding same`,
      `${t} padding default`,
    ]),
    'globalAveragePooling1d',
    'globalMaxPooling1d',
    'flatten',
    'dense on rank 2',
    'dense on flat',
  ],
  3: [
    ...['maxPooling3d', 'averagePooling3d'].flatMap((t) => [
      `${t} poolSize default`,
      `${t} poolSize number`,
      `${t} poolSize list`,
      `${t} rectangular window`,
      `${t} strides default`,
      `${t} strides number`,
      `${t} strides list`,
      `${t} padding valid`,
      `${t} padding same`,
      `${t} padding default`,
      `${t} channels_first`,
    ]),
    'flatten',
    'dense on rank 4',
    'dense on flat',
  ],
};

describe.each([1, 3] as const)('random %i-D pooling networks counted by the engine and by TensorFlow.js', (rank) => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;
  let networks = 0;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let n = 0; n < NETWORKS_PER_FAMILY; n++) {
      const seed = `pooling${rank}d-${n}`;
      const network = randomPoolingNetwork(createRandom(seed), rank, { target: 'tfjs' });
      const ours = analyzeNetwork(network);
      if (!ours.ok) throw new Error(`engine refused ${seed}: ${JSON.stringify(ours.error)}`);
      let theirs;
      try {
        theirs = countPoolingWithTfjs(network);
      } catch (error) {
        mismatches.push({ seed, layer: -1, type: '', what: 'tfjs refused', ours: network, tfjs: String(error) });
        continue;
      }
      networks++;
      ours.value.layers.forEach((layer, i) => {
        const other = theirs[i];
        const at = { seed, layer: i, type: layer.type };
        if (other === undefined) {
          mismatches.push({ ...at, what: 'missing', ours: layer, tfjs: undefined });
          return;
        }
        layersCompared++;
        if (layer.params !== other.params)
          mismatches.push({ ...at, what: 'params', ours: layer.params, tfjs: other.params });
        if (JSON.stringify(layer.outputShape) !== JSON.stringify(other.outputShape)) {
          mismatches.push({ ...at, what: 'outputShape', ours: layer.outputShape, tfjs: other.outputShape });
        }
        for (const tag of features(network.layers[i] as Layer, layer.inputShape)) {
          seen.set(tag, (seen.get(tag) ?? 0) + 1);
        }
      });
    }
  });

  test(`tfjs builds all ${NETWORKS_PER_FAMILY} networks the engine accepts`, () => {
    expect(mismatches.filter((m) => m.what === 'tfjs refused').slice(0, 5)).toEqual([]);
    expect(networks).toBe(NETWORKS_PER_FAMILY);
  });

  test('exercises every pooling type and option form many times', () => {
    const types = rank === 1 ? ['maxPooling1d', 'averagePooling1d'] : ['maxPooling3d', 'averagePooling3d'];
    for (const type of types) expect(seen.get(type) ?? 0).toBeGreaterThanOrEqual(300);
    const rare = REQUIRED[rank].filter((f) => (seen.get(f) ?? 0) < 20).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
  });

  test('infers every layer’s output shape as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS_PER_FAMILY);
    expect(mismatches.filter((m) => m.what === 'outputShape').slice(0, 10)).toEqual([]);
  });

  test('counts every layer’s parameters as tfjs does', () => {
    expect(mismatches.filter((m) => m.what === 'params' || m.what === 'missing').slice(0, 10)).toEqual([]);
  });
});
