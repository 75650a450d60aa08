import { describe, expect, test } from 'vitest';
import { practiceHref, practiceQuery, randomPracticeSeed, readPracticeParams } from '../../src/client/practice-params';
import { printedDiagramRows, printedHeights, printedPages } from '../../src/client/practice-sheet';
import { pageRoom, PRINTED_PAGE } from '../../src/client/printed-heights';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

/** What the API's schema makes of the same choices, sent as JSON (numbers and booleans, not strings). */
function schemaReading(search: string) {
  const params = new URLSearchParams(search);
  const raw: Record<string, unknown> = {
    include: params.getAll('include'),
    exclude: params.getAll('exclude'),
  };
  if (params.has('v')) raw['version'] = Number(params.get('v'));
  if (params.has('seed')) raw['seed'] = params.get('seed');
  if (params.has('count')) raw['count'] = /^\d+$/.test(params.get('count') ?? '') ? Number(params.get('count')) : 'x';
  if (params.has('level')) raw['level'] = params.get('level') === 'mix' ? 'mix' : Number(params.get('level'));
  if (params.has('shapes')) raw['askShapes'] = params.get('shapes') === '1';
  return PracticeSetOptions.safeParse(raw);
}

describe('readPracticeParams', () => {
  test('reads every option of a shared address', () => {
    expect(
      readPracticeParams('?v=1&seed=week-3&count=12&level=mix&include=dense&include=conv2d&exclude=dropout&shapes=1'),
    ).toEqual({
      ok: true,
      value: {
        version: 1,
        seed: 'week-3',
        count: 12,
        level: 'mix',
        include: ['dense', 'conv2d'],
        exclude: ['dropout'],
        askShapes: true,
      },
    });
  });

  test("fills in the schema's defaults: 10 networks, level 1, no shapes", () => {
    expect(readPracticeParams('?seed=a')).toEqual({
      ok: true,
      value: { version: 1, seed: 'a', count: 10, level: 1, include: [], exclude: [], askShapes: false },
    });
  });

  // Each row: an address, and the field its problem is reported on.
  test.each([
    ['?count=3', 'seed'], // no seed
    ['?seed=has space', 'seed'], // not a seed character
    [`?seed=${'a'.repeat(65)}`, 'seed'], // one character too long
    ['?seed=a&count=0', 'count'], // below 1
    ['?seed=a&count=51', 'count'], // above 50
    ['?seed=a&count=2.5', 'count'], // not whole
    ['?seed=a&level=4', 'level'], // no such level
    ['?seed=a&include=lstm', 'include'], // not a layer type
    ['?seed=a&exclude=Dense', 'exclude'], // Keras's class name, not the type
    ['?seed=a&v=3', 'version'], // a version this site does not have
    ['?seed=a&v=1&level=4', 'level'], // version 1 sets have no level 4
  ])('refuses %s, naming the %s field', (search, field) => {
    const read = readPracticeParams(search);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.map((p) => p.field)).toContain(field);
  });

  test.each([
    '?v=1&seed=week-3&count=12&level=mix&include=dense&exclude=dropout&shapes=1',
    '?seed=a&count=50&level=3',
    '?seed=A_z-09&count=1&level=2&exclude=batchNormalization&exclude=flatten',
    '?seed=a&count=0',
    '?seed=a&count=51',
    '?seed=a&level=4',
    '?seed=bad!&level=1',
    '?seed=a&include=notALayer',
    '?count=4',
  ])("accepts and refuses %s exactly as the API's schema does", (search) => {
    const ours = readPracticeParams(search);
    const theirs = schemaReading(search);
    expect(ours.ok).toBe(theirs.success);
    if (ours.ok && theirs.success) expect(ours.value).toEqual(theirs.data);
  });

  test('uses the schema messages, so the page says what the API would', () => {
    const read = readPracticeParams('?seed=a&count=51');
    const schema = PracticeSetOptions.safeParse({ seed: 'a', count: 51 });
    expect(read.ok || read.error[0]?.message).toBe(schema.error?.issues[0]?.message);
  });
});

describe('practiceQuery', () => {
  test('reads back as the options it was made from', () => {
    const options = {
      version: 1 as const,
      seed: 'round-trip',
      count: 7,
      level: 2 as const,
      include: ['maxPooling2d' as const],
      exclude: ['dropout' as const, 'flatten' as const],
      askShapes: true,
    };
    expect(readPracticeParams(practiceQuery(options))).toEqual({ ok: true, value: options });
  });

  test('puts each page of a set at its own path, with the same query', () => {
    const options = PracticeSetOptions.parse({ seed: 'w3', count: 5, level: 2 });
    expect(practiceHref('set', options)).toBe('/practice/?v=1&seed=w3&count=5&level=2');
    expect(practiceHref('key', options)).toBe('/practice/key/?v=1&seed=w3&count=5&level=2');
    expect(practiceHref('student', options)).toBe('/practice/student/?v=1&seed=w3&count=5&level=2');
  });
});

describe('randomPracticeSeed', () => {
  test('makes seeds the schema accepts', () => {
    for (let i = 0; i < 20; i++) {
      expect(PracticeSetOptions.safeParse({ seed: randomPracticeSeed() }).success).toBe(true);
    }
  });
});

describe('printedPages', () => {
  const net = (layers: number) => ({ network: { layers: Array.from({ length: layers }) } });
  /** The networks on each page, each page's parts named by their network. */
  const networksOf = <T>(pages: { item: T }[][]) => pages.map((page) => page.map((part) => part.item));

  describe('without the heights each network prints at', () => {
    test('puts two networks on an answer key page when their layers fit together', () => {
      // 3 + 5 = 8 layers fit in a key page (8); 4 + 5 = 9 do not.
      const [a, b, c, d] = [net(3), net(5), net(4), net(5)];
      expect(networksOf(printedPages([a, b, c, d], 'key'))).toEqual([[a, b], [c], [d]]);
    });

    test('gives every network of a worksheet a page of its own, with room to work', () => {
      const [a, b, c] = [net(1), net(2), net(6)];
      expect(networksOf(printedPages([a, b, c], 'worksheet'))).toEqual([[a], [b], [c]]);
    });

    test('gives a network whose picture is drawn in two rows an answer key page of its own', () => {
      // 3 + 4 layers would fit a key page, but c's picture has two rows, and so does d's.
      const [a, b, c, d, e] = [net(3), net(4), net(4), net(3), net(3)];
      const rows = (item: unknown) => (item === c || item === d ? 2 : 1);
      expect(networksOf(printedPages([a, b, c, d, e], 'key', rows))).toEqual([[a, b], [c], [d], [e]]);
    });

    test('never puts more than two networks on a page', () => {
      const small = Array.from({ length: 5 }, () => net(1));
      expect(printedPages(small, 'key').map((page) => page.length)).toEqual([2, 2, 1]);
    });

    test('gives a network that fits a page all of its rows, with its heading and total', () => {
      const a = net(3);
      expect(printedPages([a], 'worksheet')).toEqual([[{ item: a, from: 0, to: 3, first: true, last: true }]]);
    });
  });

  describe('with the heights each network prints at', () => {
    // A page has PRINTED_PAGE.height less its header and 24 px to spare: 965 − 41 − 24 = 900 px here.
    const heights = (rows: number[], first = 300) => ({ head: 41, first, continued: 60, rows, last: 40 });
    const room = PRINTED_PAGE.height - 41 - 24;
    /** The pages planned with these heights, every picture one row (which, given heights, does not matter). */
    const plan = <T extends ReturnType<typeof net>>(
      items: T[],
      kind: 'worksheet' | 'key',
      of: (item: T) => ReturnType<typeof heights>,
    ) => printedPages(items, kind, () => 1, of);
    /** A network of `layers` rows of `row` px that prints `whole` px tall in all (heading and total included). */
    const sized = (whole: number, layers = 3, row = 30) => heights(Array(layers).fill(row), whole - layers * row - 40);

    // Each row: what it shows, the sheet, its network's rows (each 100 px), what its heading and picture
    // take, and the row each page after the first begins with (its first page has the heading, its last the total).
    test.each([
      // 300 + 10 rows: six rows fit after the picture; then 60 + four rows + the 40 px total.
      {
        shows: 'goes on over as many pages as a table too tall for one needs, the total after its last row',
        kind: 'worksheet',
        rows: 10,
        first: 300,
        breaks: [6],
      },
      // 6 rows fit after the picture, but not the 40 px total after the sixth: it goes over with the total
      // (and, as a table ends with three rows at least, so do the fourth and fifth).
      {
        shows: 'moves the last row over when the total (and the room to work) would not fit after it',
        kind: 'worksheet',
        rows: 6,
        first: room - 600,
        breaks: [3],
      },
      // Seven rows fit after the picture and the eighth does not: rows 6 and 7 go over to join it.
      {
        shows: 'ends a table that goes on over pages with at least three of its rows, not one and the total',
        kind: 'key',
        rows: 8,
        first: room - 700,
        breaks: [5],
      },
    ] as const)('$shows', ({ kind, rows, first, breaks }) => {
      const a = net(rows);
      const h = heights(Array(rows).fill(100), first);
      const starts = [0, ...breaks];
      expect(plan([a], kind, () => h)).toEqual(
        starts.map((from, i) => [
          { item: a, from, to: starts[i + 1] ?? rows, first: i === 0, last: i === breaks.length },
        ]),
      );
    });

    test('puts on an answer key page as many whole networks as their heights, summed, fit in', () => {
      // 300 + 300 + 300 = 900 px fill a page (900 px); so do d and e, 300 + 600, and f goes on the next.
      const [a, b, c, d, e, f] = [net(3), net(3), net(3), net(3), net(3), net(3)];
      const pages = plan([a, b, c, d, e, f], 'key', (item) => sized(item === e ? 600 : 300));
      expect(networksOf(pages)).toEqual([[a, b, c], [d, e], [f]]);
    });

    test('lets a network whose picture is drawn in two rows share an answer key page when its height fits', () => {
      const [a, b] = [net(3), net(4)];
      expect(
        networksOf(
          printedPages(
            [a, b],
            'key',
            () => 2,
            () => sized(400),
          ),
        ),
      ).toEqual([[a, b]]);
    });

    test('still gives every network of a worksheet a page of its own', () => {
      const [a, b] = [net(3), net(3)];
      expect(networksOf(plan([a, b], 'worksheet', () => sized(200)))).toEqual([[a], [b]]);
    });

    test('starts a network too tall for a page on a page of its own, and lets a short one follow its end', () => {
      // b's ten rows of 100 px go over two pages, the second 60 + 4 × 100 + 40 = 500 px: c (300) fits after it.
      const [a, b, c] = [net(3), net(10), net(3)];
      const tall = heights(Array(10).fill(100));
      expect(plan([a, b, c], 'key', (item) => (item === b ? tall : sized(300)))).toEqual([
        [{ item: a, from: 0, to: 3, first: true, last: true }],
        [{ item: b, from: 0, to: 6, first: true, last: false }],
        [
          { item: b, from: 6, to: 10, first: false, last: true },
          { item: c, from: 0, to: 3, first: true, last: true },
        ],
      ]);
    });

    test('prints a level 1 key of 20 networks on full pages, far fewer than two networks by layer count took', () => {
      const set = generatePracticeSet(PracticeSetOptions.parse({ version: 2, seed: 'pack-20', count: 20, level: 1 }));
      if (!set.ok) throw new Error('the set is made');
      const h = new Map(set.value.map((item) => [item, printedHeights(item, 'key', false)]));
      const heightOf = (item: PracticeItem) => h.get(item) ?? printedHeights(item, 'key', false);
      const whole = (item: PracticeItem) => {
        const n = heightOf(item);
        return n.first + n.rows.reduce((sum, row) => sum + row, 0) + n.last;
      };
      const room = pageRoom(heightOf(set.value[0] as PracticeItem));
      const pages = networksOf(printedPages(set.value, 'key', () => 1, heightOf));
      const paired = printedPages(set.value, 'key', (item) => printedDiagramRows(item, 'key', false));
      // 11 pages, where two networks of 8 layers at most took 15; no three of these networks fit on one page.
      expect([paired.length, pages.length]).toEqual([15, 11]);
      const shortest = set.value.map(whole).sort((x, y) => x - y);
      expect((shortest[0] ?? 0) + (shortest[1] ?? 0) + (shortest[2] ?? 0)).toBeGreaterThan(room);
      expect(pages.flat()).toEqual(set.value);
      // Every page fits what it holds, and is full: the next page's first network would not fit on it.
      for (const [i, page] of pages.entries()) {
        const used = page.reduce((sum, item) => sum + whole(item), 0);
        expect(used, `page ${i + 1}`).toBeLessThanOrEqual(room);
        const next = pages[i + 1]?.[0];
        if (next) expect(used + whole(next), `page ${i + 1} has room for the next`).toBeGreaterThan(room);
      }
    });
  });
});
