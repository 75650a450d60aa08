import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllHeaders, type Header } from '@netlify/headers-parser';
import { afterAll, describe, expect, test } from 'vitest';
import { forPattern, headersFor, readNetlifyConfig } from '../../src/server/netlify-config';

const ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'learnable-toml-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The rules Netlify's own parser reads from `file`. */
async function netlifyRules(file: string): Promise<Header[]> {
  const { headers, errors } = await parseAllHeaders({
    headersFiles: [],
    netlifyConfigPath: file,
    configHeaders: [],
    minimal: false,
  });
  expect(errors).toEqual([]);
  return headers as Header[];
}

/** What Netlify's CLI sends for `path` (netlify-cli's headersForPath: every match, later rules winning). */
const netlifyHeadersFor = (rules: Header[], path: string) =>
  Object.assign({}, ...rules.filter((rule) => rule.forRegExp.test(path)).map((rule) => rule.values)) as Record<
    string,
    string
  >;

const PATTERNS = ['/*', '/_astro/*', '/quiz/:level', '/a/b', '/api/*/x', '/*.html', '/Quiz/'];
const PATHS = ['/', '/quiz/', '/quiz', '/quiz/3', '/quiz/3/extra', '/_astro', '/_astro/', '/_astro/app.js', '/a/b/'];
const MORE_PATHS = ['/A/B', '/api/v1/x', '/api/x', '/index.html', '/indexxhtml', '/a/b/c'];

describe('forPattern', () => {
  test.each(PATTERNS)('matches the paths that Netlify matches for %s, and no others', async (pattern) => {
    const file = join(scratch, 'pattern.toml');
    writeFileSync(file, `[[headers]]\nfor = ${JSON.stringify(pattern)}\n[headers.values]\nX-Test = "1"\n`);
    const [rule] = await netlifyRules(file);
    for (const path of [...PATHS, ...MORE_PATHS]) {
      expect({ path, matches: forPattern(pattern).test(path) }).toEqual({ path, matches: rule?.forRegExp.test(path) });
    }
  });
});

describe('readNetlifyConfig', () => {
  test('reads values as Netlify does: multi-line and list values joined by ", ", later rules winning', async () => {
    const file = join(scratch, 'netlify.toml');
    writeFileSync(
      file,
      [
        '[[headers]]',
        'for = "/*"',
        '[headers.values]',
        'Cache-Control = """',
        '  max-age=0,',
        '  no-cache"""',
        'Permissions-Policy = ["camera=()", " microphone=() "]',
        'X-Frame-Options = "DENY"',
        '[[headers]]',
        'for = "/embed/*"',
        '[headers.values]',
        'X-Frame-Options = "SAMEORIGIN"',
      ].join('\n'),
    );
    const ours = readNetlifyConfig(file).headers;
    const theirs = await netlifyRules(file);
    for (const path of ['/', '/embed/widget', '/embed']) {
      expect(headersFor(ours, path)).toEqual(netlifyHeadersFor(theirs, path));
    }
    // Worked out by hand, so the comparison above is not two identical mistakes.
    expect(headersFor(ours, '/embed/widget')).toEqual({
      'Cache-Control': 'max-age=0, no-cache',
      'Permissions-Policy': 'camera=(), microphone=()',
      'X-Frame-Options': 'SAMEORIGIN',
    });
  });

  test("reads this repository's netlify.toml exactly as Netlify's parser does", async () => {
    const file = join(ROOT, 'netlify.toml');
    const config = readNetlifyConfig(file);
    const theirs = await netlifyRules(file);
    for (const path of ['/', '/quiz/', '/_astro/app.js', '/api/score', '/missing']) {
      expect(headersFor(config.headers, path)).toEqual(netlifyHeadersFor(theirs, path));
    }
    expect(config.publish).toBe(join(ROOT, 'dist'));
    expect(config.functionsDirectory).toBe(join(ROOT, 'netlify', 'functions'));
  });
});
