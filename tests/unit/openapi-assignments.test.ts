import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildOpenApiDocument } from '../../functions/openapi';
import { ASSIGNMENT_EXAMPLES } from '../../functions/openapi-assignments';
import { auth, call, startLiveApi, type LiveApi } from '../support/assignment-api';

const document = buildOpenApiDocument();
const paths = document.paths as unknown as Record<string, Record<string, { responses?: Record<string, unknown> }>>;

function validatorFor(name: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'doc', components: document.components });
  return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
}

let api: LiveApi;
beforeAll(async () => {
  api = await startLiveApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('the OpenAPI document’s assignment endpoints', () => {
  test('lists every endpoint with its operation', () => {
    const operations = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/assignments'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => method !== 'parameters')
          .map(([method, op]) => `${method.toUpperCase()} ${path} ${(op as { operationId: string }).operationId}`),
      );
    expect(operations).toEqual([
      'POST /api/assignments createAssignment',
      'GET /api/assignments/{id} getAssignment',
      'DELETE /api/assignments/{id} deleteAssignment',
      'POST /api/assignments/{id}/submissions submit',
      'GET /api/assignments/{id}/submissions/{submissionId} getOwnSubmission',
      'DELETE /api/assignments/{id}/submissions/{submissionId} deleteSubmission',
      'GET /api/assignments/{id}/results getResults',
    ]);
  });

  test('its examples run: the assignment is made, the submission scored, and every answer fits its schema', async () => {
    expect(validatorFor('AssignmentRequest')(ASSIGNMENT_EXAMPLES.create.value)).toBe(true);
    expect(validatorFor('SubmissionRequest')(ASSIGNMENT_EXAMPLES.submission.value)).toBe(true);

    const made = await call(api, 'POST', '/api/assignments', ASSIGNMENT_EXAMPLES.create.value);
    expect(made.status).toBe(201);
    const created = await made.json();
    const validCreated = validatorFor('CreatedAssignment');
    expect(validCreated(created), JSON.stringify(validCreated.errors)).toBe(true);

    const view = await (await call(api, 'GET', `/api/assignments/${created.id}`)).json();
    expect(validatorFor('PublicAssignment')(view)).toBe(true);

    const submitted = await call(
      api,
      'POST',
      `/api/assignments/${created.id}/submissions`,
      ASSIGNMENT_EXAMPLES.submission.value,
    );
    expect(submitted.status).toBe(201);
    const receipt = await submitted.json();
    const validReceipt = validatorFor('SubmissionReceipt');
    expect(validReceipt(receipt), JSON.stringify(validReceipt.errors)).toBe(true);
    // As its summary says: network 1 right, network 2's first layer without its biases.
    expect(receipt.networks[0].score.correct).toBe(receipt.networks[0].score.possible);
    expect(receipt.networks[1].layers[0].answer.mistakes.map((m: { code: string }) => m.code)).toContain(
      'forgot-biases',
    );

    const own = await (
      await call(
        api,
        'GET',
        `/api/assignments/${created.id}/submissions/${receipt.submissionId}`,
        undefined,
        auth(receipt.studentToken),
      )
    ).json();
    expect(validatorFor('OwnSubmission')(own)).toBe(true);

    const results = await (
      await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, auth(created.key))
    ).json();
    const validResults = validatorFor('ClassResults');
    expect(validResults(results), JSON.stringify(validResults.errors)).toBe(true);
    expect(results.class.mistakes[0].summary).toMatch(/^forgot biases: 1 of 1 student, on \w+ layers$/);
  });

  test('every problem example fits the problem schema, with its own status', () => {
    const validProblem = validatorFor('ProblemDetails');
    let checked = 0;
    for (const [path, item] of Object.entries(paths)) {
      if (!path.startsWith('/api/assignments')) continue;
      for (const op of Object.values(item)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          const example = (response as { content?: Record<string, { example?: unknown }> }).content?.[
            'application/problem+json'
          ]?.example;
          if (!example) continue;
          expect(validProblem(example), `${path} ${status}`).toBe(true);
          expect((example as { status: number }).status).toBe(Number(status));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
