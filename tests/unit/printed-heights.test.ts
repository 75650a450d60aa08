import { describe, expect, test } from 'vitest';
import { lineCount, networkHeights, PRINTED_PAGE, rowHeights, textWidth } from '../../src/client/printed-heights';

const PT = 96 / 72;
const conv = { type: 'Conv2D', config: '6 filters, 3×3 kernel, padding same, stride 1' };

describe('lineCount', () => {
  test('keeps text on one line when it fits, and breaks it at spaces when it does not', () => {
    const run = { text: 'six filters and a kernel of three', size: 10 * PT };
    const width = textWidth(run.text, run.size);
    expect(lineCount([run], width + 1)).toBe(1);
    expect(lineCount([run], width / 2)).toBeGreaterThanOrEqual(2);
  });

  test('never breaks inside a word, however narrow the column', () => {
    expect(lineCount([{ text: 'GlobalAveragePooling2D', size: 10 * PT, bold: true }], 10)).toBe(1);
  });
});

describe('rowHeights', () => {
  const worksheet = (rows: Parameters<typeof rowHeights>[0]['rows']) =>
    rowHeights({ kind: 'worksheet', askShapes: true, rows });

  test("gives a worksheet's row at least its 7 mm to write in", () => {
    expect(worksheet([{ type: 'ReLU', config: '', input: '8×8×4' }])[0]).toBeGreaterThanOrEqual((7 * 96) / 25.4);
  });

  test('makes a row taller for each line its layer takes: a name of its own, a "takes layer …" that wraps', () => {
    const [plain = 0, named = 0, takes = 0] = worksheet([
      { ...conv, input: '8×8×4' },
      { ...conv, name: 'branch_3x3', input: '8×8×4' },
      {
        ...conv,
        name: 'branch_3x3',
        config: `${conv.config}; takes layer 4 (pool1), the shortcut around the two convolutions of the block`,
        input: 'output of layer 4',
      },
    ]);
    expect(named).toBeGreaterThan(plain);
    expect(takes).toBeGreaterThan(named);
  });

  test("makes a key's row as tall as its arithmetic's lines when they are more", () => {
    const short = { ...conv, output: '8×8×6', params: '168', arithmetic: '3 × 3 × 3 × 6 + 6 = 168' };
    const long = { ...short, arithmetic: `${short.arithmetic} `.repeat(8) };
    const [one = 0, more = 0] = rowHeights({ kind: 'key', askShapes: true, rows: [short, long] });
    expect(more).toBeGreaterThan(one);
  });
});

describe('networkHeights', () => {
  test("puts the picture in the network's first part only, and a worksheet's room to work in its last", () => {
    const table = { kind: 'worksheet' as const, askShapes: true, rows: [{ ...conv, input: '8×8×4' }] };
    const h = networkHeights(300, table);
    expect(h.first - h.continued).toBe(300);
    // The total's row to write in, and 35 mm of room to work at least.
    expect(h.last).toBeGreaterThan((35 * 96) / 25.4);
    expect(networkHeights(300, { ...table, kind: 'key' }).last).toBeLessThan(h.last);
  });

  test('plans on the narrower page (A4) and the shorter (Letter)', () => {
    expect(PRINTED_PAGE).toEqual({
      width: Math.floor(((210 - 24) / 25.4) * 96),
      height: Math.floor(((279.4 - 24) / 25.4) * 96),
    });
  });
});
