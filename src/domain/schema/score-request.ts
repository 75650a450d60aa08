import { z } from 'zod';
import { Network } from './network';
import { strictObject } from './strict-object';

/** Digits, optionally grouped in threes by commas, spaces or underscores: "2402", "2,402", "1 200 000". */
export const DIGITS = /^(?:\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:_\d{3})+)$/;

const COUNT_ANSWER = 'an answer must be a whole number of 0 or more, a string of digits such as "2,402", or null';

/** One submitted count: a whole number, a digit string, or null when not answered. */
export const CountAnswer = z
  .union(
    [
      z
        .int({
          // z.int() itself refuses numbers past 2^53 − 1, as "too big".
          error: (issue) =>
            issue.code === 'too_big'
              ? 'an answer must be below 2^53 (send larger numbers as digit strings)'
              : COUNT_ANSWER,
        })
        .min(0, { error: 'an answer cannot be negative' }),
      z.string().trim().max(40, { error: 'an answer has at most 40 digits' }).regex(DIGITS, {
        error: 'an answer must be digits, optionally grouped in threes by commas, spaces or underscores ("2,402")',
      }),
    ],
    { error: COUNT_ANSWER },
  )
  .nullable();

/** One submitted output shape, e.g. `[20, 20, 2]` or `[1200]`, or null when not answered. */
export const ShapeAnswer = z
  .array(z.int({ error: 'a shape holds whole numbers' }).min(1, { error: 'a shape holds numbers of at least 1' }), {
    error: 'an output shape must be a list such as [20, 20, 2], or null',
  })
  .min(1, { error: 'an output shape has at least one dimension' })
  .max(3, { error: 'an output shape has at most three dimensions (height, width, channels)' })
  .nullable();

export const Answers = strictObject(
  {
    layers: z.array(CountAnswer, { error: 'answers.layers must be a list with one answer per layer' }).optional(),
    total: CountAnswer.optional(),
    outputShapes: z
      .array(ShapeAnswer, { error: 'answers.outputShapes must be a list with one shape per layer' })
      .optional(),
  },
  'answers must be an object such as {"layers": [56, 57, 0, 2402], "total": 2515}',
);

export const ScoreRequest = strictObject(
  {
    network: Network.optional(),
    /** The JSON Keras's `model.to_json()` writes (an object, or the string itself), instead of `network`. */
    kerasModel: z.unknown().optional(),
    answers: Answers.optional(),
    convention: z
      .enum(['keras', 'pytorch'], { error: 'convention must be "keras" (the default) or "pytorch"' })
      .optional(),
  },
  'the request body must be a JSON object such as {"network": {...}, "answers": {...}}',
).superRefine((request, ctx) => {
  if ((request.network === undefined) === (request.kerasModel === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: request.network === undefined ? ['network'] : ['kerasModel'],
      message:
        request.network === undefined
          ? 'network must be an object with "input" and "layers" (or send a Keras model as "kerasModel")'
          : 'send either "network" or "kerasModel", not both',
    });
  }
});

export type CountAnswer = z.infer<typeof CountAnswer>;
export type ShapeAnswer = z.infer<typeof ShapeAnswer>;
export type Answers = z.infer<typeof Answers>;
export type ScoreRequest = z.infer<typeof ScoreRequest>;
