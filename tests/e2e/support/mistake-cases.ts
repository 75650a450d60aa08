import { analyzeNetwork, type NetworkReport } from '../../../src/domain/analyze-network';
import type { Convention } from '../../../src/domain/layer-rules';
import { diagnoseLayer, diagnoseTotal, type Mistake, type MistakeCode } from '../../../src/domain/mistakes';
import { generateNetwork, levelsOf, type GeneratorVersion, type QuizLevel } from '../../../src/domain/quiz-generator';
import type { Network } from '../../../src/domain/schema/network';
import { SIMULATORS, type Simulator } from '../../support/mistake-simulators';

/** A quiz where a learner making one mistake writes a number that only that mistake gives. */
export interface MistakeCase {
  code: MistakeCode;
  /** The quiz's generator version: 1 for levels 1 to 3, 2 for level 4's layers. */
  version: GeneratorVersion;
  level: QuizLevel;
  seed: string;
  convention: Convention;
  /** The counts of the network by the case's convention: the right answers. */
  report: NetworkReport;
  /** Where the wrong number goes: a layer's index, or the total. */
  field: number | 'total';
  /** What the learner types: every layer's count, then the total. */
  layers: number[];
  total: number;
  /** What the API says to that number, worked out here by the domain's own diagnosis. */
  message: string;
}

interface Quiz {
  version: GeneratorVersion;
  level: QuizLevel;
  seed: string;
  network: Network;
  keras: NetworkReport;
  pytorch: NetworkReport;
}

/** How many seeds per level the search tries before giving up on a mistake. */
const SEEDS = 400;

/**
 * Version 1's quizzes (levels 1 to 3, seeds in order), then version 2's level 4, whose layers (PReLU,
 * 1-D and 3-D convolutions, layer, group and input normalization) have mistakes of their own.
 */
function quizzes(): Quiz[] {
  const found: Quiz[] = [];
  const add = (version: GeneratorVersion, level: QuizLevel, seed: string) => {
    const network = generateNetwork(version, level, seed);
    const keras = analyzeNetwork(network);
    const pytorch = analyzeNetwork(network, 'pytorch');
    if (!keras.ok || !pytorch.ok) throw new Error(`v${version} level ${level}, seed ${seed} is not a valid network`);
    found.push({ version, level, seed, network, keras: keras.value, pytorch: pytorch.value });
  };
  for (let n = 0; n < SEEDS; n++) for (const level of levelsOf(1)) add(1, level, `mistake-${n}`);
  for (let n = 0; n < SEEDS; n++) add(2, 4, `mistake-${n}`);
  return found;
}

/** The one mistake a diagnosis names, if it names exactly one. */
const only = (mistakes: Mistake[], code: MistakeCode) =>
  mistakes.length === 1 && mistakes[0]?.code === code ? mistakes[0].message : undefined;

/** The mistake's message when the diagnosis names it, alone or beside others ("… can come from 2 different mistakes"). */
const among = (mistakes: Mistake[], code: MistakeCode) => mistakes.find((m) => m.code === code)?.message;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A layer's mistake, simulated by a learner who gets everything else right. */
function layerCase(
  quiz: Quiz,
  code: MistakeCode,
  convention: Convention,
  simulate: Simulator,
  named: typeof only = only,
): MistakeCase | null {
  const report = quiz[convention];
  const right = report.layers.map((l) => l.params);
  for (const at of report.layers) {
    const layer = quiz.network.layers[at.index];
    if (!layer) continue;
    const value = simulate({ network: quiz.network, report, layer, at });
    if (value === undefined || value === at.params) continue;
    const message = named(diagnoseLayer(quiz.network, report, at.index, BigInt(value), convention), code);
    if (message === undefined) continue;
    const layers = right.map((params, i) => (i === at.index ? value : params));
    return { code, ...pick(quiz), convention, report, field: at.index, layers, total: report.totals.params, message };
  }
  return null;
}

/** A total's mistake: the layers as `layers`, the total as `total`. */
function totalCase(quiz: Quiz, code: MistakeCode, layers: number[], total: number): MistakeCase | null {
  const report = quiz.keras;
  const message = only(diagnoseTotal(report, BigInt(total), layers.map(BigInt)), code);
  return message === undefined
    ? null
    : { code, ...pick(quiz), convention: 'keras', report, field: 'total', layers, total, message };
}

const pick = ({ version, level, seed }: Quiz) => ({ version, level, seed });

/** Totals a learner gets wrong in each known way, on one network (none where the way does not apply). */
function totalCases(quiz: Quiz): MistakeCase[] {
  const { keras } = quiz;
  const right = keras.layers.map((l) => l.params);
  const total = keras.totals.params;
  const cases: (MistakeCase | null)[] = [];
  for (const at of keras.layers.filter((l) => l.params > 0)) {
    cases.push(totalCase(quiz, 'total-left-out-layer', right, total - at.params));
    cases.push(totalCase(quiz, 'total-counted-layer-twice', right, total + at.params));
    // One layer one too many, and a total that adds the layer answers up faithfully.
    const layers = right.map((p, i) => (i === at.index ? p + 1 : p));
    cases.push(totalCase(quiz, 'total-from-layer-answers', layers, sum(layers)));
  }
  if (keras.totals.nonTrainable > 0) cases.push(totalCase(quiz, 'total-trainable-only', right, keras.totals.trainable));
  return cases.filter((c) => c !== null);
}

/**
 * For every mistake that quiz networks can show, the first quiz where
 * it gives a number no other mistake gives (version 1's seeds in order, levels 1 to 3 for each, then version 2's
 * level 4): layer mistakes from the learner simulators in
 * tests/support/mistake-simulators.ts, total mistakes by hand, and PyTorch's batch
 * normalization mistake (4 per channel) under PyTorch's rules.
 */
export function findMistakeCases(): Map<MistakeCode, MistakeCase> {
  const cases = new Map<MistakeCode, MistakeCase>();
  const simulators = Object.entries(SIMULATORS) as [MistakeCode, Simulator][];
  const pytorchBatchNorm: Simulator = ({ layer, at }) =>
    layer.type === 'batchNormalization' ? 4 * (at.inputShape.at(-1) ?? 1) : undefined;
  const all = quizzes();
  for (const quiz of all) {
    for (const [code, simulate] of simulators) {
      if (cases.has(code)) continue;
      const found = layerCase(quiz, code, 'keras', simulate);
      if (found) cases.set(code, found);
    }
    if (!cases.has('batchnorm-counted-running-statistics')) {
      const found = layerCase(quiz, 'batchnorm-counted-running-statistics', 'pytorch', pytorchBatchNorm);
      if (found) cases.set(found.code, found);
    }
    for (const found of totalCases(quiz)) if (!cases.has(found.code)) cases.set(found.code, found);
  }
  // Two mistakes always give a number another one gives too: a PReLU slope per element when sharedAxes
  // shares them is the output's size, and given Normalization statistics counted are "parameters for a
  // layer that has none". Their message still shows, beside the other one.
  for (const quiz of all) {
    for (const [code, simulate] of simulators) {
      if (cases.has(code)) continue;
      const found = layerCase(quiz, code, 'keras', simulate, among);
      if (found) cases.set(code, found);
    }
  }
  return cases;
}
