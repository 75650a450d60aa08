import { LAYER_TYPES } from '../../src/domain/layers';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, test } from 'vitest';
import { buildOpenApiDocument, REQUEST_EXAMPLES } from '../../functions/openapi';
import { createRandom } from '../../src/domain/random';
import { randomNetwork } from '../support/random-network';
import { postScore } from '../support/score-request';

const document = buildOpenApiDocument();

/** An ajv validator for one component schema, with the other components resolvable by $ref. */
function validatorFor(name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: document.components });
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
}

const validRequest = validatorFor('ScoreRequest');
const validResponse = validatorFor('ScoreResponse');
const validPytorchResponse = validatorFor('PytorchScoreResponse');
const validProblem = validatorFor('ProblemDetails');

const post = postScore;

describe('the OpenAPI document', () => {
  test('is OpenAPI 3.1 with a version and /api/score', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toMatch(/^1\.\d+\.\d+$/);
    expect(Object.keys(document.paths['/api/score'].post.responses).sort()).toEqual(
      ['200', '400', '405', '413', '415', '422', '429', '500'].sort(),
    );
  });

  test('describes layers as one union discriminated by type, one schema per layer type', () => {
    const layer = document.components.schemas['Layer'] as unknown as {
      oneOf: unknown[];
      discriminator: { mapping: object };
    };
    expect(layer.oneOf).toHaveLength(LAYER_TYPES.length);
    expect(Object.keys(layer.discriminator.mapping)).toContain('separableConv2d');
  });

  test.each(Object.entries(REQUEST_EXAMPLES))('example %s validates and scores with 200', async (_, { value }) => {
    expect(validRequest(value), JSON.stringify(validRequest.errors)).toBe(true);
    const response = await post(value);
    expect(response.status).toBe(200);
    const body = await response.json();
    // A pytorchModel is answered with modules; every other source with layers.
    const valid = 'pytorchModel' in value ? validPytorchResponse : validResponse;
    expect(valid(body), JSON.stringify(valid.errors)).toBe(true);
    expect(('pytorchModel' in value ? validResponse : validPytorchResponse)(body)).toBe(false);
  });

  test('the 200 response is one of the two response schemas', () => {
    const schema = document.paths['/api/score'].post.responses['200'].content['application/json'].schema;
    expect(schema.oneOf.map((s) => s.$ref)).toEqual([
      '#/components/schemas/ScoreResponse',
      '#/components/schemas/PytorchScoreResponse',
    ]);
  });

  test('the PyTorch example is what PyTorch counts: 3 × 16 × 3×3 + 2 × 16 + 16 × 10 + 10 = 634', async () => {
    const body = await (await post(REQUEST_EXAMPLES.pytorchModel.value)).json();
    expect(body.total.params).toBe(634);
    expect(body.total.answer.correct).toBe(true);
  });

  test.each(Object.entries(document.paths['/api/score'].post.responses))(
    'the %s example matches the problem schema',
    (status, response) => {
      const example = (response as { content?: Record<string, { example?: unknown }> }).content?.[
        'application/problem+json'
      ]?.example;
      if (status === '200' || status === '429') return expect(example).toBeUndefined();
      expect(validProblem(example), JSON.stringify(validProblem.errors)).toBe(true);
      expect((example as { status: number }).status).toBe(Number(status));
    },
  );

  test('requests built from the schema score: 300 random networks validate and return a valid 200', async () => {
    for (let seed = 0; seed < 300; seed++) {
      const network = randomNetwork(createRandom(`openapi-${seed}`));
      const request = { network, answers: { layers: network.layers.map(() => null), total: '1,000' } };
      expect(validRequest(request), JSON.stringify(validRequest.errors)).toBe(true);
      const response = await post(request);
      expect(response.status).toBe(200);
      expect(validResponse(await response.json())).toBe(true);
    }
  });

  test('what the schema refuses, the endpoint refuses with a problem the schema describes', async () => {
    const refused = [
      { network: { input: [20, 20, 3, 1, 1], layers: [{ type: 'flatten' }] } },
      { network: { input: [20, 20, 3], layers: [{ type: 'conv4d' }] } },
      { network: { input: [20, 20, 3], layers: [{ type: 'dense', units: 0 }] } },
      { network: { input: [20, 20, 3], layers: [{ type: 'dense', units: 2, activation: 'rellu' }] } },
      { network: { input: [20, 20, 3], layers: [{ type: 'flatten' }] }, answers: { total: -1 } },
      { network: { input: [20, 20, 3], layers: [{ type: 'flatten' }] }, kerasModel: {} },
      { pytorchModel: 'Sequential()', practiceSet: { version: 1, seed: 'a', index: 0 } },
      { pytorchModel: 12 },
      {},
    ];
    for (const body of refused) {
      expect(validRequest(body)).toBe(false);
      const response = await post(body);
      expect(response.status).toBe(422);
      expect(validProblem(await response.json())).toBe(true);
    }
  });
});
