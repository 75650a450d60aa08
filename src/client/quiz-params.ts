import type { Convention } from '../domain/layer-rules';
import { readTarget, type PracticeTarget } from '../domain/practice-target';
import {
  GENERATOR_VERSION,
  isGeneratorVersion,
  isQuizLevel,
  levelsOf,
  type GeneratorVersion,
  type QuizLevel,
} from '../domain/quiz-generator';

/** Which quiz a URL asks for; `seed` is null when the URL has none (a fresh quiz). */
export interface QuizParams {
  level: QuizLevel;
  seed: string | null;
  /** The generator version the network comes from: the link's, or the current one. */
  version: GeneratorVersion;
  /** The link named a version this release does not know (from a newer release): reported, not guessed at. */
  unknownVersion: boolean;
  /** Whose rules the answers are checked by: Keras unless the link says `convention=pytorch`. */
  convention: Convention;
  /** What the network must contain, from `include=batchNormalization&mistake=…` (a lesson's or a weak spot's link). */
  target: PracticeTarget | null;
}

const SEED = /[^a-z0-9-]/g;

/** Cleans a typed or linked seed: `cleanSeed(' My Seed! ') → 'myseed'`, `cleanSeed('!!') → null`. */
export function cleanSeed(text: string | null): string | null {
  const seed = (text ?? '').trim().toLowerCase().replace(SEED, '').slice(0, 32);
  return seed === '' ? null : seed;
}

/** Reads a convention: `readConvention('PyTorch') → 'pytorch'`; anything else is Keras, the default. */
export const readConvention = (text: string | null): Convention =>
  text?.trim().toLowerCase() === 'pytorch' ? 'pytorch' : 'keras';

/**
 * Reads `?v=1&level=2&seed=k3j9x&convention=pytorch`. A missing version is the current one, an unknown
 * one the current one reported as unknown; a missing level, or one the version does not have, is 1.
 */
export function parseQuizParams(search: string): QuizParams {
  const params = new URLSearchParams(search);
  const level = Number(params.get('level') ?? '1');
  const asked = Number(params.get('v') ?? GENERATOR_VERSION);
  const version = isGeneratorVersion(asked) ? asked : GENERATOR_VERSION;
  return {
    level: isQuizLevel(level) && levelsOf(version).includes(level) ? level : 1,
    seed: cleanSeed(params.get('seed')),
    version,
    unknownVersion: !isGeneratorVersion(asked),
    convention: readConvention(params.get('convention')),
    target: readTarget(params.get('include'), params.get('mistake')),
  };
}

/**
 * The shareable address of a quiz; Keras, the default, is left out, and so is a practice target when none:
 * `quizHref(2, 'k3j9x') → '/quiz/?v=2&level=2&seed=k3j9x'`,
 * `quizHref(2, 'k3j9x', 'pytorch', 1) → '/quiz/?v=1&level=2&seed=k3j9x&convention=pytorch'`,
 * `quizHref(3, 'k3j9x-2', 'keras', 2, {type: 'batchNormalization'}) → '/quiz/?v=2&level=3&seed=k3j9x-2&include=batchNormalization'`.
 */
export function quizHref(
  level: QuizLevel,
  seed: string | null,
  convention: Convention = 'keras',
  version: GeneratorVersion = GENERATOR_VERSION,
  target: PracticeTarget | null = null,
): string {
  const base = `/quiz/?v=${version}&level=${level}${seed === null ? '' : `&seed=${encodeURIComponent(seed)}`}`;
  const practise = target ? `&include=${target.type}${target.mistake ? `&mistake=${target.mistake}` : ''}` : '';
  return `${base}${convention === 'keras' ? '' : `&convention=${convention}`}${practise}`;
}

/** A short random seed from a 32-bit value: `seedFrom(123456789) → '21i3v9'`. */
export function seedFrom(value: number): string {
  return (value >>> 0).toString(36);
}
