import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { kerasSnippet } from '../../src/domain/code-export';
import { importKerasModel } from '../../src/domain/keras-import';
import { LAYERS, LAYER_TYPES } from '../../src/domain/layers';
import { createRandom } from '../../src/domain/random';
import { Network } from '../../src/domain/schema/network';
import { askKeras, kerasMissing, type KerasModelFacts } from '../support/keras-oracle';
import { randomConvNetwork } from '../support/random-conv1d-3d';
import { randomGraph } from '../support/random-graph';
import { randomNetwork } from '../support/random-network';
import { randomShapeNetwork } from '../support/random-shape-network';
import { randomActivationNetwork } from '../support/tfjs-activations';
import { randomNormalizationNetwork } from '../support/tfjs-normalization';
import { randomPoolingNetwork } from '../support/tfjs-pooling1d-3d';

/*
 * The "check it yourself" Keras code the site shows for a network, run as a user runs it, in real Keras 3
 * (JAX backend): every layer's count_params(), its trainable and non-trainable split and its output shape, and
 * the model's totals, must be the engine's. TensorFlow.js (tfjs*.test.ts) lacks options Keras has (dilation on
 * depthwise and transposed convolutions, groups, "causal" lengths, 3-D global pooling, keepdims), so here the
 * random networks are drawn for PyTorch's fuller set as well as for tfjs's, and every layer type's own example
 * runs too.
 */

interface Case {
  name: string;
  network: Network;
  report: NetworkReport;
}

const seeded = (count: number, prefix: string, make: (seed: string) => unknown): { name: string; network: unknown }[] =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, network: make(`keras-real-${prefix}-${i}`) }));

function cases(): Case[] {
  const raw = [
    ...LAYER_TYPES.map((type) => {
      const { input, before = [], layer } = LAYERS[type].example;
      return { name: `example of ${type}`, network: { input, layers: [...before, layer] } as unknown };
    }),
    ...seeded(100, 'network', (s) => randomNetwork(createRandom(s))),
    ...seeded(100, 'graph', (s) => randomGraph(createRandom(s))),
    ...seeded(40, 'conv1d', (s) => randomConvNetwork(createRandom(s), '1d', 'pytorch')),
    ...seeded(40, 'conv3d', (s) => randomConvNetwork(createRandom(s), '3d', 'pytorch')),
    ...seeded(20, 'conv1d-tfjs', (s) => randomConvNetwork(createRandom(s), '1d', 'tfjs')),
    ...seeded(20, 'conv3d-tfjs', (s) => randomConvNetwork(createRandom(s), '3d', 'tfjs')),
    ...seeded(30, 'pool1d', (s) => randomPoolingNetwork(createRandom(s), 1, { target: 'pytorch' })),
    ...seeded(30, 'pool3d', (s) => randomPoolingNetwork(createRandom(s), 3, { target: 'pytorch' })),
    ...seeded(40, 'shape', (s) => randomShapeNetwork(createRandom(s), 'pytorch')),
    ...seeded(40, 'shape-tfjs', (s) => randomShapeNetwork(createRandom(s), 'tfjs')),
    ...seeded(40, 'activation', (s) => randomActivationNetwork(createRandom(s))),
    ...seeded(40, 'normalization', (s) => randomNormalizationNetwork(createRandom(s))),
  ];
  return raw.map(({ name, network }) => {
    const parsed = Network.parse(network);
    const report = analyzeNetwork(parsed);
    if (!report.ok) throw new Error(`${name} was refused: ${report.error[0]?.message}`);
    return { name, network: parsed, report: report.value };
  });
}

/** Each of our layers beside the Keras layer it is: by name where the code names layers (graphs), else in order. */
function pairs(report: NetworkReport, keras: KerasModelFacts) {
  const named = report.layers.every((l) => l.name !== undefined);
  const own = keras.layers.filter((l) => l.class !== 'InputLayer');
  // Operations on a number are not in model.layers, so they take no place in the order.
  let at = 0;
  return report.layers.map((layer) => ({
    layer,
    keras: named
      ? keras.layers.find((k) => k.name === layer.name)
      : layer.type === 'constantOp'
        ? undefined
        : own[at++],
  }));
}

describe.skipIf(kerasMissing !== null)("the site's Keras code for random networks, run in real Keras 3", () => {
  const all = cases();
  const failures: unknown[] = [];
  let layersCompared = 0;
  let importedCompared = 0;
  let version = '';

  beforeAll(() => {
    const answer = askKeras({ scripts: all.map((c) => kerasSnippet(c.network, c.report)) });
    version = `${answer.keras} (${answer.backend})`;
    for (const [i, { name, report }] of all.entries()) {
      const built = answer.scripts?.[i];
      if (!built || 'error' in built) {
        failures.push({ name, error: built && 'error' in built ? built.error : 'no answer' });
        continue;
      }
      for (const { layer, keras } of pairs(report, built)) {
        // A shared layer's later call is no layer of its own in Keras: the layer it calls counts once, at its first call.
        if (layer.sharedWith !== undefined) continue;
        // An operation on a tensor and a number (`Add()(t, 3.0)`) is in the model's to_json() but not in model.layers:
        // it is read back below, and the layers after it and the totals check what it gives.
        if (layer.type === 'constantOp') continue;
        if (!keras) {
          failures.push({ name, layer: layer.index, what: 'no such layer in Keras' });
          continue;
        }
        layersCompared += 1;
        const ours = { params: layer.params, trainable: layer.trainable, nonTrainable: layer.nonTrainable };
        const theirs = { params: keras.params, trainable: keras.trainable, nonTrainable: keras.nonTrainable };
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
          failures.push({ name, layer: layer.index, type: layer.type, ours, keras: theirs });
        }
        const shape = keras.outputShapes?.[0];
        if (shape && JSON.stringify(shape) !== JSON.stringify(layer.outputShape)) {
          failures.push({ name, layer: layer.index, type: layer.type, ours: layer.outputShape, keras: shape });
        }
      }
      // Keras's own JSON of the model it built, read back by the importer: Keras's counts again, layer by layer.
      const imported = importKerasModel(built.json);
      const again = imported.ok ? analyzeNetwork(imported.value.network) : undefined;
      if (!again?.ok) {
        failures.push({
          name,
          what: 'import of Keras 3 to_json()',
          problems: imported.ok ? again?.error : imported.error,
        });
      } else {
        const byName = new Map(again.value.layers.map((l) => [l.name, l]));
        for (const keras of built.layers) {
          if (keras.class === 'InputLayer') continue;
          const ours = byName.get(keras.name);
          importedCompared += 1;
          if (ours?.params !== keras.params || ours.nonTrainable !== keras.nonTrainable) {
            failures.push({ name, what: 'imported', layer: keras.name, ours: ours?.params, keras: keras.params });
          }
        }
      }
      const totals = { total: report.totals.params, trainable: report.totals.trainable };
      if (totals.total !== built.total || totals.trainable !== built.trainable) {
        failures.push({
          name,
          what: 'totals',
          ours: totals,
          keras: { total: built.total, trainable: built.trainable },
        });
      }
    }
  }, 900_000);

  test('every layer type, and 540 random networks of every family: the same counts, split and shapes, also read back from Keras’s to_json()', () => {
    expect({ failures: failures.length, first: failures.slice(0, 8) }).toEqual({ failures: 0, first: [] });
    expect(version).toMatch(/^3\.15\.1 \(numpy\)$/);
    expect(layersCompared).toBeGreaterThan(2000);
    expect(importedCompared).toBeGreaterThan(2000);
    // What the graphs among them hold, so that the Keras 3 JSON of each was read back: shared layers and models,
    // nested models (frozen ones too), extra model inputs.
    const having = (test: (layer: NetworkReport['layers'][number]) => boolean) =>
      all.filter((c) => c.report.layers.some(test)).length;
    const held = {
      shared: having((l) => l.sharedWith !== undefined),
      nested: having((l) => l.type === 'model'),
      frozenNested: having((l) => l.type === 'model' && l.trainable === 0 && l.params > 0),
      secondInput: having((l) => l.type === 'input'),
    };
    expect(
      Object.values(held).every((n) => n >= 5),
      JSON.stringify(held),
    ).toBe(true);
  });
});
