import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { blankWork } from '../../src/domain/hint';
import { hasOpportunity, practiceSeed } from '../../src/domain/practice-target';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { Network } from '../../src/domain/schema/network';

const counted = (input: number[], layers: Record<string, unknown>[]) => {
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network, report: report.value };
};

describe('practice targets', () => {
  test('a layer type is there or not', () => {
    const { network, report } = counted([8, 8, 3], [{ type: 'conv2d', filters: 2, kernelSize: 3 }]);
    expect(hasOpportunity(network, report, { type: 'conv2d' })).toBe(true);
    expect(hasOpportunity(network, report, { type: 'batchNormalization' })).toBe(false);
  });

  test("a mistake's opportunity needs a layer where it gives a wrong answer", () => {
    // With biases, "biases counted for a layer without bias" cannot happen; without them it can.
    const withBias = counted([8, 8, 3], [{ type: 'conv2d', filters: 2, kernelSize: 3 }]);
    const without = counted([8, 8, 3], [{ type: 'conv2d', filters: 2, kernelSize: 3, useBias: false }]);
    const target = { type: 'conv2d', mistake: 'biases-for-layer-without-bias' } as const;
    expect(hasOpportunity(withBias.network, withBias.report, target)).toBe(false);
    expect(hasOpportunity(without.network, without.report, target)).toBe(true);
    // Valid padding on 8×8 can be mistaken for same (8 instead of ⌊(8 − 3) / 1⌋ + 1 = 6); same padding cannot.
    const same = counted([8, 8, 3], [{ type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' }]);
    expect(
      hasOpportunity(withBias.network, withBias.report, { type: 'conv2d', mistake: 'same-instead-of-valid' }),
    ).toBe(true);
    expect(hasOpportunity(same.network, same.report, { type: 'conv2d', mistake: 'same-instead-of-valid' })).toBe(false);
  });

  test('finds a seed whose network has the target, the same one every time', () => {
    const seed = practiceSeed(2, 3, 'unit', { type: 'batchNormalization' });
    expect(seed).toMatch(/^unit-\d+$/);
    expect(practiceSeed(2, 3, 'unit', { type: 'batchNormalization' })).toBe(seed);
    const network = generateNetwork(2, 3, seed ?? '');
    expect(network.layers.some((l) => l.type === 'batchNormalization')).toBe(true);
  });

  test('says when a level never makes the layer', () => {
    // Level 1 is same-padded convolutions, flatten and dense: never batch normalization.
    expect(practiceSeed(2, 1, 'unit', { type: 'batchNormalization' })).toBeNull();
  });
});

describe('blankWork', () => {
  test.each([
    // The layer's own 2 filters and 3×3 kernel stay; its 3 inputs (not an option) and the result are blank.
    ['3 inputs × (2 filters × 3×3) + 2 biases = 56', ['2', '3', '3'], '3 inputs × (2 filters × 3×3) + 2 biases = ?'],
    ['5 inputs × (2 filters × 3×3) + 2 biases = 92', ['2', '3', '3'], '? inputs × (2 filters × 3×3) + 2 biases = ?'],
    // The + 1 of the rule stays; the input's 15 and the result go; the closing shape goes.
    [
      'valid padding: height ⌊(15 − 3) / 1⌋ + 1 = 13; 8 filters make 8 channels: 13×14×8',
      ['8', '3', '1'],
      'valid padding: height ⌊(? − 3) / 1⌋ + 1 = ?; 8 filters make 8 channels: ?',
    ],
    // A layer that learns nothing: its 0 is the answer too.
    [
      'flatten learns nothing (it only lays the 2×2×3 tensor out as 12 values): 0',
      [],
      'flatten learns nothing (it only lays the ?×?×? tensor out as ? values): ?',
    ],
  ])('%s', (work, keep, blank) => {
    expect(blankWork(work, keep)).toBe(blank);
  });
});
