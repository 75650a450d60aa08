import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
// Registers Keras's Normalization and GlobalAveragePooling2D(keepdims) with tfjs, as the builders do.
import '../support/tfjs-keras-layers';

/*
 * Validates the fixtures themselves, not Learnable's engine: every tfjs / Keras 2 file loads in tfjs and
 * counts what Keras publishes (keras-applications) or what the builder worked out by hand (keras-graphs),
 * and every Keras 3 file describes the same graph as its tfjs twin: the same layers, classes, connections
 * and options. The fixtures are made by scripts/fixtures/keras-applications/build.ts and
 * scripts/fixtures/keras-graphs/build.ts.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
interface Counts {
  total: number;
  trainable: number;
  nonTrainable: number;
}

const APPLICATIONS = 'tests/fixtures/keras-applications';
const GRAPHS = 'tests/fixtures/keras-graphs';

const read = (path: string): JsonObject => JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
const twins = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.tfjs.json'))
    .map((f) => f.slice(0, -'.tfjs.json'.length))
    .sort();
const obj = (value: Json | undefined): JsonObject => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${String(value)}`);
  return value;
};
const list = (value: Json | undefined): Json[] => {
  if (!Array.isArray(value)) throw new Error(`not a list: ${String(value)}`);
  return value;
};

/** The same topology with zero initializers everywhere: counts do not depend on them, and zeros are fast. */
function zeroInitialized(json: Json): Json {
  if (Array.isArray(json)) return json.map(zeroInitialized);
  if (typeof json !== 'object' || json === null) return json;
  return Object.fromEntries(
    Object.entries(json).map(([k, v]) => [
      k,
      k.endsWith('_initializer') ? { class_name: 'Zeros', config: {} } : zeroInitialized(v),
    ]),
  );
}

const size = (weights: tf.LayerVariable[]) =>
  weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);

async function tfjsCounts(path: string): Promise<Counts> {
  const model = await tf.models.modelFromJSON({
    modelTopology: zeroInitialized(read(path)) as tf.io.ModelJSON['modelTopology'],
  });
  const counts = {
    total: model.countParams(),
    trainable: size(model.trainableWeights),
    nonTrainable: size(model.nonTrainableWeights),
  };
  model.dispose();
  return counts;
}

/** A tensor reference: layer name, which call of that layer (0 = first), output index. */
type Ref = [string, number, number];
interface Canonical {
  className: string;
  name: string;
  config: JsonObject;
  /** Each call's input tensors; `model` for a nested model. */
  calls: Ref[][];
  model?: Graph;
}
interface Graph {
  layers: Canonical[];
  inputs: Ref[];
  outputs: Ref[];
}

const MODEL_CLASSES = new Set(['Model', 'Functional', 'Sequential']);

/**
 * Both formats as one shape. tfjs / Keras 2 counts a nested model's calls from 1 (node 0 links its own
 * inputs to outputs); Keras 3 from 0 in `keras_history` and from 1 in input_layers / output_layers.
 */
function tfjsGraph(model: JsonObject): Graph {
  const config = obj(model['config']);
  const layers = list(config['layers']).map(obj);
  const isModel = new Set(
    layers.filter((l) => MODEL_CLASSES.has(String(l['class_name']))).map((l) => String(obj(l['config'])['name'])),
  );
  const ref = (r: Json): Ref => {
    const [name, node, tensor] = list(r) as [string, number, number];
    return [name, node - (isModel.has(name) ? 1 : 0), tensor];
  };
  const canonical = (l: JsonObject): Canonical => {
    const layerConfig = obj(l['config']);
    const className = String(l['class_name']) === 'Model' ? 'Functional' : String(l['class_name']);
    return {
      className,
      name: String(layerConfig['name']),
      config: layerConfig,
      calls: list(l['inbound_nodes'] ?? []).map((node) => list(node).map(ref)),
      ...(MODEL_CLASSES.has(String(l['class_name'])) ? { model: tfjsGraph(l) } : {}),
    };
  };
  if (model['class_name'] === 'Sequential') return { layers: layers.map(canonical), inputs: [], outputs: [] };
  return {
    layers: layers.map(canonical),
    inputs: list(config['input_layers']).map(ref),
    outputs: list(config['output_layers']).map(ref),
  };
}

function keras3Graph(model: JsonObject): Graph {
  const config = obj(model['config']);
  const layers = list(config['layers']).map(obj);
  const functional = new Set(layers.filter((l) => l['class_name'] === 'Functional').map((l) => String(l['name'])));
  const tensors = (args: Json): Ref[] => {
    if (Array.isArray(args)) return args.flatMap(tensors);
    const t = obj(args);
    if (t['class_name'] !== '__keras_tensor__') throw new Error(`not a tensor: ${JSON.stringify(t)}`);
    return [list(obj(t['config'])['keras_history']) as Ref];
  };
  const endpoints = (value: Json | undefined): Ref[] => {
    const entries = list(value);
    const flat = typeof entries[0] === 'string' ? [entries] : entries;
    return flat.map((e) => {
      const [name, node, tensor] = list(e) as Ref;
      return [name, node - (functional.has(name) ? 1 : 0), tensor];
    });
  };
  const canonical = (l: JsonObject): Canonical => ({
    className: String(l['class_name']),
    name: String(obj(l['config'])['name'] ?? l['name']),
    config: obj(l['config']),
    calls: list(l['inbound_nodes'] ?? []).map((node) => tensors(obj(node)['args'] ?? [])),
    ...(MODEL_CLASSES.has(String(l['class_name'])) ? { model: keras3Graph(l) } : {}),
  });
  if (model['class_name'] === 'Sequential') {
    // Keras 3 writes the InputLayer it builds; tfjs writes none before a model.
    return { layers: layers.filter((l) => l['class_name'] !== 'InputLayer').map(canonical), inputs: [], outputs: [] };
  }
  return {
    layers: layers.map(canonical),
    inputs: endpoints(config['input_layers']),
    outputs: endpoints(config['output_layers']),
  };
}

/** Keys whose values the two formats write differently on purpose; everything else must match. */
const FORMAT_KEYS = new Set([
  'name',
  'dtype',
  'batch_input_shape',
  'batch_shape',
  'layers',
  'input_layers',
  'output_layers',
]);

/** Differences between a tfjs graph and its Keras 3 twin, as readable lines (empty when they agree). */
function differences(a: Graph, b: Graph, at = ''): string[] {
  const out: string[] = [];
  // Inputs are the one name the formats give differently (Keras 2 input_1, Keras 3 input_layer).
  const rename = new Map(a.inputs.map((r, i) => [r[0], b.inputs[i]?.[0] ?? r[0]]));
  const named = (r: Ref): Ref => [rename.get(r[0]) ?? r[0], r[1], r[2]];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.inputs.map(named), b.inputs))
    out.push(`${at}inputs ${JSON.stringify(a.inputs)} vs ${JSON.stringify(b.inputs)}`);
  if (!same(a.outputs.map(named), b.outputs))
    out.push(`${at}outputs ${JSON.stringify(a.outputs)} vs ${JSON.stringify(b.outputs)}`);
  const aNames = a.layers.map((l) => rename.get(l.name) ?? l.name);
  const bNames = b.layers.map((l) => l.name);
  if (!same(aNames, bNames)) out.push(`${at}layer order ${aNames.join(',')} vs ${bNames.join(',')}`);
  a.layers.forEach((la, i) => {
    const lb = b.layers[i];
    if (!lb) return;
    const where = `${at}${lb.name}: `;
    if (la.className !== lb.className) out.push(`${where}class ${la.className} vs ${lb.className}`);
    if (
      !same(
        la.calls.map((c) => c.map(named)),
        lb.calls,
      )
    )
      out.push(`${where}calls ${JSON.stringify(la.calls)} vs ${JSON.stringify(lb.calls)}`);
    for (const [key, value] of Object.entries(la.config)) {
      if (FORMAT_KEYS.has(key) || key.endsWith('_initializer') || !(key in lb.config)) continue;
      const expected = key === 'activation' && value === 'swish' ? 'silu' : value;
      if (!same(expected, lb.config[key]))
        out.push(`${where}${key} ${JSON.stringify(value)} vs ${JSON.stringify(lb.config[key])}`);
    }
    if (la.model && lb.model) out.push(...differences(la.model, lb.model, `${where}`));
  });
  return out;
}

/** What Keras 3 requires of every layer entry of a Functional config, and of every tensor it points to. */
function malformed(model: JsonObject): string[] {
  const out: string[] = [];
  const config = obj(model['config']);
  const layers = list(config['layers']).map(obj);
  const calls = new Map(
    layers.map((l) => [String(l['name'] ?? obj(l['config'])['name']), list(l['inbound_nodes'] ?? []).length]),
  );
  for (const l of layers) {
    for (const key of ['module', 'class_name', 'config', 'registered_name'])
      if (!(key in l)) out.push(`${String(l['name'])}: no ${key}`);
    if (model['class_name'] === 'Sequential') continue;
    for (const node of list(l['inbound_nodes'])) {
      const text = JSON.stringify(obj(node)['args']);
      for (const [, name, index] of text.matchAll(/"keras_history":\["([^"]+)",(\d+),\d+\]/g)) {
        const known = calls.get(String(name));
        const isInput = layers.some((x) => x['name'] === name && x['class_name'] === 'InputLayer');
        if (known === undefined || (!isInput && Number(index) >= known))
          out.push(`${String(l['name'])}: ${String(name)}[${String(index)}] unknown`);
      }
    }
    if (l['class_name'] === 'Functional' || l['class_name'] === 'Sequential') out.push(...malformed(l));
  }
  return out;
}

const published = read(join(APPLICATIONS, 'published.json')) as unknown as Record<string, Counts & { kerasIo: string }>;
const expected = read(join(GRAPHS, 'expected.json')) as unknown as Record<string, Counts>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('keras.applications fixtures', () => {
  const models = twins(APPLICATIONS);

  test('cover the eleven models, each with a published count', () => {
    expect(models).toEqual(Object.keys(published).sort());
    expect(models).toHaveLength(11);
  });

  test.each(models)(
    '%s: the published total rounds to keras.io’s figure and splits into trainable + non-trainable',
    (model) => {
      const p = published[model] as Counts & { kerasIo: string };
      expect(`${(p.total / 1e6).toFixed(1)}M`).toBe(p.kerasIo);
      expect(p.trainable + p.nonTrainable).toBe(p.total);
    },
  );

  test.each(models)('%s.tfjs.json: tfjs loads it and counts the published total and split', async (model) => {
    const { total, trainable, nonTrainable } = published[model] as Counts;
    expect(await tfjsCounts(join(APPLICATIONS, `${model}.tfjs.json`))).toEqual({ total, trainable, nonTrainable });
  });

  test.each(models)('%s.keras3.json: the same layers, classes, connections and options as its tfjs twin', (model) => {
    const keras3 = read(join(APPLICATIONS, `${model}.keras3.json`));
    expect(malformed(keras3)).toEqual([]);
    expect(differences(tfjsGraph(read(join(APPLICATIONS, `${model}.tfjs.json`))), keras3Graph(keras3))).toEqual([]);
  });
});

describe('keras-graphs fixtures', () => {
  const graphs = twins(GRAPHS);

  test('cover siamese, multi-input/output, residual, inception, nested and transfer-learning graphs', () => {
    expect(graphs).toEqual(Object.keys(expected).sort());
    expect(graphs).toHaveLength(6);
  });

  test.each(graphs)('%s.tfjs.json: tfjs counts what the builder worked out by hand', async (graph) => {
    const { total, trainable, nonTrainable } = expected[graph] as Counts;
    expect(await tfjsCounts(join(GRAPHS, `${graph}.tfjs.json`))).toEqual({ total, trainable, nonTrainable });
  });

  test.each(graphs)('%s.keras3.json: the same graph as its tfjs twin', (graph) => {
    const keras3 = read(join(GRAPHS, `${graph}.keras3.json`));
    expect(malformed(keras3)).toEqual([]);
    expect(differences(tfjsGraph(read(join(GRAPHS, `${graph}.tfjs.json`))), keras3Graph(keras3))).toEqual([]);
  });

  test('the shared Dense of the siamese graph has two calls, and the second is read downstream', () => {
    const layers = list(obj(read(join(GRAPHS, 'siamese.keras3.json'))['config'])['layers']).map(obj);
    const shared = layers.find((l) => l['name'] === 'shared_dense');
    expect(list(shared?.['inbound_nodes'])).toHaveLength(2);
    expect(JSON.stringify(layers.find((l) => l['name'] === 'concatenate'))).toContain(
      '"keras_history":["shared_dense",1,0]',
    );
  });

  test('the frozen base of the transfer-learning model is frozen in both formats', () => {
    const layerConfigs = (model: JsonObject) =>
      list(obj(model['config'])['layers'])
        .map(obj)
        .filter((l) => l['class_name'] !== 'InputLayer')
        .map((l) => obj(l['config'])['trainable']);
    const tfjsBase = obj(list(obj(read(join(GRAPHS, 'transfer_mobilenet_v2.tfjs.json'))['config'])['layers'])[0]);
    const keras3Base = obj(list(obj(read(join(GRAPHS, 'transfer_mobilenet_v2.keras3.json'))['config'])['layers'])[1]);
    expect(new Set(layerConfigs(tfjsBase))).toEqual(new Set([false]));
    expect(new Set(layerConfigs(keras3Base))).toEqual(new Set([false]));
    expect(obj(keras3Base['config'])['trainable']).toBe(false);
  });
});
