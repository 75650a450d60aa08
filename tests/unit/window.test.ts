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
    [20, 3, 1, 'same', 20], // same keeps the size at stride 1
    [20, 3, 2, 'same', 10], // ceil(20 / 2)
    [21, 3, 2, 'same', 11], // ceil(21 / 2)
    [20, 3, 1, 'valid', 18], // 20 − 3 + 1
    [20, 3, 2, 'valid', 9], // floor(17 / 2) + 1
    [7, 2, 2, 'valid', 3], // floor(5 / 2) + 1: the last row is dropped
    [3, 3, 1, 'valid', 1], // a window the size of the input leaves one value
    [2, 3, 1, 'valid', 0], // a window larger than the input leaves nothing
    [1, 5, 3, 'same', 1], // same padding fits any window
  ] as const)('%s with window %s stride %s %s → %s', (input, window, stride, padding, expected) => {
    expect(windowOutputLength(input, window, stride, padding)).toBe(expected);
  });
});

describe('transposedOutputLength', () => {
  test.each([
    [4, 3, 2, 'valid', 9], // 4 × 2 + (3 − 2)
    [4, 2, 2, 'valid', 8], // 4 × 2 + 0
    [4, 1, 3, 'valid', 12], // kernel smaller than stride adds nothing: 4 × 3
    [4, 3, 1, 'valid', 6], // 4 + 3 − 1
    [5, 3, 2, 'same', 10], // same: input × stride
  ] as const)('%s with window %s stride %s %s → %s', (input, window, stride, padding, expected) => {
    expect(transposedOutputLength(input, window, stride, padding)).toBe(expected);
  });
});

describe('dilatedSize', () => {
  test('spreads a kernel by the dilation rate', () => {
    expect(dilatedSize(3, 2)).toBe(5); // (3 − 1) × 2 + 1
    expect(dilatedSize(3, 1)).toBe(3);
    expect(dilatedSize(1, 7)).toBe(1); // a 1×1 kernel has nothing to spread
  });
});

describe('the worked arithmetic of each rule', () => {
  test.each([
    // [input, window, stride, padding, worked] — the lesson's form of the rows above.
    [15, 3, 1, 'valid', '⌊(15 − 3) / 1⌋ + 1 = 13'], // 12 / 1 = 12, + 1
    [20, 3, 2, 'valid', '⌊(20 − 3) / 2⌋ + 1 = 9'], // 17 / 2 = 8.5 → 8, + 1
    [15, 3, 2, 'same', '⌈15 / 2⌉ = 8'], // 7.5 → 8
    [20, 3, 1, 'same', '⌈20 / 1⌉ = 20'], // same keeps the size at stride 1
  ] as const)('window %s, %s, stride %s, %s: %s', (input, window, stride, padding, worked) => {
    expect(windowWork(input, window, stride, padding)).toBe(worked);
  });

  test.each([
    [23, 3, 2, 'valid', '(23 − 1) × 2 + 3 = 47'], // the case: 22 × 2 + 3
    [23, 3, 2, 'same', '23 × 2 = 46'],
    [4, 1, 3, 'valid', '4 × 3 = 12 (the kernel of 1 is narrower than the stride 3)'], // max(1 − 3, 0) = 0
  ] as const)('transposed %s, %s, stride %s, %s: %s', (input, window, stride, padding, worked) => {
    expect(transposedWork(input, window, stride, padding)).toBe(worked);
  });

  test('spreads a dilated kernel as k + (k − 1) × (d − 1)', () => {
    expect(dilatedWork(3, 2)).toBe('3 + (3 − 1) × (2 − 1) = 5');
    expect(dilatedWork(5, 3)).toBe('5 + (5 − 1) × (3 − 1) = 13'); // 5 + 8
  });
});
