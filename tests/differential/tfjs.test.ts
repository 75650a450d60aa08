import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer, LayerType, Network } from '../../src/domain/schema/network';
import { randomNetwork } from '../support/random-network';
import { countWithTfjs, type TfjsCounts } from '../support/tfjs-model';

const NETWORKS = 2000;

/** The 2-D family this generator draws from; other families have their own differential tests. */
const LAYER_TYPES: LayerType[] = [
  'conv2d',
  'depthwiseConv2d',
  'separableConv2d',
  'conv2dTranspose',
  'maxPooling2d',
  'averagePooling2d',
  'globalAveragePooling2d',
  'globalMaxPooling2d',
  'batchNormalization',
  'flatten',
  'dense',
  'dropout',
  'zeroPadding2d',
];

/** Where we and tfjs disagree, with the seed that rebuilds the network. */
interface Mismatch {
  seed: number;
  layer?: number;
  type?: LayerType;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** Features the generator must exercise, named as the brief names them. */
function features(layer: Layer, input: number[], previous: Layer | undefined): string[] {
  const tags: string[] = [layer.type];
  const flat = input.length === 1;
  const rectangular = (p: unknown) => Array.isArray(p) && typeof p[0] === 'number' && p[0] !== p[1];
  const above1 = (p: unknown) => (Array.isArray(p) ? p.some((v) => v > 1) : typeof p === 'number' && p > 1);
  if ('kernelSize' in layer) {
    tags.push(`${layer.type} kernelSize as ${typeof layer.kernelSize === 'number' ? 'number' : 'pair'}`);
    if (rectangular(layer.kernelSize)) tags.push(`${layer.type} rectangular kernel`);
    if (above1(layer.strides)) tags.push(`${layer.type} strides > 1`);
    tags.push(`${layer.type} padding ${layer.padding ?? 'default'}`);
  }
  if ('dilationRate' in layer && above1(layer.dilationRate)) tags.push(`${layer.type} dilationRate > 1`);
  if ('useBias' in layer && layer.useBias === false) tags.push(`${layer.type} useBias false`);
  if ('depthMultiplier' in layer && (layer.depthMultiplier ?? 1) > 1) tags.push(`${layer.type} depthMultiplier > 1`);
  if (layer.type === 'maxPooling2d' || layer.type === 'averagePooling2d') {
    tags.push(`${layer.type} ${layer.strides === undefined ? 'default' : 'explicit'} strides`);
    tags.push(`${layer.type} padding ${layer.padding ?? 'default'}`);
    if (layer.poolSize === undefined) tags.push(`${layer.type} default poolSize`);
  }
  if (layer.type === 'zeroPadding2d') {
    const p = layer.padding;
    const form =
      p === undefined ? 'default' : typeof p === 'number' ? 'n' : typeof p[0] === 'number' ? '[r,c]' : '[[t,b],[l,r]]';
    tags.push(`zeroPadding2d padding ${form}`);
  }
  if (layer.type === 'dense' || layer.type === 'batchNormalization')
    tags.push(`${layer.type} on ${flat ? 'flat' : '3-D'}`);
  if (layer.type === 'dense' && previous?.type === 'flatten') tags.push('dense after flatten');
  if (layer.type === 'dense' && previous?.type.startsWith('global')) tags.push('dense after global pooling');
  return tags;
}

const REQUIRED_FEATURES = [
  ...LAYER_TYPES,
  ...(['conv2d', 'depthwiseConv2d', 'separableConv2d', 'conv2dTranspose'] as const).flatMap((t) => [
    `${t} kernelSize as number`,
    `${t} kernelSize as pair`,
    `${t} rectangular kernel`,
    `${t} strides > 1`,
    `${t} padding valid`,
    `${t} padding same`,
    `${t} padding default`,
    `${t} useBias false`,
  ]),
  'conv2d dilationRate > 1',
  'separableConv2d dilationRate > 1',
  'depthwiseConv2d depthMultiplier > 1',
  'separableConv2d depthMultiplier > 1',
  ...(['maxPooling2d', 'averagePooling2d'] as const).flatMap((t) => [
    `${t} default strides`,
    `${t} explicit strides`,
    `${t} padding valid`,
    `${t} padding same`,
    `${t} default poolSize`,
  ]),
  'zeroPadding2d padding default',
  'zeroPadding2d padding n',
  'zeroPadding2d padding [r,c]',
  'zeroPadding2d padding [[t,b],[l,r]]',
  'dense on 3-D',
  'dense on flat',
  'dense after flatten',
  'dense after global pooling',
  'dense useBias false',
  'batchNormalization on 3-D',
  'batchNormalization on flat',
];

describe('random networks counted by the engine and by TensorFlow.js', () => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;

  const noted = new Map<string, number>();
  const note = (m: Mismatch) => {
    // A few of each kind are enough to diagnose; the seed rebuilds any of them.
    const kind = noted.get(m.what) ?? 0;
    noted.set(m.what, kind + 1);
    if (kind < 10) mismatches.push(m);
  };

  const compare = (seed: number, network: Network, ours: NetworkReport, theirs: TfjsCounts) => {
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
      for (const tag of features(network.layers[i] as Layer, layer.inputShape, network.layers[i - 1])) {
        seen.set(tag, (seen.get(tag) ?? 0) + 1);
      }
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
      const network = randomNetwork(createRandom(seed), { tfjsComparable: true });
      const ours = analyzeNetwork(network);
      if (!ours.ok) {
        note({ seed, what: 'engine refused a generated network', ours: ours.error, tfjs: null });
        continue;
      }
      let theirs: TfjsCounts;
      try {
        theirs = countWithTfjs(network);
      } catch (error) {
        note({ seed, what: 'tfjs refused a network the engine accepts', ours: 'accepted', tfjs: String(error) });
        continue;
      }
      compare(seed, network, ours.value, theirs);
    }
  });

  test(`exercises every layer type and option form many times over ${NETWORKS} networks`, () => {
    const rare = REQUIRED_FEATURES.filter((f) => (seen.get(f) ?? 0) < 40).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
    for (const type of LAYER_TYPES) expect(seen.get(type) ?? 0).toBeGreaterThanOrEqual(300);
  });

  const kinds = (what: (m: Mismatch) => boolean) => mismatches.filter(what);

  test('counts every layer’s parameters, trainable and not, as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(kinds((m) => m.layer !== undefined && m.what !== 'outputShape')).toEqual([]);
  });

  test('infers every layer’s output shape as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(kinds((m) => m.what === 'outputShape')).toEqual([]);
  });

  test('accepts exactly the networks tfjs builds', () => {
    expect(kinds((m) => m.what.includes('refused'))).toEqual([]);
  });

  test('totals all, trainable and non-trainable parameters as tfjs does', () => {
    expect(kinds((m) => m.what.startsWith('total'))).toEqual([]);
  });
});
