import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseAllHeaders } from '@netlify/headers-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { handleScore } from '../../functions/score';
import type { RunningServer } from '../../src/server/server';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';
import { FIXTURE_FILES, makeFixtureSite } from './support/fixture-site';
import { send, startTestServer, type WireResponse } from './support/http';

const ROOT = resolve(import.meta.dirname, '../..');
const ASSET = '/_astro/app.Bx3kQ9zA.js';

// The textbook quiz with every answer right: 3·(2·3·3)+2 = 56, 2·(3·3·3)+3 = 57, 0, 1200·2+2 = 2402; 2515 in all.
const QUIZ_CHECK = JSON.stringify({ network: TEXTBOOK_NETWORK, answers: { layers: [56, 57, 0, 2402], total: 2515 } });

let server: RunningServer;
let site = '';

beforeAll(async () => {
  site = makeFixtureSite();
  server = await startTestServer(site);
});

afterAll(async () => {
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

const text = (response: WireResponse) => response.body.toString('utf8');

describe('pages from the build', () => {
  test('serves the home page as UTF-8 HTML that browsers revalidate on every visit', async () => {
    const response = await send(server.url, '/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(text(response)).toBe(FIXTURE_FILES['/index.html']);
  });

  test("serves a folder's index.html, and redirects the folder named without its slash, query kept", async () => {
    expect(text(await send(server.url, '/quiz/'))).toBe(FIXTURE_FILES['/quiz/index.html']);
    const redirect = await send(server.url, '/quiz?v=2&level=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/quiz/?v=2&level=1');
  });

  test('gives hashed assets under /_astro/ a year-long immutable lifetime', async () => {
    const response = await send(server.url, ASSET);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test.each([
    // [Accept-Encoding, what the server should choose]
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'], // both acceptable at q=1: brotli is smaller
    ['br;q=0, gzip', 'gzip'], // q=0 refuses brotli
    ['br;q=0.5, gzip;q=0.9', 'gzip'], // the higher q wins
    ['*', 'br'], // anything goes
    ['identity', 'uncompressed'],
    ['', 'uncompressed'],
  ])('with Accept-Encoding %j, sends a page %s, and it decodes to the file', async (accept, expected) => {
    const response = await send(server.url, '/quiz/', { headers: { 'accept-encoding': accept } });
    expect(response.headers['content-encoding']).toBe(expected === 'uncompressed' ? undefined : expected);
    expect(response.headers.vary).toBe('Accept-Encoding');
    const decode = { br: brotliDecompressSync, gzip: gunzipSync }[expected] ?? ((body: Buffer) => body);
    expect(decode(response.body).toString('utf8')).toBe(FIXTURE_FILES['/quiz/index.html']);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
  });

  test('leaves a file under a kilobyte uncompressed', async () => {
    const response = await send(server.url, '/favicon.svg', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(text(response)).toBe(FIXTURE_FILES['/favicon.svg']);
  });

  test('answers a revalidation with 304 and no body when the ETag still matches', async () => {
    const first = await send(server.url, '/', { headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers.etag);
    const again = await send(server.url, '/', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // The uncompressed representation is another one: its ETag differs.
    const plain = await send(server.url, '/', { headers: { 'if-none-match': etag } });
    expect(plain.status).toBe(200);
  });

  test('answers an unknown path with the 404 page and status 404', async () => {
    const response = await send(server.url, '/no/such/page');
    expect(response.status).toBe(404);
    expect(text(response)).toBe(FIXTURE_FILES['/404.html']);
  });

  test('answers HEAD with the length of what GET would send, and no body', async () => {
    const response = await send(server.url, '/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(FIXTURE_FILES['/index.html'] ?? ''));
    expect(response.body.length).toBe(0);
  });

  test('refuses a POST to a page with a 405 problem that names the methods pages take', async () => {
    const response = await send(server.url, '/quiz/', { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(text(response))).toMatchObject({ status: 405, errors: [{ pointer: '' }] });
  });
});

describe('functions from netlify/functions', () => {
  test('mounts score.ts at its config.path and scores a quiz check in-process', async () => {
    const response = await send(server.url, '/api/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: QUIZ_CHECK,
    });
    expect(response.status).toBe(200);
    const report = JSON.parse(text(response));
    expect(report.layers.map((layer: { params: number }) => layer.params)).toEqual([56, 57, 0, 2402]);
    expect(report.total.params).toBe(2515);
    expect(report.score).toEqual({ correct: 5, carriedForward: 0, answered: 5, possible: 5 });
  });

  test("sends exactly the function's own headers, as Netlify does (no [[headers]] on function responses)", async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUIZ_CHECK };
    const direct = await handleScore(new Request('http://localhost/api/score', init));
    const wire = await send(server.url, '/api/score', init);
    // What HTTP/1.1 itself adds is not the function's.
    const transport = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);
    const received = Object.entries(wire.headers).filter(([name]) => !transport.has(name));
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(direct.headers));
  });
});

describe("netlify.toml's [[headers]]", () => {
  /** The headers Netlify sends for `path`, computed by Netlify's own parser from the same netlify.toml. */
  async function netlifyHeadersFor(path: string): Promise<Record<string, string>> {
    const { headers, errors } = await parseAllHeaders({
      headersFiles: [],
      netlifyConfigPath: join(ROOT, 'netlify.toml'),
      configHeaders: [],
      minimal: false,
    });
    expect(errors).toEqual([]);
    const matching = headers.filter((rule) => 'forRegExp' in rule && rule.forRegExp.test(path));
    return Object.assign({}, ...matching.map((rule) => rule.values)) as Record<string, string>;
  }

  test('netlify.toml declares some headers (else the next test proves nothing)', async () => {
    expect(Object.keys(await netlifyHeadersFor('/')).length).toBeGreaterThan(0);
  });

  test.each([
    ['/', 'GET'],
    ['/quiz/', 'GET'],
    [ASSET, 'GET'],
    ['/favicon.svg', 'GET'],
    ['/no/such/page', 'GET'], // the 404 page
    ['/quiz', 'GET'], // the redirect
    ['/quiz/', 'POST'], // the server's own 405 problem
  ])('sends on %s (%s) every header netlify.toml sets for it, with the same value', async (path, method) => {
    const expected = await netlifyHeadersFor(new URL(path, 'http://x').pathname);
    const response = await send(server.url, path, { method, ...(method === 'POST' ? { body: '' } : {}) });
    for (const [name, value] of Object.entries(expected)) {
      expect({ name, value: response.headers[name.toLowerCase()] }).toEqual({ name, value });
    }
  });
});
