/**
 * Reading what a learner typed, before anything is sent. The server decides what is
 * correct; this only turns text into what the API accepts, or a friendly reason it cannot.
 */

/** A field's content: nothing typed, a value the API accepts, or why it cannot be sent. */
export type Reading<T> = { kind: 'empty' } | { kind: 'ok'; value: T } | { kind: 'invalid'; message: string };

import { DIGITS, MAX_ANSWER_LENGTH as MAX_LENGTH, MAX_SHAPE_RANK } from '../domain/vocabulary';

/** The digit strings /api/score accepts, grouped in threes by commas, spaces or underscores. */
export const COUNT_PATTERN = DIGITS;

/** A typed parameter count: `readCount('2,402') → {kind: 'ok', value: '2,402'}`, `readCount('') → {kind: 'empty'}`. */
export function readCount(text: string): Reading<string> {
  const value = text.trim();
  if (value === '') return { kind: 'empty' };
  if (value.length <= MAX_LENGTH && COUNT_PATTERN.test(value)) return { kind: 'ok', value };
  if (/^[-−]/.test(value)) return { kind: 'invalid', message: 'A count cannot be negative: type 0 or more.' };
  if (/^\d*[.]\d+$/.test(value)) return { kind: 'invalid', message: 'Counts are whole numbers: no decimal point.' };
  return { kind: 'invalid', message: 'Type digits only, such as 2402 (or 2,402).' };
}

/**
 * A typed output shape, channels last: `readShape('18 × 18 × 2') → {kind: 'ok', value: [18, 18, 2]}`;
 * also `18x18x2`, `(18, 18, 2)`, `30×16`, `4×8×8×6`, `[1200]` and `1200`.
 */
export function readShape(text: string): Reading<number[]> {
  const value = text
    .trim()
    .replace(/^[[(]\s*|\s*[\])]$/g, '')
    .trim();
  if (value === '') return { kind: 'empty' };
  const parts = value.split(/\s*[×xX*,]\s*|\s+/);
  const dims = parts.map((part) => (/^\d{1,9}$/.test(part) ? Number(part) : NaN));
  if (dims.length > MAX_SHAPE_RANK || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    return {
      kind: 'invalid',
      message:
        'Write a shape such as 18×18×2 (height × width × channels), 30×16 (steps × channels), ' +
        '4×8×8×6 (depth × height × width × channels), or 1200 for a flat vector.',
    };
  }
  return { kind: 'ok', value: dims };
}
