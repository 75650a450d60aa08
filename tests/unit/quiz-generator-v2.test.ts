import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { generateNetwork, levelsOf, MAX_LAYER_PARAMS, GENERATOR_VERSION } from '../../src/domain/quiz-generator';
import { Network, type LayerType } from '../../src/domain/schema/network';

const SEEDS = 1500;
const seeds = Array.from({ length: SEEDS }, (_, i) => `v2-${i}`);
const level4 = seeds.map((seed) => generateNetwork(2, 4, seed));

describe('generateNetwork, version 2', () => {
  test('is the version new links carry, with levels 1 to 5; version 1 keeps 1 to 3', () => {
    expect(GENERATOR_VERSION).toBe(2);
    expect(levelsOf(2)).toEqual([1, 2, 3, 4, 5]);
    expect(levelsOf(1)).toEqual([1, 2, 3]);
  });

  test('gives the same level 4 network for the same seed', () => {
    for (const seed of ['a', 'share-me', '']) expect(generateNetwork(2, 4, seed)).toEqual(generateNetwork(2, 4, seed));
  });

  test('gives levels 1 to 3 fresh networks, so a version 1 link never changes meaning', () => {
    for (const level of [1, 2, 3] as const) {
      const same = seeds
        .slice(0, 200)
        .filter(
          (seed) => JSON.stringify(generateNetwork(1, level, seed)) === JSON.stringify(generateNetwork(2, level, seed)),
        );
      expect(same.length).toBeLessThan(5);
    }
  });

  test('answers a level a version lacks with its highest level rather than failing', () => {
    expect(generateNetwork(1, 4, 'x')).toEqual(generateNetwork(1, 3, 'x'));
  });

  test(`makes ${SEEDS} level 4 networks that pass the schema and count by both conventions`, () => {
    for (const [i, network] of level4.entries()) {
      const parsed = Network.safeParse(network);
      if (!parsed.success) throw new Error(`${seeds[i]}: ${JSON.stringify(parsed.error.issues)}`);
      for (const convention of ['keras', 'pytorch'] as const) {
        const report = analyzeNetwork(network, convention);
        if (!report.ok) throw new Error(`${seeds[i]} (${convention}): ${JSON.stringify(report.error)}`);
        for (const layer of report.value.layers) expect(layer.params).toBeLessThanOrEqual(MAX_LAYER_PARAMS);
      }
    }
  });

  test('teaches images, sequences and volumes at level 4', () => {
    const ranks = new Map<number, number>();
    for (const network of level4) ranks.set(network.input.length, (ranks.get(network.input.length) ?? 0) + 1);
    // Images 2/5, sequences 2/5, volumes 1/5 of the draws.
    expect(ranks.get(3)).toBeGreaterThan(SEEDS * 0.3);
    expect(ranks.get(2)).toBeGreaterThan(SEEDS * 0.3);
    expect(ranks.get(4)).toBeGreaterThan(SEEDS * 0.12);
  });

  test('uses the new layer types at level 4, each in many networks', () => {
    const seen = new Map<LayerType, number>();
    for (const network of level4) {
      for (const type of new Set(network.layers.map((l) => l.type))) seen.set(type, (seen.get(type) ?? 0) + 1);
    }
    const wanted: LayerType[] = [
      'conv1d',
      'conv3d',
      'reLU',
      'leakyReLU',
      'pReLU',
      'activation',
      'layerNormalization',
      'groupNormalization',
      'upSampling2d',
      'cropping2d',
      'maxPooling1d',
      'maxPooling3d',
      'globalAveragePooling1d',
      'globalAveragePooling3d',
    ];
    for (const type of wanted) expect(seen.get(type) ?? 0, type).toBeGreaterThan(20);
  });

  test('freezes a dense head in some level 4 networks, moving its count to non-trainable', () => {
    const frozen = level4.filter((network) => network.layers.some((layer) => layer.trainable === false));
    expect(frozen.length).toBeGreaterThan(SEEDS * 0.05);
    const [network] = frozen;
    if (!network) throw new Error('no frozen network');
    const report = analyzeNetwork(network);
    if (!report.ok) throw new Error('not counted');
    const index = network.layers.findIndex((layer) => layer.trainable === false);
    const layer = report.value.layers[index];
    expect(layer?.trainable).toBe(0);
    expect(layer?.nonTrainable).toBe(layer?.params);
    expect(layer?.params).toBeGreaterThan(0);
  });
});
