import * as z from 'zod';
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

const layerFields = {
  index: z.int().min(0),
  name: z.string().optional().describe("The layer's name, when the request gave one"),
  type: z.enum(LAYER_TYPES as [LayerType, ...LayerType[]]),
  inputShape: shape.describe("The shape it takes (a merge's first input's; inputShapes has all of them)"),
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
  from: z
    .array(z.int().min(-1))
    .optional()
    .describe(
      "In a network that branches: the indexes of the layers whose outputs it takes (-1 is the network's input)",
    ),
  inputShapes: z
    .array(shape)
    .optional()
    .describe('For a layer with several inputs (a merge): every input shape, in order'),
  sharedWith: z
    .int()
    .min(0)
    .optional()
    .describe('For a shared layer called again (reuse): the layer whose weights it uses, where they are counted'),
};

const modelTotals = z.strictObject({ params: count, trainable: count, nonTrainable: count, explanation: z.string() });

/** A layer of a nested model: the same fields, without verdicts (a nested model is answered as a whole). */
export const NestedLayerResult = z.strictObject({
  ...layerFields,
  get model() {
    return NestedModelResult.optional();
  },
});

/** A nested model's own layers and totals (Keras's expand_nested). */
export const NestedModelResult: z.ZodType<NestedModelReport> = z
  .strictObject({ layers: z.array(NestedLayerResult), totals: modelTotals })
  .describe('For a nested model: its own layers and totals; its params are their sum');

export interface NestedModelReport {
  layers: z.infer<typeof NestedLayerResult>[];
  totals: z.infer<typeof modelTotals>;
}

export const LayerResult = z.strictObject({
  ...layerFields,
  model: NestedModelResult.optional(),
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

/** One module of a PyTorch model read from print(model), where model.named_modules() lists it. */
export const PytorchModuleResult = z.strictObject({
  path: z.string().describe('Its name in model.named_modules(), such as "layer1.0.conv1"; "" is the model itself'),
  type: z.string().describe('Its class, as print(model) shows it ("Conv2d", "BasicBlock")'),
  depth: z.int().min(0).describe('0 for the model, 1 for its children, …'),
  line: z.int().min(1).describe('The line of the pasted text it is printed on'),
  kind: z
    .enum(['layer', 'container'])
    .describe('A container is printed with children and counts their parameters too; a layer has none'),
  params: count.describe("Its parameters, its children's included: sum(p.numel() for p in module.parameters())"),
  own: count.describe(
    "Parameters it holds itself: all of a layer's; a container's beside its children (CNBlock's layer_scale)",
  ),
  explanation: z
    .string()
    .describe('The arithmetic: "64 inputs × (64 filters × 3×3) = 36864", or a container\'s children added up'),
});

/** The response to a request with pytorchModel: modules instead of layers with shapes. */
export const PytorchScoreResponse = z.strictObject({
  apiVersion: z.literal('1'),
  source: z.literal('pytorch'),
  convention: z.literal('pytorch'),
  modules: z.array(PytorchModuleResult).describe('Every module, in model.named_modules() order'),
  total: z.strictObject({
    params: count.describe('sum(p.numel() for p in model.parameters())'),
    trainable: count.describe('print(model) does not show requires_grad: all parameters'),
    nonTrainable: count,
    explanation: z.string(),
    answer: CountVerdict.optional(),
  }),
  notes: z.array(z.string()).describe('What the counts assume, and what print(model) cannot show'),
  score: z
    .strictObject({ correct: count, answered: count, possible: count })
    .optional()
    .describe('Present when answers were sent'),
});
