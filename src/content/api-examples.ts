/**
 * The copy-paste examples of the API page, in one place: the page shows exactly these texts
 * (with the reader's own origin), and tests/e2e/api-docs.spec.ts runs exactly these texts.
 */

import { LIMITS } from '../domain/limits';
import { TEXTBOOK_NETWORK } from '../domain/textbook-network';

/** The origin the page is built with; the page's script puts the reader's own origin in its place. */
export const BUILD_ORIGIN = 'http://localhost:8888';

/** The lesson's network, with one count left blank and one wrong ("2,400": the biases forgotten). */
export const EXAMPLE_REQUEST = {
  network: TEXTBOOK_NETWORK,
  answers: { layers: [56, '57', null, '2,400'], total: 2515 },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Syntax = 'json' | 'python';

const scalar = (value: null | boolean | number | string, syntax: Syntax) => {
  if (syntax === 'python' && (value === null || typeof value === 'boolean')) {
    return value === null ? 'None' : value ? 'True' : 'False';
  }
  return JSON.stringify(value);
};

/** A value on one line: `flat({ a: [1, null] }, 'python') → '{"a": [1, None]}'`. */
function flat(value: Json, syntax: Syntax): string {
  if (value === null || typeof value !== 'object') return scalar(value, syntax);
  if (Array.isArray(value)) return `[${value.map((item) => flat(item, syntax)).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${flat(item, syntax)}`)
    .join(', ')}}`;
}

/**
 * A value as JSON (or a Python literal) indented by `indent`, each object or list on one line
 * when it fits in 88 columns after `used` columns of the line are taken.
 */
export function literal(value: Json, syntax: Syntax, indent = '', used = 0): string {
  const oneLine = flat(value, syntax);
  if (value === null || typeof value !== 'object' || indent.length + used + oneLine.length <= 88) return oneLine;
  const inner = indent + (syntax === 'python' ? '    ' : '  ');
  const entries = Array.isArray(value)
    ? value.map((item) => ({ key: '', item }))
    : Object.entries(value).map(([key, item]) => ({ key: `${JSON.stringify(key)}: `, item }));
  const lines = entries.map(({ key, item }) => inner + key + literal(item, syntax, inner, key.length + 1));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

const request = EXAMPLE_REQUEST as unknown as Json;

/** The curl example: prints the response; `--fail-with-body` makes an error status a failing exit code. */
export function curlExample(origin: string): string {
  return [
    `curl -sS --fail-with-body ${origin}/api/score \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${literal(request, 'json', '', 6)}'`,
  ].join('\n');
}

/** The JavaScript example: `fetch` in Node 18+ (as an .mjs file) or in a browser console. */
export function fetchExample(origin: string): string {
  return [
    '// Node 18 or newer: save as score.mjs and run `node score.mjs` (or paste into a browser console).',
    `const response = await fetch('${origin}/api/score', {`,
    "  method: 'POST',",
    "  headers: { 'Content-Type': 'application/json' },",
    `  body: JSON.stringify(${literal(request, 'json', '  ', 22)}),`,
    '});',
    'const result = await response.json();',
    'if (!response.ok) throw new Error(`${result.title}: ${result.detail}`);',
    'console.log(response.status, result.total.params, result.total.explanation);',
    "for (const layer of result.layers) console.log(layer.index + 1, layer.type, layer.params, layer.answer?.feedback ?? '');",
  ].join('\n');
}

/** The Python example, with the `requests` package. */
export function pythonExample(origin: string): string {
  return [
    '# pip install requests',
    'import requests',
    '',
    'response = requests.post(',
    `    "${origin}/api/score",`,
    `    json=${literal(request, 'python', '    ', 6)},`,
    '    timeout=30,',
    ')',
    'result = response.json()',
    'if not response.ok:',
    "    raise SystemExit(f\"{result['title']}: {result['detail']}\")",
    'print(response.status_code, result["total"]["params"], result["total"]["explanation"])',
    'for layer in result["layers"]:',
    '    print(layer["index"] + 1, layer["type"], layer["params"], layer.get("answer", {}).get("feedback", ""))',
  ].join('\n');
}

/** The examples in the order the page shows them. */
export const EXAMPLES = [
  { id: 'curl', title: 'curl', what: 'the curl example', make: curlExample },
  { id: 'fetch', title: 'JavaScript (fetch)', what: 'the JavaScript example', make: fetchExample },
  { id: 'python', title: 'Python (requests)', what: 'the Python example', make: pythonExample },
] as const;

/** How many bytes the "body too large" example sends: over the limit by a thousand. */
export const TOO_LARGE_BYTES = LIMITS.maxBodyBytes + 1000;

/** The body of the "body too large" example (its file, big.json): `TOO_LARGE_BYTES` bytes. */
export const tooLargeBody = () => `{"network": "${'x'.repeat(TOO_LARGE_BYTES - '{"network": ""}'.length)}"}`;

/** The request an error example sends (the page builds the answer it shows from this). */
interface ErrorRequest {
  method: 'GET' | 'POST';
  contentType?: string;
  body?: string;
}

/** A curl command line for an error example, calling `origin`. */
const errorCurl = (origin: string, args: string) => `curl -sS ${origin}/api/score ${args}`;

const malformedBody = '{"network": {"input": [20, 20, 3],';
const invalidBody = JSON.stringify({
  network: { input: [20, 20, 3], layers: [{ type: 'conv2d', filters: 2, kernelSize: 30 }] },
}).replaceAll(/([:,])(?=[^\s])/g, '$1 ');

/**
 * The error examples of the API page, one per problem type the function sends (500 aside: no
 * request makes it): the curl line the page shows, and the request it sends (made when asked: one is big).
 */
export const ERROR_EXAMPLES = [
  {
    slug: 'malformed-json',
    status: 400,
    request: (): ErrorRequest => ({ method: 'POST', contentType: 'application/json', body: malformedBody }),
    make: (origin: string) => errorCurl(origin, `-H 'Content-Type: application/json' -d '${malformedBody}'`),
  },
  {
    slug: 'method-not-allowed',
    status: 405,
    request: (): ErrorRequest => ({ method: 'GET' }),
    make: (origin: string) => errorCurl(origin, '-X GET'),
  },
  {
    slug: 'body-too-large',
    status: 413,
    request: (): ErrorRequest => ({ method: 'POST', contentType: 'application/json', body: tooLargeBody() }),
    make: (origin: string) =>
      errorCurl(
        origin,
        `-H 'Content-Type: application/json' --data-binary @big.json   # ${TOO_LARGE_BYTES.toLocaleString('en-US')} bytes`,
      ),
  },
  {
    slug: 'unsupported-media-type',
    status: 415,
    request: (): ErrorRequest => ({ method: 'POST', contentType: 'text/plain', body: '{}' }),
    make: (origin: string) => errorCurl(origin, `-H 'Content-Type: text/plain' -d '{}'`),
  },
  {
    slug: 'invalid-request',
    status: 422,
    request: (): ErrorRequest => ({ method: 'POST', contentType: 'application/json', body: invalidBody }),
    make: (origin: string) => errorCurl(origin, `-H 'Content-Type: application/json' -d '${invalidBody}'`),
  },
] as const satisfies readonly {
  slug: string;
  status: number;
  request: () => ErrorRequest;
  make: (o: string) => string;
}[];
