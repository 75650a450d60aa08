import { analyzeNetwork, type NetworkReport } from './analyze-network';
import { generateNetwork, levelsOf, mixedLevels, type QuizLevel } from './quiz-generator';
import type { LocatedProblem } from './located-problem';
import { createRandom } from './random';
import { fail, ok, type Result } from './result';
import type { Network } from './schema/network';
import type { PracticeSetOptions } from './schema/practice-set';

/** One network of a set, with its level and its exact counts. */
export interface PracticeItem {
  index: number;
  level: QuizLevel;
  network: Network;
  report: NetworkReport;
}

/** Why a set cannot be made; `path` is relative to the set's options. */
export type PracticeProblem = LocatedProblem;

/** The level of network `index`: the set's own, or for "mix" a seeded choice among the version's mixed levels. */
function levelOf(options: PracticeSetOptions, index: number): QuizLevel {
  if (options.level !== 'mix') return options.level;
  return createRandom(`learnable/set-v${options.version}/${options.seed}/level/${index}`).pick(
    mixedLevels(options.version),
  );
}

// Generated candidates tried per network before an include / exclude choice is declared impossible.
const ATTEMPTS = 300;

const fits = (network: Network, options: PracticeSetOptions) => {
  const types = new Set(network.layers.map((l) => l.type));
  return (
    !options.exclude.some((t) => types.has(t)) &&
    (options.include.length === 0 || options.include.some((t) => types.has(t)))
  );
};

/**
 * Network `index` of a set, regenerated from the options alone (so a server can
 * grade it without storing it): `practiceItem({ seed: 'w3', … }, 0)`.
 */
export function practiceItem(options: PracticeSetOptions, index: number): Result<PracticeItem, PracticeProblem[]> {
  if (!Number.isInteger(index) || index < 0 || index >= options.count) {
    return fail([{ path: ['index'], message: `index must be a whole number from 0 to ${options.count - 1}` }]);
  }
  const first = levelOf(options, index);
  // A mix falls back to its other levels, highest first, when its seeded level cannot meet
  // include / exclude, and last to the levels added to the version since (a mix with `add` finds
  // level 5); such options produced no set before, so no existing set changes.
  const mixed = mixedLevels(options.version);
  const levels =
    options.level === 'mix'
      ? [
          first,
          ...[...mixed].reverse().filter((l) => l !== first),
          ...levelsOf(options.version).filter((l) => !mixed.includes(l)),
        ]
      : [first];
  for (const level of levels) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const network = generateNetwork(
        options.version,
        level,
        `set-v${options.version}/${options.seed}/${index}/${attempt}`,
      );
      if (!fits(network, options)) continue;
      const report = analyzeNetwork(network);
      if (!report.ok) continue; // generated networks are valid; this keeps the type honest
      return ok({ index, level, network, report: report.value });
    }
  }
  const wanted = options.include.length > 0 ? `with ${options.include.join(' or ')}` : '';
  const unwanted = options.exclude.length > 0 ? `without ${options.exclude.join(', ')}` : '';
  return fail([
    {
      path: [options.include.length > 0 ? 'include' : 'exclude'],
      message: `no ${options.level === 'mix' ? '' : `level ${first} `}network ${[wanted, unwanted].filter(Boolean).join(' and ')} could be made; choose other layer types or another level (level 3 has the most kinds of layers)`,
    },
  ]);
}

/** Every network of a set, in order; the same options give the same set, byte for byte. */
export function generatePracticeSet(options: PracticeSetOptions): Result<PracticeItem[], PracticeProblem[]> {
  const items: PracticeItem[] = [];
  for (let index = 0; index < options.count; index++) {
    const item = practiceItem(options, index);
    if (!item.ok) return item;
    items.push(item.value);
  }
  return ok(items);
}
