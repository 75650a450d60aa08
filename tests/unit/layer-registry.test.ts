import { describe, expect, test } from 'vitest';
import { buildOpenApiDocument } from '../../functions/openapi';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { KERAS_CLASSES } from '../../src/domain/keras-import';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';
import { Network, type Layer } from '../../src/domain/schema/network';
import { paramsOf, tfjsFactory, tfjsGraph } from '../support/tfjs-graph';

// Classes tfjs 4 has but gets wrong, so they cannot check us; each is checked by hand tables instead.
const TFJS_BROKEN: Record<string, string> = {
  // Its symbolic output for 64×64 from a 32×32×3 input is [64, 32], and calling it throws.
  resizing: 'tfjs 4 Resizing computes a wrong output shape',
};

describe('the layer registry', () => {
  test('gives every type a schema that accepts its own example', () => {
    for (const type of LAYER_TYPES) {
      const { input, before = [], layer } = LAYERS[type].example;
      const parsed = Network.safeParse({ input, layers: [...before, layer] });
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
      const { input, before = [], layer } = LAYERS[type].example;
      const [shown] = LAYERS[type].keras.classes;
      if (type in TFJS_BROKEN || type === 'input' || shown === undefined) continue;
      const built = tfjsGraph(input, [...before, layer] as Layer[])?.model;
      if (!built) {
        withoutTfjs.push(type);
        continue;
      }
      try {
        const ours = analyzeNetwork(Network.parse({ input, layers: [...before, layer] }));
        if (!ours.ok) throw new Error(JSON.stringify(ours.error));
        const report = ours.value.layers.at(-1);
        expect(built.countParams(), type).toBe(ours.value.totals.params);
        expect(built.countParams() - paramsOf(built.trainableWeights), type).toBe(ours.value.totals.nonTrainable);
        expect((built.outputs[0]?.shape ?? []).slice(1), type).toEqual(report?.outputShape);
      } finally {
        built.dispose();
      }
    }
    // Types tfjs 4 has no class for are checked by hand tables and PyTorch instead; the list must stay honest.
    for (const type of withoutTfjs)
      expect(tfjsFactory(LAYERS[type as keyof typeof LAYERS].keras.classes[0] ?? ''), type).toBeUndefined();
    expect(withoutTfjs.length).toBeLessThan(LAYER_TYPES.length);
  });

  test('gives the two layers that stand for others, reuse and model, no Keras code of their own to rebuild', () => {
    // A shared layer is a second call of a layer (no class); a nested model is a network (its layers' classes).
    expect(LAYERS.reuse.keras.classes).toEqual([]);
    expect(LAYERS.model.keras.classes).toContain('Functional');
    expect(LAYERS.input.keras.classes).toEqual(['InputLayer']);
  });
});
