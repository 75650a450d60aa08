/** Largest integer a JSON number (an IEEE double) holds exactly: 2^53 − 1. */
export const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether a BigInt count still fits a JSON number exactly: `isExact(2n ** 53n) → false`. */
export function isExact(value: bigint): boolean {
  return value <= MAX_EXACT && value >= -MAX_EXACT;
}

/** Sum of BigInts: `sum([1n, 2n]) → 3n`. */
export function sum(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}
