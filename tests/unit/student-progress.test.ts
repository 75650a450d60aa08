import { describe, expect, test } from 'vitest';
import {
  nextIndex,
  progressKey,
  progressText,
  readProgress,
  setTotals,
  startProgress,
  totalsText,
  withScore,
} from '../../src/client/student-progress';

const full = { correct: 9, answered: 9, possible: 9 };
const partly = { correct: 5, answered: 6, possible: 7 };

describe('student progress through a practice set', () => {
  test('starts with every network unchecked, at network 1', () => {
    const progress = startProgress(3);
    expect(progress.results).toEqual([null, null, null]);
    expect(nextIndex(progress)).toBe(0);
    expect(progressText(0, 3)).toBe('Network 1 of 3');
  });

  test('moves on to the first network not yet checked, and ends when all are', () => {
    let progress = withScore(startProgress(3), 0, full);
    expect(nextIndex(progress)).toBe(1);
    progress = withScore(withScore(progress, 2, partly), 1, partly);
    expect(nextIndex(progress)).toBeNull();
  });

  test("keeps a network's first score: a network is checked once", () => {
    const once = withScore(startProgress(2), 0, partly);
    expect(withScore(once, 0, full).results[0]).toEqual(partly);
  });

  test('ignores an index outside the set', () => {
    const progress = startProgress(2);
    expect(withScore(progress, 2, full)).toBe(progress);
    expect(withScore(progress, -1, full)).toBe(progress);
  });

  test('keeps only the score itself, whatever else the check returned', () => {
    const progress = withScore(startProgress(1), 0, { ...full, wrong: [] } as typeof full);
    expect(progress.results[0]).toEqual(full);
  });
});

describe('setTotals and totalsText', () => {
  test('add up the checked networks: 9 + 5 right of 9 + 7', () => {
    const progress = withScore(withScore(startProgress(3), 0, full), 1, partly);
    const totals = setTotals(progress);
    // 14 of 16 is 87.5%, rounded down so that 100% always means every answer.
    expect(totals).toEqual({ correct: 14, possible: 16, checked: 2, perfect: 1, percent: 87 });
    expect(totalsText(totals)).toBe('14 of 16 answers right (87%). 1 of 2 networks with full marks.');
  });

  test('say 0% rather than dividing by zero before anything is checked', () => {
    expect(totalsText(setTotals(startProgress(2)))).toBe('0 of 0 answers right (0%). 0 of 0 networks with full marks.');
  });

  test('use the singular for one network', () => {
    expect(totalsText(setTotals(withScore(startProgress(1), 0, full)))).toBe(
      '9 of 9 answers right (100%). 1 of 1 network with full marks.',
    );
  });
});

describe('readProgress', () => {
  test('reads back what was stored for the same set', () => {
    const progress = withScore(startProgress(3), 1, partly);
    expect(readProgress(JSON.stringify(progress), 3)).toEqual(progress);
  });

  test.each([
    ['nothing stored', null],
    ['not JSON', '{results'],
    ['no results list', '{"done": true}'],
    ['negative counts', '{"results":[{"correct":-1,"answered":0,"possible":3}]}'],
    ['more right than asked', '{"results":[{"correct":4,"answered":4,"possible":3}]}'],
    ['fractions', '{"results":[{"correct":1.5,"answered":2,"possible":3}]}'],
  ])('starts afresh from %s', (_, text) => {
    expect(readProgress(text, 2)).toEqual(startProgress(2));
  });

  test('fits stored progress to the set size, dropping extra entries', () => {
    const stored = JSON.stringify({ results: [full, full, full] });
    expect(readProgress(stored, 2).results).toEqual([full, full]);
    expect(readProgress(JSON.stringify({ results: [full] }), 2).results).toEqual([full, null]);
  });
});

describe('progressKey', () => {
  test('gives each set address its own key', () => {
    expect(progressKey('v=1&seed=a&count=3')).not.toBe(progressKey('v=1&seed=b&count=3'));
  });
});
