import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Problem } from '../../functions/problem';
import { answersFor, auth, ORIGIN, itemsOf, setOptions, startLiveApi, type LiveApi } from '../support/assignment-api';

// Every request goes through the real handler to Netlify's real local BlobsServer in a temporary folder.
let api: LiveApi;
let id = '';
let key = '';
let token = '';
let submissionId = '';

const SET = setOptions({ seed: 'fuzz', count: 2, level: 'mix', askShapes: true });
const ITEMS = itemsOf(SET);
const VALID_CREATE = { title: 'Fuzz', set: SET, attempts: 10, feedback: 'immediate' };
const VALID_SUBMISSION = { displayName: 'Fuzzy', answers: answersFor(ITEMS, {}, true) };

beforeAll(async () => {
  api = await startLiveApi();
  const created = await (await post('/api/assignments', VALID_CREATE)).json();
  id = created.id;
  key = created.key;
  const receipt = await (await post(`/api/assignments/${id}/submissions`, VALID_SUBMISSION)).json();
  token = receipt.studentToken;
  submissionId = receipt.submissionId;
});
afterAll(async () => {
  await api?.stop();
});

const post = (path: string, body: unknown) =>
  api.handle(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

/** The problem types the API page documents, each at /api/#<slug>. */
const DOCUMENTED = [
  ...['malformed-json', 'method-not-allowed', 'body-too-large', 'unsupported-media-type'],
  ...['invalid-assignment', 'invalid-submission', 'nested-too-deep', 'missing-key', 'wrong-key', 'wrong-token'],
  ...['not-found', 'assignment-closed', 'no-attempts-left', 'class-full', 'already-submitted'],
  ...['too-many-submissions', 'store-unavailable'],
];

/** An RFC 6901 JSON Pointer. */
const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

/** Whether `pointer`'s parent is in `document` (the last token may name a key that is missing). */
function parentExists(document: unknown, pointer: string): boolean {
  let node = document;
  for (const token of pointer
    .split('/')
    .slice(1, -1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return false;
    node = (node as Record<string, unknown>)[token];
  }
  return true;
}

/** What every answer must be: below 500, with the API's headers, and a problem that points into what was sent. */
async function checkResponse(response: Response, sent?: unknown) {
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-store');
  if (response.status < 400) return;
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const text = await response.text();
  if (text === '') return; // HEAD
  const problem = JSON.parse(text) as Problem;
  expect(problem.status).toBe(response.status);
  // Every type the endpoints send has its section on the API page (src/components/api/).
  expect(DOCUMENTED).toContain(problem.type.replace('/api/#', ''));
  expect(problem.errors.length).toBeGreaterThan(0);
  for (const error of problem.errors) {
    expect(error.pointer).toMatch(POINTER);
    if (sent !== undefined && response.status === 422)
      expect(parentExists(sent, error.pointer), error.pointer).toBe(true);
  }
  // No stack trace and no secret in any refusal.
  expect(text).not.toMatch(/\bat \S+:\d+:\d+|node_modules/);
  expect(text).not.toContain(key);
}

// ---- Mutations of valid bodies -----------------------------------------------------------------

const oddValue = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    0.5,
    2 ** 53,
    1e308,
    '',
    ' ',
    'x'.repeat(200),
    '\u202e',
    '\u0000',
    '=cmd()',
    null,
    true,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** Every path into a JSON value, the value itself included (`[]`). */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [path];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [path, ...children.flatMap(([k, v]) => pathsOf(v, [...path, k]))];
}

/** `value` with the thing at `path` replaced (or deleted when `replacement` is undefined). */
function mutate(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement !== undefined) node[last] = replacement;
  else if (Array.isArray(node)) node.splice(Number(last), 1);
  else Reflect.deleteProperty(node, last);
  return copy;
}

const mutation = (valid: unknown) =>
  fc
    .tuple(
      fc.constantFrom(...pathsOf(valid)),
      fc.option(oddValue, { nil: undefined }),
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      oddValue,
    )
    .map(([path, replacement, extraKey, extraValue]) => {
      const mutated = mutate(valid, path, replacement);
      // Sometimes an unknown key too, where an object is.
      if (extraKey !== undefined && typeof mutated === 'object' && mutated !== null && !Array.isArray(mutated)) {
        return { ...(mutated as object), [extraKey]: extraValue };
      }
      return mutated;
    });

// ---- Paths, methods and headers ------------------------------------------------------------------

const idLike = () => fc.oneof(fc.constant(id), fc.string({ maxLength: 30 }), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/));
const anyPath = fc.oneof(
  fc.constant('/api/assignments'),
  idLike().map((x) => `/api/assignments/${encodeURIComponent(x)}`),
  idLike().map((x) => `/api/assignments/${encodeURIComponent(x)}/submissions`),
  fc
    .tuple(idLike(), fc.oneof(fc.constant(submissionId), fc.string({ maxLength: 5 }), fc.stringMatching(/^\d{3}$/)))
    .map(([x, s]) => `/api/assignments/${encodeURIComponent(x)}/submissions/${encodeURIComponent(s)}`),
  idLike().map((x) => `/api/assignments/${encodeURIComponent(x)}/results`),
  fc.webPath().map((p) => `/api/assignments${p}`),
);
const anyMethod = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS');
const anyAuth = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => `Bearer ${key}`),
  fc.constant(() => `Bearer ${token}`),
  fc.string({ maxLength: 60 }).map((s) => () => `Bearer ${s}`),
  fc.string({ maxLength: 60 }).map((s) => () => s),
);

const RUNS = { numRuns: 250 };

describe('the assignment endpoints never answer 5xx', () => {
  test('to any method, path, body and Authorization', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyMethod,
        anyPath,
        fc.option(fc.jsonValue({ maxDepth: 4 }), { nil: undefined }),
        anyAuth,
        async (method, path, body, authorization) => {
          const headers: Record<string, string> = {};
          if (authorization) headers['authorization'] = authorization();
          const init: RequestInit = { method, headers };
          if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
            headers['content-type'] = 'application/json';
            init.body = JSON.stringify(body);
          }
          await checkResponse(await api.handle(new Request(`${ORIGIN}${path}`, init)), body);
        },
      ),
      RUNS,
    );
  });

  test('to a valid assignment request with one thing changed: 201 or a problem pointing at what was sent', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(VALID_CREATE), async (body) => {
        // Past the site's 30 a minute, 429: move the clock on a minute now and then.
        api.clock.now = new Date(api.clock.now.getTime() + 3_000);
        const response = await post('/api/assignments', body);
        expect([201, 400, 422, 429]).toContain(response.status);
        await checkResponse(response, body);
      }),
      RUNS,
    );
  });

  test('to a valid submission with one thing changed: 201 or a problem pointing at what was sent', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(VALID_SUBMISSION), fc.boolean(), async (body, asStudent) => {
        api.clock.now = new Date(api.clock.now.getTime() + 11_000);
        const sent =
          asStudent && typeof body === 'object' && body !== null && !Array.isArray(body)
            ? { ...body, studentToken: token }
            : body;
        const response = await post(`/api/assignments/${id}/submissions`, sent);
        expect([201, 400, 409, 422, 429]).toContain(response.status);
        await checkResponse(response, sent);
      }),
      RUNS,
    );
  });

  test('to bytes that are not JSON or not UTF-8, and to media types other than JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(
          'application/json',
          'text/plain',
          'application/problem+json',
          '',
          'application/json; charset=latin1',
        ),
        fc.constantFrom('/api/assignments', `/api/assignments/${id}/submissions`),
        async (bytes, type, path) => {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          const response = await api.handle(new Request(`${ORIGIN}${path}`, { method: 'POST', headers, body: bytes }));
          expect([201, 400, 415, 422, 429]).toContain(response.status);
          await checkResponse(response);
        },
      ),
      RUNS,
    );
  });

  test('results and deletes with any key: only the right one opens them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.string({ maxLength: 50 })),
        async (guess) => {
          for (const [method, path] of [
            ['GET', `/api/assignments/${id}/results`],
            ['DELETE', `/api/assignments/${id}/submissions/${submissionId}`],
            ['DELETE', `/api/assignments/${id}`],
          ] as const) {
            const response = await api.handle(new Request(`${ORIGIN}${path}`, { method, headers: auth(guess) }));
            expect([401, 403]).toContain(response.status);
            await checkResponse(response);
          }
        },
      ),
      { numRuns: 100 },
    );
    // And the right key still does.
    expect(
      (await api.handle(new Request(`${ORIGIN}/api/assignments/${id}/results`, { headers: auth(key) }))).status,
    ).toBe(200);
  });
});
