import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ceilQuotient, exactProduct, isExact, MAX_EXACT, product, quotient, sum } from '../../src/domain/exact';

// Whole numbers up to 2^53 − 1 as BigInts, the reference the plain-number arithmetic is checked against.
const exact = fc.bigInt({ min: 0n, max: BigInt(MAX_EXACT) });
const divisor = fc.bigInt({ min: 1n, max: BigInt(MAX_EXACT) });

describe('exact arithmetic on plain numbers', () => {
  test('divides every whole number up to 2^53 − 1 as BigInt does, rounded down and up', () => {
    fc.assert(
      fc.property(exact, divisor, (a, b) => {
        expect(quotient(Number(a), Number(b))).toBe(Number(a / b));
        expect(ceilQuotient(Number(a), Number(b))).toBe(Number((a + b - 1n) / b));
      }),
      { numRuns: 20_000 },
    );
  });

  test('divides the largest exact numbers by small strides exactly (where a rounded quotient is nearest a whole one)', () => {
    for (let a = MAX_EXACT; a > MAX_EXACT - 5000; a--) {
      for (const b of [2, 3, 7, 1000, 1023, 1024]) {
        expect(quotient(a, b)).toBe(Number(BigInt(a) / BigInt(b)));
        expect(ceilQuotient(a, b)).toBe(Number((BigInt(a) + BigInt(b) - 1n) / BigInt(b)));
      }
    }
  });

  test('a product or sum that passes 2^53 − 1 is never taken for exact, however it rounds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 26 }), { minLength: 1, maxLength: 4 }), (values) => {
        const big = exactProduct(values);
        expect(isExact(product(values))).toBe(big <= BigInt(MAX_EXACT));
        if (big <= BigInt(MAX_EXACT)) expect(product(values)).toBe(Number(big));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: MAX_EXACT }), { minLength: 1, maxLength: 64 }), (values) => {
        const big = values.reduce((a, b) => a + BigInt(b), 0n);
        expect(isExact(sum(values))).toBe(big <= BigInt(MAX_EXACT));
      }),
      { numRuns: 20_000 },
    );
  });

  test('knows 2^53 − 1 is the last exact whole number', () => {
    expect(isExact(MAX_EXACT)).toBe(true);
    expect(isExact(MAX_EXACT + 1)).toBe(false); // 2^53
    expect(isExact(MAX_EXACT + 2)).toBe(false); // 2^53 + 1 rounds to 2^53: still refused
  });
});
