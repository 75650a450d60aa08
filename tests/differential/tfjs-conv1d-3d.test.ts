import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer, Network } from '../../src/domain/schema/network';
import { randomConvNetwork, type Family } from '../support/random-conv1d-3d';
import { countConvNetworkWithTfjs, type TfjsNetworkFacts } from '../support/tfjs-conv1d-3d';

const NETWORKS = 600;

/** Where we and tfjs disagree, with the seed that rebuilds the network. */
interface Mismatch {
  seed: number;
  layer?: number;
  type?: string;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

const above1 = (v: unknown) => (Array.isArray(v) ? v.some((x) => x > 1) : typeof v === 'number' && v > 1);

/** Features the generator must exercise, so that a pass means each was compared many times. */
function features(layer: Layer, input: number[]): string[] {
  const tags: string[] = [layer.type];
  if ('kernelSize' in layer) {
    tags.push(`${layer.type} kernelSize as ${typeof layer.kernelSize === 'number' ? 'number' : 'list'}`);
    tags.push(`${layer.type} padding ${layer.padding ?? 'default'}`);
    if (above1(layer.strides)) tags.push(`${layer.type} strides > 1`);
    if (above1(layer.dilationRate)) tags.push(`${layer.type} dilationRate > 1`);
    if (layer.useBias === false) tags.push(`${layer.type} useBias false`);
    if (layer.dataFormat === 'channels_first') tags.push(`${layer.type} channels first`);
    if (Array.isArray(layer.kernelSize) && new Set(layer.kernelSize).size > 1) tags.push(`${layer.type} uneven kernel`);
  }
  if (layer.type === 'conv1d' && layer.padding === 'causal') {
    if (above1(layer.strides)) tags.push('conv1d causal with strides > 1');
    if (above1(layer.dilationRate)) tags.push('conv1d causal with dilationRate > 1');
  }
  if (layer.type === 'dense' || layer.type === 'batchNormalization') tags.push(`${layer.type} on rank ${input.length}`);
  return tags;
}

const CONV_FEATURES = (type: string, options: { dilation: boolean; uneven: boolean }) => [
  type,
  `${type} kernelSize as number`,
  `${type} kernelSize as list`,
  `${type} padding valid`,
  `${type} padding same`,
  `${type} padding default`,
  `${type} strides > 1`,
  `${type} useBias false`,
  `${type} channels first`,
  ...(options.dilation ? [`${type} dilationRate > 1`] : []),
  ...(options.uneven ? [`${type} uneven kernel`] : []),
];

const REQUIRED: Record<Family, string[]> = {
  '1d': [
    ...CONV_FEATURES('conv1d', { dilation: true, uneven: false }),
    'conv1d padding causal',
    'conv1d causal with strides > 1',
    'conv1d causal with dilationRate > 1',
    'flatten',
    'dense on rank 2',
    'dense on rank 1',
    'batchNormalization on rank 2',
    'batchNormalization on rank 1',
  ],
  '3d': [
    ...CONV_FEATURES('conv3d', { dilation: true, uneven: true }),
    ...CONV_FEATURES('conv3dTranspose', { dilation: false, uneven: true }),
    'flatten',
    'dense on rank 4',
    'dense on rank 1',
    'batchNormalization on rank 4',
    'batchNormalization on rank 1',
  ],
};

describe.each(['1d', '3d'] as const)('random %s networks counted by the engine and by TensorFlow.js', (family) => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;
  let networksCompared = 0;

  const noted = new Map<string, number>();
  const note = (m: Mismatch) => {
    // A few of each kind are enough to diagnose; the seed rebuilds any of them.
    const kind = noted.get(m.what) ?? 0;
    noted.set(m.what, kind + 1);
    if (kind < 10) mismatches.push(m);
  };

  const compare = (seed: number, network: Network, ours: NetworkReport, theirs: TfjsNetworkFacts) => {
    ours.layers.forEach((layer, i) => {
      const other = theirs.layers[i];
      const at = { seed, layer: i, type: layer.type };
      if (other === undefined) return note({ ...at, what: 'layer missing in tfjs', ours: layer, tfjs: undefined });
      layersCompared++;
      for (const key of ['params', 'trainable', 'nonTrainable'] as const) {
        if (layer[key] !== other[key]) note({ ...at, what: key, ours: layer[key], tfjs: other[key] });
      }
      if (JSON.stringify(layer.outputShape) !== JSON.stringify(other.outputShape)) {
        note({ ...at, what: 'outputShape', ours: layer.outputShape, tfjs: other.outputShape });
      }
      for (const tag of features(network.layers[i] as Layer, layer.inputShape)) seen.set(tag, (seen.get(tag) ?? 0) + 1);
    });
    for (const key of ['params', 'trainable', 'nonTrainable'] as const) {
      if (ours.totals[key] !== theirs.totals[key]) {
        note({ seed, what: `total ${key}`, ours: ours.totals[key], tfjs: theirs.totals[key] });
      }
    }
  };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let seed = 0; seed < NETWORKS; seed++) {
      const network = randomConvNetwork(createRandom(`tfjs-conv-${family}-${seed}`), family, 'tfjs');
      const ours = analyzeNetwork(network);
      if (!ours.ok) {
        note({ seed, what: 'engine refused a generated network', ours: ours.error, tfjs: null });
        continue;
      }
      let theirs: TfjsNetworkFacts;
      try {
        theirs = countConvNetworkWithTfjs(network);
      } catch (error) {
        note({ seed, what: 'tfjs refused a network the engine accepts', ours: 'accepted', tfjs: String(error) });
        continue;
      }
      networksCompared++;
      compare(seed, network, ours.value, theirs);
    }
  });

  test(`exercises every layer type and option form many times over ${NETWORKS} networks`, () => {
    const rare = REQUIRED[family].filter((f) => (seen.get(f) ?? 0) < 25).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
  });

  test('builds every generated network in tfjs too', () => {
    expect(mismatches.filter((m) => m.what.includes('refused'))).toEqual([]);
    expect(networksCompared).toBe(NETWORKS);
  });

  test('counts every layer’s parameters, trainable and not, as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(mismatches.filter((m) => m.layer !== undefined && m.what !== 'outputShape')).toEqual([]);
  });

  test('infers every layer’s output shape as tfjs does', () => {
    expect(mismatches.filter((m) => m.what === 'outputShape')).toEqual([]);
  });

  test('totals all, trainable and non-trainable parameters as tfjs does', () => {
    expect(mismatches.filter((m) => m.what.startsWith('total'))).toEqual([]);
  });
});
