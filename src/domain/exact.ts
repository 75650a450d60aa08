// Why plain numbers count exactly here, and where that is checked.
//
// Every size and count the engine forms is a whole number built from whole numbers ≥ 0 (the input's
// sizes, the layer options, earlier layers' sizes) by + and ×. A double holds every whole number up
// to 2^53 − 1 exactly, and IEEE arithmetic returns the exact result of + or × whenever that result is
// representable; so if every operand is an exact whole number ≤ 2^53 − 1 and the true result is too,
// the computed result is exact (a product with a factor 0 is 0 whatever the other factor). Rounding
// is also monotonic: a true result above 2^53 − 1 computes to a double of at least 2^53 (the next one
// up), and + with an operand ≥ 0 or × with one ≥ 1 keeps it there. By induction over an expression of
// + and ×: a value whose true result is ≤ 2^53 − 1 is computed exactly, and one whose true result is
// larger computes to at least 2^53 (never to Infinity: a few factors of at most 2^53 each). So one check
// against 2^53 − 1 (`isExact`) where a value is formed — in analyzeNetwork, every layer's output
// size and parameter count and the running total — proves each value that passes it exact and
// catches each one that does not; nothing inexact passes silently.
//
// Subtraction, division and comparison are not monotonic, so they only take values already known
// exact: a layer's input sizes (each checked at the layer that made them, or at most 65,536 from the
// schema), its options, and counts that passed the check (a report's facts). Valid padding's
// ⌊(n − k) / s⌋ + 1, ⌈n / s⌉, cropping's n − a − b and a group's c / g are of that kind. `quotient`
// and `ceilQuotient` divide exactly: for whole a ≤ 2^53 − 1 and b ≥ 1, the rounded a / b never
// crosses a whole number (that would need a / b within 2^−53 · a / b of it, but a / b is at least
// 1 / b away from any whole number it is not, and 1 / b > a / b · 2^−53 because a < 2^53).
//
// A message quotes only values known exact. Where a single size can pass 2^53 − 1 before the check
// (a layer that grows a size: up-sampling, a transposed convolution, …), the layer gives that shape
// again as BigInts (`LayerOutcome.exactShape`), for the refusal that quotes it.

/** Largest integer a JSON number (an IEEE double) holds exactly: 2^53 − 1. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Why a value past 2^53 − 1 is refused, after what is refused: `this layer's parameter count ${TOO_LARGE}`. */
export const TOO_LARGE = 'exceeds 2^53 − 1 (9007199254740991), the largest whole number a JSON number holds exactly';

/** Whether a count formed by + and × is exact (at most 2^53 − 1 in size): `isExact(2 ** 53) → false`. */
export function isExact(value: number): boolean {
  return value <= MAX_EXACT && value >= -MAX_EXACT;
}

const MAX_EXACT_BIGINT = BigInt(MAX_EXACT);

/** Whether a BigInt count (the PyTorch importer counts in BigInts) fits a JSON number exactly: `isExactBigInt(2n ** 53n) → false`. */
export function isExactBigInt(value: bigint): boolean {
  return value <= MAX_EXACT_BIGINT && value >= -MAX_EXACT_BIGINT;
}

/** Whether every size of a shape is exact: `allExact([20, 20, 3]) → true`. */
export function allExact(values: readonly number[]): boolean {
  for (const value of values) if (!isExact(value)) return false;
  return true;
}

/** Product of whole numbers (1 for none): `product([20, 20, 3]) → 1200`. Check it with `isExact`. */
export function product(values: readonly number[]): number {
  let result = 1;
  for (const value of values) result *= value;
  return result;
}

/** Sum of whole numbers: `sum([1, 2]) → 3`. Check it with `isExact`. */
export function sum(values: readonly number[]): number {
  let result = 0;
  for (const value of values) result += value;
  return result;
}

/** Whole-number division as BigInt divides (toward zero), exact for exact operands: `quotient(7, 2) → 3`. */
export function quotient(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** Division rounded up, exact for exact operands a ≥ 0, b ≥ 1: `ceilQuotient(15, 2) → 8`. */
export function ceilQuotient(a: number, b: number): number {
  return Math.ceil(a / b);
}

/** The exact product of sizes, for a message about a value past 2^53 − 1: `exactProduct([2 ** 30, 2 ** 30]) → 2n ** 60n`. */
export function exactProduct(values: readonly number[]): bigint {
  let result = 1n;
  for (const value of values) result *= BigInt(value);
  return result;
}
