/**
 * A student's way through a practice set: which networks are checked and how each scored.
 * Pure functions over plain data; the student page keeps the data in sessionStorage.
 */

/** The score of one checked network, as /api/score counts it. */
export interface NetworkScore {
  correct: number;
  answered: number;
  possible: number;
}

/** One entry per network of the set: its score once checked, null before. */
export interface SetProgress {
  results: (NetworkScore | null)[];
}

/** Totals over the networks checked so far. */
export interface SetTotals {
  correct: number;
  possible: number;
  /** Networks checked, and of those, with every answer right. */
  checked: number;
  perfect: number;
  /** Percent of answers right, rounded down (so 100% means every one), 0 when nothing is checked. */
  percent: number;
}

/** Where a set's progress is stored: one key per set address. */
export const progressKey = (query: string) => `learnable.student.v1:${query}`;

/** A set of `count` networks, none checked: `startProgress(2) → { results: [null, null] }`. */
export const startProgress = (count: number): SetProgress => ({ results: Array.from({ length: count }, () => null) });

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

const isScore = (value: unknown): value is NetworkScore =>
  !!value &&
  typeof value === 'object' &&
  isCount((value as NetworkScore).correct) &&
  isCount((value as NetworkScore).answered) &&
  isCount((value as NetworkScore).possible) &&
  (value as NetworkScore).correct <= (value as NetworkScore).possible;

/**
 * Reads stored progress for a set of `count` networks; anything unreadable counts as not
 * checked: `readProgress('{"results":[{"correct":3,"answered":3,"possible":3}]}', 2)` → network 1 done, 2 to do.
 */
export function readProgress(text: string | null, count: number): SetProgress {
  let stored: unknown[] = [];
  try {
    const data: unknown = JSON.parse(text ?? 'null');
    if (data && typeof data === 'object' && Array.isArray((data as SetProgress).results)) {
      stored = (data as SetProgress).results;
    }
  } catch {
    // A corrupted entry: start the set afresh rather than failing the page.
  }
  return {
    results: startProgress(count).results.map((_, i) => (isScore(stored[i]) ? (stored[i] as NetworkScore) : null)),
  };
}

/** The progress with network `index` scored; a network already checked keeps its first score. */
export function withScore(progress: SetProgress, index: number, score: NetworkScore): SetProgress {
  if (index < 0 || index >= progress.results.length || progress.results[index]) return progress;
  const { correct, answered, possible } = score;
  return { results: progress.results.map((result, i) => (i === index ? { correct, answered, possible } : result)) };
}

/** The first network not yet checked (0-based), or null when the whole set is done. */
export function nextIndex(progress: SetProgress): number | null {
  const index = progress.results.findIndex((result) => result === null);
  return index === -1 ? null : index;
}

/** Where the student is, for the page's heading: `progressText(1, 10) → 'Network 2 of 10'`. */
export const progressText = (index: number, count: number) => `Network ${index + 1} of ${count}`;

/** Adds up the networks checked so far. */
export function setTotals(progress: SetProgress): SetTotals {
  const checked = progress.results.filter((result) => result !== null);
  const correct = checked.reduce((sum, r) => sum + r.correct, 0);
  const possible = checked.reduce((sum, r) => sum + r.possible, 0);
  return {
    correct,
    possible,
    checked: checked.length,
    perfect: checked.filter((r) => r.correct === r.possible).length,
    percent: possible === 0 ? 0 : Math.floor((100 * correct) / possible),
  };
}

/**
 * The whole set's score in one sentence:
 * `'27 of 30 answers right (90%). 2 of 3 networks with full marks.'`.
 */
export function totalsText(totals: SetTotals): string {
  const networks = totals.checked === 1 ? 'network' : 'networks';
  return (
    `${totals.correct} of ${totals.possible} answers right (${totals.percent}%). ` +
    `${totals.perfect} of ${totals.checked} ${networks} with full marks.`
  );
}
