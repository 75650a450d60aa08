import type { z } from 'zod';
import type { LocatedProblem } from '../located-problem';
import type { MistakeCode, ShapeMistakeCode } from '../mistakes';
import type { SchemaKit } from '../schema/layer-kit';
import type { NestedModelReport } from '../schema/score-response';

/** Whose rules count the parameters: Keras (the default) or PyTorch. They differ only for batch normalization. */
export type Convention = 'keras' | 'pytorch';

/** A tensor shape without the batch axis: `[height, width, channels]`, `[steps, channels]`, … or flat `[size]`. */
export type Shape = readonly number[];

/** What one layer does to its input: the shape it produces and what it learns. */
export interface LayerOutcome {
  outputShape: Shape;
  /**
   * The output shape as BigInts, given only when one of its sizes passes 2^53 − 1 (as a number it may be
   * rounded): the refusal that follows quotes it exactly. See `exact.ts`.
   */
  exactShape?: readonly bigint[] | undefined;
  /** Trainable weights (kernels; γ for normalizations). */
  weights: number;
  /** Trainable biases (β for normalizations). */
  biases: number;
  /** Parameters that are stored but not trained (batch normalization's moving statistics). */
  nonTrainable: number;
  /** The arithmetic in the lesson's terms, e.g. `3 inputs × (2 filters × 3×3) + 2 biases = 56`. */
  explanation: string;
  /**
   * The output shape's arithmetic in the lesson's terms, built from the numbers that computed it:
   * `valid padding: height ⌊(15 − 3) / 1⌋ + 1 = 13, width ⌊(16 − 3) / 1⌋ + 1 = 14; 8 filters make 8 channels: 13×14×8`.
   */
  shapeExplanation: string;
  /** Trainable parameters, when not all of weights + biases are (a nested model with frozen layers). */
  trainable?: number;
  /** A call of an earlier layer's weights (`reuse`): that layer's index, where its parameters were counted. */
  sharedWith?: number;
  /** A nested model: its own layers and totals (Keras's `expand_nested`). */
  nested?: NestedModelReport;
}

/**
 * What the network around a layer gives its `apply`: the shapes of all its inputs (two
 * or more for a merge), and, for the two layers that stand for other layers — a second
 * call of shared weights (`reuse`) and a nested model (`model`) — the network's own services.
 */
export interface ApplyContext {
  /** Every input's shape, in order; `[input]` for a layer that takes one. */
  inputs: readonly Shape[];
  /** The layer named `name` applied again to these inputs, and where its weights were counted. */
  reapply: (name: string) => { index: number; params: number; outcome: LayerOutcome } | LayerProblem[];
  /** A nested model's layers analyzed on these inputs (frozen whole when `trainable` is false). */
  analyze: (model: NestedModel, frozen: boolean) => { outcome: LayerOutcome } | LayerProblem[];
}

/** A model used as a layer: its own layers (which may name their `inputs`), input name and outputs. */
export interface NestedModel {
  layers: readonly { type: string }[];
  inputName?: string | undefined;
  outputs?: readonly string[] | undefined;
}

/** Why a layer cannot be applied; `path` is relative to the layer object. */
export type LayerProblem = LocatedProblem;

/**
 * A mistake's code, its value and its message with the corrected step (codes are listed in `mistakes.ts`).
 * The value is formed by + and × like a count, unchecked: one past 2^53 − 1 is never matched nor shown (`mistakes.ts`).
 */
export interface MistakeCandidate {
  code: MistakeCode;
  value: number;
  message: string;
}

/** A shape mistake's code, the output shape it gives and its message with the corrected step. */
export interface ShapeMistakeCandidate {
  code: ShapeMistakeCode;
  shape: Shape;
  message: string;
}

/** What a layer's shape mistakes may look at: the layer, its input and the right output with its arithmetic. */
export interface ShapeMistakeContext<L> {
  layer: L;
  input: Shape;
  output: Shape;
  /** The right output shape's arithmetic, the corrected step each message ends with. */
  shapeExplanation: string;
}

/** One layer's counts as the report gives them (plain numbers). */
export interface LayerFacts {
  index: number;
  name?: string | undefined;
  /** In a network that branches: the indexes of the layers it takes (-1 is the network's input). */
  from?: readonly number[] | undefined;
  inputShape: number[];
  outputShape: number[];
  weights: number;
  biases: number;
  params: number;
  explanation: string;
}

/** What a layer's mistakes may look at: the layer, its report, and the network around it. */
export interface MistakeContext<L> {
  layer: L;
  at: LayerFacts;
  /** The network's input shape. */
  input: readonly number[];
  /** Every layer's facts, for mistakes that look back (a dense layer's image size before flattening). */
  layers: readonly LayerFacts[];
  convention: Convention;
}

/** Colour family of a layer's box in the network picture. */
export type DiagramKind = 'conv' | 'pool' | 'norm' | 'reshape' | 'dense' | 'activation' | 'merge' | 'model' | 'input';

/** A Keras layer config (`model.to_json()`'s `config` of one layer), read loosely. */
export type KerasConfig = Readonly<Record<string, unknown>>;

/** The layer's options from a Keras config, or why Learnable cannot count it as written. */
export type KerasConversion = Record<string, unknown> | { refuse: { key: string; message: string } };

/**
 * Everything about one layer type, in one place (the Keras way: `conv2d.py` owns its
 * parameters, shape and config). `L` is the layer's type as its schema infers it.
 */
export interface LayerSpec<T extends string, L extends { type: T }> {
  type: T;
  /** The layer's zod schema, built from the shared option kit (the kit brings zod in, so this module stays zod-free). */
  schema: (kit: SchemaKit) => z.ZodType<L, unknown>;
  /** The name the lesson uses: `'convolution'`. */
  label: string;
  /** One line on what the layer does and learns, for the API page and the lesson's tables. */
  description: string;
  /**
   * A small example of the layer on an input it fits, for the API page and the registry's own
   * tests; `before` are layers ahead of it that it needs (a merge's second branch, a shared layer).
   */
  example: { input: number[]; before?: readonly ({ type: string } & Record<string, unknown>)[]; layer: L };
  /** A note on the options beyond their names (defaults, forms), for the API page: `'poolSize defaults to 2, strides to poolSize'`. */
  optionNotes?: string;
  keras: {
    /**
     * Keras class names that import as this type; the first is the one shown (`model.summary()`'s).
     * None for `reuse`, which is a second call of a layer rather than a class.
     */
    classes: readonly string[];
    /**
     * The Python module the class is imported from when it is not in `keras.layers` (a model's own
     * layer, such as ConvNeXt's LayerScale): the code then imports it by name and calls it bare.
     */
    module?: string;
    /** What the type goes by where it has no class of its own (an operation: `keras.ops`); the label otherwise. */
    shown?: string;
    /** The layer's options from its Keras config (camelCase, Keras's nulls left out). */
    fromConfig: (config: KerasConfig) => KerasConversion;
    /** One Keras layer call, for "check it yourself": `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`. */
    code: (layer: L) => string;
    /**
     * What the code passes when it calls the layer on its input tensors, when that is not just them: an
     * operation on a tensor and a number is called with both (`Add()(t3, 3.0)`). Such a layer is written
     * in a functional model only (a Sequential model takes layers, not operations).
     */
    callArgs?: (layer: L, inputs: readonly string[]) => string;
  };
  /** PyTorch modules (channels first) with the same counts and shapes, given the layer's input shape. */
  pytorch: (layer: L, input: readonly number[]) => string[];
  /**
   * The layer as arithmetic in a PyTorch `forward`, on its input tensors' names, for a layer that is no module
   * there (a merge, an operation on a number): `(['t1', 't2']) → 't1 + t2'`.
   */
  pytorchForward?: (layer: L, inputs: readonly string[]) => string;
  diagram: { name: string; kind: DiagramKind };
  /** The layer's configuration in words, Keras defaults spelled out: `'2 filters, 3×3 kernel, padding same, stride 1'`. */
  describe: (layer: L) => string;
  /**
   * A merge and the inputs it names, in words, given them as text one by one and together:
   * `({ each: ['layer 4 (conv3)', 'layer 2 (conv1)'], all: 'layers 4 (conv3) and 2 (conv1)' })`
   * → `'adds layers 4 (conv3) and 2 (conv1)'`. A layer without it is said to "take" what it names.
   */
  describeInputs?: (layer: L, inputs: { each: readonly string[]; all: string }) => string;
  /**
   * How many inputs the layer takes: one (the default), two or more for a merge
   * (`{ min: 2 }`), exactly two for subtract and dot, none for a model input.
   */
  arity?: { min: number; max?: number };
  /**
   * Output shape and counts for an input shape (the first input's; `context.inputs` has all
   * of them), or why the layer cannot be applied to it.
   */
  apply: (layer: L, input: Shape, convention: Convention, context: ApplyContext) => LayerOutcome | LayerProblem[];
  /** Values known mistakes give for this layer, beyond the ones every layer shares. */
  mistakes: (context: MistakeContext<L>) => MistakeCandidate[];
  /** Output shapes known mistakes give for this layer (wrong padding, stride left out, …); none when absent. */
  shapeMistakes?: (context: ShapeMistakeContext<L>) => ShapeMistakeCandidate[];
}

/** Checks a spec against its own schema's type: `defineLayer<Conv2dLayer>()({ type: 'conv2d', … })`. */
export const defineLayer =
  <L extends { type: string }>() =>
  (spec: LayerSpec<L['type'], L>): LayerSpec<L['type'], L> =>
    spec;
