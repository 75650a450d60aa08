import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { kerasSnippet } from '../../src/domain/code-export';
import { importKerasModel } from '../../src/domain/keras-import';
import { askKeras, kerasMissing, type KerasAnswer } from '../support/keras-oracle';

/*
 * Seventeen keras.applications models built by real Keras 3 (weights=None, nothing downloaded): Learnable imports
 * each one's own model.to_json() — not a fixture — and must give every layer Keras's count_params(), its
 * trainable / non-trainable split and its output shape, and the model Keras's totals. The fixtures in
 * tests/fixtures/keras-applications were rebuilt from the Keras sources in TensorFlow.js; this is the real thing.
 */
const MODELS = [
  'vgg16',
  'vgg19',
  'resnet50',
  'resnet101',
  'densenet121',
  'mobilenet',
  'mobilenet_v2',
  'inception_v3',
  'xception',
  'efficientnet_b0',
  'nasnet_mobile',
  'convnext_tiny',
  'inception_resnet_v2',
  'resnet50_v2',
  'efficientnet_v2_b0',
  'mobilenet_v3_small',
  'nasnet_large',
];

describe.skipIf(kerasMissing !== null)(
  'keras.applications models from real Keras 3, imported from their to_json()',
  () => {
    let answer: KerasAnswer;
    beforeAll(() => {
      answer = askKeras({ applications: MODELS });
    }, 600_000);

    test('is Keras 3.15.1', () => {
      expect(answer.keras).toBe('3.15.1');
    });

    // The import page's "check it yourself" Keras code for each model, made from what was imported, and run in
    // Keras again: the model it builds has every layer of the original, each with the original's count.
    test('rebuilds each model from the import page’s Keras code, every layer with its count', () => {
      const scripts = MODELS.map((name) => {
        const imported = importKerasModel(answer.applications?.[name]?.json ?? '');
        if (!imported.ok) throw new Error(`${name} was not imported`);
        const report = analyzeNetwork(imported.value.network);
        if (!report.ok) throw new Error(`${name} was not counted`);
        return kerasSnippet(imported.value.network, report.value);
      });
      const rebuilt = askKeras({ scripts }).scripts ?? [];
      const mismatches: unknown[] = [];
      let compared = 0;
      for (const [i, name] of MODELS.entries()) {
        const original = answer.applications?.[name];
        const again = rebuilt[i];
        if (!original || !again || 'error' in again) {
          mismatches.push({ name, error: again && 'error' in again ? again.error : 'not built' });
          continue;
        }
        const byName = new Map(again.layers.map((l) => [l.name, l]));
        for (const layer of original.layers) {
          if (layer.class === 'InputLayer') continue;
          compared += 1;
          const other = byName.get(layer.name);
          if (other?.params !== layer.params || other.trainable !== layer.trainable) {
            mismatches.push({ name, layer: layer.name, original: layer.params, rebuilt: other?.params });
          }
        }
        if (again.total !== original.total) mismatches.push({ name, original: original.total, rebuilt: again.total });
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      // Every layer of the seventeen (over 5,000 of them, inputs left out) was found in its rebuilt model.
      const layers = MODELS.flatMap((name) => answer.applications?.[name]?.layers ?? []);
      expect(compared).toBe(layers.filter((l) => l.class !== 'InputLayer').length);
      expect(compared).toBeGreaterThan(5000);
    }, 600_000);

    test.each(MODELS)('%s: every layer, its split and shape, and the totals', (name) => {
      const keras = answer.applications?.[name];
      if (!keras) throw new Error(`Keras built no ${name}`);
      const imported = importKerasModel(keras.json);
      if (!imported.ok) throw new Error(JSON.stringify(imported.error.slice(0, 3)));
      const report = analyzeNetwork(imported.value.network);
      if (!report.ok) throw new Error(JSON.stringify(report.error.slice(0, 3)));
      const byName = new Map(report.value.layers.map((layer) => [layer.name, layer]));
      const mismatches: unknown[] = [];
      let compared = 0;
      for (const layer of keras.layers) {
        if (layer.class === 'InputLayer') continue;
        const ours = byName.get(layer.name);
        if (!ours) {
          mismatches.push({ layer: layer.name, what: 'not imported' });
          continue;
        }
        compared += 1;
        const got = { params: ours.params, trainable: ours.trainable, nonTrainable: ours.nonTrainable };
        const want = { params: layer.params, trainable: layer.trainable, nonTrainable: layer.nonTrainable };
        if (JSON.stringify(got) !== JSON.stringify(want))
          mismatches.push({ layer: layer.name, ours: got, keras: want });
        const shape = layer.outputShapes?.[0];
        if (shape && JSON.stringify(shape) !== JSON.stringify(ours.outputShape)) {
          mismatches.push({ layer: layer.name, ours: ours.outputShape, keras: shape });
        }
      }
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(compared).toBe(keras.layers.filter((l) => l.class !== 'InputLayer').length);
      const { params, trainable, nonTrainable } = report.value.totals;
      expect({ params, trainable, nonTrainable }).toEqual({
        params: keras.total,
        trainable: keras.trainable,
        nonTrainable: keras.nonTrainable,
      });
    });
  },
);
