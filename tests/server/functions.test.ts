import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { discoverFunctions } from '../../src/server/functions';
import type { RunningServer } from '../../src/server/server';
import { makeFixtureSite } from './support/fixture-site';
import { send, startTestServer } from './support/http';

const ROOT = resolve(import.meta.dirname, '../..');

// A project of its own: a netlify.toml and three functions that exercise what discovery must honour.
const FUNCTIONS: Record<string, string> = {
  // No config.path: Netlify serves it at /.netlify/functions/<name>.
  'hello.mjs': `export default (request, context) => Response.json({ method: request.method, ip: context.ip });`,
  // A path with a named segment, and GET only.
  'sets/index.mjs': `export default (request, context) => Response.json(context.params);
export const config = { path: '/api/sets/:id', method: 'GET' };`,
  // A handler that throws, with a message that must not reach the client.
  'boom.mjs': `export default () => { throw new Error('secret detail at /srv/app/boom.mjs:1'); };
export const config = { path: '/api/boom' };`,
};

let project = '';
let site = '';
let server: RunningServer;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'learnable-project-'));
  writeFileSync(join(project, 'netlify.toml'), '[functions]\ndirectory = "fns"\n');
  for (const [file, source] of Object.entries(FUNCTIONS)) {
    mkdirSync(join(project, 'fns', file, '..'), { recursive: true });
    writeFileSync(join(project, 'fns', file), source);
  }
  site = makeFixtureSite();
  server = await startTestServer(site, { root: project });
});

afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
  rmSync(site, { recursive: true, force: true });
});

describe('discoverFunctions', () => {
  test("finds this repository's functions at their paths, every method (each answers 405 itself)", async () => {
    const functions = await discoverFunctions(join(ROOT, 'netlify', 'functions'));
    expect(functions.map(({ name, paths, methods, schedule }) => ({ name, paths, methods, schedule }))).toEqual([
      { name: 'assignment', paths: ['/api/assignments/:id'], methods: undefined, schedule: undefined },
      // A scheduled function has no address, as on Netlify in production: the server runs it on a timer.
      { name: 'assignments-cleanup', paths: [], methods: undefined, schedule: '@daily' },
      { name: 'assignments', paths: ['/api/assignments'], methods: undefined, schedule: undefined },
      { name: 'results', paths: ['/api/assignments/:id/results'], methods: undefined, schedule: undefined },
      { name: 'score', paths: ['/api/score'], methods: undefined, schedule: undefined },
      {
        name: 'submissions',
        paths: ['/api/assignments/:id/submissions', '/api/assignments/:id/submissions/:submissionId'],
        methods: undefined,
        schedule: undefined,
      },
    ]);
  });

  test('refuses a file whose default export is not a handler, naming it', async () => {
    const folder = join(project, 'broken');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'bad.mjs'), 'export default 42;');
    await expect(discoverFunctions(folder)).rejects.toThrow(
      /bad\.mjs: the default export must be the function's handler/,
    );
  });
});

describe('functions served in-process', () => {
  test('mounts a function without config.path at /.netlify/functions/<name>, with the client address', async () => {
    const response = await send(server.url, '/.netlify/functions/hello', { method: 'POST', body: '{}' });
    expect(JSON.parse(response.body.toString())).toEqual({ method: 'POST', ip: '127.0.0.1' });
  });

  test('hands a function the named segments of its path, and only the methods it names', async () => {
    const response = await send(server.url, '/api/sets/abc123');
    expect(JSON.parse(response.body.toString())).toEqual({ id: 'abc123' });
    // POST is not in config.method: the route is not the function's, and the site has no such page.
    expect((await send(server.url, '/api/sets/abc123', { method: 'POST', body: '' })).status).toBe(405);
  });

  test('answers a function that throws with a 500 problem that keeps the error in the log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await send(server.url, '/api/boom');
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.body.toString()).not.toMatch(/secret|boom\.mjs/);
    expect(log).toHaveBeenCalledWith(
      'GET /api/boom:',
      expect.objectContaining({ message: expect.stringMatching(/secret/) }),
    );
    log.mockRestore();
  });
});
