/**
 * The request vocabulary shared by the zod schemas and the browser code, which reads
 * addresses and typed answers without zod. One definition each; nothing here imports zod.
 */

/** Digits, optionally grouped in threes by commas, spaces or underscores: "2402", "2,402", "1 200 000". */
export const DIGITS = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:_\d{3})+)$/;

/** Most axes in a tensor shape: depth, height, width and channels (`4`). */
export const MAX_SHAPE_RANK = 4;

/** Longest answer string the API accepts: `40` characters. */
export const MAX_ANSWER_LENGTH = 40;

/**
 * Versions of the practice-set rules. A set's URL names its version, so it keeps
 * giving the same networks after the rules change: never edit version 1, add a version 2.
 */
export const PRACTICE_SET_VERSIONS = [1, 2] as const;
export const PRACTICE_SET_VERSION = 2;

/** Most networks in one set. */
export const MAX_SET_SIZE = 50;

/** Networks in a set unless the options say otherwise. */
export const DEFAULT_SET_SIZE = 10;

/** A practice set's seed: 1 to 64 letters, digits, "-" or "_". */
export const SEED_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The level a practice set may ask for: a quiz level or a mix of them. */
export const SET_LEVELS = [1, 2, 3, 4, 5, 'mix'] as const;

/** The levels a version 1 set does not have: they came with version 2. */
export const VERSION_2_LEVELS: readonly (typeof SET_LEVELS)[number][] = [4, 5];

/** What the schema and the address reader say when a practice-set option is wrong. */
export const PRACTICE_MESSAGES = {
  version: `version must be one of ${PRACTICE_SET_VERSIONS.join(', ')}`,
  seedRequired: 'seed is required',
  seed: 'a seed is 1 to 64 letters, digits, "-" or "_"',
  count: 'count must be a whole number',
  countMin: 'a set has at least 1 network',
  countMax: `a set has at most ${MAX_SET_SIZE} networks`,
  level: `level must be ${SET_LEVELS.slice(0, -1).join(', ')} or "mix"`,
  askShapes: 'askShapes must be true or false',
  /** A level version 1 lacks: `levelOfVersion(5)` → `'level 5 needs version 2 (…)'`. */
  levelOfVersion: (level: number | string) => `level ${level} needs version 2 (version 1 sets have levels 1 to 3)`,
  /** A layer type outside the registry: `layerType('conv2d, dense')`. */
  layerType: (known: readonly string[]) => `a layer type is one of: ${known.join(', ')}`,
} as const;
