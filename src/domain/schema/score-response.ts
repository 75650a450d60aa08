import { z } from 'zod';
import { MISTAKE_CODES, SHAPE_MISTAKE_CODES } from '../mistakes';
import { LAYER_TYPES, type LayerType } from './network';

const count = z.int().min(0);
const shape = z.array(z.int().min(1)).min(1).max(4);

/** A wrong answer that is right given the learner's own earlier answers: it follows from that earlier slip. */
const carriedFields = {
  carriedForward: z
    .literal(true)
    .optional()
    .describe("Present on a wrong answer that is right given the learner's own earlier answers"),
  followsFrom: z
    .int()
    .min(0)
    .optional()
    .describe('With carriedForward: the index of the layer whose answer holds the earlier slip'),
};

export const Mistake = z.strictObject({
  code: z.enum(MISTAKE_CODES).describe('Stable, machine-readable name of the mistake'),
  message: z.string().describe('The mistake in plain words, with the corrected step'),
});

export const CountVerdict = z.strictObject({
  submitted: z.union([count, z.string()]).describe('The answer as sent'),
  correct: z.boolean(),
  mistakes: z
    .array(Mistake)
    .optional()
    .describe('For a wrong answer: every known mistake that gives it (may be empty)'),
  feedback: z.string().optional().describe('For a wrong answer: one message for the learner'),
  ...carriedFields,
});

export const ShapeMistake = z.strictObject({
  code: z.enum(SHAPE_MISTAKE_CODES).describe('Stable, machine-readable name of the shape mistake'),
  message: z.string().describe('The mistake in plain words, with the corrected arithmetic'),
});

export const ShapeVerdict = z.strictObject({
  submitted: shape,
  correct: z.boolean(),
  mistakes: z
    .array(ShapeMistake)
    .optional()
    .describe('For a wrong shape: every known mistake that gives it (may be empty)'),
  feedback: z.string().optional().describe('For a wrong shape: one message for the learner'),
  ...carriedFields,
});

export const LayerResult = z.strictObject({
  index: z.int().min(0),
  name: z.string().optional().describe("The layer's name, when the request gave one"),
  type: z.enum(LAYER_TYPES as [LayerType, ...LayerType[]]),
  inputShape: shape,
  outputShape: shape,
  weights: count,
  biases: count,
  trainable: count,
  nonTrainable: count,
  params: count.describe('All parameters, as Keras summary() shows them'),
  explanation: z.string().describe('The arithmetic, e.g. "3 inputs × (2 filters × 3×3) + 2 biases = 56"'),
  shapeExplanation: z
    .string()
    .describe(
      'The output shape\'s arithmetic, e.g. "valid padding: height ⌊(15 − 3) / 1⌋ + 1 = 13, width ⌊(16 − 3) / 1⌋ + 1 = 14; 8 filters make 8 channels: 13×14×8"',
    ),
  answer: CountVerdict.optional(),
  outputShapeAnswer: ShapeVerdict.optional(),
});

export const ScoreResponse = z.strictObject({
  apiVersion: z.literal('1'),
  convention: z.enum(['keras', 'pytorch']),
  input: shape,
  layers: z.array(LayerResult),
  total: z.strictObject({
    params: count,
    trainable: count,
    nonTrainable: count,
    explanation: z.string(),
    answer: CountVerdict.optional(),
  }),
  score: z
    .strictObject({
      correct: count,
      carriedForward: count.describe('Wrong answers that follow from an earlier slip (not counted as correct)'),
      answered: count,
      possible: count,
    })
    .optional()
    .describe('Present when answers were sent'),
});
