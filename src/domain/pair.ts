/** A 2-D option as the API takes it: one number for both axes, or `[height, width]`. */
export type PairOption = number | readonly [number, number] | undefined;

/** Both axes of a 2-D option, `fallback` when it is absent: `pair(3, 1) → [3, 3]`, `pair(undefined, 2) → [2, 2]`. */
export function pair(option: PairOption, fallback: number): [number, number] {
  if (option === undefined) return [fallback, fallback];
  return typeof option === 'number' ? [option, option] : [option[0], option[1]];
}

/** The same as BigInts, for exact arithmetic: `bigPair([3, 5], 1) → [3n, 5n]`. */
export function bigPair(option: PairOption, fallback: number): [bigint, bigint] {
  const [a, b] = pair(option, fallback);
  return [BigInt(a), BigInt(b)];
}
