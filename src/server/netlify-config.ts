import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'smol-toml';
import * as z from 'zod';

// Only the parts of netlify.toml that the self-host server reproduces; Netlify accepts more.
const HeaderValue = z.union([z.string(), z.array(z.string())]);
const NetlifyToml = z.object({
  build: z.object({ publish: z.string().optional() }).optional(),
  functions: z.object({ directory: z.string().optional() }).optional(),
  headers: z.array(z.object({ for: z.string(), values: z.record(z.string(), HeaderValue).optional() })).optional(),
});

/** One `[[headers]]` table: the path pattern it applies to and the headers it sets. */
export interface HeaderRule {
  for: string;
  matches: RegExp;
  values: Readonly<Record<string, string>>;
}

/** What the server takes from netlify.toml: where the build and the functions are, and the static headers. */
export interface NetlifyConfig {
  /** Absolute path of the published folder (`[build] publish`, default `dist`). */
  publish: string;
  /** Absolute path of the functions folder (`[functions] directory`, default `netlify/functions`). */
  functionsDirectory: string;
  headers: readonly HeaderRule[];
}

// Netlify's for_regexp escapes a segment only when it has no `*`; so does this, to match alike.
const escape = (literal: string) => literal.replace(/[|\\{}()[\]^$+?.*]/g, '\\$&');

/**
 * A `for` pattern as Netlify matches it (@netlify/headers-parser's for_regexp): `:name` is one
 * segment, a lone `*` is the rest of the path (possibly empty), a trailing slash is optional and case
 * is ignored. `forPattern('/_astro/*').test('/_astro/a.js') → true`.
 */
export function forPattern(path: string): RegExp {
  const part = (segment: string) => {
    if (segment.startsWith(':')) return '([^/]+)';
    if (segment === '*') return '?(.*)';
    return segment.includes('*') ? segment.replaceAll('*', '(.*)') : escape(segment);
  };
  const pattern = path
    .split('/')
    .map((segment) => segment.trimEnd())
    .filter(Boolean)
    .map(part)
    .join('/');
  return new RegExp(`^/${pattern}/?$`, 'iu');
}

// Netlify lets one value span several lines or be a list; both mean a comma-separated value.
const normalizeValue = (value: string | string[]) =>
  typeof value === 'string'
    ? value
        .trim()
        .split(/\s*,\s*/)
        .join(', ')
    : value.map((item) => item.trim()).join(', ');

/** Reads netlify.toml: `readNetlifyConfig('/repo/netlify.toml') → { publish: '/repo/dist', headers: [...] }`. */
export function readNetlifyConfig(file: string): NetlifyConfig {
  const root = dirname(file);
  const toml = NetlifyToml.parse(parse(readFileSync(file, 'utf8')));
  return {
    publish: resolve(root, toml.build?.publish ?? 'dist'),
    functionsDirectory: resolve(root, toml.functions?.directory ?? 'netlify/functions'),
    headers: (toml.headers ?? []).map((rule) => ({
      for: rule.for.trim(),
      matches: forPattern(rule.for.trim()),
      values: Object.fromEntries(
        Object.entries(rule.values ?? {}).map(([name, value]) => [name.trim(), normalizeValue(value)]),
      ),
    })),
  };
}

/**
 * The headers every matching rule sets, later rules winning as on Netlify:
 * `headersFor(rules, '/quiz/') → { 'X-Frame-Options': 'DENY', … }`.
 */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const rule of rules) {
    if (!rule.matches.test(path)) continue;
    for (const [name, value] of Object.entries(rule.values)) merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}
