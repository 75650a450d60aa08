import * as z from 'zod';
import { ACTIVATIONS } from '../activations';
import { LIMITS } from '../limits';
import { strictObject } from './strict-object';

/**
 * `build`, made once per distinct arguments (numbers, strings, or schemas by identity): zod schemas are
 * immutable, so layer types that take the same option share its schema, and a cold start builds ~200
 * fewer of them at import: `const upTo = once((max: number) => z.int().max(max)); upTo(3) === upTo(3)`.
 */
function once<A extends (number | string | object)[], R>(build: (...args: A) => R): (...args: A) => R {
  const made = new Map<unknown, unknown>();
  return (...args) => {
    let level = made;
    for (const arg of args.slice(0, -1)) {
      const next = (level.get(arg) as Map<unknown, unknown> | undefined) ?? new Map<unknown, unknown>();
      level.set(arg, next);
      level = next;
    }
    const last = args.length === 0 ? undefined : args[args.length - 1];
    if (!level.has(last)) level.set(last, build(...args));
    return level.get(last) as R;
  };
}

/** A whole number from `min` (default 1) to `max`, with a message a learner understands. */
const wholeFrom = (max: number, what: string, min: number) =>
  z
    .int({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a whole number`) })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });
const wholeOnce = once(wholeFrom);
const whole = (max: number, what: string, min = 1) => wholeOnce(max, what, min);

const AXES: Record<number, string> = { 1: '[length]', 2: '[height, width]', 3: '[depth, height, width]' };

/**
 * An n-D window option: one number for every axis, or one per axis (`[height, width]` in 2-D).
 * 1-D takes `5` or `[5]`, as Keras writes it.
 */
function windowOptionFrom<R extends 1 | 2 | 3>(rank: R, max: number, what: string, min: number) {
  const one = whole(max, what, min);
  const axes = z.tuple(Array.from({ length: rank }, () => one) as [typeof one, ...(typeof one)[]]);
  return z.union([one, axes], {
    error: (issue) =>
      issue.input === undefined
        ? `${what} is required`
        : rank === 1
          ? `${what} must be a whole number from ${min} to ${max}, or a list [n] of one`
          : `${what} must be a whole number from ${min} to ${max}, or a ${rank === 2 ? 'pair' : 'list'} ${AXES[rank]} of them`,
  }) as unknown as z.ZodUnion<[typeof one, z.ZodType<WindowTuple<R>>]>;
}
const windowOnce = once(windowOptionFrom);
const windowOption = <R extends 1 | 2 | 3>(rank: R, max: number, what: string, min = 1) =>
  windowOnce(rank, max, what, min) as ReturnType<typeof windowOptionFrom<R>>;

type WindowTuple<R extends number> = R extends 1 ? [number] : R extends 2 ? [number, number] : [number, number, number];

const activation = z.enum(ACTIVATIONS, {
  error: `activation must be a Keras activation name such as "relu" (known: ${ACTIVATIONS.join(', ')})`,
});
const useBias = z.boolean({ error: 'useBias must be true or false' });
const padding = z.enum(['valid', 'same'], { error: 'padding must be "valid" or "same"' });
/** 1-D layers other than Conv1D: Keras allows "causal" on Conv1D only. */
const padding1d = z.enum(['valid', 'same'], {
  error: 'padding must be "valid" or "same" (Keras allows "causal" on Conv1D only)',
});
const dataFormat = z.enum(['channels_last', 'channels_first'], {
  error: 'dataFormat must be "channels_last" (the default) or "channels_first"',
});

/** Options every layer may carry: a name (kept and shown) and `trainable: false` to freeze it. */
const common = {
  name: z
    .string({ error: 'name must be a string' })
    .min(1, { error: 'name must not be empty' })
    .max(LIMITS.maxName, { error: `name must be at most ${LIMITS.maxName} characters` })
    .optional(),
  trainable: z.boolean({ error: 'trainable must be true or false' }).optional(),
  /** The names of the layers (or model inputs) this one takes; without it, the previous layer's output. */
  inputs: z
    .array(
      z
        .string({ error: 'inputs must list layer names (strings)' })
        .min(1, { error: 'an input name must not be empty' })
        .max(LIMITS.maxName, { error: `an input name has at most ${LIMITS.maxName} characters` }),
      { error: 'inputs must be a list of the names of earlier layers or of model inputs, such as ["conv_1"]' },
    )
    .min(1, { error: 'inputs must name at least one layer (leave it out to take the previous layer)' })
    .max(LIMITS.maxInputs, { error: `a layer takes at most ${LIMITS.maxInputs} inputs` })
    .optional(),
};

/** The layer list of a nested model, set by `schema/network.ts` once the whole union exists (it contains itself). */
const nested: { layers?: z.ZodType } = {};

const size = (what: string) => whole(LIMITS.maxInputSize, what);

/** One tuple per input rank, so a message names the axis ("input height must be at least 1"). */
const RANKS = [
  z.tuple([size('input size')]),
  z.tuple([size('input steps'), size('input channels')]),
  z.tuple([size('input height'), size('input width'), size('input channels')]),
  z.tuple([size('input depth'), size('input height'), size('input width'), size('input channels')]),
] as const;

const RANK_MESSAGE =
  'input must be [size], [steps, channels], [height, width, channels] or [depth, height, width, channels] (channels last)';

/** The input shape, channels last without the batch axis: `[size]`, `[steps, channels]`, `[h, w, c]` or `[d, h, w, c]`. */
const inputShape = z
  .array(z.unknown(), { error: RANK_MESSAGE })
  .min(1, { error: RANK_MESSAGE })
  .max(4, { error: RANK_MESSAGE })
  .transform((shape, context): number[] => {
    const parsed = (RANKS[shape.length - 1] ?? RANKS[2]).safeParse(shape);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      context.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: shape });
    }
    return z.NEVER;
  })
  .meta({
    description: RANK_MESSAGE,
    override: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: LIMITS.maxInputSize },
      minItems: 1,
      maxItems: 4,
    },
  });

function convolutionOptions<R extends 1 | 2 | 3, P extends z.ZodType>(rank: R, paddingOption: P) {
  return {
    strides: windowOption(rank, LIMITS.maxWindow, 'strides').optional(),
    padding: paddingOption.optional(),
    dilationRate: windowOption(rank, LIMITS.maxWindow, 'dilationRate').optional(),
    useBias: useBias.optional(),
    activation: activation.optional(),
    dataFormat: dataFormat.optional(),
  };
}
const convolutionOnce = once(convolutionOptions);

const rateOnce = once((what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(0, { error: `${what} must be at least 0` })
    .lt(1, { error: `${what} must be below 1` }),
);

/**
 * The option builders layer modules make their schemas from. Passing the kit in keeps
 * the layer modules free of zod at run time, so browser code can use them without it.
 */
export const kit = {
  /**
   * The zod builders layer modules call (`k.z.literal('dense')`), each by name: the whole
   * namespace kept as a value would keep all of zod, its 40-odd locales too, in every bundle.
   */
  z: {
    array: z.array,
    boolean: z.boolean,
    enum: z.enum,
    int: z.int,
    literal: z.literal,
    number: z.number,
    tuple: z.tuple,
    union: z.union,
  },
  /**
   * A layer object: its own options plus `name`, `trainable` and `inputs` (a module may make
   * one of these stricter, as `input` requires its name); unknown keys are refused.
   */
  layer: <S extends z.core.$ZodLooseShape>(shape: S) =>
    strictObject(
      {
        ...shape,
        ...Object.fromEntries(Object.entries(common).filter(([key]) => !(key in shape))),
      } as S & Omit<typeof common, keyof S>,
      'a layer must be an object',
    ),
  whole,
  /** A tensor shape as the network's input gives it: `[28, 28, 1]`, with a message per axis. */
  shape: inputShape,
  window: windowOption,
  /** The layers of a model used as a layer (the network's own layer schema, recursively). */
  nestedLayers: z.lazy(() => {
    if (!nested.layers) throw new Error('the layer union is not built yet');
    return nested.layers;
  }),
  /** Called once by `schema/network.ts` with the layer list's schema. */
  setNestedLayers: (schema: z.ZodType) => {
    nested.layers = schema;
  },
  /** A name another layer refers to (a model's input name, a shared layer's name). */
  name: once((what: string) =>
    z
      .string({ error: `${what} must be a string` })
      .min(1, { error: `${what} must not be empty` })
      .max(LIMITS.maxName, { error: `${what} must be at most ${LIMITS.maxName} characters` }),
  ),
  padding,
  padding1d,
  dataFormat,
  useBias,
  filters: whole(LIMITS.maxUnits, 'filters'),
  units: whole(LIMITS.maxUnits, 'units'),
  depthMultiplier: whole(LIMITS.maxUnits, 'depthMultiplier'),
  activation,
  /**
   * The options every convolution takes after its kernel, in Keras's order: strides, padding,
   * dilationRate, useBias, activation, dataFormat: `k.layer({ …, ...k.convolution(2, k.padding) })`.
   */
  convolution: <R extends 1 | 2 | 3, P extends z.ZodType>(rank: R, paddingOption: P) =>
    convolutionOnce(rank, paddingOption) as ReturnType<typeof convolutionOptions<R, P>>,
  /** A probability-like rate in [0, 1). */
  rate: (what = 'rate') => rateOnce(what),
};

export type SchemaKit = typeof kit;
