import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { diagnoseLayer, diagnoseTotal, MISTAKE_CODES, type MistakeCode } from '../../src/domain/mistakes';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { createRandom } from '../../src/domain/random';
import type { Network } from '../../src/domain/schema/network';
import { SIMULATORS } from '../support/mistake-simulators';
import { randomGraph } from '../support/random-graph';
import { randomNetwork } from '../support/random-network';
import { recallRows, reportRecall, type Tally as RecallTally } from '../support/recall-table';

const NETWORKS = 3000;

function analyzed(seed: number): { network: Network; report: NetworkReport } {
  const network = randomNetwork(createRandom(`mistakes-${seed}`));
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(`random network ${seed} is invalid`);
  return { network, report: result.value };
}

/** Generator version 2's level 4: activations, normalizations, sequences and volumes. */
function level4(seed: number): { network: Network; report: NetworkReport } {
  const network = generateNetwork(2, 4, `mistakes-${seed}`);
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(`level 4 network ${seed} is invalid`);
  return { network, report: result.value };
}

/** Networks that branch and merge, with shared layers and nested models. */
function graph(seed: number): { network: Network; report: NetworkReport } {
  const network = randomGraph(createRandom(`mistakes-graph-${seed}`));
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(`graph network ${seed} is invalid`);
  return { network, report: result.value };
}

const samples = [
  ...Array.from({ length: NETWORKS }, (_, seed) => analyzed(seed)),
  ...Array.from({ length: NETWORKS }, (_, seed) => level4(seed)),
  ...Array.from({ length: NETWORKS / 3 }, (_, seed) => graph(seed)),
];

interface Tally extends RecallTally {
  tried: number;
}

describe('mistake diagnosis over generated networks', () => {
  const tallies = new Map<MistakeCode, Tally>();
  for (const { network, report } of samples) {
    for (const at of report.layers) {
      const layer = network.layers[at.index];
      if (!layer) continue;
      for (const [code, simulate] of Object.entries(SIMULATORS) as [
        MistakeCode,
        NonNullable<(typeof SIMULATORS)[MistakeCode]>,
      ][]) {
        const value = simulate({ network, report, layer, at });
        if (value === undefined) continue;
        const tally = tallies.get(code) ?? { tried: 0, distinguishable: 0, recalled: 0, collided: 0 };
        tallies.set(code, tally);
        tally.tried += 1;
        if (value === at.params) continue; // the mistake happens to give the right number
        tally.distinguishable += 1;
        const found = diagnoseLayer(network, report, at.index, BigInt(value)).map((m) => m.code);
        if (found.includes(code)) tally.recalled += 1;
        if (found.some((other) => other !== code)) tally.collided += 1;
      }
    }
  }

  const rows = recallRows(tallies, 1);
  reportRecall('mistake-recall', 'mistake', rows);

  test.each(rows)('recognises $code in at least 95% of distinguishable cases', ({ recall, cases }) => {
    expect(cases).toBeGreaterThan(20);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  test('simulates every layer-level mistake in the catalogue', () => {
    const layerCodes = MISTAKE_CODES.filter(
      (c) => !c.startsWith('total-') && c !== 'batchnorm-counted-running-statistics',
    );
    expect(rows.map((r) => r.code).sort()).toEqual([...layerCodes].sort());
  });

  test('never diagnoses a right answer', () => {
    for (const { network, report } of samples) {
      for (const at of report.layers) expect(diagnoseLayer(network, report, at.index, BigInt(at.params))).toEqual([]);
      expect(diagnoseTotal(report, BigInt(report.totals.params))).toEqual([]);
    }
  });

  test('recognises a total that leaves out a layer with parameters', () => {
    let checked = 0;
    for (const { report } of samples) {
      const layer = report.layers.find((l) => l.params > 0);
      if (!layer) continue;
      const value = BigInt(report.totals.params - layer.params);
      checked += 1;
      expect(diagnoseTotal(report, value).map((m) => m.code)).toContain('total-left-out-layer');
    }
    expect(checked).toBeGreaterThan(NETWORKS / 2);
  });

  test('recognises a total counting only trainable parameters when batch normalization is present', () => {
    const withBn = samples.filter(({ report }) => report.totals.nonTrainable > 0);
    expect(withBn.length).toBeGreaterThan(50);
    for (const { report } of withBn) {
      expect(diagnoseTotal(report, BigInt(report.totals.trainable)).map((m) => m.code)).toContain(
        'total-trainable-only',
      );
    }
  });

  test('recognises batch normalization counted with running statistics under PyTorch rules', () => {
    const withBn = samples.filter(({ network }) => network.layers.some((l) => l.type === 'batchNormalization'));
    for (const { network } of withBn.slice(0, 200)) {
      const result = analyzeNetwork(network, 'pytorch');
      if (!result.ok) throw new Error('valid under Keras is valid under PyTorch');
      for (const at of result.value.layers.filter((l) => l.type === 'batchNormalization')) {
        const channels = at.inputShape[at.inputShape.length - 1] ?? 1;
        const found = diagnoseLayer(network, result.value, at.index, BigInt(4 * channels), 'pytorch');
        expect(found.map((m) => m.code)).toContain('batchnorm-counted-running-statistics');
      }
    }
  });
});
