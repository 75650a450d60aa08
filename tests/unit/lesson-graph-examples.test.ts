import { describe, expect, test } from 'vitest';
import { exampleReport } from '../../src/content/examples';

describe('the lesson’s networks that branch and merge', () => {
  test('count the residual blocks by hand: adds learn nothing, the stride-2 projection learns', () => {
    expect(exampleReport('residual').layers.map((l) => l.params)).toEqual([
      3 * 8 * 9 + 8, // conv1: 3 inputs × 8 filters × 3×3 + 8 biases
      8 * 8 * 9 + 8,
      8 * 8 * 9 + 8, // conv3
      0, // add1: conv3 + conv1, both 16×16×8
      8 * 16 * 9 + 16, // stride 2: 8×8×16
      16 * 16 * 9 + 16, // conv5
      8 * 16 + 16, // shortcut: 1×1, stride 2, on add1's 8 channels
      0, // add2
      0, // global average pooling: 16 values
      16 * 10 + 10,
    ]);
  });

  test('count the inception block by hand: the convolution after the join sees 4 + 8 + 4 channels', () => {
    const report = exampleReport('inception');
    expect(report.layers.map((l) => l.params)).toEqual([
      8 * 4 + 4, // branch_1x1 on the 8-channel input
      8 * 4 + 4, // reduce
      4 * 8 * 9 + 8, // branch_3x3 on the reduction's 4 channels
      0, // 3×3 max pool, stride 1, same
      8 * 4 + 4, // branch_pool
      0, // concat1
      (4 + 8 + 4) * 8 * 9 + 8,
    ]);
    expect(report.layers[5]?.outputShape).toEqual([16, 16, 16]);
  });

  test('count a shared encoder once, and say where, numbered from 1 as every table numbers layers', () => {
    const report = exampleReport('siamese');
    // The encoder: conv 1 × 8 × 3×3 + 8 = 80, pooling, dense 8 × 4 + 4 = 36; the head 4 × 1 + 1.
    expect(report.layers.map((l) => l.params)).toEqual([0, 80 + 36, 0, 0, 4 + 1]);
    expect(report.layers[2]?.sharedWith).toBe(1);
    expect(report.layers[2]?.explanation).toContain('counted at layer 2 (116)');
  });

  test('freeze a nested base whole: the same total, all of the base non-trainable', () => {
    const trained = exampleReport('transferModel').totals;
    const frozen = exampleReport('transferModelFrozen').totals;
    // The base: 3 × 8 × 3×3 (no bias) + 4 × 8 + (8 × 16 × 3×3 + 16); the head 16 × 5 + 5.
    const base = 216 + 32 + 1168;
    expect(trained).toMatchObject({ params: base + 85, nonTrainable: 2 * 8 });
    expect(frozen).toMatchObject({ params: base + 85, trainable: 85, nonTrainable: base });
    expect(exampleReport('transferBase').totals.params).toBe(base);
  });
});
