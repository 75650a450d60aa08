import { z } from 'zod';
import { ACTIVATIONS } from '../activations';
import { LIMITS } from '../limits';
import { strictObject } from './strict-object';

/** A whole number from `min` (default 1) to `max`, with a message a learner understands. */
const whole = (max: number, what: string, min = 1) =>
  z
    .int({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a whole number`) })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

const AXES: Record<number, string> = { 1: '[length]', 2: '[height, width]', 3: '[depth, height, width]' };

/**
 * An n-D window option: one number for every axis, or one per axis (`[height, width]` in 2-D).
 * 1-D takes `5` or `[5]`, as Keras writes it.
 */
function windowOption<R extends 1 | 2 | 3>(rank: R, max: number, what: string, min = 1) {
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
};

/**
 * The option builders layer modules make their schemas from. Passing the kit in keeps
 * the layer modules free of zod at run time, so browser code can use them without it.
 */
export const kit = {
  z,
  /** A layer object: its own options plus `name` and `trainable`; unknown keys are refused. */
  layer: <S extends z.core.$ZodLooseShape>(shape: S) =>
    strictObject({ ...shape, ...common }, 'a layer must be an object'),
  whole,
  window: windowOption,
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
  convolution: <R extends 1 | 2 | 3, P extends z.ZodType>(rank: R, paddingOption: P) => ({
    strides: windowOption(rank, LIMITS.maxWindow, 'strides').optional(),
    padding: paddingOption.optional(),
    dilationRate: windowOption(rank, LIMITS.maxWindow, 'dilationRate').optional(),
    useBias: useBias.optional(),
    activation: activation.optional(),
    dataFormat: dataFormat.optional(),
  }),
  /** A probability-like rate in [0, 1). */
  rate: (what = 'rate') =>
    z
      .number({ error: `${what} must be a number` })
      .min(0, { error: `${what} must be at least 0` })
      .lt(1, { error: `${what} must be below 1` }),
};

export type SchemaKit = typeof kit;
