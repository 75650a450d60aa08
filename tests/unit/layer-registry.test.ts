import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { buildOpenApiDocument } from '../../functions/openapi';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { KERAS_CLASSES } from '../../src/domain/keras-import';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';
import { Network } from '../../src/domain/schema/network';
import { parsePythonCall } from '../support/python-call';

// Classes tfjs 4 has but gets wrong, so they cannot check us; each is checked by hand tables instead.
const TFJS_BROKEN: Record<string, string> = {
  // Its symbolic output for 64×64 from a 32×32×3 input is [64, 32], and calling it throws.
  resizing: 'tfjs 4 Resizing computes a wrong output shape',
};

// tfjs 4 spells a few Keras 3 keywords differently.
const TFJS_KEYWORDS: Record<string, string> = { negative_slope: 'alpha' };
const camel = (key: string) => TFJS_KEYWORDS[key] ?? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The tfjs factory for a Keras class, found by name: `Conv2DTranspose` → `tf.layers.conv2dTranspose`. */
function tfjsFactory(className: string): ((config: object) => tf.layers.Layer) | undefined {
  const key = Object.keys(tf.layers).find((name) => name.toLowerCase() === className.toLowerCase());
  return key === undefined
    ? undefined
    : (tf.layers as unknown as Record<string, (config: object) => tf.layers.Layer>)[key];
}

describe('the layer registry', () => {
  test('gives every type a schema that accepts its own example', () => {
    for (const type of LAYER_TYPES) {
      const { input, layer } = LAYERS[type].example;
      const parsed = Network.safeParse({ input, layers: [layer] });
      if (!parsed.success) throw new Error(`${type}: ${JSON.stringify(parsed.error.issues)}`);
      expect(analyzeNetwork(parsed.data).ok, type).toBe(true);
    }
  });

  test('puts every type in the OpenAPI document, with a discriminator mapping to its own schema', () => {
    const document = buildOpenApiDocument() as {
      components: { schemas: Record<string, { discriminator?: { mapping: Record<string, string> } }> };
    };
    const mapping = document.components.schemas['Layer']?.discriminator?.mapping ?? {};
    for (const type of LAYER_TYPES) {
      const id = (mapping[type] ?? '').replace('#/components/schemas/', '');
      expect(document.components.schemas[id], type).toBeDefined();
    }
    expect(Object.keys(mapping).sort()).toEqual([...LAYER_TYPES].sort());
  });

  test('imports every type from each of its Keras class names, and no class names two types', () => {
    for (const type of LAYER_TYPES) {
      for (const name of LAYERS[type].keras.classes) expect(KERAS_CLASSES.get(name), name).toBe(type);
    }
    const all = LAYER_TYPES.flatMap((type) => LAYERS[type].keras.classes);
    expect(new Set(all).size).toBe(all.length);
  });

  test('writes Keras code for every example that TensorFlow.js rebuilds with our counts and shapes', () => {
    const withoutTfjs: string[] = [];
    for (const type of LAYER_TYPES) {
      const { input, layer } = LAYERS[type].example;
      const code = LAYERS[type].keras.code(layer as never);
      const call = parsePythonCall(code);
      expect(call.name, type).toBe(LAYERS[type].keras.classes[0]);
      const factory = tfjsFactory(call.name);
      if (type in TFJS_BROKEN) continue;
      if (!factory) {
        withoutTfjs.push(type);
        continue;
      }
      const config = Object.fromEntries(Object.entries(call.kwargs).map(([key, value]) => [camel(key), value]));
      const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: input }), factory(config)] });
      try {
        const ours = analyzeNetwork(Network.parse({ input, layers: [layer] }));
        if (!ours.ok) throw new Error(JSON.stringify(ours.error));
        const [report] = ours.value.layers;
        expect(model.countParams(), `${type}: ${code}`).toBe(report?.params);
        expect((model.outputs[0]?.shape ?? []).slice(1), `${type}: ${code}`).toEqual(report?.outputShape);
      } finally {
        model.dispose();
      }
    }
    // Types tfjs 4 has no class for are checked by hand tables and PyTorch instead; the list must stay honest.
    for (const type of withoutTfjs)
      expect(tfjsFactory(LAYERS[type as keyof typeof LAYERS].keras.classes[0]), type).toBeUndefined();
    expect(withoutTfjs.length).toBeLessThan(LAYER_TYPES.length);
  });
});
