import { describe, expect, test } from 'vitest';
import { classResults, mistakeSummary } from '../../src/domain/class-results';
import { cleanText, textProblem } from '../../src/domain/display-text';
import { csvField, resultsCsv } from '../../src/domain/results-csv';
import type { JudgedNetwork, StoredAssignment, StoredAttempt } from '../../src/domain/schema/assignment';

describe('textProblem and cleanText', () => {
  test.each([
    // [typed, stored]
    ['  Ada  Lovelace ', 'Ada Lovelace'], // trimmed, one space
    ['Ada\u00a0\u2003L', 'Ada L'], // any Unicode space becomes one
    ['Zoe\u0308', 'Zoë'], // NFC: e + combining diaeresis is ë
    ['👩‍🔬 Ana', '👩‍🔬 Ana'], // the zero-width joiner of an emoji stays
    ['می‌خواهم', 'می‌خواهم'], // so does the zero-width non-joiner Persian needs
  ])('takes %j as %j', (typed, stored) => {
    expect(textProblem(typed, 'a name', 60)).toBeNull();
    expect(cleanText(typed)).toBe(stored);
  });

  test.each([
    ['', 'cannot be empty'],
    [' \t', 'control'], // a tab is a control character
    ['a\nb', 'control'],
    ['abc\u202edcba', 'U+202E'], // right-to-left override
    ['a\u200bb', 'U+200B'], // zero-width space
    ['a\u2066b', 'U+2066'], // bidirectional isolate
    ['\ud800', 'U+D800'], // a lone surrogate
    ['x'.repeat(61), 'at most 60 characters (this one has 61)'],
  ])('refuses %j', (typed, reason) => {
    expect(textProblem(typed, 'a name', 60)).toContain(reason);
  });

  test('counts characters as code points: 60 emoji fit, 61 do not', () => {
    expect(textProblem('😀'.repeat(60), 'a name', 60)).toBeNull();
    expect(textProblem('😀'.repeat(61), 'a name', 60)).toContain('61');
  });
});

describe('csvField', () => {
  test.each([
    ['Ada', '"Ada"'],
    ['a "quoted" name', '"a ""quoted"" name"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`], // a formula is defused
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['a,b\r\nc', '"a,b\r\nc"'], // commas and line breaks stay inside the quotes
    [56, '"56"'],
  ])('writes %j as %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

const ASSIGNMENT: StoredAssignment = {
  format: 1,
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'T',
  set: { version: 2, seed: 's', count: 2, level: 1, include: [], exclude: [], askShapes: false },
  convention: 'keras',
  attempts: 2,
  feedback: 'immediate',
  createdAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-06-30T00:00:00.000Z',
  keyHash: '0'.repeat(64),
};

/** A network of a conv2d (56) and a dense (2402), answered as given. */
function network(index: number, conv: number, dense: number, extra: Partial<{ carried: boolean }> = {}): JudgedNetwork {
  const verdict = (submitted: number, right: number, mistakes: string[]) => ({
    submitted,
    correct: submitted === right,
    mistakes: submitted === right ? [] : mistakes,
  });
  const denseVerdict = verdict(dense, 2402, ['forgot-biases']);
  const correct = Number(conv === 56) + Number(dense === 2402);
  return {
    index,
    level: 1,
    score: { correct, carriedForward: extra.carried ? 1 : 0, answered: 2, possible: 2 },
    layers: [
      { type: 'conv2d', params: 56, outputShape: [20, 20, 2], answer: verdict(conv, 56, ['forgot-biases']) },
      {
        type: 'dense',
        params: 2402,
        outputShape: [2],
        answer:
          extra.carried && !denseVerdict.correct
            ? { ...denseVerdict, carriedForward: true, followsFrom: 0 }
            : denseVerdict,
      },
    ],
    total: { params: 2458 },
  };
}

const attempt = (n: number, name: string, at: string, networks: JudgedNetwork[]): StoredAttempt => ({
  format: 1,
  attempt: n,
  displayName: name,
  submittedAt: at,
  answers: [],
  networks,
});

describe('classResults', () => {
  const students = [
    // Ann forgot biases on the dense layer of both networks at first, then got it right.
    {
      submissionId: '007',
      attempts: [
        attempt(2, 'Ann', '2030-01-02T10:05:00.000Z', [network(0, 56, 2402), network(1, 56, 2402)]),
        attempt(1, 'Ann', '2030-01-02T10:00:00.000Z', [network(0, 56, 2400), network(1, 56, 2400)]),
      ],
    },
    // Ben forgot them on the convolution of network 0; his dense answer only follows from it.
    {
      submissionId: '003',
      attempts: [
        attempt(1, 'Ben', '2030-01-02T09:00:00.000Z', [network(0, 54, 2400, { carried: true }), network(1, 56, 2402)]),
      ],
    },
    {
      submissionId: '100',
      attempts: [attempt(1, 'Cy', '2030-01-02T11:00:00.000Z', [network(0, 56, 2402), network(1, 56, 2402)])],
    },
  ];
  const results = classResults(ASSIGNMENT, students, { open: true, studentUrl: 'https://x.example/s' });

  test('lists students in the order they first submitted, each with the latest attempt’s score', () => {
    expect(results.students.map((s) => [s.displayName, s.attempts, s.score.correct])).toEqual([
      ['Ben', 1, 2],
      ['Ann', 2, 4],
      ['Cy', 1, 4],
    ]);
    expect(results.students[1]).toMatchObject({
      submittedAt: '2030-01-02T10:05:00.000Z',
      firstSubmittedAt: '2030-01-02T10:00:00.000Z',
    });
  });

  test('counts each mistake once per student over first attempts, leaving out answers carried forward', () => {
    expect(results.class.mistakes).toEqual([
      {
        code: 'forgot-biases',
        label: 'forgot biases',
        students: 2,
        occurrences: 3,
        layerTypes: [
          { type: 'dense', occurrences: 2 },
          { type: 'conv2d', occurrences: 1 },
        ],
        summary: 'forgot biases: 2 of 3 students, mostly on Dense layers',
      },
    ]);
    expect(results.class.layerTypes).toContainEqual({
      type: 'dense',
      name: 'Dense',
      answers: 6,
      wrong: 3,
      students: 2,
    });
  });

  test('puts the hardest network first', () => {
    expect(results.class.networks.map((n) => [n.index, n.correct, n.fullMarks])).toEqual([
      [0, 3, 1],
      [1, 5, 2],
    ]);
  });

  test.each([
    [[{ type: 'dense', occurrences: 5 }], 'x: 3 of 30 students, on Dense layers'],
    [
      [
        { type: 'dense', occurrences: 5 },
        { type: 'conv2d', occurrences: 1 },
      ],
      'x: 3 of 30 students, mostly on Dense layers',
    ],
    [
      [
        { type: 'dense', occurrences: 2 },
        { type: 'conv2d', occurrences: 2 },
      ],
      'x: 3 of 30 students, on Dense layers and Conv2D layers',
    ],
    [[{ type: 'total', occurrences: 2 }], 'x: 3 of 30 students, on the total'],
  ])('says where a mistake was made: %j', (places, text) => {
    expect(mistakeSummary('x', 3, 30, places)).toBe(text);
  });

  test('the CSV has a row per student × attempt × layer and per total, numbered from 1, with a BOM and CRLF', () => {
    const csv = resultsCsv(students);
    expect(csv.startsWith('\ufeffstudent,submission,attempt,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4 * 2 * 3);
    expect(lines).toContain(
      '"Ben","003","1","2030-01-02T09:00:00.000Z","1","2","dense","2402","2400","no","layer 1","forgot-biases","2","","",""',
    );
  });
});
