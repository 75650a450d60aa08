import { describe, expect, test } from 'vitest';
import { cleanSeed, parseQuizParams, quizHref, readConvention, seedFrom } from '../../src/client/quiz-params';
import { GENERATOR_VERSION, QUIZ_LEVELS } from '../../src/domain/quiz-generator';

describe('parseQuizParams', () => {
  test('reads level, seed and version from a shared address', () => {
    expect(parseQuizParams('?v=1&level=2&seed=k3j9x')).toEqual({
      level: 2,
      seed: 'k3j9x',
      version: 1,
      unknownVersion: false,
      convention: 'keras',
      target: null,
    });
  });

  test('keeps a version 1 link on version 1, where level 4 does not exist', () => {
    expect(parseQuizParams('?v=1&level=4&seed=a')).toMatchObject({ version: 1, level: 1 });
    expect(parseQuizParams('?v=2&level=4&seed=a')).toMatchObject({ version: 2, level: 4 });
    expect(parseQuizParams('?v=1&level=5&seed=a')).toMatchObject({ version: 1, level: 1 });
    expect(parseQuizParams('?v=2&level=5&seed=a')).toMatchObject({ version: 2, level: 5 });
  });

  test('starts a fresh level 1 quiz when the address has nothing', () => {
    expect(parseQuizParams('')).toEqual({
      level: 1,
      seed: null,
      version: GENERATOR_VERSION,
      unknownVersion: false,
      convention: 'keras',
      target: null,
    });
  });

  test.each(['0', '6', 'two', '1.5'])('falls back to level 1 for level=%s', (level) => {
    expect(parseQuizParams(`?level=${level}&seed=a`).level).toBe(1);
  });

  test('says when a link names a version it does not know, and uses the current one', () => {
    expect(parseQuizParams('?v=7&seed=a')).toMatchObject({ version: GENERATOR_VERSION, unknownVersion: true });
  });

  test.each(QUIZ_LEVELS)('reads back the address it makes for level %i', (level) => {
    const url = new URL(quizHref(level, 'share-me-42'), 'https://example.org');
    expect(url.pathname).toBe('/quiz/');
    expect(parseQuizParams(url.search)).toEqual({
      level,
      seed: 'share-me-42',
      version: GENERATOR_VERSION,
      unknownVersion: false,
      convention: 'keras',
      target: null,
    });
  });

  test('reads the PyTorch convention from a shared address', () => {
    expect(parseQuizParams('?v=1&level=3&seed=bn&convention=pytorch').convention).toBe('pytorch');
  });

  test('keeps the PyTorch convention in the address it makes, and leaves out Keras, the default', () => {
    const url = new URL(quizHref(3, 'bn', 'pytorch'), 'https://example.org');
    expect(url.searchParams.get('convention')).toBe('pytorch');
    expect(parseQuizParams(url.search)).toMatchObject({ level: 3, seed: 'bn', convention: 'pytorch' });
    expect(quizHref(3, 'bn', 'keras')).toBe(quizHref(3, 'bn'));
    expect(new URL(quizHref(3, 'bn'), 'https://example.org').searchParams.has('convention')).toBe(false);
  });
});

describe('readConvention', () => {
  test.each([
    ['pytorch', 'pytorch'],
    ['keras', 'keras'],
    [null, 'keras'], // no convention in the link: Keras, the lesson's rules
    ['PyTorch', 'pytorch'], // a hand-typed link need not match the API's lower case
    ['tensorflow', 'keras'],
  ] as const)('reads %j as %j', (text, convention) => {
    expect(readConvention(text)).toBe(convention);
  });
});

describe('cleanSeed', () => {
  test.each([
    [' My-Seed ', 'my-seed'], // trimmed and lower-cased, so links differ only in meaning
    ['a b&c', 'abc'], // characters outside a-z, 0-9 and - are dropped
    ['!!', null], // nothing left: no seed
    [null, null],
    ['x'.repeat(40), 'x'.repeat(32)], // at most 32 characters
  ])('cleans %j to %j', (text, seed) => {
    expect(cleanSeed(text)).toBe(seed);
  });
});

describe('seedFrom', () => {
  test('writes a 32-bit value as a short base-36 seed that survives cleaning', () => {
    for (const value of [0, 1, 123_456_789, 0xffffffff, -1]) {
      const seed = seedFrom(value);
      expect(seed).toMatch(/^[0-9a-z]{1,7}$/);
      expect(cleanSeed(seed)).toBe(seed);
    }
  });
});

describe('practice quiz addresses', () => {
  test('read the layer and the mistake a practice link asks for, and write them back', () => {
    const href = quizHref(3, null, 'keras', 2, { type: 'batchNormalization' });
    expect(href).toBe('/quiz/?v=2&level=3&include=batchNormalization');
    expect(parseQuizParams(href.slice('/quiz/'.length))).toMatchObject({
      seed: null,
      target: { type: 'batchNormalization' },
    });
    const withMistake = quizHref(2, 'ab-3', 'keras', 2, { type: 'conv2d', mistake: 'forgot-stride' });
    expect(withMistake).toBe('/quiz/?v=2&level=2&seed=ab-3&include=conv2d&mistake=forgot-stride');
    expect(parseQuizParams(withMistake.slice('/quiz/'.length)).target).toEqual({
      type: 'conv2d',
      mistake: 'forgot-stride',
    });
  });

  test('ignore a layer type or mistake they do not know', () => {
    expect(parseQuizParams('?include=lstm').target).toBeNull();
    expect(parseQuizParams('?include=dense&mistake=made-up').target).toEqual({ type: 'dense' });
  });
});
