import { describe, expect, test, vi } from 'vitest';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

// The function's import builds no layer type's schema; a request builds those of the types it uses.
// Each test imports the schema module afresh, as a cold start does.
async function freshSchemas() {
  vi.resetModules();
  return import('../../src/domain/schema/network');
}

const built = (schemas: object) =>
  Object.entries(Object.getOwnPropertyDescriptors(schemas))
    .filter(([, descriptor]) => descriptor.get === undefined)
    .map(([type]) => type)
    .sort();

describe('layer schemas are built when first used', () => {
  test('importing the network schema builds none of the 70-odd layer types', async () => {
    const { LAYER_SCHEMAS, LAYER_TYPES } = await freshSchemas();
    expect(Object.keys(LAYER_SCHEMAS)).toEqual([...LAYER_TYPES]);
    expect(LAYER_TYPES.length).toBeGreaterThan(60);
    expect(built(LAYER_SCHEMAS)).toEqual([]);
  });

  test('parsing the textbook network builds its three types, and a refused layer of a fourth builds it', async () => {
    const { LAYER_SCHEMAS, Network } = await freshSchemas();
    expect(Network.safeParse(TEXTBOOK_NETWORK).success).toBe(true);
    expect(built(LAYER_SCHEMAS)).toEqual(['conv2d', 'dense', 'flatten']);
    const refused = Network.safeParse({ input: [4], layers: [{ type: 'batchNormalization', axis: 'x' }] });
    expect(refused.success).toBe(false);
    expect(built(LAYER_SCHEMAS)).toEqual(['batchNormalization', 'conv2d', 'dense', 'flatten']);
    // Once built, a type's schema is the same object on every read.
    expect(LAYER_SCHEMAS.dense).toBe(LAYER_SCHEMAS.dense);
  });

  test('an unknown type builds nothing', async () => {
    const { LAYER_SCHEMAS, Network } = await freshSchemas();
    expect(Network.safeParse({ input: [4], layers: [{ type: 'conv4d' }] }).success).toBe(false);
    expect(built(LAYER_SCHEMAS)).toEqual([]);
  });
});
