import { z } from 'zod';
import { LAYER_TYPES, type LayerType } from './network';
import { strictObject } from './strict-object';

/**
 * Versions of the practice-set rules. A set's URL names its version, so it keeps
 * giving the same networks after the rules change: never edit version 1, add a version 2.
 */
export const PRACTICE_SET_VERSIONS = [1] as const;
export const PRACTICE_SET_VERSION = 1;

/** Most networks in one set. */
export const MAX_SET_SIZE = 50;

const layerType = z.enum(LAYER_TYPES as [LayerType, ...LayerType[]], {
  error: `a layer type is one of: ${LAYER_TYPES.join(', ')}`,
});

/** Everything that defines a practice set: the same options give the same networks, forever. */
export const PracticeSetOptions = strictObject(
  {
    version: z
      .literal(PRACTICE_SET_VERSIONS, { error: `version must be one of ${PRACTICE_SET_VERSIONS.join(', ')}` })
      .default(PRACTICE_SET_VERSION),
    seed: z
      .string({ error: 'seed is required' })
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'a seed is 1 to 64 letters, digits, "-" or "_"' }),
    count: z
      .int({ error: 'count must be a whole number' })
      .min(1, { error: 'a set has at least 1 network' })
      .max(MAX_SET_SIZE, { error: `a set has at most ${MAX_SET_SIZE} networks` })
      .default(10),
    level: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal('mix')], { error: 'level must be 1, 2, 3 or "mix"' })
      .default(1),
    include: z.array(layerType).max(LAYER_TYPES.length).default([]),
    exclude: z.array(layerType).max(LAYER_TYPES.length).default([]),
    askShapes: z.boolean({ error: 'askShapes must be true or false' }).default(false),
  },
  'a practice set is an object such as {"seed": "week-3", "count": 10, "level": 2}',
);

export type PracticeSetOptions = z.output<typeof PracticeSetOptions>;
