/** The learner's running tally, kept in this browser only (localStorage), one entry per network. */
export interface Tally {
  /** Latest result per network, keyed `level/seed`. */
  results: Record<string, { level: number; correct: number; possible: number }>;
}

export const TALLY_KEY = 'learnable.tally.v1';
const MAX_NETWORKS = 500;

/** Reads the tally; an unreadable or missing one is empty: `loadTally(localStorage) → {results: {}}`. */
export function loadTally(storage: Pick<Storage, 'getItem'> | null): Tally {
  try {
    const data: unknown = JSON.parse(storage?.getItem(TALLY_KEY) ?? 'null');
    if (data && typeof data === 'object' && 'results' in data && typeof data.results === 'object' && data.results) {
      return { results: data.results as Tally['results'] };
    }
  } catch {
    // Storage blocked or corrupted: start a fresh tally rather than failing the quiz.
  }
  return { results: {} };
}

/** The tally with one network's latest result in it; a retried network replaces its earlier result. */
export function withResult(
  tally: Tally,
  key: string,
  result: { level: number; correct: number; possible: number },
): Tally {
  const entries = Object.entries(tally.results).filter(([k]) => k !== key);
  return { results: Object.fromEntries([...entries.slice(-(MAX_NETWORKS - 1)), [key, result]]) };
}

/** Saves the tally where possible; returns whether it was saved. */
export function saveTally(storage: Pick<Storage, 'setItem'> | null, tally: Tally): boolean {
  try {
    storage?.setItem(TALLY_KEY, JSON.stringify(tally));
    return storage !== null;
  } catch {
    return false;
  }
}

/** The tally in one sentence: `'3 networks checked, 2 with full marks: 17 of 20 answers right (85%).'`. */
export function tallyText(tally: Tally): string {
  const results = Object.values(tally.results);
  if (results.length === 0) return 'No networks checked yet in this browser.';
  const correct = results.reduce((sum, r) => sum + r.correct, 0);
  const possible = results.reduce((sum, r) => sum + r.possible, 0);
  const perfect = results.filter((r) => r.correct === r.possible).length;
  const networks = results.length === 1 ? '1 network' : `${results.length} networks`;
  const percent = possible === 0 ? 0 : Math.round((100 * correct) / possible);
  return `${networks} checked, ${perfect} with full marks: ${correct} of ${possible} answers right (${percent}%).`;
}
