import { describe, expect, test } from 'vitest';
import {
  dilatedSize,
  dilatedWork,
  transposedOutputLength,
  transposedWork,
  windowOutputLength,
  windowWork,
} from '../../src/domain/window';

describe('windowOutputLength', () => {
  test.each([
    // [input, window, stride, padding, expected] — worked by hand.
    [20n, 3n, 1n, 'same', 20n], // same keeps the size at stride 1
    [20n, 3n, 2n, 'same', 10n], // ceil(20 / 2)
    [21n, 3n, 2n, 'same', 11n], // ceil(21 / 2)
    [20n, 3n, 1n, 'valid', 18n], // 20 − 3 + 1
    [20n, 3n, 2n, 'valid', 9n], // floor(17 / 2) + 1
    [7n, 2n, 2n, 'valid', 3n], // floor(5 / 2) + 1: the last row is dropped
    [3n, 3n, 1n, 'valid', 1n], // a window the size of the input leaves one value
    [2n, 3n, 1n, 'valid', 0n], // a window larger than the input leaves nothing
    [1n, 5n, 3n, 'same', 1n], // same padding fits any window
  ] as const)('%s with window %s stride %s %s → %s', (input, window, stride, padding, expected) => {
    expect(windowOutputLength(input, window, stride, padding)).toBe(expected);
  });
});

describe('transposedOutputLength', () => {
  test.each([
    [4n, 3n, 2n, 'valid', 9n], // 4 × 2 + (3 − 2)
    [4n, 2n, 2n, 'valid', 8n], // 4 × 2 + 0
    [4n, 1n, 3n, 'valid', 12n], // kernel smaller than stride adds nothing: 4 × 3
    [4n, 3n, 1n, 'valid', 6n], // 4 + 3 − 1
    [5n, 3n, 2n, 'same', 10n], // same: input × stride
  ] as const)('%s with window %s stride %s %s → %s', (input, window, stride, padding, expected) => {
    expect(transposedOutputLength(input, window, stride, padding)).toBe(expected);
  });
});

describe('dilatedSize', () => {
  test('spreads a kernel by the dilation rate', () => {
    expect(dilatedSize(3n, 2n)).toBe(5n); // (3 − 1) × 2 + 1
    expect(dilatedSize(3n, 1n)).toBe(3n);
    expect(dilatedSize(1n, 7n)).toBe(1n); // a 1×1 kernel has nothing to spread
  });
});

describe('the worked arithmetic of each rule', () => {
  test.each([
    // [input, window, stride, padding, worked] — the lesson's form of the rows above.
    [15n, 3n, 1n, 'valid', '⌊(15 − 3) / 1⌋ + 1 = 13'], // 12 / 1 = 12, + 1
    [20n, 3n, 2n, 'valid', '⌊(20 − 3) / 2⌋ + 1 = 9'], // 17 / 2 = 8.5 → 8, + 1
    [15n, 3n, 2n, 'same', '⌈15 / 2⌉ = 8'], // 7.5 → 8
    [20n, 3n, 1n, 'same', '⌈20 / 1⌉ = 20'], // same keeps the size at stride 1
  ] as const)('window %s, %s, stride %s, %s: %s', (input, window, stride, padding, worked) => {
    expect(windowWork(input, window, stride, padding)).toBe(worked);
  });

  test.each([
    [23n, 3n, 2n, 'valid', '(23 − 1) × 2 + 3 = 47'], // the case: 22 × 2 + 3
    [23n, 3n, 2n, 'same', '23 × 2 = 46'],
    [4n, 1n, 3n, 'valid', '4 × 3 = 12 (the kernel of 1 is narrower than the stride 3)'], // max(1 − 3, 0) = 0
  ] as const)('transposed %s, %s, stride %s, %s: %s', (input, window, stride, padding, worked) => {
    expect(transposedWork(input, window, stride, padding)).toBe(worked);
  });

  test('spreads a dilated kernel as k + (k − 1) × (d − 1)', () => {
    expect(dilatedWork(3n, 2n)).toBe('3 + (3 − 1) × (2 − 1) = 5');
    expect(dilatedWork(5n, 3n)).toBe('5 + (5 − 1) × (3 − 1) = 13'); // 5 + 8
  });
});
