import * as z from 'zod';
import { LIMITS } from './limits';
import type { LocatedProblem } from './located-problem';
import { fail, ok, type Result } from './result';
import { LAYER_TYPES, LAYERS, type LayerType } from './layers';
import { CONSTANT_OP_CLASSES, CONSTANT_OPS } from './layers/constant-op';
import { snakeCase } from './layers/internal/keras-config';
import { tuple } from './layers/internal/python';
import { article } from './layers/internal/text';
import { Network } from './schema/network';

/** A problem in pasted Keras JSON; `path` points into that JSON. */
export type ImportProblem = LocatedProblem;

type Path = (string | number)[];

/** A Keras layer entry; its config is read by the layer's own module and checked by our schema. */
const KerasLayer = z.looseObject({
  class_name: z.string({ error: 'a layer entry needs a "class_name" string' }),
  config: z.record(z.string(), z.unknown(), { error: 'a layer entry needs a "config" object' }),
});

/** The classes of a whole model: Sequential, or a functional model (Keras 2.4+ and 3 write Functional, older Keras and TensorFlow.js Model). */
const MODEL_CLASSES = ['Sequential', 'Functional', 'Model'] as const;
const isModelClass = (name: unknown): boolean => MODEL_CLASSES.includes(name as (typeof MODEL_CLASSES)[number]);

/** What Keras's `model.to_json()` (and TensorFlow.js's `model.toJSON()`) writes for a model. */
export const KerasModel = z.looseObject({
  class_name: z.enum(MODEL_CLASSES, {
    error: 'a Keras model is a Sequential or a functional model (class_name "Sequential", "Functional" or "Model")',
  }),
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

/**
 * Where each imported layer came from in the Keras JSON: its entry's path, and for a
 * nested model the places of its own layers (a shared layer's later call points at its node).
 */
export interface LayerPlace {
  path: Path;
  inner?: LayerPlace[];
}

/** An imported network, and where in the Keras JSON each of its layers came from. */
export interface ImportedModel {
  network: Network;
  /** `layerPaths[i]` is where layer i came from, e.g. `{ path: ['config', 'layers', 1] }`. */
  layerPaths: LayerPlace[];
}

/**
 * Where a problem found in the imported network lies in the Keras JSON:
 * `['layers', 0, 'kernelSize']` → `['config', 'layers', 1, 'config', 'kernel_size']`;
 * inside a nested model, `['layers', 0, 'layers', 2, …]` follows its own layers.
 */
export function locateInKeras(layerPaths: readonly LayerPlace[], path: Path): Path {
  const [head, index, option, ...rest] = path;
  const entry = head === 'layers' && typeof index === 'number' ? layerPaths[index] : undefined;
  if (!entry) return layerPaths[0]?.path.slice(0, -1) ?? [];
  if (option === undefined) return entry.path;
  if (option === 'layers' && entry.inner) return locateInKeras(entry.inner, ['layers', ...rest]);
  // A wrong layer "type" is the class name; "inputs" are the inbound nodes; anything else is an option of its config.
  if (option === 'type') return [...entry.path, 'class_name'];
  if (option === 'inputs' || option === 'layer') return [...entry.path, 'inbound_nodes'];
  return [...entry.path, 'config', typeof option === 'string' ? snakeCase(option) : option, ...rest];
}

/**
 * Turns the JSON of a Keras model — Sequential or functional, Keras 2 or 3, or
 * TensorFlow.js `model.toJSON()`, with nested models and shared layers — into a network
 * in the API's format.
 * `importKerasModel('{"class_name":"Sequential",…}')` → `{ ok: true, value: { network, layerPaths } }`.
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
  const model = readModel(data, [], 0);
  if (!model.ok) return model;
  const { input, inputName, layers, outputs, places } = model.value;
  if (!input) {
    return fail([
      {
        path: model.value.base,
        message: 'the model declares no input shape (an InputLayer, batch_shape or batch_input_shape)',
      },
    ]);
  }
  const dims = input.slice(1);
  if (dims.length >= 1 && dims.length <= 4 && dims.some((d) => d === null)) {
    // keras.applications models built without input_shape (MobileNetV3, ConvNeXt, EfficientNetV2) leave height
    // and width open; their counts do not depend on them, but the shapes Learnable works out do.
    const example = dims.map((d, i) => d ?? (i < dims.length - 1 ? 224 : 3));
    return fail([
      {
        path: model.value.base,
        message: `the input shape ${JSON.stringify(input)} leaves ${dims.filter((d) => d === null).length === 1 ? 'a size' : 'sizes'} unknown (null), and Learnable works out every layer's shape from the input's: build the model with its sizes, such as input_shape=${tuple(example)}, and export it again`,
      },
    ]);
  }
  if (dims.length < 1 || dims.length > 4) {
    return fail([
      {
        path: model.value.base,
        message: `the input shape ${JSON.stringify(input)} is not [batch, …sizes] with 1 to 4 known sizes (such as [null, 28, 28, 1])`,
      },
    ]);
  }
  const network = Network.safeParse({
    input: dims,
    ...(inputName !== undefined && { inputName }),
    layers,
    ...(outputs !== undefined && { outputs }),
  });
  if (!network.success) {
    return fail(
      network.error.issues.map((issue) => ({
        path: locateInKeras(places, issue.path as Path),
        message: issue.message,
      })),
    );
  }
  return ok({ layerPaths: places, network: network.data });
}

/** A model read from Keras JSON: its declared input, layers (not yet checked by our schema) and their places. */
interface ReadModel {
  input: (number | null)[] | undefined;
  inputName: string | undefined;
  layers: Record<string, unknown>[];
  outputs: string[] | undefined;
  places: LayerPlace[];
  /** The path of its layer list, for problems about the model as a whole. */
  base: Path;
}

function readModel(data: unknown, at: Path, depth: number): Result<ReadModel, ImportProblem[]> {
  if (depth > LIMITS.maxNesting) {
    return fail([{ path: at, message: `models may be nested at most ${LIMITS.maxNesting} deep` }]);
  }
  const parsed = KerasModel.safeParse(data);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((i) => ({ path: [...at, ...(i.path as Path)], message: i.message })));
  }
  const config = parsed.data.config;
  const list = Array.isArray(config) ? config : config.layers;
  const base: Path = Array.isArray(config) ? [...at, 'config'] : [...at, 'config', 'layers'];
  return parsed.data.class_name !== 'Sequential' && !Array.isArray(config)
    ? readFunctional(config as Record<string, unknown> & { layers: unknown[] }, list, base, depth)
    : readSequential(config, list, base, depth);
}

/** The facts every layer entry gives: its class, config, and name. */
interface Entry {
  className: string;
  config: Record<string, unknown>;
  raw: Record<string, unknown>;
  name: string | undefined;
}

function readEntry(raw: unknown, at: Path): Result<Entry, ImportProblem[]> {
  const entry = KerasLayer.safeParse(raw);
  if (!entry.success) {
    return fail(entry.error.issues.map((i) => ({ path: [...at, ...(i.path as Path)], message: i.message })));
  }
  const { class_name: className, config } = entry.data;
  const named = (entry.data as Record<string, unknown>)['name'] ?? config['name'];
  return ok({ className, config, raw: entry.data, name: typeof named === 'string' ? named : undefined });
}

/** Our layer for one Keras entry (a nested model read whole), or why it cannot be counted. */
function convertEntry(
  entry: Entry,
  at: Path,
  index: number,
  numbering: string,
  depth: number,
): Result<
  { layer: Record<string, unknown>; place: LayerPlace; input?: (number | null)[] | undefined },
  ImportProblem[]
> {
  const { className, config } = entry;
  if (isModelClass(className)) {
    const inner = readModel(entry.raw, at, depth + 1);
    if (!inner.ok) return inner;
    const { layers, inputName, outputs, places, input } = inner.value;
    const layer = {
      type: 'model',
      ...(entry.name !== undefined && { name: entry.name }),
      ...(config['trainable'] === false && { trainable: false }),
      ...(inputName !== undefined && { inputName }),
      layers,
      ...(outputs !== undefined && { outputs }),
    };
    return ok({ layer, place: { path: at, inner: places }, input });
  }
  const type = KERAS_CLASSES.get(className);
  if (!type || type === 'input') {
    return fail([
      {
        path: [...at, 'class_name'],
        message: `layer ${index} (${numbering}) is ${article(className)} ${className}, which Learnable does not count yet; supported: ${SUPPORTED}`,
      },
    ]);
  }
  const converted = LAYERS[type].keras.fromConfig(config);
  if ('refuse' in converted && typeof converted['refuse'] === 'object') {
    const { key, message } = converted['refuse'] as { key: string; message: string };
    return fail([{ path: [...at, 'config', key], message }]);
  }
  return ok({ layer: { type, ...converted }, place: { path: at } });
}

/** A Sequential model: its layers in order, the first InputLayer (or batch shape) giving the input. */
function readSequential(
  config: unknown,
  list: readonly unknown[],
  base: Path,
  depth: number,
): Result<ReadModel, ImportProblem[]> {
  let input: (number | null)[] | undefined;
  const layers: Record<string, unknown>[] = [];
  const places: LayerPlace[] = [];
  const problems: ImportProblem[] = [];
  const hasInputLayer = list.some((entry) => (entry as { class_name?: unknown })?.class_name === 'InputLayer');
  const numbering = hasInputLayer
    ? `numbered from 0 as in config.layers, where the InputLayer is layer 0`
    : `numbered from 0 as in config.layers`;
  for (const [index, raw] of list.entries()) {
    const at = [...base, index];
    const entry = readEntry(raw, at);
    if (!entry.ok) {
      problems.push(...entry.error);
      continue;
    }
    const { className, config: layerConfig } = entry.value;
    const declared = declaredShape(layerConfig['batch_shape']) ?? declaredShape(layerConfig['batch_input_shape']);
    if (declared && input === undefined) input = declared;
    if (className === 'InputLayer') continue;
    const converted = convertEntry(entry.value, at, index, numbering, depth);
    if (!converted.ok) {
      problems.push(...converted.error);
      continue;
    }
    // A nested model first in line gives the input shape it declares.
    if (input === undefined && layers.length === 0) input = converted.value.input;
    layers.push(converted.value.layer);
    places.push(converted.value.place);
  }
  const built = declaredShape((config as Record<string, unknown> | undefined)?.['build_input_shape']);
  if (input === undefined && built) input = built;
  if (problems.length > 0) return fail(problems);
  return ok({ input, inputName: undefined, layers, outputs: undefined, places, base });
}

/** A tensor reference in an inbound node: which layer, which of its calls, which output. */
interface Ref {
  layer: string;
  node: number;
  tensor: number;
  at: Path;
}

/**
 * The tensors one inbound node takes, in Keras 2 / TensorFlow.js form (`[["conv1", 0, 0, {}], …]`)
 * or Keras 3 form (`{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["conv1", 0, 0]}}]}`).
 */
function nodeRefs(node: unknown, at: Path): Result<Ref[], ImportProblem[]> {
  const bad = (path: Path, message: string) => fail([{ path, message }]);
  if (Array.isArray(node)) {
    const refs: Ref[] = [];
    for (const [i, ref] of node.entries()) {
      if (!Array.isArray(ref) || typeof ref[0] !== 'string' || !Number.isInteger(ref[1]) || !Number.isInteger(ref[2])) {
        return bad([...at, i], 'an inbound node lists [layer name, node index, tensor index, kwargs] for each input');
      }
      refs.push({ layer: ref[0], node: ref[1] as number, tensor: ref[2] as number, at: [...at, i] });
    }
    return ok(refs);
  }
  if (typeof node === 'object' && node !== null && 'args' in node) {
    const refs: Ref[] = [];
    const problems: ImportProblem[] = [];
    // Tensors may sit in args directly or in a list (a merge's inputs); depth is bounded by the body's.
    const visit = (value: unknown, path: Path) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, [...path, i]));
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      const tensor = value as { class_name?: unknown; config?: { keras_history?: unknown } };
      if (tensor.class_name !== '__keras_tensor__') return;
      const history = tensor.config?.keras_history;
      if (
        !Array.isArray(history) ||
        typeof history[0] !== 'string' ||
        !Number.isInteger(history[1]) ||
        !Number.isInteger(history[2])
      ) {
        problems.push({
          path: [...path, 'config', 'keras_history'],
          message: 'keras_history must be [layer name, node index, tensor index]',
        });
        return;
      }
      refs.push({ layer: history[0], node: history[1] as number, tensor: history[2] as number, at: path });
    };
    visit((node as { args: unknown }).args, [...at, 'args']);
    return problems.length > 0 ? fail(problems) : ok(refs);
  }
  return bad(
    at,
    'an inbound node is a list of [layer name, node index, tensor index, kwargs] (Keras 2) or {"args": …} (Keras 3)',
  );
}

/** Keras 3's operation classes by name (`keras.src.ops.numpy`'s `Add`), for the operation on a tensor and a number. */
const OP_BY_CLASS = new Map(CONSTANT_OPS.flatMap((op) => CONSTANT_OP_CLASSES[op].map((name) => [name, op] as const)));

/**
 * Our `constantOp` for a Keras 3 operation on one tensor and one number (`x + 3.0` is written as a layer of
 * class `Add` from `keras.src.ops.numpy`, its inbound node's args the tensor and `3.0`), or undefined for
 * anything else: an operation on two tensors is read as the merge of the same name (add, multiply, …).
 */
function constantOpOf(entry: Entry, node: unknown): Record<string, unknown> | undefined {
  const module = entry.raw['module'];
  const op = OP_BY_CLASS.get(entry.className);
  if (typeof module !== 'string' || !module.startsWith('keras.src.ops.') || !op) return undefined;
  const args = (node as { args?: unknown } | null)?.args;
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const at = args.findIndex((a) => typeof a === 'number' && Number.isFinite(a));
  const other = args[1 - at] as { class_name?: unknown } | undefined;
  if (at < 0 || other?.class_name !== '__keras_tensor__') return undefined;
  return {
    type: 'constantOp',
    op,
    value: args[at] as number,
    ...(at === 0 && { constantFirst: true }),
  };
}

/** A model's input or output layers as Keras writes them: `[["name", 0, 0], …]`, one `["name", 0, 0]`, or a dict of them. */
function tensorList(value: unknown): [string, number, number][] {
  if (Array.isArray(value) && typeof value[0] === 'string') return [value as [string, number, number]];
  if (Array.isArray(value)) return value.flatMap(tensorList);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(tensorList);
  return [];
}

/** One call of a layer: the entry, which call it is, and the tensors it takes. */
interface Call {
  entry: number;
  call: number;
  refs: Ref[];
  at: Path;
  /** The inbound node as written (a list in Keras 2 and TensorFlow.js, an object in Keras 3). */
  node: unknown;
}

/**
 * A functional model: its InputLayers are the model inputs (the first is the network's
 * input, the others `input` layers), every inbound node of a layer is one call (the first
 * the layer itself, later ones `reuse` of its weights), put in an order where each call
 * comes after the calls it takes.
 */
function readFunctional(
  config: Record<string, unknown>,
  list: readonly unknown[],
  base: Path,
  depth: number,
): Result<ReadModel, ImportProblem[]> {
  const entries: Entry[] = [];
  const problems: ImportProblem[] = [];
  for (const [index, raw] of list.entries()) {
    const entry = readEntry(raw, [...base, index]);
    if (entry.ok) entries.push(entry.value);
    else problems.push(...entry.error);
  }
  if (problems.length > 0) return fail(problems);
  const numbering = 'numbered from 0 as in config.layers';

  // Every name, and each layer's calls.
  const byName = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    if (entry.name === undefined)
      return fail([{ path: [...base, index], message: 'a layer of a functional model needs a "name"' }]);
    if (byName.has(entry.name)) {
      return fail([{ path: [...base, index, 'name'], message: `two layers are named ${JSON.stringify(entry.name)}` }]);
    }
    byName.set(entry.name, index);
  }
  const calls: Call[] = [];
  const callsOf = new Map<number, Call[]>();
  for (const [index, entry] of entries.entries()) {
    if (entry.className === 'InputLayer') continue;
    const nodes = entry.raw['inbound_nodes'];
    if (!Array.isArray(nodes) || nodes.length === 0) {
      return fail([
        {
          path: [...base, index, 'inbound_nodes'],
          message: `layer ${index} (${entry.name}) is not connected to anything: a layer of a functional model lists the tensors it takes in inbound_nodes`,
        },
      ]);
    }
    const own: Call[] = [];
    for (const [k, node] of nodes.entries()) {
      const at = [...base, index, 'inbound_nodes', k];
      const refs = nodeRefs(node, at);
      if (!refs.ok) return refs;
      own.push({ entry: index, call: k, refs: refs.value, at, node });
    }
    callsOf.set(index, own);
    calls.push(...own);
  }
  // Each call becomes one of our layers (a later call a `reuse`): NASNetLarge's 1,041 layers are 1,040 calls.
  if (calls.length > LIMITS.maxNodes) {
    return fail([
      { path: base, message: `a network may have at most ${LIMITS.maxNodes} layers in all, nested models included` },
    ]);
  }

  // A nested Keras model's calls are counted from 1 (node 0 is its own inside); others from 0.
  const firstNode = new Map<number, number>();
  for (const [index, entry] of entries.entries()) {
    const referenced = calls.flatMap((c) => c.refs).filter((r) => byName.get(r.layer) === index);
    firstNode.set(index, isModelClass(entry.className) && !referenced.some((r) => r.node === 0) ? 1 : 0);
  }
  const callName = (index: number, call: number) => {
    const name = entries[index]?.name ?? '';
    return call === 0 ? name : `${name} (call ${call + 1})`;
  };
  /**
   * The name a reference resolves to in our network, or a problem. Keras 3 numbers a nested
   * functional model's calls from 0 in inbound nodes but from 1 in output_layers (its node 0
   * is its own inside); Keras 2 and TensorFlow.js from 1 in both.
   */
  const resolve = (ref: Ref, inOutputs = false): Result<string, ImportProblem[]> => {
    const index = byName.get(ref.layer);
    if (index === undefined) {
      return fail([{ path: ref.at, message: `no layer of this model is named ${JSON.stringify(ref.layer)}` }]);
    }
    if (ref.tensor !== 0) {
      return fail([
        { path: ref.at, message: `${ref.layer} has one output, so its tensor index must be 0, not ${ref.tensor}` },
      ]);
    }
    if (entries[index]?.className === 'InputLayer') return ok(ref.layer);
    const entry = entries[index] as Entry;
    const keras3 = (callsOf.get(index) ?? []).some((c) => !Array.isArray(c.node));
    const offset =
      inOutputs && keras3 && isModelClass(entry.className) && entry.className !== 'Sequential'
        ? 1
        : (firstNode.get(index) ?? 0);
    const call = ref.node - offset;
    if (call < 0 || call >= (callsOf.get(index)?.length ?? 0)) {
      return fail([
        {
          path: ref.at,
          message: `${ref.layer} is called ${callsOf.get(index)?.length ?? 0} times here, so it has no node ${ref.node}`,
        },
      ]);
    }
    return ok(callName(index, call));
  };

  // The model inputs, in the order input_layers gives them.
  const inputNames = tensorList(config['input_layers']).map(([name]) => name);
  const inputEntries = entries.flatMap((e, i) => (e.className === 'InputLayer' ? [i] : []));
  const order = inputNames.length > 0 ? inputNames.map((n) => byName.get(n) ?? -1) : inputEntries;
  if (order.some((i) => i < 0 || entries[i]?.className !== 'InputLayer')) {
    return fail([
      { path: [...base.slice(0, -1), 'input_layers'], message: 'input_layers must name InputLayers of this model' },
    ]);
  }
  if (order.length === 0) return fail([{ path: base, message: 'a functional model needs an InputLayer' }]);
  const shapeOf = (index: number) =>
    declaredShape(entries[index]?.config['batch_shape']) ?? declaredShape(entries[index]?.config['batch_input_shape']);
  const [first = 0, ...further] = order;

  const layers: Record<string, unknown>[] = [];
  const places: LayerPlace[] = [];
  for (const index of further) {
    const shape = shapeOf(index);
    layers.push({ type: 'input', name: entries[index]?.name, shape: shape?.slice(1) });
    places.push({ path: [...base, index] });
  }

  // Each call after the calls it takes: in the order of config.layers where it can be (Kahn's algorithm).
  const emitted = new Set<string>(order.map((i) => entries[i]?.name ?? ''));
  let pending = calls;
  while (pending.length > 0) {
    const waiting: Call[] = [];
    for (const call of pending) {
      const names: string[] = [];
      let ready = true;
      for (const ref of call.refs) {
        const name = resolve(ref);
        if (!name.ok) return name;
        if (!emitted.has(name.value)) ready = false;
        names.push(name.value);
      }
      if (!ready) {
        waiting.push(call);
        continue;
      }
      const entry = entries[call.entry] as Entry;
      const at = [...base, call.entry];
      const name = callName(call.entry, call.call);
      if (call.call === 0) {
        const op = constantOpOf(entry, call.node);
        const converted = op
          ? ok({ layer: op, place: { path: at } })
          : convertEntry(entry, at, call.entry, numbering, depth);
        if (!converted.ok) {
          problems.push(...converted.error);
        } else {
          layers.push({ ...converted.value.layer, name, inputs: names });
          places.push(converted.value.place);
        }
      } else {
        layers.push({ type: 'reuse', layer: entry.name, name, inputs: names });
        places.push({ path: call.at });
      }
      emitted.add(name);
    }
    if (waiting.length === pending.length) {
      const [stuck] = waiting;
      return fail([
        {
          path: stuck?.at ?? base,
          message: `these layers take each other's outputs in a cycle, so no order computes them: ${waiting
            .slice(0, 5)
            .map((c) => entries[c.entry]?.name)
            .join(', ')}`,
        },
      ]);
    }
    pending = waiting;
  }
  if (problems.length > 0) return fail(problems);

  const outputs: string[] = [];
  for (const [name, node, tensor] of tensorList(config['output_layers'])) {
    const resolved = resolve({ layer: name, node, tensor, at: [...base.slice(0, -1), 'output_layers'] }, true);
    if (!resolved.ok) return resolved;
    outputs.push(resolved.value);
  }
  return ok({
    input: shapeOf(first),
    inputName: entries[first]?.name,
    layers,
    outputs: outputs.length > 0 ? outputs : undefined,
    places,
    base,
  });
}
