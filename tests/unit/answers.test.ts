import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { COUNT_PATTERN, readCount, readShape } from '../../src/client/answers';
import { CountAnswer, DIGITS, ShapeAnswer } from '../../src/domain/schema/score-request';

describe('readCount', () => {
  test('accepts exactly the digit strings the API accepts (the pattern is a copy of the schema’s)', () => {
    expect(COUNT_PATTERN.source).toBe(DIGITS.source);
  });

  test.each([
    ['56', '56'], // plain digits
    [' 2402 ', '2402'], // surrounding spaces are trimmed
    ['2,402', '2,402'], // thousands grouped by commas
    ['1 200 000', '1 200 000'], // grouped by spaces
    ['0', '0'], // layers that learn nothing
  ])('reads %j as %j', (text, value) => {
    expect(readCount(text)).toEqual({ kind: 'ok', value });
  });

  test('treats an empty or blank field as unanswered', () => {
    expect(readCount('')).toEqual({ kind: 'empty' });
    expect(readCount('   ')).toEqual({ kind: 'empty' });
  });

  test.each([
    ['12.5', 'Counts are whole numbers: no decimal point.'],
    ['-3', 'A count cannot be negative: type 0 or more.'],
    ['24,02', 'Type digits only, such as 2402 (or 2,402).'], // misplaced separator
    ['56 params', 'Type digits only, such as 2402 (or 2,402).'],
  ])('explains why %j cannot be sent', (text, message) => {
    expect(readCount(text)).toEqual({ kind: 'invalid', message });
  });

  test('sends only answers that the API’s schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.constantFrom(0, 9_007_199_254_740_991)), (n) => {
        for (const text of [String(n), n.toLocaleString('en-US')]) {
          const reading = readCount(text);
          expect(reading.kind).toBe('ok');
          if (reading.kind === 'ok') expect(CountAnswer.safeParse(reading.value).success).toBe(true);
        }
      }),
    );
  });
});

describe('readShape', () => {
  test.each([
    ['18×18×2', [18, 18, 2]], // as the quiz prints shapes
    ['18x18x2', [18, 18, 2]], // a plain x
    ['18 X 18 X 2', [18, 18, 2]], // capital X with spaces
    ['(18, 18, 2)', [18, 18, 2]], // a Python tuple
    ['[18,18,2]', [18, 18, 2]], // a JSON list
    ['18 18 2', [18, 18, 2]], // spaces only
    ['1200', [1200]], // a flat vector
    ['[1200]', [1200]], // a flat vector as a list
    ['30×16', [30, 16]], // a sequence: steps × channels
    ['4×8×8×6', [4, 8, 8, 6]], // a volume: depth × height × width × channels
  ])('reads %j as %j', (text, value) => {
    expect(readShape(text)).toEqual({ kind: 'ok', value });
    expect(ShapeAnswer.safeParse(value).success).toBe(true);
  });

  test('treats an empty field as unanswered', () => {
    expect(readShape(' ')).toEqual({ kind: 'empty' });
  });

  test.each(['18×0×2', '1×2×3×4×5', 'eighteen', '18××2', '18.5×2'])('refuses %j with an example of a shape', (text) => {
    const reading = readShape(text);
    expect(reading.kind).toBe('invalid');
    if (reading.kind === 'invalid') expect(reading.message).toContain('18×18×2');
  });
});
