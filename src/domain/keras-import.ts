import { z } from 'zod';
import type { LocatedProblem } from './located-problem';
import { fail, ok, type Result } from './result';
import { LAYER_TYPES, LAYERS, type LayerType } from './layers';
import { snakeCase } from './layers/internal/keras-config';
import { article } from './layers/internal/text';
import { Network } from './schema/network';

/** A problem in pasted Keras JSON; `path` points into that JSON. */
export type ImportProblem = LocatedProblem;

/** A Keras layer entry; its config is read by the layer's own module and checked by our schema. */
const KerasLayer = z.looseObject({
  class_name: z.string({ error: 'a layer entry needs a "class_name" string' }),
  config: z.record(z.string(), z.unknown(), { error: 'a layer entry needs a "config" object' }),
});

/** What Keras's `model.to_json()` (and TensorFlow.js's `model.toJSON()`) writes for a Sequential model. */
export const KerasModel = z.looseObject({
  class_name: z.literal('Sequential', { error: 'only Sequential models can be imported' }),
  config: z.union(
    [
      z.looseObject({ layers: z.array(z.unknown()).min(1, { error: 'the model has no layers' }) }),
      z.array(z.unknown()).min(1, { error: 'the model has no layers' }), // very old Keras wrote the layer list directly
    ],
    { error: 'config must be an object with "layers" (or, in very old Keras, the list of layers)' },
  ),
});

/** Keras class name → our layer type, every alias included: `CLASSES.get('Convolution2D') → 'conv2d'`. */
export const KERAS_CLASSES: ReadonlyMap<string, LayerType> = new Map(
  LAYER_TYPES.flatMap((type) => LAYERS[type].keras.classes.map((name) => [name, type] as const)),
);

/** The Keras classes that import, for messages: `'Conv2D, Convolution2D, …'`. */
const SUPPORTED = [...KERAS_CLASSES.keys()].join(', ');

/** A list of sizes from a Keras shape, null for the batch axis. */
const declaredShape = (value: unknown): (number | null)[] | undefined =>
  Array.isArray(value) && value.every((v) => v === null || Number.isInteger(v))
    ? (value as (number | null)[])
    : undefined;

/** An imported network, and where in the Keras JSON each of its layers came from. */
export interface ImportedModel {
  network: Network;
  /** `layerPaths[i]` is the path of layer i's entry in the Keras JSON, e.g. `['config', 'layers', 1]`. */
  layerPaths: (string | number)[][];
}

/**
 * Where a problem found in the imported network lies in the Keras JSON:
 * `['layers', 0, 'kernelSize']` → `['config', 'layers', 1, 'config', 'kernel_size']`.
 */
export function locateInKeras(layerPaths: ImportedModel['layerPaths'], path: (string | number)[]): (string | number)[] {
  const [head, index, option, ...rest] = path;
  const entry = head === 'layers' && typeof index === 'number' ? layerPaths[index] : undefined;
  if (!entry) return layerPaths[0]?.slice(0, -1) ?? [];
  if (option === undefined) return entry;
  // A wrong layer "type" is the class name; anything else is an option of its config.
  if (option === 'type') return [...entry, 'class_name'];
  return [...entry, 'config', typeof option === 'string' ? snakeCase(option) : option, ...rest];
}

/**
 * Turns the JSON of a Keras Sequential model (`model.to_json()`, Keras 2 or 3, or
 * TensorFlow.js `model.toJSON()`) into a network in the API's format.
 * `importKerasModel('{"class_name":"Sequential",…}')` → `{ ok: true, value: { input, layers } }`.
 */
export function importKerasModel(json: unknown): Result<ImportedModel, ImportProblem[]> {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      return fail([{ path: [], message: `not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}` }]);
    }
  }
  const parsed = KerasModel.safeParse(data);
  if (!parsed.success)
    return fail(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
  const list = Array.isArray(parsed.data.config) ? parsed.data.config : parsed.data.config.layers;
  const base: (string | number)[] = Array.isArray(parsed.data.config) ? ['config'] : ['config', 'layers'];

  let input: (number | null)[] | undefined;
  const layers: unknown[] = [];
  const positions: number[] = [];
  const problems: ImportProblem[] = [];
  const hasInputLayer = list.some((entry) => (entry as { class_name?: unknown })?.class_name === 'InputLayer');
  const numbering = hasInputLayer
    ? `numbered from 0 as in config.layers, where the InputLayer is layer 0`
    : `numbered from 0 as in config.layers`;
  for (const [index, raw] of list.entries()) {
    const at = [...base, index];
    const entry = KerasLayer.safeParse(raw);
    if (!entry.success) {
      problems.push(
        ...entry.error.issues.map((i) => ({ path: [...at, ...(i.path as (string | number)[])], message: i.message })),
      );
      continue;
    }
    const { class_name: className, config } = entry.data;
    const declared = declaredShape(config['batch_shape']) ?? declaredShape(config['batch_input_shape']);
    if (declared && input === undefined) input = declared;
    if (className === 'InputLayer') continue;
    const type = KERAS_CLASSES.get(className);
    if (!type) {
      problems.push({
        path: [...at, 'class_name'],
        message: `layer ${index} (${numbering}) is ${article(className)} ${className}, which Learnable does not count yet; supported: ${SUPPORTED}`,
      });
      continue;
    }
    const converted = LAYERS[type].keras.fromConfig(config);
    if ('refuse' in converted && typeof converted['refuse'] === 'object') {
      const { key, message } = converted['refuse'] as { key: string; message: string };
      problems.push({ path: [...at, 'config', key], message });
      continue;
    }
    layers.push({ type, ...converted });
    positions.push(index);
  }
  if (problems.length > 0) return fail(problems);
  if (!input) {
    return fail([
      { path: base, message: 'the model declares no input shape (an InputLayer, batch_shape or batch_input_shape)' },
    ]);
  }
  const dims = input.slice(1);
  if (dims.length < 1 || dims.length > 4 || dims.some((d) => d === null)) {
    return fail([
      {
        path: base,
        message: `the input shape ${JSON.stringify(input)} is not [batch, …sizes] with 1 to 4 known sizes (such as [null, 28, 28, 1])`,
      },
    ]);
  }
  const network = Network.safeParse({ input: dims, layers });
  const layerPaths = positions.map((p) => [...base, p]);
  if (!network.success) {
    return fail(
      network.error.issues.map((issue) => ({
        path: locateInKeras(layerPaths, issue.path as (string | number)[]),
        message: issue.message,
      })),
    );
  }
  return ok({ layerPaths, network: network.data });
}
