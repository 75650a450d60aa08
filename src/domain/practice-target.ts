import { analyzeNetwork, type NetworkReport } from './analyze-network';
import { isLayerType, type LayerType } from './layers';
import {
  layerMistakeCandidates,
  MISTAKE_CODES,
  SHAPE_MISTAKE_CODES,
  shapeMistakeCandidates,
  type MistakeCode,
  type ShapeMistakeCode,
} from './mistakes';
import { generateNetwork, type GeneratorVersion, type QuizLevel } from './quiz-generator';
import type { Network } from './schema/network';

/** What a practice quiz must contain: a layer type, and optionally the opportunity for one mistake on it. */
export interface PracticeTarget {
  type: LayerType;
  mistake?: MistakeCode | ShapeMistakeCode | undefined;
}

/** Whether a string names a count or shape mistake: `isMistakeCode('forgot-biases') → true`. */
export const isMistakeCode = (value: unknown): value is MistakeCode | ShapeMistakeCode =>
  (MISTAKE_CODES as readonly unknown[]).includes(value) || (SHAPE_MISTAKE_CODES as readonly unknown[]).includes(value);

/** Reads a target from an address's `include` and `mistake`: `readTarget('batchNormalization', null) → {type: …}`. */
export function readTarget(type: string | null, mistake: string | null): PracticeTarget | null {
  if (!isLayerType(type)) return null;
  return isMistakeCode(mistake) ? { type, mistake } : { type };
}

/**
 * Whether a network has a layer of the target's type on which the target's mistake would give a wrong answer
 * (a count mistake's value, or a shape mistake's shape, differing from the right one): a bias-free convolution
 * is where `biases-for-layer-without-bias` can happen, a same-padded one is not where `forgot-plus-one` can.
 */
export function hasOpportunity(network: Network, report: NetworkReport, target: PracticeTarget): boolean {
  return network.layers.some((layer, i) => {
    if (layer.type !== target.type) return false;
    const { mistake } = target;
    if (mistake === undefined) return true;
    if ((SHAPE_MISTAKE_CODES as readonly string[]).includes(mistake)) {
      return shapeMistakeCandidates(network, report, i).some((c) => c.code === mistake);
    }
    // Two mistakes are told by the answer itself, not a candidate value: 0 for a layer that learns, and a count
    // for one that learns nothing.
    const params = report.layers[i]?.params ?? 0;
    if (mistake === 'no-parameters-for-learning-layer') return params > 0;
    if (mistake === 'parameters-for-parameterless-layer') return params === 0;
    return layerMistakeCandidates(network, report, i, report.convention).some((c) => c.code === mistake);
  });
}

/** Seeds tried before a target is declared out of a level's reach. */
const ATTEMPTS = 400;

/**
 * The first seed `${base}-0`, `${base}-1`, … whose network at `level` has the target's opportunity, or null when
 * none of the first few hundred has: `practiceSeed(2, 3, 'k3j9x', {type: 'batchNormalization'}) → 'k3j9x-2'`.
 * The seed alone then names the network, so the quiz's address stays shareable.
 */
export function practiceSeed(
  version: GeneratorVersion,
  level: QuizLevel,
  base: string,
  target: PracticeTarget,
): string | null {
  for (let i = 0; i < ATTEMPTS; i++) {
    const seed = `${base}-${i}`;
    const network = generateNetwork(version, level, seed);
    const report = analyzeNetwork(network);
    if (report.ok && hasOpportunity(network, report.value, target)) return seed;
  }
  return null;
}
