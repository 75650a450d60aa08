import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { splitIntoRows } from '../../src/domain/diagram-rows';

const columns = (...widths: number[]) => widths.map((width, i) => ({ width, i }));
/** A row's width: its columns and the gaps between them. */
const rowWidth = (row: readonly { width: number }[], gap: number) =>
  row.reduce((sum, c) => sum + c.width, 0) + gap * (row.length - 1);

describe('splitIntoRows', () => {
  test.each([
    // widths, limit, gap → columns per row
    // 100 + 30 + 100 + 30 + 100 = 360 fits 400: one row.
    [[100, 100, 100], 400, 30, [3]],
    // 360 does not fit 250, two rows do; 230 + 100 is as even as three columns go.
    [[100, 100, 100], 250, 30, [2, 1]],
    // Six equal columns in two rows: three and three, not five and one (5 × 100 + 4 × 10 = 540 would fit 560).
    [[100, 100, 100, 100, 100, 100], 560, 10, [3, 3]],
    // Filled as full as they go, 80 + 10 + 80 + 10 + 80 + 10 + 20 = 290 and 20: the limit allows it, the rows
    // are as even as the 80s allow instead (170 and 140).
    [[80, 80, 80, 20, 20], 300, 10, [2, 3]],
    // A column wider than the limit gets a row of its own.
    [[50, 300, 50], 200, 10, [1, 1, 1]],
  ])('%j within %d px, gap %d: rows of %j', (widths, limit, gap, counts) => {
    const rows = splitIntoRows(columns(...widths), limit, gap);
    expect(rows.map((row) => row.length)).toEqual(counts);
  });

  test('keeps every column once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 10, max: 200 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 200, max: 800 }),
        (widths, limit) => {
          const rows = splitIntoRows(columns(...widths), limit, 30);
          expect(rows.flat().map((c) => c.i)).toEqual(widths.map((_, i) => i));
        },
      ),
    );
  });

  test('makes no row wider than the limit, and no more rows than filling each row would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 10, max: 200 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 200, max: 800 }),
        (widths, limit) => {
          const rows = splitIntoRows(columns(...widths), limit, 30);
          for (const row of rows) expect(rowWidth(row, 30)).toBeLessThanOrEqual(limit);
          // Filling each row as full as it goes, written out here: the fewest rows possible.
          let greedy = 1;
          let width = -30;
          for (const w of widths) {
            if (width + 30 + w > limit) [greedy, width] = [greedy + 1, w];
            else width += 30 + w;
          }
          expect(rows).toHaveLength(greedy);
        },
      ),
    );
  });
});
