import * as z from 'zod';
import { LAYER_TYPES, LAYERS, type Layer as AnyLayer, type LayerType } from '../layers';
import { LIMITS } from '../limits';
import { withCompiledMethods, withCompiledParser } from '#compiled-parsers';
import { kit, type SchemaKit } from './layer-kit';
import { strictObject } from './strict-object';

export type { LayerType } from '../layers';
export type Layer = AnyLayer;

/**
 * The network's schemas, built from a kit; `each` wraps each layer type's schema (the one used
 * below installs zod's compiled parser, see `compiled.ts`).
 */
export function networkSchemas(
  k: SchemaKit,
  each: <S extends z.ZodType>(layer: S, type: LayerType) => S = (layer) => layer,
  option: (type: LayerType, schema: () => z.ZodType) => z.ZodType = lazyOption,
) {
  type LayerSchemas = {
    [T in LayerType]: z.ZodObject<z.core.$ZodLooseShape, z.core.$strict> & z.ZodType<Extract<AnyLayer, { type: T }>>;
  };
  /**
   * Each layer type's zod schema, built from its module the first time it is used (a property read):
   * `LAYER_SCHEMAS.dense.parse({type: 'dense', units: 2})`. Building all 70 took about a third of the
   * function's import (`npm run bench -- bundle`), and a request uses the few types its network has.
   */
  const LAYER_SCHEMAS = {} as LayerSchemas;
  for (const type of LAYER_TYPES) {
    Object.defineProperty(LAYER_SCHEMAS, type, {
      enumerable: true,
      configurable: true,
      get() {
        const schema = each(LAYERS[type].schema(k), type);
        Object.defineProperty(LAYER_SCHEMAS, type, { value: schema, enumerable: true });
        return schema;
      },
    });
  }

  const Layer = z.discriminatedUnion(
    'type',
    LAYER_TYPES.map((type) => option(type, () => LAYER_SCHEMAS[type])) as unknown as [
      z.ZodObject<{ type: z.ZodLiteral<LayerType> }>,
    ],
    { error: (issue) => unknownLayerMessage(issue.input) },
  ) as unknown as z.ZodType<AnyLayer, unknown>;

  /** A list of layers: a network's, or a nested model's (which is itself a layer). */
  const LayerList = z
    .array(Layer, { error: 'layers must be a list of layers' })
    .min(1, { error: 'a network needs at least one layer' })
    .max(LIMITS.maxLayers, { error: `a network may have at most ${LIMITS.maxLayers} layers` });

  const Network = strictObject(
    {
      input: k.shape,
      /** The name layers use to take the input (`inputs: ["image"]`); `"input"` when left out. */
      inputName: k.name('inputName').optional(),
      layers: LayerList,
      /** The layers whose outputs are the model's (Keras's `outputs`); the last layer when left out. */
      outputs: z
        .array(k.name('an output name'), { error: 'outputs must be a list of layer names, such as ["logits"]' })
        .min(1, { error: 'outputs must name at least one layer (leave it out for the last layer)' })
        .max(LIMITS.maxInputs, { error: `a network has at most ${LIMITS.maxInputs} outputs` })
        .optional(),
    },
    'network must be an object with "input" ([height, width, channels]) and "layers"',
  ) as unknown as z.ZodType<Network, unknown>;

  return { LAYER_SCHEMAS, Layer, LayerList, Network };
}

// A nested model's schema refers to the layer list itself, which zod cannot compile (and which is
// not built yet here); its layers parse through their own compiled types.
const schemas = networkSchemas(kit, (schema, type) => (type === 'model' ? schema : withCompiledParser(schema)));
kit.setNestedLayers(schemas.LayerList);

let compilable: z.ZodType | undefined;

/**
 * The network schema as zod's compiler can read it: the same schema, but each layer is parsed by its own
 * type's schema above, which the compiler calls and does not look into. The network itself cannot be
 * compiled (a nested model's layers are the layer list again), nor should it be: every layer type would be
 * built and written into one function. A request's input, layer list and union are then one generated
 * function, and each layer its type's (`compiled.ts`).
 */
export function compilableNetwork(): z.ZodType {
  compilable ??= networkSchemas(
    kit,
    (schema) => schema,
    (type) => layerOf(type, () => schemas.LAYER_SCHEMAS[type]),
  ).Network as z.ZodType;
  return compilable;
}

export const { LAYER_SCHEMAS, Layer, LayerList } = schemas;

/** The network schema; parsed with zod's compiled parser from its second parse on (`compiled.ts`). */
export const Network = withCompiledMethods(schemas.Network, compilableNetwork);

export { LAYER_TYPES };

/**
 * A union option that builds its layer type's schema when a layer of that type is parsed (or a JSON Schema
 * is drawn from it). The union reads each option's `type` values (zod's `propValues`) to choose one, which a
 * `z.lazy` would answer by building its schema; so the option says its one value itself.
 */
function lazyOption(type: LayerType, schema: () => z.ZodType) {
  return sayingType(z.lazy(schema), type);
}

/**
 * A union option for zod's compiler (`compilableNetwork`): a layer of `type`, parsed by that type's schema as a
 * whole (its compiled parser once it has one). The compiler calls it without reading it (a transform is a leaf
 * to it), so no layer type is built or written into the network's parser; a layer it refuses sends the whole
 * parse to the network's own schema, for the issues. It says its `type` as `lazyOption` does.
 */
function layerOf(type: LayerType, schema: () => z.ZodType) {
  const option = z.transform((value: unknown, payload) => {
    const result = schema()._zod.run({ value, issues: [] }, {});
    if (result instanceof Promise || result.issues.length > 0) {
      payload.issues.push({ code: 'custom', message: 'refused', input: value });
      return z.NEVER;
    }
    return result.value;
  });
  return sayingType(option, type);
}

/** The option, saying to the union which `type` it takes (zod's `propValues`), so the union need not read it. */
function sayingType<O extends z.ZodType>(option: O, type: LayerType): O {
  Object.defineProperty(option._zod, 'propValues', {
    value: { type: new Set([type]) },
    configurable: true,
    writable: true,
  });
  return option;
}

/** The message for a layer of no known type, or not an object. */
export function unknownLayerMessage(input: unknown): string {
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

/** The input shape, channels last without the batch axis: `[size]`, `[steps, channels]`, `[h, w, c]` or `[d, h, w, c]`. */
export const InputShape = kit.shape;

export type Network = {
  input: number[];
  inputName?: string | undefined;
  layers: Layer[];
  outputs?: string[] | undefined;
};
