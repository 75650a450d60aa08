import { describe, expect, test } from 'vitest';
import {
  loadTally,
  saveTally,
  TALLY_KEY,
  tallyText,
  WEAK_SPOT_NETWORKS,
  weakSpots,
  weakSpotText,
  withResult,
  type Tally,
} from '../../src/client/tally';

/** A Storage stand-in over a Map. */
const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
};

describe('tally', () => {
  test('starts empty and says so', () => {
    const tally = loadTally(memoryStorage());
    expect(tally).toEqual({ results: {} });
    expect(tallyText(tally)).toBe('No networks checked yet in this browser.');
  });

  test('sums networks, full marks and answers', () => {
    let tally: Tally = { results: {} };
    tally = withResult(tally, '1/a', { level: 1, correct: 5, possible: 5 });
    tally = withResult(tally, '2/b', { level: 2, correct: 7, possible: 11 });
    // 12 of 16 answers is 75%.
    expect(tallyText(tally)).toBe('2 networks checked, 1 with full marks: 12 of 16 answers right (75%).');
  });

  test('counts a retried network once, with its latest result', () => {
    let tally: Tally = { results: {} };
    tally = withResult(tally, '1/a', { level: 1, correct: 2, possible: 5 });
    tally = withResult(tally, '1/a', { level: 1, correct: 5, possible: 5 });
    expect(tallyText(tally)).toBe('1 network checked, 1 with full marks: 5 of 5 answers right (100%).');
  });

  test('survives a round trip through storage', () => {
    const storage = memoryStorage();
    const tally = withResult({ results: {} }, '3/x', { level: 3, correct: 1, possible: 9 });
    expect(saveTally(storage, tally)).toBe(true);
    expect(loadTally(storage)).toEqual(tally);
  });

  test('starts afresh instead of failing when storage holds something unreadable or is blocked', () => {
    const storage = memoryStorage();
    storage.setItem(TALLY_KEY, '{not json');
    expect(loadTally(storage)).toEqual({ results: {} });
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadTally(blocked)).toEqual({ results: {} });
    expect(saveTally(blocked, { results: {} })).toBe(false);
    expect(loadTally(null)).toEqual({ results: {} });
  });

  test('keeps at most 500 networks, dropping the oldest', () => {
    let tally: Tally = { results: {} };
    for (let i = 0; i < 510; i++) tally = withResult(tally, `1/${i}`, { level: 1, correct: 1, possible: 1 });
    const keys = Object.keys(tally.results);
    expect(keys).toHaveLength(500);
    expect(keys[0]).toBe('1/10');
    expect(keys.at(-1)).toBe('1/509');
  });
});

describe('weak spots', () => {
  const result = (slips: { code: 'forgot-biases' | 'forgot-stride'; type?: 'dense' | 'conv2d' }[], level = 1) => ({
    level,
    correct: 1,
    possible: 2,
    slips,
  });

  test('counts each mistake over the latest networks, most frequent first, with where it happened', () => {
    let tally: Tally = { results: {} };
    tally = withResult(tally, 'a', result([{ code: 'forgot-biases', type: 'dense' }]));
    tally = withResult(tally, 'b', result([{ code: 'forgot-stride', type: 'conv2d' }], 2));
    tally = withResult(
      tally,
      'c',
      result([
        { code: 'forgot-biases', type: 'dense' },
        { code: 'forgot-biases', type: 'dense' },
      ]),
    );
    const spots = weakSpots(tally);
    expect(spots).toEqual([
      { code: 'forgot-biases', times: 3, type: 'dense', level: 1 },
      { code: 'forgot-stride', times: 1, type: 'conv2d', level: 2 },
    ]);
    expect(weakSpotText(spots[0] ?? { code: 'forgot-biases', times: 0, level: 1 }, 3)).toBe(
      'forgot biases 3 times in your last 3 networks',
    );
  });

  test('fades a mistake once the latest networks no longer show it', () => {
    let tally: Tally = { results: {} };
    tally = withResult(tally, 'slip', result([{ code: 'forgot-biases', type: 'dense' }]));
    for (let i = 0; i < WEAK_SPOT_NETWORKS - 1; i++) tally = withResult(tally, `clean-${i}`, result([]));
    expect(weakSpots(tally).map((s) => s.code)).toEqual(['forgot-biases']);
    tally = withResult(tally, 'one-more', result([]));
    expect(weakSpots(tally)).toEqual([]);
  });

  test('reads an older tally without mistakes, and ignores codes it does not know', () => {
    const old: Tally = { results: { a: { level: 1, correct: 1, possible: 1 } } };
    expect(weakSpots(old)).toEqual([]);
    const odd = {
      results: { a: { level: 1, correct: 0, possible: 1, slips: [{ code: 'not-a-code' }] } },
    } as unknown as Tally;
    expect(weakSpots(odd)).toEqual([]);
  });
});
