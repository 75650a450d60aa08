import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { generatePracticeSet, practiceItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

const options = (raw: Record<string, unknown>) => PracticeSetOptions.parse(raw);

function set(raw: Record<string, unknown>) {
  const result = generatePracticeSet(options(raw));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('generatePracticeSet', () => {
  test('gives the same set, byte for byte, for the same options', () => {
    const raw = { seed: 'week-3', count: 20, level: 'mix', askShapes: true };
    expect(JSON.stringify(toSetJson(options(raw), set(raw)))).toBe(JSON.stringify(toSetJson(options(raw), set(raw))));
  });

  test('reproduces the stored golden set of version 1 exactly', () => {
    const golden = readFileSync(new URL('../fixtures/practice-set-v1.json', import.meta.url), 'utf8');
    const stored = JSON.parse(golden) as { options: Record<string, unknown> };
    expect(JSON.stringify(toSetJson(options(stored.options), set(stored.options)), null, 2) + '\n').toBe(golden);
  });

  test('reproduces the stored golden set of version 2, a mix of levels 1 to 4, exactly', () => {
    const golden = readFileSync(new URL('../fixtures/practice-set-v2.json', import.meta.url), 'utf8');
    const stored = JSON.parse(golden) as { options: Record<string, unknown>; networks: { level: number }[] };
    // Written by scripts/write-golden-set.ts: it must name version 2, since options without a version mean 1.
    expect(stored.options).toMatchObject({ version: 2, level: 'mix' });
    expect(new Set(stored.networks.map((n) => n.level))).toEqual(new Set([1, 2, 3, 4]));
    expect(JSON.stringify(toSetJson(options(stored.options), set(stored.options)), null, 2) + '\n').toBe(golden);
  });

  test('gives different networks for different seeds', () => {
    const a = set({ seed: 'a', count: 5 }).map((i) => JSON.stringify(i.network));
    const b = set({ seed: 'b', count: 5 }).map((i) => JSON.stringify(i.network));
    expect(a).not.toEqual(b);
  });

  test('regenerates any single network from the options and its index', () => {
    const raw = { seed: 'by-index', count: 8, level: 2 };
    const whole = set(raw);
    for (const item of whole) {
      const one = practiceItem(options(raw), item.index);
      expect(one.ok && one.value.network).toEqual(item.network);
    }
  });

  test('keeps a mix across all three levels and a fixed level at its level', () => {
    expect(new Set(set({ seed: 'mix', count: 30, level: 'mix' }).map((i) => i.level))).toEqual(new Set([1, 2, 3]));
    expect(set({ seed: 'two', count: 10, level: 2 }).every((i) => i.level === 2)).toBe(true);
  });

  test('keeps a version 2 mix across all four levels', () => {
    const levels = set({ version: 2, seed: 'mix', count: 40, level: 'mix' }).map((i) => i.level);
    expect(new Set(levels)).toEqual(new Set([1, 2, 3, 4]));
  });

  test('makes a version 2 set at level 4 of images, sequences and volumes', () => {
    const items = set({ version: 2, seed: 'level-4', count: 20, level: 4, askShapes: true });
    expect(items.every((i) => i.level === 4)).toBe(true);
    // Input ranks: 3 for height × width × channels, 2 for steps × channels, 4 for depth × height × width × channels.
    expect(new Set(items.map((i) => i.network.input.length))).toEqual(new Set([2, 3, 4]));
  });

  test('gives version 1 and version 2 sets of the same seed different networks', () => {
    const v1 = set({ version: 1, seed: 'same', count: 5, level: 2 }).map((i) => JSON.stringify(i.network));
    const v2 = set({ version: 2, seed: 'same', count: 5, level: 2 }).map((i) => JSON.stringify(i.network));
    expect(v1).not.toEqual(v2);
  });

  test('includes a level 4 layer type in a version 2 mix by taking level 4', () => {
    // Only level 4 makes pReLU: a mix still gives every network one.
    const items = set({ version: 2, seed: 'prelu', count: 6, level: 'mix', include: ['pReLU'] });
    for (const { network, level } of items) {
      expect(network.layers.some((l) => l.type === 'pReLU')).toBe(true);
      expect(level).toBe(4);
    }
  });

  test('includes a chosen layer type in every network and never an excluded one', () => {
    const items = set({
      seed: 'filters',
      count: 15,
      level: 3,
      include: ['depthwiseConv2d', 'separableConv2d'],
      exclude: ['batchNormalization'],
    });
    for (const { network } of items) {
      const types = network.layers.map((l) => l.type);
      expect(types.some((t) => t === 'depthwiseConv2d' || t === 'separableConv2d')).toBe(true);
      expect(types).not.toContain('batchNormalization');
    }
  });

  test('in a mix, takes a level that can include the chosen layer type', () => {
    // Only level 3 makes batch normalization; a mix still gives every network one.
    const items = set({ seed: 'week-3', count: 10, level: 'mix', include: ['batchNormalization'], askShapes: true });
    for (const { network, level } of items) {
      expect(network.layers.some((l) => l.type === 'batchNormalization')).toBe(true);
      expect(level).toBe(3);
    }
  });

  test('says so when no network at the level can include a layer type', () => {
    const result = generatePracticeSet(options({ seed: 'x', count: 2, level: 1, include: ['conv2dTranspose'] }));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error[0]?.path).toEqual(['include']);
    expect(result.ok ? '' : result.error[0]?.message).toMatch(/no level 1 network with conv2dTranspose could be made/);
  });

  test('refuses an index outside the set', () => {
    const result = practiceItem(options({ seed: 'x', count: 3 }), 3);
    expect(result.ok ? undefined : result.error[0]).toEqual({
      path: ['index'],
      message: 'index must be a whole number from 0 to 2',
    });
  });
});

describe('PracticeSetOptions', () => {
  test.each([
    [{ seed: 'x', count: 51 }, ['count'], /at most 50/],
    [{ seed: 'x', count: 0 }, ['count'], /at least 1/],
    [{ seed: 'has space' }, ['seed'], /letters, digits/],
    [{ seed: 'x', level: 6 }, ['level'], /1, 2, 3, 4, 5 or "mix"/],
    [{ seed: 'x', version: 1, level: 4 }, ['level'], /level 4 needs version 2/],
    [{ seed: 'x', version: 9 }, ['version'], /version must be one of 1/],
    [{ seed: 'x', include: ['conv4d'] }, ['include', 0], /a layer type is one of/],
  ])('refuses %j at %j', (raw, path, message) => {
    const issue = PracticeSetOptions.safeParse(raw).error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toMatch(message);
  });

  test('fills in version 1, ten networks, level 1 and no shape questions by default', () => {
    expect(options({ seed: 'x' })).toEqual({
      version: 1,
      seed: 'x',
      count: 10,
      level: 1,
      include: [],
      exclude: [],
      askShapes: false,
    });
  });
});
