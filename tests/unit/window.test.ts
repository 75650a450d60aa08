import { describe, expect, test } from 'vitest';
import { dilatedSize, transposedOutputLength, windowOutputLength } from '../../src/domain/window';

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
