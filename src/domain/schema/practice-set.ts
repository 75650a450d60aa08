import * as z from 'zod';
import { LAYER_TYPES, type LayerType } from './network';
import { strictObject } from './strict-object';
import {
  DEFAULT_SET_SIZE,
  MAX_SET_SIZE,
  PRACTICE_MESSAGES as M,
  PRACTICE_SET_VERSIONS,
  SEED_PATTERN,
  SET_LEVELS,
  VERSION_2_LEVELS,
} from '../vocabulary';

export { MAX_SET_SIZE, PRACTICE_SET_VERSION, PRACTICE_SET_VERSIONS } from '../vocabulary';

const layerType = z.enum(LAYER_TYPES as [LayerType, ...LayerType[]], { error: M.layerType(LAYER_TYPES) });

/** Everything that defines a practice set: the same options give the same networks, forever. */
export const PracticeSetOptions = strictObject(
  {
    // A request without a version has always meant version 1, and still does; new sets name version 2.
    version: z.literal(PRACTICE_SET_VERSIONS, { error: M.version }).default(1),
    seed: z.string({ error: M.seedRequired }).regex(SEED_PATTERN, { error: M.seed }),
    count: z
      .int({ error: M.count })
      .min(1, { error: M.countMin })
      .max(MAX_SET_SIZE, { error: M.countMax })
      .default(DEFAULT_SET_SIZE),
    level: z.literal(SET_LEVELS, { error: M.level }).default(1),
    include: z.array(layerType).max(LAYER_TYPES.length).default([]),
    exclude: z.array(layerType).max(LAYER_TYPES.length).default([]),
    askShapes: z.boolean({ error: M.askShapes }).default(false),
  },
  'a practice set is an object such as {"seed": "week-3", "count": 10, "level": 2}',
).refine((options) => !VERSION_2_LEVELS.includes(options.level) || options.version >= 2, {
  error: (issue) => M.levelOfVersion((issue.input as { level: number }).level),
  path: ['level'],
});

export type PracticeSetOptions = z.output<typeof PracticeSetOptions>;
