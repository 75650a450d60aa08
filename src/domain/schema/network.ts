import { z } from 'zod';
import { LAYER_TYPES, LAYERS, type Layer as AnyLayer, type LayerType } from '../layers';
import { LIMITS } from '../limits';
import { kit } from './layer-kit';
import { strictObject } from './strict-object';

export type { LayerType } from '../layers';
export type Layer = AnyLayer;

/** Each layer type's zod schema, built from its module: `LAYER_SCHEMAS.dense.parse({type: 'dense', units: 2})`. */
export const LAYER_SCHEMAS = Object.fromEntries(
  LAYER_TYPES.map((type) => [type, LAYERS[type].schema(kit)]),
) as unknown as {
  [T in LayerType]: z.ZodObject<z.core.$ZodLooseShape, z.core.$strict> & z.ZodType<Extract<AnyLayer, { type: T }>>;
};

export const Layer = z.discriminatedUnion(
  'type',
  LAYER_TYPES.map((type) => LAYER_SCHEMAS[type]) as unknown as [z.ZodObject<{ type: z.ZodLiteral<LayerType> }>],
  { error: (issue) => unknownLayerMessage(issue.input) },
) as unknown as z.ZodType<AnyLayer, unknown>;

export { LAYER_TYPES };

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

const size = (what: string) => kit.whole(LIMITS.maxInputSize, what);

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
export const InputShape = z
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

export const Network = strictObject(
  {
    input: InputShape,
    layers: z
      .array(Layer, { error: 'layers must be a list of layers' })
      .min(1, { error: 'a network needs at least one layer' })
      .max(LIMITS.maxLayers, { error: `a network may have at most ${LIMITS.maxLayers} layers` }),
  },
  'network must be an object with "input" ([height, width, channels]) and "layers"',
);

export type Network = { input: number[]; layers: Layer[] };
