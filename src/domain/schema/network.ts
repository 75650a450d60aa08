import { z } from 'zod';
import { LIMITS } from '../limits';
import { strictObject } from './strict-object';

/** A whole number from 1 to `max`, with a message a learner understands. */
const positive = (max: number, what: string) =>
  z
    .int({ error: (issue) => (issue.input === undefined ? `${what} is required` : `${what} must be a whole number`) })
    .min(1, { error: `${what} must be at least 1` })
    .max(max, { error: `${what} must be at most ${max}` });

/** A 2-D option: one number for both axes, or `[height, width]`. */
const pair = (max: number, what: string) =>
  z.union([positive(max, what), z.tuple([positive(max, what), positive(max, what)])], {
    error: (issue) =>
      issue.input === undefined
        ? `${what} is required`
        : `${what} must be a whole number from 1 to ${max}, or a pair [height, width] of them`,
  });

const layer = <S extends z.core.$ZodLooseShape>(shape: S) => strictObject(shape, 'a layer must be an object');

const kernelSize = pair(LIMITS.maxWindow, 'kernelSize');
const strides = pair(LIMITS.maxWindow, 'strides');
const dilationRate = pair(LIMITS.maxWindow, 'dilationRate');
const poolSize = pair(LIMITS.maxWindow, 'poolSize');
const padding = z.enum(['valid', 'same'], { error: 'padding must be "valid" or "same"' });
const useBias = z.boolean({ error: 'useBias must be true or false' });
const filters = positive(LIMITS.maxUnits, 'filters');
const depthMultiplier = positive(LIMITS.maxUnits, 'depthMultiplier');

export const Conv2dLayer = layer({
  type: z.literal('conv2d'),
  filters,
  kernelSize,
  groups: positive(LIMITS.maxUnits, 'groups').optional(),
  strides: strides.optional(),
  padding: padding.optional(),
  dilationRate: dilationRate.optional(),
  useBias: useBias.optional(),
});

export const DepthwiseConv2dLayer = layer({
  type: z.literal('depthwiseConv2d'),
  kernelSize,
  depthMultiplier: depthMultiplier.optional(),
  strides: strides.optional(),
  padding: padding.optional(),
  dilationRate: dilationRate.optional(),
  useBias: useBias.optional(),
});

export const SeparableConv2dLayer = layer({
  type: z.literal('separableConv2d'),
  filters,
  kernelSize,
  depthMultiplier: depthMultiplier.optional(),
  strides: strides.optional(),
  padding: padding.optional(),
  dilationRate: dilationRate.optional(),
  useBias: useBias.optional(),
});

export const Conv2dTransposeLayer = layer({
  type: z.literal('conv2dTranspose'),
  filters,
  kernelSize,
  strides: strides.optional(),
  padding: padding.optional(),
  dilationRate: dilationRate.optional(),
  useBias: useBias.optional(),
});

const pooling = <T extends string>(type: T) =>
  layer({
    type: z.literal(type),
    poolSize: poolSize.optional(),
    strides: strides.optional(),
    padding: padding.optional(),
  });

export const MaxPooling2dLayer = pooling('maxPooling2d');
export const AveragePooling2dLayer = pooling('averagePooling2d');
export const GlobalAveragePooling2dLayer = layer({ type: z.literal('globalAveragePooling2d') });
export const GlobalMaxPooling2dLayer = layer({ type: z.literal('globalMaxPooling2d') });
export const BatchNormalizationLayer = layer({ type: z.literal('batchNormalization') });
export const FlattenLayer = layer({ type: z.literal('flatten') });

export const DenseLayer = layer({
  type: z.literal('dense'),
  units: positive(LIMITS.maxUnits, 'units'),
  useBias: useBias.optional(),
});

export const DropoutLayer = layer({
  type: z.literal('dropout'),
  rate: z
    .number({ error: 'rate must be a number' })
    .min(0, { error: 'rate must be at least 0' })
    .lt(1, { error: 'rate must be below 1' }),
});

const side = z
  .int({ error: 'padding must be a whole number' })
  .min(0, { error: 'padding must be at least 0' })
  .max(LIMITS.maxPadding, { error: `padding must be at most ${LIMITS.maxPadding}` });

export const ZeroPadding2dLayer = layer({
  type: z.literal('zeroPadding2d'),
  padding: z
    .union([side, z.tuple([side, side]), z.tuple([z.tuple([side, side]), z.tuple([side, side])])], {
      error:
        'padding must be n, [rows, columns] or [[top, bottom], [left, right]] with whole numbers from 0 to ' +
        LIMITS.maxPadding,
    })
    .optional(),
});

export const Layer = z.discriminatedUnion(
  'type',
  [
    Conv2dLayer,
    DepthwiseConv2dLayer,
    SeparableConv2dLayer,
    Conv2dTransposeLayer,
    MaxPooling2dLayer,
    AveragePooling2dLayer,
    GlobalAveragePooling2dLayer,
    GlobalMaxPooling2dLayer,
    BatchNormalizationLayer,
    FlattenLayer,
    DenseLayer,
    DropoutLayer,
    ZeroPadding2dLayer,
  ],
  { error: (issue) => unknownLayerMessage(issue.input) },
);

/** Every layer type the engine knows, in the order the lesson introduces them. */
export const LAYER_TYPES = Layer.options.map((o) => o.shape.type.value);

function unknownLayerMessage(input: unknown): string {
  const type =
    typeof input === 'object' && input !== null && 'type' in input ? (input as { type: unknown }).type : undefined;
  const known = `known types: ${LAYER_TYPES.join(', ')}`;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return `a layer must be an object such as {"type": "dense", "units": 10} (${known})`;
  }
  if (type === undefined) return `a layer needs a "type" (${known})`;
  // Quote only short strings: a request may put anything (a huge or deeply nested value) here.
  const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : `of JSON type ${typeof type}`;
  return `unknown layer type ${shown} (${known})`;
}

const inputSize = (what: string) => positive(LIMITS.maxInputSize, what);

export const Network = strictObject(
  {
    input: z.tuple([inputSize('input height'), inputSize('input width'), inputSize('input channels')], {
      error: 'input must be [height, width, channels] (channels last)',
    }),
    layers: z
      .array(Layer, { error: 'layers must be a list of layers' })
      .min(1, { error: 'a network needs at least one layer' })
      .max(LIMITS.maxLayers, { error: `a network may have at most ${LIMITS.maxLayers} layers` }),
  },
  'network must be an object with "input" ([height, width, channels]) and "layers"',
);

export type Layer = z.infer<typeof Layer>;
export type LayerType = Layer['type'];
export type Network = z.infer<typeof Network>;
