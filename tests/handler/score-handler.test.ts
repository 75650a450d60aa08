import { describe, expect, test } from 'vitest';
import type { Problem } from '../../functions/problem';
import { handleScore } from '../../functions/score';
import { LIMITS } from '../../src/domain/limits';
import type { ScoreReport } from '../../src/domain/score-answers';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const URL = 'https://learnable.example/api/score';

/** A POST of `body` (serialized unless already a string or bytes) with a JSON content type. */
function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const payload: BodyInit =
    typeof body === 'string' || body instanceof Uint8Array
      ? (body as string | Uint8Array<ArrayBuffer>)
      : JSON.stringify(body);
  return handleScore(
    new Request(URL, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: payload }),
  );
}

/** The 200 body of a scored request, after checking its status and media type. */
async function report(response: Response): Promise<ScoreReport> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as ScoreReport;
}

/** The RFC 9457 body of a refused request, after checking its status, media type and shape. */
async function problemOf(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Problem;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^\/api\/#[a-z-]+$/), title: expect.any(String) });
  expect(body.errors.length).toBeGreaterThan(0);
  return body;
}

const pointers = (problem: Problem) => problem.errors.map((e) => e.pointer);

/** Wording that comes from zod's defaults or a regex rather than from the lesson. */
const JARGON = /Invalid input|expected (?:int|number|string|array|object)|Too (?:big|small)|must match pattern|\/\^/;

// The lesson's network: 20×20×3 → conv 2@3×3 same → conv 3@3×3 same → flatten → dense 2.
const CLASSIC = TEXTBOOK_NETWORK;
// 3 inputs × (2 filters × 3×3) + 2 = 54 + 2 = 56
// 2 inputs × (3 filters × 3×3) + 3 = 54 + 3 = 57
// flatten learns nothing: 0 (20 × 20 × 3 = 1200 values)
// 1200 inputs × 2 units + 2 = 2400 + 2 = 2402
// 56 + 57 + 0 + 2402 = 2515
const COUNTS = [56, 57, 0, 2402];
const TOTAL = 2515;
const SHAPES = [[20, 20, 2], [20, 20, 3], [1200], [2]];

const layerOf = (layer: Record<string, unknown>, input: number[] = [8, 8, 3]) => ({
  network: { input, layers: [layer] },
});

describe('POST /api/score with a valid network', () => {
  test('counts every layer of the classic network and totals 2515 when no answers are sent', async () => {
    const body = await report(await post({ network: CLASSIC }));
    expect(body.apiVersion).toBe('1');
    expect(body.convention).toBe('keras');
    expect(body.input).toEqual([20, 20, 3]);
    expect(body.layers.map((l) => l.params)).toEqual(COUNTS);
    expect(body.layers.map((l) => [l.weights, l.biases])).toEqual([
      [54, 2], // 3 × 2 × 3×3 = 54 weights, one bias per filter
      [54, 3], // 2 × 3 × 3×3 = 54 weights
      [0, 0],
      [2400, 2], // 1200 × 2 = 2400 weights
    ]);
    expect(body.layers.map((l) => l.outputShape)).toEqual(SHAPES);
    expect(body.layers.map((l) => l.inputShape)).toEqual([[20, 20, 3], [20, 20, 2], [20, 20, 3], [1200]]);
    expect(body.total).toMatchObject({ params: TOTAL, trainable: TOTAL, nonTrainable: 0 });
    expect(body.layers[0]?.explanation).toContain('= 56');
  });

  test('sends neither verdicts nor a score when no answers are sent', async () => {
    const body = await report(await post({ network: CLASSIC }));
    expect(body).not.toHaveProperty('score');
    expect(body.total).not.toHaveProperty('answer');
    for (const layer of body.layers) {
      expect(layer).not.toHaveProperty('answer');
      expect(layer).not.toHaveProperty('outputShapeAnswer');
    }
  });

  test('judges numbers, digit strings and nulls, and scores right answers out of the questions asked', async () => {
    const answers = { layers: [56, '57', null, '2,402'], total: 2515 };
    const body = await report(await post({ network: CLASSIC, answers }));
    expect(body.layers.map((l) => l.answer)).toEqual([
      { submitted: 56, correct: true },
      { submitted: '57', correct: true },
      undefined, // null: the flatten layer was left unanswered
      { submitted: '2,402', correct: true },
    ]);
    expect(body.total.answer).toEqual({ submitted: 2515, correct: true });
    // 4 answered and right; 4 layers + the total = 5 questions.
    expect(body.score).toEqual({ correct: 4, carriedForward: 0, answered: 4, possible: 5 });
  });

  test('marks wrong answers wrong and still counts them as answered', async () => {
    // 55: forgot a bias; "54": weights only; 1200: counted flatten's values; "2400": no biases; 2513: off by two.
    const answers = { layers: [55, '54', 1200, '2400'], total: 2513 };
    const body = await report(await post({ network: CLASSIC, answers }));
    expect(body.layers.map((l) => l.answer?.correct)).toEqual([false, false, false, false]);
    expect(body.total.answer).toMatchObject({ submitted: 2513, correct: false });
    expect(body.score).toEqual({ correct: 0, carriedForward: 0, answered: 5, possible: 5 });
  });

  test.each([
    [2402, true], // a plain number
    ['2402', true], // digits
    ['2,402', true], // thousands separated by a comma
    ['2 402', true], // ... by a space
    ['2_402', true], // ... by an underscore
    ['002402', true], // leading zeros do not change the value
    [2403, false], // one too many
    ['2,400', false], // the biases forgotten: 1200 × 2 = 2400
    ['1200', false], // the input size, not the parameters
  ])('judges the dense layer answered %j as correct = %s', async (submitted, correct) => {
    const answers = { layers: [null, null, null, submitted] };
    const body = await report(await post({ network: CLASSIC, answers }));
    expect(body.layers[3]?.answer).toMatchObject({ submitted, correct });
    expect(body.score).toEqual({ correct: correct ? 1 : 0, carriedForward: 0, answered: 1, possible: 5 });
  });

  test('reads a digit string with spaces around it as its trimmed value', async () => {
    const body = await report(await post({ network: CLASSIC, answers: { total: '  2,515 ' } }));
    expect(body.total.answer).toEqual({ submitted: '2,515', correct: true });
  });

  test('scores output shapes as extra questions when outputShapes are sent', async () => {
    // Right, wrong (channels of the next layer), unanswered, wrong (a 2-D guess for a flat tensor).
    const outputShapes = [[20, 20, 2], [20, 20, 2], null, [2, 1]];
    const body = await report(await post({ network: CLASSIC, answers: { outputShapes } }));
    expect(
      body.layers.map(
        (l) =>
          l.outputShapeAnswer && { submitted: l.outputShapeAnswer.submitted, correct: l.outputShapeAnswer.correct },
      ),
    ).toEqual([
      { submitted: [20, 20, 2], correct: true },
      { submitted: [20, 20, 2], correct: false },
      undefined,
      { submitted: [2, 1], correct: false },
    ]);
    // The second keeps its input's 2 channels where its 3 filters make 3; no known mistake gives 2×1.
    expect(body.layers[1]?.outputShapeAnswer?.mistakes?.map((m) => m.code)).toEqual(['channels-from-input']);
    expect(body.layers[3]?.outputShapeAnswer?.mistakes).toEqual([]);
    // 4 counts + the total + 4 shapes = 9 questions; 3 shapes answered, 1 right.
    expect(body.score).toEqual({ correct: 1, carriedForward: 0, answered: 3, possible: 9 });
  });

  test('gives full marks for every count, the total and every shape answered right', async () => {
    const answers = { layers: COUNTS, total: TOTAL, outputShapes: SHAPES };
    const body = await report(await post({ network: CLASSIC, answers }));
    expect(body.score).toEqual({ correct: 9, carriedForward: 0, answered: 9, possible: 9 });
  });

  test('scores an empty answers object as nothing answered out of 5', async () => {
    const body = await report(await post({ network: CLASSIC, answers: {} }));
    expect(body.score).toEqual({ correct: 0, carriedForward: 0, answered: 0, possible: 5 });
  });

  test('accepts JSON media types with parameters, any case, or a +json suffix', async () => {
    for (const type of ['application/json; charset=utf-8', 'Application/JSON', 'application/vnd.learnable+json']) {
      const response = await post({ network: CLASSIC }, { 'Content-Type': type });
      expect((await report(response)).total.params).toBe(TOTAL);
    }
  });

  test('accepts a body of exactly the size limit', async () => {
    const json = JSON.stringify({ network: CLASSIC });
    const body = json + ' '.repeat(LIMITS.maxBodyBytes - json.length);
    expect(new TextEncoder().encode(body).byteLength).toBe(LIMITS.maxBodyBytes);
    expect((await report(await post(body))).total.params).toBe(TOTAL);
  });

  test('accepts a count just below 2^53 − 1 exactly', async () => {
    // 65536 × 65536 × 32 = 2^37 values; 2^37 inputs × 65535 units, no biases = 2^53 − 2^37 = 9007061815787520.
    const network = {
      input: [65536, 65536, 32],
      layers: [{ type: 'flatten' }, { type: 'dense', units: 65535, useBias: false }],
    };
    const body = await report(await post({ network }));
    expect(body.layers[1]?.params).toBe(9007061815787520);
    expect(body.total.params).toBe(9007061815787520);
  });

  test('explains a wrong answer with the mistake that produces it', async () => {
    // 1200 × 2 = 2400 is the dense layer's weights alone: the biases were forgotten.
    const body = await report(await post({ network: CLASSIC, answers: { layers: [null, null, null, 2400] } }));
    const verdict = body.layers[3]?.answer;
    expect(verdict).toMatchObject({ submitted: 2400, correct: false });
    expect(verdict?.mistakes?.map((m) => m.code)).toContain('forgot-biases');
    expect(verdict?.feedback).toContain('2400 + 2 = 2402');
  });

  test.each([
    // 4 × 16 = 64: γ and β (2 × 16 = 32) trained, moving mean and variance (32) stored but not trained.
    ['keras', { params: 64, trainable: 32, nonTrainable: 32 }],
    // 2 × 16 = 32: γ and β only; running statistics are buffers, not parameters.
    ['pytorch', { params: 32, trainable: 32, nonTrainable: 0 }],
  ])('counts batch normalization of 16 channels under the %s convention', async (convention, counts) => {
    const body = await report(await post({ ...layerOf({ type: 'batchNormalization' }, [8, 8, 16]), convention }));
    expect(body.convention).toBe(convention);
    expect(body.layers[0]).toMatchObject(counts);
    expect(body.total).toMatchObject(counts);
  });

  test('counts a grouped convolution: 2 groups of 2 inputs × (4 filters × 3×3) + 4 = 76', async () => {
    // 4 input channels ÷ 2 groups = 2 inputs per group; 2 × 4 × 3×3 = 72 weights + 4 biases = 76.
    const body = await report(await post(layerOf({ type: 'conv2d', filters: 4, kernelSize: 3, groups: 2 }, [8, 8, 4])));
    expect(body.total.params).toBe(76);
  });
});

describe('POST /api/score with a request that is not JSON', () => {
  test.each([
    ['{"network":', 'truncated'],
    ["{'network': {}}", 'single quotes'],
    ['{"network": {},}', 'a trailing comma'],
    ['', 'an empty body'],
  ])('answers %j (%s) with 400 problem details pointing at the whole body', async (body) => {
    const problem = await problemOf(await post(body), 400);
    expect(problem.type).toBe('/api/#malformed-json');
    expect(pointers(problem)).toEqual(['']);
  });

  test('answers a body that is not valid UTF-8 with 400 and says so', async () => {
    // {"a": "<0xff>"}: 0xff never appears in UTF-8.
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    const problem = await problemOf(await post(bytes), 400);
    expect(problem.detail).toContain('UTF-8');
    expect(pointers(problem)).toEqual(['']);
  });

  test.each([
    ['text/plain', 'a string body sent as text'],
    ['application/x-www-form-urlencoded', 'a form'],
    ['multipart/form-data; boundary=x', 'a multipart form'],
    ['application/jsonp', 'a look-alike of JSON'],
  ])('answers Content-Type %s (%s) with 415', async (type) => {
    const problem = await problemOf(await post({ network: CLASSIC }, { 'Content-Type': type }), 415);
    expect(problem.detail).toContain('application/json');
    expect(pointers(problem)).toEqual(['']);
  });

  test('answers a body without a Content-Type with 415', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ network: CLASSIC }));
    const response = await handleScore(new Request(URL, { method: 'POST', body: bytes }));
    expect((await problemOf(response, 415)).detail).toContain('got none');
  });

  test('answers a body one byte over the limit with 413', async () => {
    const json = JSON.stringify({ network: CLASSIC });
    const problem = await problemOf(await post(json + ' '.repeat(LIMITS.maxBodyBytes + 1 - json.length)), 413);
    expect(problem.detail).toContain(String(LIMITS.maxBodyBytes));
  });

  test('answers a declared Content-Length over the limit with 413', async () => {
    const headers = { 'Content-Length': String(LIMITS.maxBodyBytes + 1) };
    await problemOf(await post({ network: CLASSIC }, headers), 413);
  });

  test('answers a body longer than the Content-Length it declares, and over the limit, with 413', async () => {
    // The HTTP layer holds a real request to its Content-Length; a Request built in process need not.
    const json = JSON.stringify({ network: CLASSIC });
    const body = json + ' '.repeat(LIMITS.maxBodyBytes + 1 - json.length);
    await problemOf(await post(body, { 'Content-Length': String(json.length) }), 413);
  });

  test('answers a streamed body without a length that grows over the limit with 413', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ * chunk.byteLength <= LIMITS.maxBodyBytes)
          controller.enqueue(chunk); // one 64 KiB chunk past the limit
        else controller.close();
      },
    });
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' };
    await problemOf(await handleScore(new Request(URL, init as RequestInit)), 413);
  });
});

describe('POST /api/score methods', () => {
  test.each(['GET', 'PUT', 'PATCH', 'DELETE'])('answers %s with 405 and Allow: POST, OPTIONS', async (method) => {
    const body = method === 'GET' ? null : '{}';
    const response = await handleScore(new Request(URL, { method, body }));
    const problem = await problemOf(response, 405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(problem.detail).toContain(method);
  });

  test('answers HEAD with 405 and Allow: POST, OPTIONS', async () => {
    const response = await handleScore(new Request(URL, { method: 'HEAD' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  test('answers a CORS preflight with 204, no body, and the methods and headers a browser may send', async () => {
    const headers = {
      Origin: 'https://elsewhere.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    };
    const response = await handleScore(new Request(URL, { method: 'OPTIONS', headers }));
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });
});

describe('POST /api/score headers', () => {
  const requests: [string, () => Promise<Response>][] = [
    ['200 scored', () => post({ network: CLASSIC, answers: { total: 1 } })],
    ['204 preflight', () => handleScore(new Request(URL, { method: 'OPTIONS' }))],
    ['400 malformed', () => post('{')],
    ['405 GET', () => handleScore(new Request(URL))],
    ['413 too large', () => post(' '.repeat(LIMITS.maxBodyBytes + 1))],
    ['415 text', () => post('{}', { 'Content-Type': 'text/plain' })],
    ['422 invalid', () => post({ network: {} })],
  ];

  test.each(requests)('sends CORS and nosniff on a %s response, and no stack trace', async (_, send) => {
    const response = await send();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules|\.ts\b/);
  });
});

describe('POST /api/score with an invalid request', () => {
  const L0 = '/network/layers/0';
  const conv = (options: Record<string, unknown>) => layerOf({ type: 'conv2d', filters: 2, kernelSize: 3, ...options });
  const withInput = (input: unknown[]) => ({ network: { ...CLASSIC, input } });
  const withLayers = (layers: unknown) => ({ network: { input: [8, 8, 3], layers } });
  const withAnswers = (answers: unknown) => ({ network: CLASSIC, answers });

  // One row per schema rule: what is wrong, where the pointer must point, words the learner must read, the body.
  const schemaRules: [string, string, string, unknown][] = [
    ['a body that is a list', '', 'must be a JSON object', [CLASSIC]],
    ['a missing network', '/network', 'network must be an object', {}],
    ['a network that is a list', '/network', '"input" ([height, width, channels]) and "layers"', { network: [] }],
    [
      'an unknown convention',
      '/convention',
      'convention must be "keras" (the default) or "pytorch"',
      { network: CLASSIC, convention: 'tensorflow' },
    ],
    ['an unknown top-level key', '/netwrk', 'unknown key "netwrk"', { network: CLASSIC, netwrk: 1 }],
    [
      'an input of five numbers',
      '/network/input',
      '[height, width, channels] or [depth, height, width, channels]',
      withInput([20, 20, 3, 1, 1]),
    ],
    ['an input height of 0', '/network/input/0', 'input height must be at least 1', withInput([0, 20, 3])],
    ['an input width of 1.5', '/network/input/1', 'input width must be a whole number', withInput([20, 1.5, 3])],
    ['65537 input channels', '/network/input/2', 'input channels must be at most 65536', withInput([20, 20, 65537])],
    ['input channels as text', '/network/input/2', 'input channels must be a whole number', withInput([20, 20, '3'])],
    ['layers that are an object', '/network/layers', 'layers must be a list of layers', withLayers({})],
    ['no layers', '/network/layers', 'a network needs at least one layer', withLayers([])],
    ['2001 layers', '/network/layers', 'at most 2000 layers', withLayers(Array(2001).fill({ type: 'flatten' }))],
    ['a layer that is a number', L0, 'a layer must be an object such as {"type": "dense"', withLayers([5])],
    ['a layer without a type', `${L0}/type`, 'a layer needs a "type"', layerOf({ units: 3 })],
    ['missing filters', `${L0}/filters`, 'filters is required', layerOf({ type: 'conv2d', kernelSize: 3 })],
    ['0 filters', `${L0}/filters`, 'filters must be at least 1', conv({ filters: 0 })],
    ['2.5 filters', `${L0}/filters`, 'filters must be a whole number', conv({ filters: 2.5 })],
    ['65537 units', `${L0}/units`, 'units must be at most 65536', layerOf({ type: 'dense', units: 65537 })],
    ['missing units', `${L0}/units`, 'units is required', layerOf({ type: 'dense' })],
    ['a kernelSize list of one', `${L0}/kernelSize`, 'or a pair [height, width] of them', conv({ kernelSize: [3] })],
    ['a kernel width of 0', `${L0}/kernelSize/1`, 'kernelSize must be at least 1', conv({ kernelSize: [3, 0] })],
    ['strides of 0', `${L0}/strides`, 'strides must be at least 1', conv({ strides: 0 })],
    ['a dilationRate of 1025', `${L0}/dilationRate`, 'dilationRate must be at most 1024', conv({ dilationRate: 1025 })],
    ['padding "full"', `${L0}/padding`, 'padding must be "valid" or "same"', conv({ padding: 'full' })],
    ['useBias "yes"', `${L0}/useBias`, 'useBias must be true or false', conv({ useBias: 'yes' })],
    [
      'a poolSize of 0',
      `${L0}/poolSize`,
      'poolSize must be at least 1',
      layerOf({ type: 'maxPooling2d', poolSize: 0 }),
    ],
    [
      'a depthMultiplier of 0',
      `${L0}/depthMultiplier`,
      'depthMultiplier must be at least 1',
      layerOf({ type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 0 }),
    ],
    ['a dropout rate of 1', `${L0}/rate`, 'rate must be below 1', layerOf({ type: 'dropout', rate: 1 })],
    ['a dropout rate of −0.5', `${L0}/rate`, 'rate must be at least 0', layerOf({ type: 'dropout', rate: -0.5 })],
    ['a dropout without a rate', `${L0}/rate`, 'rate must be a number', layerOf({ type: 'dropout' })],
    [
      'zero padding of −1',
      `${L0}/padding`,
      'padding must be at least 0',
      layerOf({ type: 'zeroPadding2d', padding: -1 }),
    ],
    [
      'zero padding [[1], [1, 1]]',
      `${L0}/padding`,
      'padding must be n, [rows, columns] or [[top, bottom], [left, right]]',
      layerOf({ type: 'zeroPadding2d', padding: [[1], [1, 1]] }),
    ],
    ['answers that are a list', '/answers', 'answers must be an object such as', withAnswers([56])],
    ['an unknown answers key', '/answers/totl', 'allowed here: layers, total, outputShapes', withAnswers({ totl: 1 })],
    [
      '3 answers for 4 layers',
      '/answers/layers',
      'expected 4 answers, one per layer, but got 3',
      withAnswers({ layers: [56, 57, 0] }),
    ],
    [
      '5 shapes for 4 layers',
      '/answers/outputShapes',
      'expected 4 shapes',
      withAnswers({ outputShapes: [...SHAPES, [1]] }),
    ],
    [
      'a fractional answer',
      '/answers/layers/0',
      'a whole number of 0 or more',
      withAnswers({ layers: [56.5, null, null, null] }),
    ],
    ['a yes/no answer', '/answers/total', 'a string of digits such as "2,402"', withAnswers({ total: true })],
    [
      'an empty shape',
      '/answers/outputShapes/0',
      'at least one dimension',
      withAnswers({ outputShapes: [[], null, null, null] }),
    ],
    [
      'a shape with a 0',
      '/answers/outputShapes/0/1',
      'numbers of at least 1',
      withAnswers({ outputShapes: [[20, 0, 2], null, null, null] }),
    ],
    [
      'a 5-D shape',
      '/answers/outputShapes/0',
      'at most 4 dimensions',
      withAnswers({ outputShapes: [[1, 1, 20, 20, 2], null, null, null] }),
    ],
    [
      'a shape as text',
      '/answers/outputShapes/0',
      'a list such as [20, 20, 2]',
      withAnswers({ outputShapes: ['20x20x2', null, null, null] }),
    ],
  ];

  test.each(schemaRules)('answers %s with 422 at %j, in words a learner reads', async (_, pointer, words, body) => {
    const problem = await problemOf(await post(body), 422);
    expect(problem.type).toBe('/api/#invalid-request');
    const error = problem.errors.find((e) => e.pointer === pointer);
    expect(error?.detail).toContain(words);
    expect(error?.detail).not.toMatch(JARGON);
    expect(problem.detail).toContain(words);
  });

  test('answers an unknown layer type with 422 at its type, listing the types it knows', async () => {
    const network = { ...CLASSIC, layers: [CLASSIC.layers[0], { type: 'conv4d', filters: 2 }] };
    const problem = await problemOf(await post({ network }), 422);
    expect(problem.errors).toEqual([{ pointer: '/network/layers/1/type', detail: expect.any(String) }]);
    expect(problem.errors[0]?.detail).toContain('unknown layer type "conv4d"');
    expect(problem.errors[0]?.detail).toContain('conv2d, depthwiseConv2d');
  });

  test('answers an unknown option with 422 at that option, naming the options allowed there', async () => {
    const layers = [...CLASSIC.layers.slice(0, 2), { type: 'flatten', foo: 1 }, CLASSIC.layers[3]];
    const problem = await problemOf(await post({ network: { ...CLASSIC, layers } }), 422);
    expect(problem.errors).toEqual([{ pointer: '/network/layers/2/foo', detail: expect.stringContaining('"foo"') }]);
    expect(problem.errors[0]?.detail).toContain('allowed here: type');
  });

  test('answers a snake_case option with 422 at it, and at the camelCase option it left missing', async () => {
    const problem = await problemOf(await post(layerOf({ type: 'conv2d', filters: 2, kernel_size: 3 })), 422);
    expect(pointers(problem).sort()).toEqual([`${L0}/kernelSize`, `${L0}/kernel_size`]);
    expect(problem.errors.find((e) => e.pointer.endsWith('kernel_size'))?.detail).toContain('camelCase');
  });

  test('escapes "/" and "~" in the key of an unknown option as RFC 6901 requires', async () => {
    const problem = await problemOf(await post(layerOf({ type: 'flatten', 'a/b~c': 1 })), 422);
    expect(pointers(problem)).toEqual([`${L0}/a~1b~0c`]);
  });

  const flat = '"network":{"input":[8,8,3],"layers":[{"type":"flatten"}]}';
  test.each([
    ['a top-level "__proto__" key', `{${flat},"__proto__":{"answers":1}}`, '/__proto__'],
    [
      'a "constructor" option',
      '{"network":{"input":[8,8,3],"layers":[{"type":"flatten","constructor":1}]}}',
      `${L0}/constructor`,
    ],
    ['a layer type "__proto__"', '{"network":{"input":[8,8,3],"layers":[{"type":"__proto__"}]}}', `${L0}/type`],
    ['a layer type "toString"', '{"network":{"input":[8,8,3],"layers":[{"type":"toString"}]}}', `${L0}/type`],
  ])('answers %s with 422 at it instead of treating it as special', async (_, body, pointer) => {
    expect(pointers(await problemOf(await post(body), 422))).toEqual([pointer]);
  });

  test('answers a type nested 50,000 lists deep with 422 inside that type, not a 500', async () => {
    // Used to be a 500: the schema's unknown-type message ran JSON.stringify over the type and ran out of stack.
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const problem = await problemOf(await post(`{"network":{"input":[8,8,3],"layers":[{"type":${deep}}]}}`), 422);
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0]?.pointer).toMatch(/^\/network\/layers\/0\/type(?:\/0)+$/);
    expect(problem.errors[0]?.detail).toContain('nested more than 32 levels deep');
  });

  test('accepts the deepest value a request needs: /network/layers/0/padding/0/0', async () => {
    const body = layerOf({
      type: 'zeroPadding2d',
      padding: [
        [1, 2],
        [3, 4],
      ],
    });
    // 8 + 1 + 2 = 11 rows, 8 + 3 + 4 = 15 columns.
    expect((await report(await post(body))).layers[0]?.outputShape).toEqual([11, 15, 3]);
  });

  // One row per engine rule: a network that passes the schema but cannot be counted.
  const engineRules: [string, string, string, unknown][] = [
    [
      // 4 − 5 + 1 = 0 rows left with "valid" padding.
      'a kernel larger than its input',
      `${L0}/kernelSize`,
      'the 5×5 kernel of this convolution layer is larger than its 4×4 input with "valid" padding',
      layerOf({ type: 'conv2d', filters: 1, kernelSize: 5 }, [4, 4, 1]),
    ],
    [
      // (3 − 1) × 3 + 1 = 7 > 6.
      'a dilated kernel larger than its input',
      `${L0}/kernelSize`,
      'the 3×3 kernel (7×7 once dilated) of this separable convolution layer',
      layerOf({ type: 'separableConv2d', filters: 1, kernelSize: 3, dilationRate: 3 }, [6, 6, 1]),
    ],
    [
      'a depthwise kernel wider than its input',
      `${L0}/kernelSize`,
      'use a smaller kernel or padding "same"',
      layerOf({ type: 'depthwiseConv2d', kernelSize: [1, 9] }, [8, 8, 1]),
    ],
    [
      // Left out, poolSize is 2×2.
      'a pool window larger than its input',
      `${L0}/poolSize`,
      'the 2×2 pool window of this average pooling layer is larger than its 1×1 input',
      layerOf({ type: 'averagePooling2d' }, [1, 1, 3]),
    ],
    [
      // 3 input channels cannot be split into 2 groups.
      'groups that do not divide the input channels',
      `${L0}/groups`,
      'groups (2) must divide the 3 input channels evenly',
      conv({ filters: 4, groups: 2 }),
    ],
    [
      'dilation with strides on a convolution',
      `${L0}/dilationRate`,
      'dilationRate above 1 cannot be combined with strides above 1',
      conv({ dilationRate: 2, strides: 2 }),
    ],
    [
      'dilation with strides on a transposed convolution',
      `${L0}/dilationRate`,
      'dilationRate above 1 cannot be combined with strides above 1',
      layerOf({ type: 'conv2dTranspose', filters: 1, kernelSize: 3, dilationRate: 2, strides: 2 }),
    ],
    [
      // 8 × 8 × 3 = 192 values once flat.
      'a convolution after flatten',
      '/network/layers/1/type',
      'the tensor is already flat (192); move it before the flatten or global pooling layer',
      withLayers([{ type: 'flatten' }, { type: 'conv2d', filters: 1, kernelSize: 1 }]),
    ],
    [
      'pooling after global pooling',
      '/network/layers/1/type',
      'a max pooling layer needs a height × width × channels input',
      withLayers([{ type: 'globalAveragePooling2d' }, { type: 'maxPooling2d' }]),
    ],
    [
      'zero padding after flatten',
      '/network/layers/1/type',
      'a zero padding layer needs a height × width × channels input',
      withLayers([{ type: 'flatten' }, { type: 'zeroPadding2d' }]),
    ],
  ];

  test.each(engineRules)('answers %s with 422 at %j, in words a learner reads', async (_, pointer, words, body) => {
    const problem = await problemOf(await post(body), 422);
    expect(problem.errors).toEqual([{ pointer, detail: expect.stringContaining(words) }]);
    expect(problem.detail).toBe(`${pointer}: ${problem.errors[0]?.detail}`);
  });

  // Networks whose counts a JSON number cannot hold exactly; each is refused at the layer that overflows.
  const overflows: [string, string, string, unknown][] = [
    [
      // 1024 → 1024 × 1024 = 2^20 → 2^20 × 1024 = 2^30 per side: 2^30 × 2^30 × 1 = 2^60 values.
      'stacked transposed convolutions whose output grows past 2^53 − 1 values',
      '/network/layers/1',
      'the output of this layer (1073741824×1073741824×1) has a size that exceeds 2^53 − 1',
      {
        input: [1024, 1024, 1],
        layers: [
          { type: 'conv2dTranspose', filters: 1, kernelSize: 1, strides: 1024 },
          { type: 'conv2dTranspose', filters: 1, kernelSize: 1, strides: 1024 },
        ],
      },
    ],
    [
      // 65536 × 65536 × 32 = 2^37 inputs × 65536 units, no biases = 2^53: one more than 2^53 − 1.
      'a dense layer of 2^53 weights',
      '/network/layers/1',
      "this layer's parameter count exceeds 2^53 − 1 (9007199254740991)",
      { input: [65536, 65536, 32], layers: [{ type: 'flatten' }, { type: 'dense', units: 65536, useBias: false }] },
    ],
    [
      // Each: 65536 inputs × (65536 filters × 1024×1024) + 65536 = 2^52 + 2^16; both: 2^53 + 2^17.
      'two convolutions whose sum passes 2^53 − 1',
      '/network/layers/1',
      "the network's total parameter count up to this layer exceeds 2^53 − 1",
      {
        input: [1, 1, 65536],
        layers: [
          { type: 'conv2d', filters: 65536, kernelSize: 1024, padding: 'same' },
          { type: 'conv2d', filters: 65536, kernelSize: 1024, padding: 'same' },
        ],
      },
    ],
  ];

  test.each(overflows)('refuses %s with 422 at %j', async (_, pointer, words, network) => {
    const problem = await problemOf(await post({ network }), 422);
    expect(problem.errors).toEqual([{ pointer, detail: expect.stringContaining(words) }]);
  });

  test('accepts one of those convolutions alone: 2^52 + 2^16 = 4503599627436032', async () => {
    const layers = [{ type: 'conv2d', filters: 65536, kernelSize: 1024, padding: 'same' }];
    expect((await report(await post({ network: { input: [1, 1, 65536], layers } }))).total.params).toBe(
      4503599627436032,
    );
  });

  // Answers the schema refuses at the right place, in a learner's words.
  const badAnswers: [string, string, unknown][] = [
    ['a negative answer', '/answers/layers/0', { layers: [-1, null, null, null] }],
    ['letters as an answer', '/answers/layers/0', { layers: ['abc', null, null, null] }],
    ['a badly grouped answer', '/answers/total', { total: '25,15' }],
    ['an answer above 2^53 − 1', '/answers/total', { total: 1e308 }],
    ['an answer of 41 digits', '/answers/total', { total: '9'.repeat(41) }],
  ];

  test.each(badAnswers)('answers %s with 422 at %j', async (_, pointer, answers) => {
    expect(pointers(await problemOf(await post(withAnswers(answers)), 422))).toEqual([pointer]);
  });

  test.each(badAnswers)('explains %s in words a learner reads', async (_, __, answers) => {
    const problem = await problemOf(await post(withAnswers(answers)), 422);
    expect(problem.errors[0]?.detail).not.toMatch(JARGON);
  });
});
