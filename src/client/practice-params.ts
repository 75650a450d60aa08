/**
 * Practice-set addresses: `?v=1&seed=week-3&count=10&level=2&include=dense&exclude=dropout&shapes=1`.
 * The practice page, its worksheet, its answer key and the student link all read the same query.
 * It is read here without zod (which would triple the page's JavaScript); tests/unit/practice-params.test.ts
 * keeps this reading equal to `PracticeSetOptions` in src/domain/schema/practice-set.ts, which the API uses.
 */
import { isLayerType, LAYER_TYPES as TYPES } from '../domain/layers';
import { fail, ok, type Result } from '../domain/result';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import {
  DEFAULT_SET_SIZE,
  MAX_SET_SIZE as MAX_COUNT,
  PRACTICE_MESSAGES as M,
  PRACTICE_SET_VERSIONS as VERSIONS,
  SEED_PATTERN as SEED,
  SET_LEVELS,
  VERSION_2_LEVELS,
} from '../domain/vocabulary';

export { isLayerType };

/** The form field a problem belongs to, so the page can mark it. */
export type PracticeField = 'version' | 'seed' | 'count' | 'level' | 'include' | 'exclude' | 'askShapes';

export interface ParamProblem {
  field: PracticeField;
  message: string;
}

const LEVELS = SET_LEVELS.map(String);

/**
 * The options a practice-set address names, with the schema's defaults (count 10, level 1):
 * `readPracticeParams('?seed=w3&level=mix')` → `{ ok: true, value: { version: 1, seed: 'w3', count: 10, level: 'mix', … } }`.
 */
export function readPracticeParams(search: string): Result<PracticeSetOptions, ParamProblem[]> {
  const params = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  const problem = (field: PracticeField, message: string) => problems.push({ field, message });

  const v = params.get('v') ?? String(VERSIONS[0]);
  if (!VERSIONS.some((known) => String(known) === v)) problem('version', M.version);

  const seed = params.get('seed') ?? '';
  if (seed === '') problem('seed', M.seedRequired);
  else if (!SEED.test(seed)) problem('seed', M.seed);

  const countText = (params.get('count') ?? String(DEFAULT_SET_SIZE)).trim();
  const count = /^\d+$/.test(countText) ? Number(countText) : NaN;
  if (!Number.isInteger(count)) problem('count', M.count);
  else if (count < 1) problem('count', M.countMin);
  else if (count > MAX_COUNT) problem('count', M.countMax);

  const levelText = params.get('level') ?? '1';
  const level = LEVELS.includes(levelText) ? levelText : null;
  if (level === null) problem('level', M.level);

  const types = (field: 'include' | 'exclude') => {
    const values = params.getAll(field);
    const unknown = values.filter((value) => !isLayerType(value));
    if (unknown.length > 0) {
      problem(field, `${unknown.join(', ')}: ${M.layerType(TYPES)}`);
    }
    return values.filter(isLayerType);
  };
  const include = types('include');
  const exclude = types('exclude');

  const shapes = params.get('shapes') ?? '0';
  const askShapes = ['1', 'true', 'on'].includes(shapes) ? true : ['0', 'false', ''].includes(shapes) ? false : null;
  if (askShapes === null) problem('askShapes', 'shapes must be 1 (ask output shapes) or 0');

  if (VERSION_2_LEVELS.map(String).includes(level ?? '') && v === '1') problem('level', M.levelOfVersion(level ?? ''));

  if (problems.length > 0 || level === null || askShapes === null) return fail(problems);
  return ok({
    version: v === '2' ? 2 : 1,
    seed,
    count,
    level: level === 'mix' ? 'mix' : (Number(level) as Exclude<PracticeSetOptions['level'], 'mix'>),
    include,
    exclude,
    askShapes,
  });
}

/**
 * The canonical query of a set, which every practice page reads:
 * `practiceQuery({ version: 1, seed: 'w3', count: 5, level: 2, include: [], exclude: ['dropout'], askShapes: true })`
 * → `'v=1&seed=w3&count=5&level=2&exclude=dropout&shapes=1'`.
 */
export function practiceQuery(options: PracticeSetOptions): string {
  const params = new URLSearchParams({
    v: String(options.version),
    seed: options.seed,
    count: String(options.count),
    level: String(options.level),
  });
  for (const type of options.include) params.append('include', type);
  for (const type of options.exclude) params.append('exclude', type);
  if (options.askShapes) params.set('shapes', '1');
  return params.toString();
}

/** Where each page of a set lives: `practiceHref('key', options) → '/practice/key/?v=1&seed=…'`. */
export function practiceHref(page: 'set' | 'worksheet' | 'key' | 'student', options: PracticeSetOptions): string {
  return `/practice/${page === 'set' ? '' : `${page}/`}?${practiceQuery(options)}`;
}

/** A fresh random seed the URL can carry: `randomPracticeSeed() → 'set-k3j9x2'`. */
export function randomPracticeSeed(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return `set-${value.toString(36)}`;
}
