import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipFunctions, type FunctionResult } from '@netlify/zip-it-and-ship-it';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REQUEST_EXAMPLES } from '../../functions/openapi';
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
    const archive = results[0]?.path;
    if (archive) execFileSync('unzip', ['-q', archive, '-d', unzipped]);
  });

  afterAll(() => {
    if (dest) rmSync(dest, { recursive: true, force: true });
  });

  test('bundles exactly one function, score, for the Node runtime with Functions API v2', () => {
    expect(results).toHaveLength(1);
    const [score] = results;
    expect(score).toMatchObject({ name: 'score', runtime: 'js', runtimeAPIVersion: 2 });
    expect(score?.path).toMatch(/score\.zip$/);
  });

  test('routes the function at /api/score, as its config says', () => {
    const [score] = results;
    expect((score?.config as RoutedConfig).path).toEqual(['/api/score']);
    expect(score?.routes?.map((r) => r.pattern)).toEqual(['/api/score']);
    const manifest = JSON.parse(readFileSync(join(dest, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.functions).toEqual([
      expect.objectContaining({
        name: 'score',
        runtime: 'js',
        routes: [expect.objectContaining({ pattern: '/api/score' })],
      }),
    ]);
  });

  test('carries the rate limit of its config into the traffic rules', () => {
    expect((results[0]?.config as RoutedConfig).rateLimit).toMatchObject({ windowLimit: 120, windowSize: 60 });
    expect(results[0]?.trafficRules?.action.type).toBe('rate_limit');
  });

  test('ships its own zod, so the bundle resolves its imports inside the archive', () => {
    const entry = join(unzipped, 'netlify/functions/score.mjs');
    expect(existsSync(entry)).toBe(true);
    expect(createRequire(entry).resolve('zod').startsWith(unzipped)).toBe(true);
    // The Lambda entry point that Netlify invokes loads that same module.
    const lambdaEntry = readFileSync(join(unzipped, results[0]?.entryFilename ?? 'missing'), 'utf8');
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
