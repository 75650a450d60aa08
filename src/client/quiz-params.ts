import type { Convention } from '../domain/layer-rules';
import { GENERATOR_VERSION, isQuizLevel, type QuizLevel } from '../domain/quiz-generator';

/** Which quiz a URL asks for; `seed` is null when the URL has none (a fresh quiz). */
export interface QuizParams {
  level: QuizLevel;
  seed: string | null;
  /** The generator version in the link; a link from a newer release is reported, not guessed at. */
  version: number;
  /** Whose rules the answers are checked by: Keras unless the link says `convention=pytorch`. */
  convention: Convention;
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

/** Reads `?v=1&level=2&seed=k3j9x&convention=pytorch`; a missing or unknown level is 1, a missing version the current one. */
export function parseQuizParams(search: string): QuizParams {
  const params = new URLSearchParams(search);
  const level = Number(params.get('level') ?? '1');
  const version = Number(params.get('v') ?? GENERATOR_VERSION);
  return {
    level: isQuizLevel(level) ? level : 1,
    seed: cleanSeed(params.get('seed')),
    version: Number.isInteger(version) && version > 0 ? version : GENERATOR_VERSION,
    convention: readConvention(params.get('convention')),
  };
}

/**
 * The shareable address of a quiz; Keras, the default, is left out:
 * `quizHref(2, 'k3j9x') → '/quiz/?v=1&level=2&seed=k3j9x'`,
 * `quizHref(2, 'k3j9x', 'pytorch') → '/quiz/?v=1&level=2&seed=k3j9x&convention=pytorch'`.
 */
export function quizHref(level: QuizLevel, seed: string, convention: Convention = 'keras'): string {
  const base = `/quiz/?v=${GENERATOR_VERSION}&level=${level}&seed=${encodeURIComponent(seed)}`;
  return convention === 'keras' ? base : `${base}&convention=${convention}`;
}

/** A short random seed from a 32-bit value: `seedFrom(123456789) → '21i3v9'`. */
export function seedFrom(value: number): string {
  return (value >>> 0).toString(36);
}
