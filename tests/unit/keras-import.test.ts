import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { importKerasModel } from '../../src/domain/keras-import';
import { createRandom } from '../../src/domain/random';
import { buildTfjsModel } from '../support/tfjs-model';
import { randomNetwork } from '../support/random-network';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8');

/** Imports pasted Keras JSON and counts it. */
function counts(json: unknown) {
  const imported = importKerasModel(json);
  if (!imported.ok) throw new Error(JSON.stringify(imported.error));
  const report = analyzeNetwork(imported.value.network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return { network: imported.value.network, report: report.value };
}

describe('importKerasModel on model.to_json() fixtures', () => {
  test.each(['keras3-classic.json', 'keras2-classic.json'])('%s: the textbook network, 56 + 57 + 0 + 2402', (name) => {
    const { network, report } = counts(fixture(name));
    expect(network.input).toEqual([20, 20, 3]);
    expect(network.layers.map((l) => l.type)).toEqual(['conv2d', 'conv2d', 'flatten', 'dense']);
    expect(report.layers.map((l) => l.params)).toEqual([56, 57, 0, 2402]);
    expect(report.layers[0]?.explanation).toBe('3 inputs × (2 filters × 3×3) + 2 biases = 56');
  });

  test('Keras 3 with pooling, batch normalization, depthwise and separable layers', () => {
    const { report } = counts(fixture('keras3-mixed.json'));
    expect(report.layers.map((l) => l.params)).toEqual([
      224, // 3 × (8 × 3×3) + 8, stride 2 valid: 15×15×8
      32, // 4 × 8, half non-trainable
      0, // pooling: 7×7×8
      160, // 8 × (2 per channel × 3×3) + 16
      416, // 16 × 3×3 = 144, pointwise 16 × 16 = 256, + 16
      0, // global average pooling: 16
      0, // dropout
      170, // 16 × 10 + 10
    ]);
    expect(report.totals).toMatchObject({ params: 1002, nonTrainable: 16 });
  });

  test('Keras 2 without an InputLayer takes the input from batch_input_shape', () => {
    const { network, report } = counts(fixture('keras2-no-input-layer.json'));
    expect(network.input).toEqual([8, 8, 4]);
    expect(report.layers.map((l) => l.outputShape)).toEqual([[17, 17, 6], [17, 17, 6], [19, 21, 6], [2394], [3]]);
    // 4 × (6 × 3×3) + 6 = 222; BN 4 × 6 = 24; dense 19·21·6 = 2394 × 3 = 7182 without biases.
    expect(report.totals.params).toBe(222 + 24 + 7182);
  });

  test('names every unsupported layer by class and points at each, in one numbering it explains', () => {
    const result = importKerasModel(fixture('keras3-unsupported-layers.json'));
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error).toMatchObject([
      {
        path: ['config', 'layers', 2, 'class_name'],
        message: expect.stringMatching(
          /^layer 2 \(numbered from 0 as in config\.layers, where the InputLayer is layer 0\) is a Lambda, which Learnable does not count yet; supported: Conv2D/,
        ),
      },
      {
        path: ['config', 'layers', 3, 'class_name'],
        message: expect.stringMatching(/^layer 3 .* is an LSTM, which Learnable does not count yet/),
      },
    ]);
  });

  test.each([
    [{ class_name: 'MyModel', config: { layers: [] } }, ['class_name'], /a Sequential or a functional model/],
    [{ class_name: 'Functional', config: { layers: [] } }, ['config', 'layers'], /the model has no layers/],
    ['{"class_name": "Sequential",', [], /not valid JSON/],
    [
      { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2 } }] } },
      ['config', 'layers'],
      /declares no input shape/,
    ],
    [
      {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Conv2D', config: { batch_input_shape: [null, 8, 8, 3], filters: 0, kernel_size: [3, 3] } },
          ],
        },
      },
      ['config', 'layers', 0, 'config', 'filters'],
      /filters must be at least 1/,
    ],
  ])('refuses %j at %j', (json, path, message) => {
    const result = importKerasModel(json);
    expect(result.ok ? undefined : result.error[0]?.path).toEqual(path);
    expect(result.ok ? '' : result.error[0]?.message).toMatch(message);
  });
});

describe('importKerasModel on TensorFlow.js model.toJSON()', () => {
  test('counts random tfjs-built models exactly as tfjs does', async () => {
    await tf.setBackend('cpu');
    let checked = 0;
    for (let seed = 0; checked < 100; seed++) {
      const original = randomNetwork(createRandom(`keras-import-${seed}`), { tfjsComparable: true });
      // tfjs 4.x's SeparableConv2D.getConfig() leaves out depthMultiplier (Keras writes
      // depth_multiplier), so its JSON of such a layer describes a different layer.
      if (original.layers.some((l) => l.type === 'separableConv2d' && (l.depthMultiplier ?? 1) > 1)) continue;
      checked += 1;
      const model = buildTfjsModel(original);
      try {
        const json = model.toJSON(null, true) as string;
        const { network, report } = counts(json);
        expect(network.input).toEqual(original.input);
        expect(report.layers.map((l) => l.params)).toEqual(model.layers.map((l) => l.countParams()));
        expect(report.totals.params).toBe(model.countParams());
      } finally {
        model.dispose();
      }
    }
  });
});
