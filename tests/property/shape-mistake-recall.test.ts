import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { diagnoseShape, SHAPE_MISTAKE_CODES, type ShapeMistakeCode } from '../../src/domain/mistakes';
import { generateNetwork, type QuizLevel } from '../../src/domain/quiz-generator';
import { createRandom } from '../../src/domain/random';
import type { Network } from '../../src/domain/schema/network';
import { randomConvNetwork } from '../support/random-conv1d-3d';
import { randomNetwork } from '../support/random-network';
import { recallRows, reportRecall, type Tally } from '../support/recall-table';
import { SHAPE_SIMULATORS } from '../support/shape-mistake-simulators';

const counted = (network: Network): { network: Network; report: NetworkReport } => {
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(`generated network is invalid: ${JSON.stringify(result.error)}`);
  return { network, report: result.value };
};

// Random 2-D networks of every option form, 1-D and 3-D convolutions with dilation and transposes, and the quiz's
// own networks at the levels that ask for shapes.
const samples = [
  ...Array.from({ length: 1500 }, (_, i) => counted(randomNetwork(createRandom(`shape-mistakes-${i}`)))),
  ...Array.from({ length: 500 }, (_, i) =>
    counted(randomConvNetwork(createRandom(`shape-mistakes-1d-${i}`), '1d', 'pytorch')),
  ),
  ...Array.from({ length: 500 }, (_, i) =>
    counted(randomConvNetwork(createRandom(`shape-mistakes-3d-${i}`), '3d', 'pytorch')),
  ),
  ...([2, 3, 4] as QuizLevel[]).flatMap((level) =>
    Array.from({ length: 1000 }, (_, i) => counted(generateNetwork(2, level, `shape-mistakes-${i}`))),
  ),
];

describe('shape mistake diagnosis over generated networks', () => {
  const tallies = new Map<ShapeMistakeCode, Tally>();
  for (const { network, report } of samples) {
    for (const at of report.layers) {
      const layer = network.layers[at.index];
      if (!layer) continue;
      for (const code of SHAPE_MISTAKE_CODES) {
        const shape = SHAPE_SIMULATORS[code]({ network, report, layer, at });
        if (shape === undefined) continue;
        // The mistake happens to give the right shape: nothing to diagnose.
        if (shape.length === at.outputShape.length && shape.every((d, i) => d === at.outputShape[i])) continue;
        const tally = tallies.get(code) ?? { distinguishable: 0, recalled: 0, collided: 0 };
        tallies.set(code, tally);
        tally.distinguishable += 1;
        const found = diagnoseShape(network, report, at.index, shape).map((m) => m.code);
        if (found.includes(code)) tally.recalled += 1;
        if (found.some((other) => other !== code)) tally.collided += 1;
      }
    }
  }

  const rows = recallRows(
    SHAPE_MISTAKE_CODES.map((code) => [code, tallies.get(code)] as const),
    0,
  );
  reportRecall('shape-mistake-recall', 'shape mistake', rows);

  test.each(rows)('recognises $code in at least 95% of distinguishable cases', ({ recall, cases }) => {
    expect(cases).toBeGreaterThan(20);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  test('never diagnoses a right shape', () => {
    let layers = 0;
    for (const { network, report } of samples) {
      for (const at of report.layers) {
        layers += 1;
        expect(diagnoseShape(network, report, at.index, at.outputShape)).toEqual([]);
      }
    }
    expect(layers).toBeGreaterThan(20_000);
  });

  test('names no mistake for a shape of another rank that no mistake gives', () => {
    for (const { network, report } of samples.slice(0, 500)) {
      for (const at of report.layers) {
        expect(diagnoseShape(network, report, at.index, [...at.outputShape, 1])).toEqual([]);
      }
    }
  });
});
