import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { createRandom } from '../../src/domain/random';
import type { Layer, Network } from '../../src/domain/schema/network';
import {
  countNormalizationWithTfjs,
  NORMALIZATION_FAMILY,
  randomNormalizationNetwork,
  type TfjsNormalizationCounts,
} from '../support/tfjs-normalization';

const NETWORKS = 400;

interface Mismatch {
  seed: number;
  layer?: number;
  type?: string;
  what: string;
  ours: unknown;
  tfjs: unknown;
}

/** What a layer exercises, so the test can prove the generator covered every rank and option. */
function features(layer: Layer, input: number[]): string[] {
  const tags: string[] = [layer.type];
  const rank = input.length;
  const flags = (l: { center?: boolean | undefined; scale?: boolean | undefined }) => [
    ...(l.center === false ? [`${layer.type} center false`] : []),
    ...(l.scale === false ? [`${layer.type} scale false`] : []),
    ...(l.center === false && l.scale === false ? [`${layer.type} center and scale false`] : []),
  ];
  if (layer.trainable === false) tags.push('frozen');
  switch (layer.type) {
    case 'batchNormalization': {
      tags.push(`batchNormalization on rank ${rank}`, ...flags(layer));
      const axis = layer.axis ?? -1;
      if (axis !== -1 && axis !== rank) tags.push('batchNormalization axis not last');
      if (axis > 0) tags.push('batchNormalization positive axis');
      break;
    }
    case 'layerNormalization': {
      tags.push(`layerNormalization on rank ${rank}`, ...flags(layer));
      if (Array.isArray(layer.axis))
        tags.push(`layerNormalization axis list of ${layer.axis.length > 1 ? 'several' : 'one'}`);
      else if (layer.axis !== undefined && layer.axis !== -1 && layer.axis !== rank)
        tags.push('layerNormalization single axis not last');
      break;
    }
    case 'rescaling':
      tags.push(typeof layer.scale === 'number' ? 'rescaling scalar scale' : 'rescaling scale per channel');
      if (layer.offset !== undefined && layer.offset !== 0) tags.push('rescaling offset');
      break;
    case 'resizing': {
      tags.push(`resizing ${layer.interpolation ?? 'default'} interpolation`);
      if (layer.cropToAspectRatio) tags.push('resizing cropToAspectRatio');
      const [h = 0, w = 0] = input;
      tags.push(layer.height > h || layer.width > w ? 'resizing up' : 'resizing down');
      break;
    }
    case 'centerCrop': {
      const [h = 0, w = 0] = input;
      tags.push(layer.height <= h && layer.width <= w ? 'centerCrop crops' : 'centerCrop resizes up');
      break;
    }
  }
  return tags;
}

const REQUIRED = [
  ...NORMALIZATION_FAMILY,
  ...[1, 2, 3, 4].flatMap((r) => [`batchNormalization on rank ${r}`, `layerNormalization on rank ${r}`]),
  ...(['batchNormalization', 'layerNormalization'] as const).flatMap((t) => [
    `${t} center false`,
    `${t} scale false`,
    `${t} center and scale false`,
  ]),
  'batchNormalization axis not last',
  'batchNormalization positive axis',
  'layerNormalization axis list of one',
  'layerNormalization axis list of several',
  'layerNormalization single axis not last',
  'rescaling scalar scale',
  'rescaling scale per channel',
  'rescaling offset',
  'resizing default interpolation',
  'resizing bilinear interpolation',
  'resizing nearest interpolation',
  'resizing cropToAspectRatio',
  'resizing up',
  'resizing down',
  'centerCrop crops',
  'centerCrop resizes up',
  'frozen',
];

describe('random normalization and preprocessing networks counted by the engine and by TensorFlow.js', () => {
  const mismatches: Mismatch[] = [];
  const seen = new Map<string, number>();
  const modes = { symbolic: 0, eager: 0 };
  let layersCompared = 0;

  const compare = (seed: number, network: Network, ours: NetworkReport, theirs: TfjsNormalizationCounts) => {
    modes[theirs.mode]++;
    ours.layers.forEach((layer, i) => {
      const other = theirs.layers[i];
      const at = { seed, layer: i, type: layer.type };
      if (!other) {
        mismatches.push({ ...at, what: 'layer missing in tfjs', ours: layer, tfjs: undefined });
        return;
      }
      layersCompared++;
      for (const key of ['params', 'trainable', 'nonTrainable'] as const) {
        if (layer[key] !== other[key]) mismatches.push({ ...at, what: key, ours: layer[key], tfjs: other[key] });
      }
      if (JSON.stringify(layer.outputShape) !== JSON.stringify(other.outputShape)) {
        mismatches.push({ ...at, what: 'outputShape', ours: layer.outputShape, tfjs: other.outputShape });
      }
      for (const tag of features(network.layers[i] as Layer, layer.inputShape)) seen.set(tag, (seen.get(tag) ?? 0) + 1);
    });
    for (const key of ['params', 'trainable', 'nonTrainable'] as const) {
      if (ours.totals[key] !== theirs.totals[key]) {
        mismatches.push({ seed, what: `total ${key}`, ours: ours.totals[key], tfjs: theirs.totals[key] });
      }
    }
  };

  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (let seed = 0; seed < NETWORKS; seed++) {
      const network = randomNormalizationNetwork(createRandom(`normalization-${seed}`));
      const ours = analyzeNetwork(network);
      if (!ours.ok) {
        mismatches.push({ seed, what: 'engine refused a generated network', ours: ours.error, tfjs: null });
        continue;
      }
      let theirs: TfjsNormalizationCounts;
      try {
        theirs = countNormalizationWithTfjs(network);
      } catch (error) {
        mismatches.push({
          seed,
          what: 'tfjs refused a network the engine accepts',
          ours: network,
          tfjs: String(error),
        });
        continue;
      }
      compare(seed, network, ours.value, theirs);
    }
  }, 300_000);

  test(`exercises every rank and option many times over ${NETWORKS} networks`, () => {
    console.log(
      `${NETWORKS} networks, ${layersCompared} layers compared (${modes.symbolic} as tf.Sequential, ${modes.eager} run eagerly); ` +
        [...seen].map(([tag, n]) => `${tag}: ${n}`).join(', '),
    );
    const rare = REQUIRED.filter((f) => (seen.get(f) ?? 0) < 10).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
    // Both ways of asking tfjs are used many times.
    expect(modes.symbolic).toBeGreaterThan(100);
    expect(modes.eager).toBeGreaterThan(100);
  });

  test('counts every layer’s parameters, trainable and not, as tfjs does', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(mismatches.filter((m) => m.layer !== undefined && m.what !== 'outputShape')).toEqual([]);
  });

  test('infers every layer’s output shape as tfjs does', () => {
    expect(mismatches.filter((m) => m.what === 'outputShape')).toEqual([]);
  });

  test('accepts exactly the networks tfjs builds', () => {
    expect(mismatches.filter((m) => m.what.includes('refused'))).toEqual([]);
  });

  test('totals all, trainable and non-trainable parameters as tfjs does', () => {
    expect(mismatches.filter((m) => m.what.startsWith('total'))).toEqual([]);
  });
});
