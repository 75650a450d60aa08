import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { scoreAnswers } from '../../src/domain/score-answers';
import { Network } from '../../src/domain/schema/network';
import type { Answers } from '../../src/domain/schema/score-request';

function scored(input: number[], layers: Record<string, unknown>[], answers: Answers) {
  const network = Network.parse({ input, layers });
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return scoreAnswers(network, report.value, answers);
}

// The learner: a valid 3×3 convolution of 15×16×3 to 8 filters, pooled 2×2, flattened, then dense 16.
// Right: 13×14×8 (⌊(15 − 3) / 1⌋ + 1 = 13, ⌊(16 − 3) / 1⌋ + 1 = 14), pooled to 6×7×8, flattened to 336,
// dense 336 × 16 + 16 = 5392. The learner keeps 15×16×8, pools it to 7×8×8 and flattens 7 × 8 × 8 = 448, so their
// dense count is 448 × 16 + 16 = 7184 and their total 224 + 0 + 0 + 7184 = 7408.
const INPUT = [15, 16, 3];
const LAYERS = [
  { type: 'conv2d', filters: 8, kernelSize: 3 },
  { type: 'maxPooling2d' },
  { type: 'flatten' },
  { type: 'dense', units: 16 },
];
const SLIPPED: Answers = {
  layers: [224, 0, 0, 7184],
  total: 7408,
  outputShapes: [[15, 16, 8], [7, 8, 8], [448], [16]],
};

describe('error carried forward', () => {
  test('marks every answer that follows from the first slip, and the slip itself not', () => {
    const report = scored(INPUT, LAYERS, SLIPPED);
    const [conv, pool, flat, dense] = report.layers;
    // The slip: same padding's 15×16 for valid; diagnosed, not carried.
    expect(conv?.outputShapeAnswer).toMatchObject({ correct: false, mistakes: [{ code: 'same-instead-of-valid' }] });
    expect(conv?.outputShapeAnswer?.carriedForward).toBeUndefined();
    // ⌊(15 − 2) / 2⌋ + 1 = 7 and ⌊(16 − 2) / 2⌋ + 1 = 8: right for their 15×16×8.
    expect(pool?.outputShapeAnswer).toMatchObject({ correct: false, carriedForward: true, followsFrom: 0 });
    expect(pool?.outputShapeAnswer?.feedback).toBe('Right for your 15×16×8 input — the slip is at layer 1.');
    // 7 × 8 × 8 = 448 from their 7×8×8: it follows from layer 1, not from layer 2.
    expect(flat?.outputShapeAnswer).toMatchObject({ carriedForward: true, followsFrom: 0 });
    // 448 × 16 + 16 = 7184: right for their 448 inputs.
    expect(dense?.answer).toMatchObject({ correct: false, carriedForward: true, followsFrom: 0 });
    expect(dense?.answer?.feedback).toMatch(/^Right for your 448 inputs — the slip is at layer 1\./);
    // A mistake that happens to give the same number is not blamed on this layer.
    expect(dense?.answer?.mistakes).toEqual([]);
    // The dense layer's 16 units are right whatever its inputs.
    expect(dense?.outputShapeAnswer).toEqual({ submitted: [16], correct: true });
    // 224 + 0 + 0 + 7184 = 7408: their own counts added up.
    expect(report.total.answer).toMatchObject({ carriedForward: true, followsFrom: 0 });
    expect(report.total.answer?.feedback).toMatch(/^Right for your layer counts — the slip is at layer 1\./);
    // Right: conv count, pool and flatten counts, dense shape; carried: pool, flatten shapes, dense count, total.
    expect(report.score).toEqual({ correct: 4, carriedForward: 4, answered: 9, possible: 9 });
  });

  test('follows the learner through shapes they left unanswered', () => {
    // Only the first shape answered: their 15×16×8 pools to 7×8×8 and flattens to 448, as they would work it out.
    const report = scored(INPUT, LAYERS, {
      layers: [224, 0, 0, 7184],
      total: 7408,
      outputShapes: [[15, 16, 8], null, null, null],
    });
    expect(report.layers[3]?.answer).toMatchObject({ carriedForward: true, followsFrom: 0 });
  });

  test('does not carry an answer that is wrong for the learner’s own input too', () => {
    // 448 × 16 = 7168 (biases forgotten) is wrong for their 448 inputs as well: a mistake of its own.
    const report = scored(INPUT, LAYERS, { ...SLIPPED, layers: [224, 0, 0, 7168], total: undefined });
    expect(report.layers[3]?.answer?.carriedForward).toBeUndefined();
    expect(report.layers[3]?.answer?.correct).toBe(false);
  });

  test('carries nothing when every earlier answer is right', () => {
    const report = scored(INPUT, LAYERS, {
      layers: [224, 0, 0, 7184],
      total: 7408,
      outputShapes: [[13, 14, 8], [6, 7, 8], [336], [16]],
    });
    // 7184 is not right for the learner's own (right) 336 inputs: 336 × 16 + 16 = 5392.
    expect(report.layers[3]?.answer?.carriedForward).toBeUndefined();
    // Their total 7408 adds up their counts, so it follows from that slip, at layer 4.
    expect(report.total.answer).toMatchObject({ carriedForward: true, followsFrom: 3 });
    expect(report.total.answer?.feedback).toMatch(/^Right for your layer counts — the slip is at layer 4\./);
    expect(report.score?.carriedForward).toBe(1);
  });

  test('points a chain of slips at its earliest one, and a new slip at itself', () => {
    // Layer 2 gets a fresh slip on top (6×7 pooled "same" would be 8×8): it is its own slip, and the flatten
    // 8 × 8 × 8 = 512 follows from layer 2.
    const report = scored(INPUT, LAYERS, {
      layers: [224, 0, 0, 512 * 16 + 16],
      outputShapes: [[15, 16, 8], [8, 8, 8], [512], [16]],
    });
    expect(report.layers[1]?.outputShapeAnswer?.carriedForward).toBeUndefined();
    expect(report.layers[2]?.outputShapeAnswer).toMatchObject({ carriedForward: true, followsFrom: 1 });
    expect(report.layers[3]?.answer).toMatchObject({ carriedForward: true, followsFrom: 1 });
  });

  test('carries a convolution count that reads the learner’s channels', () => {
    // 3 × (4 × 3×3) + 4 = 112 first, right 13×13×4; the learner kept 3 channels (13×13×3), so the next
    // convolution's 3 × (2 × 3×3) + 2 = 56 is right for them (right: 4 × (2 × 3×3) + 2 = 74).
    const report = scored(
      [15, 15, 3],
      [
        { type: 'conv2d', filters: 4, kernelSize: 3 },
        { type: 'conv2d', filters: 2, kernelSize: 3 },
      ],
      { layers: [112, 56], outputShapes: [[13, 13, 3], null] },
    );
    expect(report.layers[0]?.outputShapeAnswer?.mistakes?.map((m) => m.code)).toEqual(['channels-from-input']);
    expect(report.layers[1]?.answer).toMatchObject({ correct: false, carriedForward: true, followsFrom: 0 });
    expect(report.layers[1]?.answer?.feedback).toBe('Right for your 13×13×3 input — the slip is at layer 1.');
  });

  test('follows a slip through a network that branches, into a merge', () => {
    // 8×8×3 → a: valid 3×3 to 4 filters (right ⌊(8 − 3) / 1⌋ + 1 = 6: 6×6×4) → b: same 3×3 (6×6×4) → add a and b
    // (6×6×4) → flatten (144) → dense 2 (144 × 2 + 2 = 290). The learner takes a as same-padded, 8×8×4, so b is
    // 8×8×4 for them, the merge 8×8×4, the flatten 8 × 8 × 4 = 256 and the dense count 256 × 2 + 2 = 514.
    const report = scored(
      [8, 8, 3],
      [
        { type: 'conv2d', name: 'a', filters: 4, kernelSize: 3 },
        { type: 'conv2d', name: 'b', filters: 4, kernelSize: 3, padding: 'same' },
        { type: 'add', inputs: ['a', 'b'] },
        { type: 'flatten' },
        { type: 'dense', units: 2 },
      ],
      { layers: [112, 148, 0, 0, 514], outputShapes: [[8, 8, 4], [8, 8, 4], [8, 8, 4], [256], [2]] },
    );
    expect(report.layers[2]?.outputShapeAnswer).toMatchObject({ carriedForward: true, followsFrom: 0 });
    expect(report.layers[2]?.outputShapeAnswer?.feedback).toBe(
      'Right for your 8×8×4 and 8×8×4 inputs — the slip is at layer 1.',
    );
    expect(report.layers[4]?.answer).toMatchObject({ carriedForward: true, followsFrom: 0 });
  });
});
