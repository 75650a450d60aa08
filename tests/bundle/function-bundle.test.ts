import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipFunctions, type FunctionResult } from '@netlify/zip-it-and-ship-it';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUEST_EXAMPLES } from '../../functions/openapi';
import { AssignmentStore } from '../../src/store/assignment-store';
import { netlifyBlobStore } from '../../src/store/blob-store';
import { blobsContext, startLocalBlobs, type LocalBlobs } from '../../src/store/local-blobs';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const ROOT = resolve(import.meta.dirname, '../..');

// The lesson's network: 56 + 57 + 0 + 2402 = 2515 parameters.
const CLASSIC = TEXTBOOK_NETWORK;

const post = (body: unknown) =>
  new Request('https://learnable.example/api/score', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** What zisi reports from the function's `config` export beyond its typed FunctionConfig. */
interface RoutedConfig {
  path?: string[];
  rateLimit?: { windowLimit: number; windowSize: number };
}

interface Manifest {
  functions: { name: string; runtime: string; path: string; routes?: { pattern: string }[] }[];
}

describe('the /api/score function as Netlify bundles it', () => {
  let dest = '';
  let unzipped = '';
  let results: FunctionResult[] = [];

  beforeAll(async () => {
    dest = realpathSync(mkdtempSync(join(tmpdir(), 'learnable-bundle-')));
    unzipped = join(dest, 'unzipped');
    // What Netlify's build runs over [functions] directory in netlify.toml.
    results = await zipFunctions([join(ROOT, 'netlify/functions')], dest, {
      basePath: ROOT,
      repositoryRoot: ROOT,
      manifest: join(dest, 'manifest.json'),
    });
    const archive = results.find((r) => r.name === 'score')?.path;
    if (archive) execFileSync('unzip', ['-q', archive, '-d', unzipped]);
  });

  afterAll(() => {
    if (dest) rmSync(dest, { recursive: true, force: true });
  });

  test('bundles the score function (and the assignment functions) for the Node runtime with Functions API v2', () => {
    expect(results.map((r) => r.name).sort()).toEqual([
      'assignment',
      'assignments',
      'assignments-cleanup',
      'results',
      'score',
      'submissions',
    ]);
    const score = results.find((r) => r.name === 'score');
    expect(score).toMatchObject({ name: 'score', runtime: 'js', runtimeAPIVersion: 2 });
    expect(score?.path).toMatch(/score\.zip$/);
  });

  test('routes the function at /api/score, as its config says', () => {
    const score = results.find((r) => r.name === 'score');
    expect((score?.config as RoutedConfig).path).toEqual(['/api/score']);
    expect(score?.routes?.map((r) => r.pattern)).toEqual(['/api/score']);
    const manifest = JSON.parse(readFileSync(join(dest, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.functions).toContainEqual(
      expect.objectContaining({
        name: 'score',
        runtime: 'js',
        routes: [expect.objectContaining({ pattern: '/api/score' })],
      }),
    );
  });

  test('carries the rate limit of its config into the traffic rules', () => {
    const score = results.find((r) => r.name === 'score');
    expect((score?.config as RoutedConfig).rateLimit).toMatchObject({ windowLimit: 120, windowSize: 60 });
    expect(score?.trafficRules?.action.type).toBe('rate_limit');
  });

  test("carries zod inside score.mjs, so the bundle imports nothing but Node's built-ins, and none of zod's other locales", () => {
    const entry = join(unzipped, 'netlify/functions/score.mjs');
    expect(existsSync(entry)).toBe(true);
    const code = readFileSync(entry, 'utf8');
    const imported = [...code.matchAll(/^import\s[^'"]*from\s*["']([^"']+)["']/gm)].map((m) => m[1] ?? '');
    expect(imported.length).toBeGreaterThan(0);
    expect(imported.filter((specifier) => !isBuiltin(specifier))).toEqual([]);
    // No dynamic import or require outside comments (zod's sources mention `import()` in one).
    const statements = code.replace(/^\s*\/\/.*$/gm, '');
    expect(statements).not.toMatch(/\bimport\(|\brequire\(["']/);
    expect(existsSync(join(unzipped, 'node_modules'))).toBe(false);
    // esbuild's comments name each module it bundled: zod's core is in, of its locales only English.
    expect(code).toContain('// node_modules/zod/v4/core/schemas.js');
    expect([...code.matchAll(/^\/\/ node_modules\/zod\/v4\/locales\/(\S+)$/gm)].map((m) => m[1])).toEqual(['en.js']);
    // The Lambda entry point that Netlify invokes loads that same module.
    const score = results.find((r) => r.name === 'score');
    const lambdaEntry = readFileSync(join(unzipped, score?.entryFilename ?? 'missing'), 'utf8');
    expect(lambdaEntry).toContain('./netlify/functions/score.mjs');
  });

  test('scores the classic network from the bundle: 200 and a total of 2515', async () => {
    const bundled = (await import(pathToFileURL(join(unzipped, 'netlify/functions/score.mjs')).href)) as {
      default: (request: Request) => Promise<Response>;
      config: { path: string };
    };
    expect(bundled.config.path).toBe('/api/score');
    const response = await bundled.default(post({ network: CLASSIC }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { total: { params: number }; layers: { params: number }[] };
    expect(body.layers.map((l) => l.params)).toEqual([56, 57, 0, 2402]);
    expect(body.total.params).toBe(2515);
  });

  test("counts a PyTorch print(model) from the bundle: the API's example, 634 by PyTorch's count", async () => {
    const bundled = (await import(pathToFileURL(join(unzipped, 'netlify/functions/score.mjs')).href)) as {
      default: (request: Request) => Promise<Response>;
    };
    const response = await bundled.default(post(REQUEST_EXAMPLES.pytorchModel.value));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { source: string; total: { params: number } };
    expect(body.source).toBe('pytorch');
    expect(body.total.params).toBe(634);
  });

  test('refuses an invalid network from the bundle with 422 problem details', async () => {
    const bundled = (await import(pathToFileURL(join(unzipped, 'netlify/functions/score.mjs')).href)) as {
      default: (request: Request) => Promise<Response>;
    };
    const response = await bundled.default(post({ network: { ...CLASSIC, input: [20, 20, 3, 1, 1] } }));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/network/input']);
  });
});

describe('the assignment functions as Netlify bundles them', () => {
  let dest = '';
  let results: FunctionResult[] = [];
  let blobs: LocalBlobs | undefined;
  let data = '';

  beforeAll(async () => {
    dest = realpathSync(mkdtempSync(join(tmpdir(), 'learnable-bundle-assign-')));
    results = await zipFunctions([join(ROOT, 'netlify/functions')], dest, { basePath: ROOT, repositoryRoot: ROOT });
    for (const name of ['assignments', 'assignments-cleanup']) {
      const archive = results.find((r) => r.name === name)?.path;
      if (archive) execFileSync('unzip', ['-q', '-o', archive, '-d', join(dest, name)]);
    }
    data = mkdtempSync(join(tmpdir(), 'learnable-bundle-blobs-'));
    blobs = await startLocalBlobs(data);
  });

  afterAll(async () => {
    await blobs?.stop();
    delete process.env.NETLIFY_BLOBS_CONTEXT;
    for (const folder of [dest, data]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('routes each at its config.path with its rate limit, and schedules the clean-up daily', () => {
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName['assignments']?.routes?.map((r) => r.pattern)).toEqual(['/api/assignments']);
    expect(byName['assignment']?.routes?.map((r) => r.pattern)).toEqual(['/api/assignments/:id']);
    expect(byName['submissions']?.routes?.map((r) => r.pattern)).toEqual([
      '/api/assignments/:id/submissions',
      '/api/assignments/:id/submissions/:submissionId',
    ]);
    expect(byName['results']?.routes?.map((r) => r.pattern)).toEqual(['/api/assignments/:id/results']);
    expect(byName['submissions']?.trafficRules?.action.type).toBe('rate_limit');
    expect(byName['assignments-cleanup']?.schedule).toBe('@daily');
  });

  test('ships @netlify/blobs in the archive, so the bundle resolves it inside the archive', () => {
    const entry = join(dest, 'assignments', 'netlify/functions/assignments.mjs');
    expect(createRequire(entry).resolve('@netlify/blobs').startsWith(join(dest, 'assignments'))).toBe(true);
  });

  test('the bundle stores an assignment in the Blobs store the environment describes', async () => {
    const entry = join(dest, 'assignments', 'netlify/functions/assignments.mjs');
    if (!blobs) throw new Error('no local Blobs server');
    // As Netlify's runtime describes the store to a function.
    process.env.NETLIFY_BLOBS_CONTEXT = blobsContext(blobs.connection);
    const bundled = (await import(pathToFileURL(entry).href)) as { default: (request: Request) => Promise<Response> };
    const response = await bundled.default(
      new Request('https://learnable.example/api/assignments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Bundled', set: { version: 2, seed: 'bundle', count: 1 } }),
      }),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const store = new AssignmentStore(netlifyBlobStore(blobs.connection));
    expect(await store.get(id, new Date())).toMatchObject({ id, title: 'Bundled' });
  });
});
