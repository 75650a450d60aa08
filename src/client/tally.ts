import type { LayerType } from '../domain/layers';
import { MISTAKE_LABELS } from '../domain/mistake-labels';
import type { MistakeCode, ShapeMistakeCode } from '../domain/mistakes';

/** A mistake the learner made in one network, on a layer of `type` (none for the total). */
export interface Slip {
  code: MistakeCode | ShapeMistakeCode;
  type?: LayerType | undefined;
}

/** One network's latest check: its level, its score and the mistakes made in it. */
export interface TallyResult {
  level: number;
  correct: number;
  possible: number;
  slips?: Slip[] | undefined;
}

/** The learner's running tally, kept in this browser only (localStorage), one entry per network. */
export interface Tally {
  /** Latest result per network, keyed `level/seed`, the most recently checked last. */
  results: Record<string, TallyResult>;
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
export function withResult(tally: Tally, key: string, result: TallyResult): Tally {
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

/** How many of the latest networks the weak spots look at: a mistake not made again in them has faded. */
export const WEAK_SPOT_NETWORKS = 10;

/** A mistake made more than once lately, or once in the latest networks, with where to practise it. */
export interface WeakSpot {
  code: MistakeCode | ShapeMistakeCode;
  /** How often it was made in the latest networks. */
  times: number;
  /** The layer type and level of its latest occurrence, for a practice quiz. */
  type?: LayerType | undefined;
  level: number;
}

/**
 * The mistakes of the last `WEAK_SPOT_NETWORKS` networks, most frequent first: a learner who forgot biases in 3 of
 * their last 10 networks → `[{ code: 'forgot-biases', times: 3, type: 'dense', level: 1 }]`. A mistake that the
 * latest networks no longer show fades out.
 */
export function weakSpots(tally: Tally, networks = WEAK_SPOT_NETWORKS): WeakSpot[] {
  const spots = new Map<string, WeakSpot>();
  for (const result of Object.values(tally.results).slice(-networks)) {
    for (const slip of Array.isArray(result.slips) ? result.slips : []) {
      if (!(slip.code in MISTAKE_LABELS)) continue;
      const spot = spots.get(slip.code) ?? { code: slip.code, times: 0, level: result.level };
      spots.set(slip.code, { ...spot, times: spot.times + 1, type: slip.type ?? spot.type, level: result.level });
    }
  }
  return [...spots.values()].sort((a, b) => b.times - a.times);
}

/** A weak spot in words: `'forgot biases 3 times in your last 10 networks'`. */
export function weakSpotText(spot: WeakSpot, networks: number): string {
  const times = spot.times === 1 ? 'once' : spot.times === 2 ? 'twice' : `${spot.times} times`;
  const span = networks === 1 ? 'in your last network' : `in your last ${networks} networks`;
  return `${MISTAKE_LABELS[spot.code]} ${times} ${span}`;
}
