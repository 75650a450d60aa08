import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Problem } from '../../functions/problem';
import { handleScore } from '../../functions/score';
import { LIMITS } from '../../src/domain/limits';
import { createRandom } from '../../src/domain/random';
import type { ScoreReport } from '../../src/domain/score-answers';
import { randomGraph } from '../support/random-graph';

const ENDPOINT = 'https://learnable.example/api/score';
const encoder = new TextEncoder();

/** A POST of raw bytes or text with a JSON content type. */
const post = (body: string | Uint8Array<ArrayBuffer>, type = 'application/json') =>
  handleScore(new Request(ENDPOINT, { method: 'POST', headers: { 'Content-Type': type }, body }));

/** An RFC 6901 JSON Pointer: '' or '/'-prefixed tokens where '~' only appears as ~0 or ~1. */
const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

/** Whether `pointer`'s parent exists in `document` (the last token may name a missing required key). */
function parentExists(document: unknown, pointer: string): boolean {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node = document;
  for (const token of tokens.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return false;
    node = (node as Record<string, unknown>)[token];
  }
  return true;
}

/**
 * Checks what every response must satisfy and returns its parsed body: no 5xx, CORS and nosniff,
 * a 200 whose counts add up, or problem details whose pointers are well formed and point into `sent`.
 */
async function checkResponse(response: Response, sent?: { json: unknown }): Promise<ScoreReport | Problem | null> {
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  if (response.status === 204) {
    expect(await response.text()).toBe('');
    return null;
  }
  if (response.status === 200) {
    expect(response.headers.get('content-type')).toBe('application/json');
    const report = (await response.json()) as ScoreReport;
    checkCounts(report);
    return report;
  }
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect(problem.status).toBe(response.status);
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.errors.length).toBeGreaterThan(0);
  for (const error of problem.errors) {
    expect(error.pointer).toMatch(POINTER);
    expect(error.detail.length).toBeGreaterThan(0);
    if (sent) expect(parentExists(sent.json, error.pointer), error.pointer).toBe(true);
  }
  return problem;
}

/** The arithmetic a scored network must obey, checked exactly with BigInt. */
function checkCounts(report: ScoreReport): void {
  let shape = report.input;
  let total = 0n;
  for (const layer of report.layers) {
    // In a network that branches, a layer takes the output of the layer `from` names (-1: the input).
    const source = layer.from?.[0];
    const expected = source === undefined ? shape : source === -1 ? report.input : report.layers[source]?.outputShape;
    if (layer.type !== 'input') expect(layer.inputShape).toEqual(expected);
    if (layer.sharedWith !== undefined) expect(layer.params).toBe(0);
    if (layer.model) expect(layer.model.totals.params).toBe(layer.params);
    // A frozen layer (trainable: false) keeps its weights and biases in the count but trains none of them.
    expect([layer.weights + layer.biases, 0]).toContain(layer.trainable);
    expect(layer.params).toBeGreaterThanOrEqual(layer.weights + layer.biases);
    expect(layer.trainable + layer.nonTrainable).toBe(layer.params);
    total += BigInt(layer.params);
    shape = layer.outputShape;
  }
  expect(BigInt(report.total.params)).toBe(total);
  expect(report.total.trainable + report.total.nonTrainable).toBe(report.total.params);
}

// ---- Valid requests, by construction ----------------------------------------------------------

const int = (min: number, max: number) => fc.integer({ min, max });
const pairOf = (arb: fc.Arbitrary<number>) => fc.oneof(arb, fc.tuple(arb, arb));
const useBias = fc.record({ useBias: fc.boolean() }, { requiredKeys: [] });
// Keras refuses dilation with strides, so a window has one or the other.
const steps = fc.oneof(
  fc.record({ strides: pairOf(int(1, 3)) }, { requiredKeys: [] }),
  fc.record({ dilationRate: pairOf(int(1, 3)) }, { requiredKeys: [] }),
);
// "same" padding fits any kernel on any input; "valid" (the default) only a 1×1 one.
const fitting = fc.oneof(
  fc.record({ kernelSize: pairOf(int(1, 5)), padding: fc.constant('same') }),
  fc.record(
    { kernelSize: fc.constantFrom(1, [1, 1]), padding: fc.constant('valid') },
    { requiredKeys: ['kernelSize'] },
  ),
);
const conv = (type: string, extra: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(fc.record(extra), fitting, steps, useBias)
    .map(([options, window, step, bias]) => ({ type, ...options, ...window, ...step, ...bias }));
const depthMultiplier = fc.record({ depthMultiplier: int(1, 3) }, { requiredKeys: [] });
const pool = (type: string) =>
  fc
    .tuple(
      fc.oneof(
        fc.record({ poolSize: pairOf(int(1, 4)), padding: fc.constant('same') }, { requiredKeys: ['padding'] }),
        fc.record(
          { poolSize: fc.constantFrom(1, [1, 1]), padding: fc.constant('valid') },
          { requiredKeys: ['poolSize'] },
        ),
      ),
      fc.record({ strides: pairOf(int(1, 3)) }, { requiredKeys: [] }),
    )
    .map(([window, strides]) => ({ type, ...window, ...strides }));
const side = int(0, 2);

const anyRankLayer = fc.oneof(
  fc.tuple(int(1, 8), useBias).map(([units, bias]) => ({ type: 'dense', units, ...bias })),
  fc.double({ min: 0, max: 0.99, noNaN: true }).map((rate) => ({ type: 'dropout', rate })),
  fc.constant({ type: 'batchNormalization' }),
);
const spatialLayer = fc.oneof(
  conv('conv2d', { filters: int(1, 8) }),
  conv('conv2dTranspose', { filters: int(1, 8) }),
  fc.tuple(conv('depthwiseConv2d', {}), depthMultiplier).map(([layer, dm]) => ({ ...layer, ...dm })),
  fc.tuple(conv('separableConv2d', { filters: int(1, 8) }), depthMultiplier).map(([l, dm]) => ({ ...l, ...dm })),
  pool('maxPooling2d'),
  pool('averagePooling2d'),
  fc
    .option(fc.oneof(side, fc.tuple(side, side), fc.tuple(fc.tuple(side, side), fc.tuple(side, side))), {
      nil: undefined,
    })
    .map((padding) => (padding === undefined ? { type: 'zeroPadding2d' } : { type: 'zeroPadding2d', padding })),
  anyRankLayer,
);
const flatLayer = fc.oneof(anyRankLayer, fc.constant({ type: 'flatten' }));
const leaveSpatial = fc
  .constantFrom('flatten', 'globalAveragePooling2d', 'globalMaxPooling2d')
  .map((type) => ({ type }));

/** A network the engine accepts: spatial layers, then maybe a flatten or global pooling and flat layers. */
const validNetwork = fc
  .record({
    input: fc.tuple(int(1, 24), int(1, 24), int(1, 8)),
    spatial: fc.array(spatialLayer, { maxLength: 6 }),
    tail: fc.option(fc.tuple(leaveSpatial, fc.array(flatLayer, { maxLength: 4 })), { nil: undefined }),
  })
  .map(({ input, spatial, tail }) => ({ input, layers: [...spatial, ...(tail ? [tail[0], ...tail[1]] : [])] }))
  .filter((network) => network.layers.length > 0);

const digits = fc.oneof(
  fc.nat(),
  fc.nat().map(String),
  fc.nat().map((n) => n.toLocaleString('en-US')), // "2,402"
  fc.nat().map((n) => n.toLocaleString('en-US').replaceAll(',', ' ')), // "2 402"
  fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }).map(String), // up to 40 digits, far above 2^53
);
const countAnswer = fc.option(digits, { nil: null });
const shapeAnswer = fc.option(fc.array(int(1, 64), { minLength: 1, maxLength: 3 }), { nil: null });

/** A valid request: a valid network and, maybe, answers of the right lengths. */
const validRequest = validNetwork.chain((network) => {
  const n = network.layers.length;
  const answers = fc.record(
    {
      layers: fc.array(countAnswer, { minLength: n, maxLength: n }),
      total: countAnswer,
      outputShapes: fc.array(shapeAnswer, { minLength: n, maxLength: n }),
    },
    { requiredKeys: [] },
  );
  const convention = fc.constantFrom('keras', 'pytorch');
  return fc.record({ network: fc.constant(network), answers, convention }, { requiredKeys: ['network'] });
});

// ---- Mutations --------------------------------------------------------------------------------

// A string that `serialize` writes as a raw JSON literal, for numbers JSON.stringify cannot write (-0, 1e400).
const raw = (literal: string) => `\u0000raw:${literal}\u0000`;
const serialize = (value: unknown) =>
  JSON.stringify(value).replace(/"\\u0000raw:([^"\\]*)\\u0000"/g, (_, literal: string) => literal);

const oddValue = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    1e-300,
    -1,
    0,
    0.5,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    '',
    '3',
    'same',
    true,
    null,
    [],
    {},
  ),
  fc.constantFrom('-0', '1e400', '-1e400', '1E2', '9007199254740993', '1.0', '0.1e1').map(raw),
  int(1, 200_000).map((n) => 'x'.repeat(n)),
  fc.jsonValue({ maxDepth: 3 }),
);
const SPECIAL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const oddKey = fc.oneof(fc.constantFrom(...SPECIAL_KEYS), fc.string({ maxLength: 12 }));

type Mutation = { kind: 'replace' | 'delete' | 'insert'; at: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'delete', 'insert'),
  at: fc.nat(),
  value: oddValue,
  key: oddKey,
});

type Container = Record<string, unknown> | unknown[];
interface Spot {
  parent: Container | null;
  key: string;
  node: unknown;
}

/** Every place in `root`, parent first. */
function spots(root: unknown): Spot[] {
  const found: Spot[] = [{ parent: null, key: '', node: root }];
  for (let i = 0; i < found.length; i++) {
    const node = found[i]?.node;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) found.push({ parent: node as Container, key, node: child });
  }
  return found;
}

/** Sets an own, enumerable key, even "__proto__" (which plain assignment would turn into a prototype change). */
const define = (object: object, key: string, value: unknown) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/** Applies `mutations` to a copy of `request`; a replaced root becomes the mutation's value. */
function mutate(request: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(request);
  for (const { kind, at, value, key } of mutations) {
    const all = spots(root);
    const spot = all[at % all.length] as Spot;
    const { parent } = spot;
    if (kind === 'insert') {
      if (Array.isArray(spot.node)) spot.node.splice(at % (spot.node.length + 1), 0, value);
      else if (typeof spot.node === 'object' && spot.node !== null) define(spot.node, key, value);
    } else if (parent === null) {
      root = kind === 'replace' ? value : undefined;
    } else if (Array.isArray(parent)) {
      if (kind === 'replace') parent[Number(spot.key)] = value;
      else parent.splice(Number(spot.key), 1);
    } else if (kind === 'replace') {
      define(parent, spot.key, value);
    } else {
      Reflect.deleteProperty(parent, spot.key);
    }
  }
  return root;
}

const byteLength = (text: string) => encoder.encode(text).byteLength;

// ---- Properties -------------------------------------------------------------------------------

describe('POST /api/score under fuzzing', () => {
  test('any JSON body gets a 200 or a 422 whose pointers lead into that body', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ network: fc.jsonValue(), answers: fc.jsonValue() }, { requiredKeys: [] }),
      fc.record({ network: fc.record({ input: fc.jsonValue(), layers: fc.array(fc.jsonValue()) }) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (json) => {
        const text = JSON.stringify(json);
        const response = await post(text);
        expect([200, 422]).toContain(response.status);
        await checkResponse(response, { json: JSON.parse(text) });
      }),
      { numRuns: 400 },
    );
  });

  test('a valid request always gets 200 with a total equal to the sum of its layers', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, async (request) => {
        const report = (await checkResponse(await post(JSON.stringify(request)))) as ScoreReport;
        expect(report.layers).toHaveLength(request.network.layers.length);
        expect(report.layers.map((l) => l.type)).toEqual(request.network.layers.map((l) => l.type));
        expect(report.convention).toBe(request.convention ?? 'keras');
        if (request.answers === undefined) {
          expect(report).not.toHaveProperty('score');
          return;
        }
        const { layers = [], total = null, outputShapes } = request.answers;
        const given = [...layers, total, ...(outputShapes ?? [])].filter((a) => a !== null).length;
        const n = request.network.layers.length;
        expect(report.score).toMatchObject({ answered: given, possible: n + 1 + (outputShapes ? n : 0) });
      }),
      { numRuns: 400 },
    );
  });

  test('answers equal to the counts score full marks in every accepted spelling', async () => {
    const spelling = fc.constantFrom(
      (n: number) => n,
      (n: number) => String(n),
      (n: number) => n.toLocaleString('en-US'),
      (n: number) => n.toLocaleString('en-US').replaceAll(',', '_'),
      (n: number) => ` ${n.toLocaleString('en-US').replaceAll(',', '\u00a0')} `,
    );
    await fc.assert(
      fc.asyncProperty(
        validNetwork,
        fc.constantFrom('keras', 'pytorch'),
        spelling,
        async (network, convention, spell) => {
          const counted = (await checkResponse(await post(JSON.stringify({ network, convention })))) as ScoreReport;
          const answers = {
            layers: counted.layers.map((l) => spell(l.params)),
            total: spell(counted.total.params),
            outputShapes: counted.layers.map((l) => l.outputShape),
          };
          const scored = (await checkResponse(
            await post(JSON.stringify({ network, answers, convention })),
          )) as ScoreReport;
          const possible = 2 * network.layers.length + 1;
          expect(scored.score).toEqual({ correct: possible, carriedForward: 0, answered: possible, possible });
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a mutated valid request gets a 200, a 413 only when too large, or a 422 pointing into it', async () => {
    await fc.assert(
      fc.asyncProperty(validRequest, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (request, mutations) => {
        const mutated = mutate(request, mutations);
        const text = mutated === undefined ? '' : serialize(mutated);
        const response = await post(text);
        if (byteLength(text) > LIMITS.maxBodyBytes) {
          expect(response.status).toBe(413);
          await checkResponse(response);
          return;
        }
        expect([200, 400, 422]).toContain(response.status);
        // Only a deleted root leaves no JSON at all (an empty body).
        if (response.status === 400) expect(text).toBe('');
        await checkResponse(response, text === '' ? undefined : { json: JSON.parse(text) });
      }),
      { numRuns: 400 },
    );
  });

  test('an unknown key anywhere, even __proto__ or constructor, gets 422 at that key', async () => {
    // Every key the schema knows somewhere; any other key is unknown wherever it is put.
    const known = new Set([
      ...['network', 'answers', 'input', 'layers', 'total', 'outputShapes', 'type', 'filters', 'kernelSize'],
      ...['strides', 'padding', 'dilationRate', 'useBias', 'depthMultiplier', 'poolSize', 'units', 'rate'],
      ...['convention', 'groups', 'kerasModel'],
    ]);
    const key = oddKey.filter((k) => !known.has(k));
    await fc.assert(
      fc.asyncProperty(validRequest, fc.nat(), key, async (request, at, name) => {
        const copy = structuredClone(request);
        const objects = spots(copy).filter(
          (s) => typeof s.node === 'object' && s.node !== null && !Array.isArray(s.node),
        );
        const target = objects[at % objects.length] as Spot;
        define(target.node as object, name, 1);
        const text = JSON.stringify(copy);
        const problem = (await checkResponse(await post(text), { json: JSON.parse(text) })) as Problem;
        expect(problem.status).toBe(422);
        const parentPointer = pointerOf(copy, target.node);
        const escaped = name.replaceAll('~', '~0').replaceAll('/', '~1');
        expect(problem.errors.map((e) => e.pointer)).toContain(`${parentPointer}/${escaped}`);
      }),
      { numRuns: 300 },
    );
  });

  test('a mutated Keras model gets a 200 or a 422, pointing into it when it is sent as an object', async () => {
    const fixtures = ['keras2-classic.json', 'keras3-classic.json', 'keras3-mixed.json'].map((name) =>
      readFileSync(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fixtures),
        fc.array(mutation, { maxLength: 3 }),
        fc.boolean(),
        async (fixture, mutations, asString) => {
          const model = mutate(JSON.parse(fixture), mutations);
          const modelText = model === undefined ? '' : serialize(model);
          // The string form is what model.to_json() returns; pointers then lead into that string's JSON.
          const text = asString ? JSON.stringify({ kerasModel: modelText }) : `{"kerasModel":${modelText || 'null'}}`;
          const response = await post(text);
          expect([200, 413, 422]).toContain(response.status);
          if (response.status === 413) expect(byteLength(text)).toBeGreaterThan(LIMITS.maxBodyBytes);
          await checkResponse(response, asString || response.status === 413 ? undefined : { json: JSON.parse(text) });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a method other than POST or OPTIONS always gets 405 with Allow: POST, OPTIONS', async () => {
    // Request refuses CONNECT, TRACE and TRACK outright; it upper-cases the six standard methods.
    const forbidden = new Set(['CONNECT', 'TRACE', 'TRACK', 'POST', 'OPTIONS']);
    const method = fc
      .oneof(
        fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'get', 'put'),
        fc.stringMatching(/^[A-Za-z]{1,10}$/),
      )
      .filter((m) => !forbidden.has(m.toUpperCase()));
    await fc.assert(
      fc.asyncProperty(method, fc.jsonValue(), async (verb, json) => {
        const bodyless = ['GET', 'HEAD'].includes(verb.toUpperCase());
        const init = { method: verb, headers: { 'Content-Type': 'application/json' } };
        const response = await handleScore(
          new Request(ENDPOINT, bodyless ? init : { ...init, body: JSON.stringify(json) }),
        );
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST, OPTIONS');
        await checkResponse(response);
      }),
      { numRuns: 200 },
    );
  });

  test('a preflight always gets 204 with CORS headers, whatever it asks for', async () => {
    const token = fc.stringMatching(/^[A-Za-z-]{1,16}$/);
    await fc.assert(
      fc.asyncProperty(token, fc.array(token, { maxLength: 4 }), async (method, headers) => {
        const request = new Request(ENDPOINT, {
          method: 'OPTIONS',
          headers: {
            Origin: 'https://elsewhere.example',
            'Access-Control-Request-Method': method,
            ...(headers.length ? { 'Access-Control-Request-Headers': headers.join(', ') } : {}),
          },
        });
        const response = await handleScore(request);
        expect(response.status).toBe(204);
        await checkResponse(response);
      }),
      { numRuns: 100 },
    );
  });

  test('a media type that is not JSON always gets 415', async () => {
    const token = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,15}$/);
    const mediaType = fc
      .tuple(token, token, fc.option(fc.stringMatching(/^; ?[a-z]{1,8}=[a-z0-9-]{1,8}$/), { nil: '' }))
      .filter(([type, subtype]) => !(type === 'application' && (subtype === 'json' || subtype.endsWith('+json'))))
      .map(([type, subtype, parameter]) => `${type}/${subtype}${parameter}`);
    await fc.assert(
      fc.asyncProperty(mediaType, validRequest, async (type, request) => {
        const response = await post(JSON.stringify(request), type);
        expect(response.status).toBe(415);
        await checkResponse(response);
      }),
      { numRuns: 200 },
    );
  });

  test('random bytes as a JSON body get a 400 or a 422, never a 5xx', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      // Mostly JSON-looking bytes, so some parse and reach validation.
      fc
        .string({ unit: fc.constantFrom(...'{}[]":,0123456789.eE+-tfnul \\'.split('')), maxLength: 200 })
        .map((s) => encoder.encode(s)),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => encoder.encode(s)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (body) => {
        const response = await post(body as Uint8Array<ArrayBuffer>);
        expect([200, 400, 422]).toContain(response.status);
        await checkResponse(response);
      }),
      { numRuns: 400 },
    );
  });

  test('a body over the size limit always gets 413, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(int(1, 64 * 1024), fc.constantFrom(' ', 'x', '[', '{"a":', 'é'), async (extra, unit) => {
        const filler = unit.repeat(Math.ceil((LIMITS.maxBodyBytes + extra) / byteLength(unit)));
        const response = await post(`{"network":${filler}`);
        expect(response.status).toBe(413);
        await checkResponse(response);
      }),
      { numRuns: 25 },
    );
  });

  test('deep nesting anywhere in a request gets 413 or 422, never a 5xx', async () => {
    const hole = '@';
    const templates = [
      hole,
      `{"network":${hole}}`,
      `{"network":{"input":${hole},"layers":[{"type":"flatten"}]}}`,
      `{"network":{"input":[8,8,3],"layers":[${hole}]}}`,
      `{"network":{"input":[8,8,3],"layers":[{"type":${hole}}]}}`,
      `{"network":{"input":[8,8,3],"layers":[{"type":"zeroPadding2d","padding":${hole}}]}}`,
      `{"network":{"input":[8,8,3],"layers":[{"type":"flatten"}]},"answers":{"total":${hole}}}`,
      `{"network":{"input":[8,8,3],"layers":[{"type":"flatten"}]},"answers":{"layers":${hole}}}`,
    ];
    const nesting = fc.constantFrom(['[', ']'], ['{"a":', '}'], ['[{"__proto__":', '}]'], ['{"type":[', ']}']);
    const depth = fc.oneof(int(1, 64), int(1, 50_000), fc.constant(50_000));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), nesting, depth, async (template, [open, close], d) => {
        // `true` is wrong at every hole, so only the nesting decides between 413 and 422.
        const text = template.replace(hole, open.repeat(d) + 'true' + close.repeat(d));
        const response = await post(text);
        expect(response.status).toBe(byteLength(text) > LIMITS.maxBodyBytes ? 413 : 422);
        await checkResponse(response, response.status === 422 ? { json: JSON.parse(text) } : undefined);
      }),
      { numRuns: 60 },
    );
  });
});

describe('POST /api/score with networks that branch, under fuzzing', () => {
  /** A valid graph request from a seed, built by the random graph generator. */
  const graphRequest = fc.nat().map((seed) => ({ network: randomGraph(createRandom(`fuzz-graph-${seed}`)) }));
  const names = fc.constantFrom('input', 'n0', 'n1', 'n3', 'n9', 'nowhere', '', 'constructor', '__proto__');

  test('a valid graph request gets 200, every layer taking the shape its inputs give', async () => {
    await fc.assert(
      fc.asyncProperty(graphRequest, async (request) => {
        const report = (await checkResponse(await post(JSON.stringify(request)))) as ScoreReport;
        expect(report.layers).toHaveLength(request.network.layers.length);
      }),
      { numRuns: 150 },
    );
  });

  test('rewired inputs (cycles, names used too early or unknown, huge fan-in) get 200 or 422 at the place', async () => {
    const rewiring = fc.record({
      at: fc.nat(),
      inputs: fc.oneof(
        fc.array(names, { minLength: 0, maxLength: 3 }),
        fc.array(names, { minLength: 60, maxLength: 70 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(graphRequest, fc.array(rewiring, { minLength: 1, maxLength: 3 }), async (request, changes) => {
        const layers = request.network.layers as { inputs?: string[] }[];
        for (const { at, inputs } of changes) {
          const layer = layers[at % layers.length];
          if (layer) layer.inputs = inputs;
        }
        const text = JSON.stringify(request);
        const response = await post(text);
        expect([200, 422]).toContain(response.status);
        await checkResponse(response, { json: JSON.parse(text) });
      }),
      { numRuns: 200 },
    );
  });

  test('a mutated graph request gets a 200, a 413 only when too large, or a 422 pointing into it', async () => {
    await fc.assert(
      fc.asyncProperty(graphRequest, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (request, changes) => {
        const text = JSON.stringify(mutate(request, changes)) ?? 'null';
        const response = await post(text);
        expect([200, 413, 422]).toContain(response.status);
        await checkResponse(response, response.status === 422 ? { json: JSON.parse(text) } : undefined);
      }),
      { numRuns: 200 },
    );
  });

  test('models nested deeper than allowed, or shared in a loop of calls, get 422, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 40 }), async (depth, calls) => {
        let layers: unknown[] = [{ type: 'dense', units: 2 }];
        for (let d = 0; d < depth; d++) layers = [{ type: 'model', layers }];
        const shared = Array.from({ length: calls }, () => ({ type: 'reuse', layer: 'base' }));
        const text = JSON.stringify({
          network: { input: [2], layers: [{ type: 'model', name: 'base', layers }, ...shared] },
        });
        const response = await post(text);
        expect(response.status).toBe(depth + 1 > LIMITS.maxNesting ? 422 : 200);
        await checkResponse(response, { json: JSON.parse(text) });
      }),
      { numRuns: 60 },
    );
  });
});

/** The pointer to `target` inside `root` (found by identity). */
function pointerOf(root: unknown, target: unknown, path = ''): string | undefined {
  if (root === target) return path;
  if (typeof root !== 'object' || root === null) return undefined;
  for (const [key, child] of Object.entries(root)) {
    const found = pointerOf(child, target, `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
