import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { readShape } from '../../src/client/answers';
import { clozeNumerical, escapeCloze } from '../../src/domain/exporters/cloze';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { layerMistakeCandidates, shapeMistakeCandidates, totalMistakeCandidates } from '../../src/domain/mistakes';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

/**
 * A Cloze reader written from Moodle's documentation of embedded answers, not from the writer: a sub-question is
 * `{weight:TYPE:alternatives}`; alternatives are separated by `~`; each is an optional `=` (full credit) or `%n%`
 * (n % credit), the answer (for NUMERICAL `value:tolerance`), and an optional `#feedback`; a backslash makes the
 * next character plain. The question text is HTML, so entities are decoded afterwards, as Moodle does.
 */
interface Alternative {
  credit: number;
  answer: string;
  tolerance: number | null;
  feedback: string;
}
interface SubQuestion {
  weight: number;
  type: string;
  alternatives: Alternative[];
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
/** HTML entities decoded: `&#126;` → `~`, `&lt;` → `<`. */
const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return NAMED[name] ?? whole;
  });

const TYPES = ['NUMERICAL', 'NM', 'SHORTANSWER', 'SA', 'MW', 'SHORTANSWER_C', 'SAC', 'MWC', 'MULTICHOICE', 'MC'];

/** Reads every sub-question of a Cloze text, throwing on one that is not closed or not of a known type. */
function parseCloze(text: string): { subs: SubQuestion[]; rest: string } {
  const subs: SubQuestion[] = [];
  let rest = '';
  let i = 0;
  while (i < text.length) {
    const head = /^\{(\d*):([A-Z_]+):/.exec(text.slice(i));
    if (!head) {
      rest += text[i++];
      continue;
    }
    const type = head[2] ?? '';
    if (!TYPES.includes(type)) throw new Error(`unknown sub-question type ${type}`);
    i += head[0].length;
    // Split the body into alternatives and each into its marked parts, honouring backslash escapes.
    const raw: { head: string; feedback: string | null }[] = [{ head: '', feedback: null }];
    let closed = false;
    while (i < text.length) {
      const c = text[i++] ?? '';
      const current = raw[raw.length - 1];
      if (!current) throw new Error('no alternative');
      if (c === '\\') {
        const next = text[i++] ?? '';
        if (current.feedback === null) current.head += next;
        else current.feedback += next;
      } else if (c === '}') {
        closed = true;
        break;
      } else if (c === '~') raw.push({ head: '', feedback: null });
      else if (c === '#' && current.feedback === null) current.feedback = '';
      else if (current.feedback === null) current.head += c;
      else current.feedback += c;
    }
    if (!closed) throw new Error('a sub-question is not closed');
    const alternatives = raw.map(({ head: part, feedback }) => {
      const mark = /^(=|%(-?\d+(?:\.\d+)?)%)?([^]*)$/.exec(part);
      let answer = decodeEntities(mark?.[3] ?? '');
      let tolerance: number | null = null;
      const credit = mark?.[1] === '=' ? 100 : mark?.[2] !== undefined ? Number(mark[2]) : 0;
      if (type === 'NUMERICAL' || type === 'NM') {
        const number = /^(-?\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(answer);
        if (number) {
          answer = number[1] ?? '';
          tolerance = number[2] === undefined ? 0 : Number(number[2]);
        } else if (answer !== '*') throw new Error(`not a number: ${answer}`);
      }
      if (answer === '') throw new Error('an empty answer');
      return { credit, answer, tolerance, feedback: decodeEntities(feedback ?? '') };
    });
    subs.push({ weight: head[1] === '' ? 1 : Number(head[1]), type, alternatives });
    rest += `{#${subs.length}}`;
  }
  return { subs, rest };
}

describe('the Cloze reader of this test', () => {
  test('reads the documentation’s own example', () => {
    const { subs } = parseCloze('Pi is {1:NUMERICAL:=3.14159:0.0001#Right~%50%3.14:0.01#Close} and {2:SA:=Paris}');
    expect(subs).toEqual([
      {
        weight: 1,
        type: 'NUMERICAL',
        alternatives: [
          { credit: 100, answer: '3.14159', tolerance: 0.0001, feedback: 'Right' },
          { credit: 50, answer: '3.14', tolerance: 0.01, feedback: 'Close' },
        ],
      },
      { weight: 2, type: 'SA', alternatives: [{ credit: 100, answer: 'Paris', tolerance: null, feedback: '' }] },
    ]);
  });

  test('refuses a sub-question left open', () => {
    expect(() => parseCloze('{1:NUMERICAL:=3')).toThrow();
  });
});

describe('escapeCloze', () => {
  test('keeps every special character of a feedback, which reads back as written', () => {
    const feedback = 'a } b # c ~ d / e " f \\ g \\} h < i & j: ⌈input / stride⌉, Param #';
    const { subs } = parseCloze(clozeNumerical(1, [{ answer: '56', credit: 100, feedback }]));
    expect(subs[0]?.alternatives).toEqual([{ credit: 100, answer: '56', tolerance: 0, feedback }]);
  });

  test('leaves no character that Cloze or HTML would read as syntax', () => {
    expect(escapeCloze('}#~/"\\<>&')).not.toMatch(/(?<!\\)[}~/"<>]/);
  });
});

const options = PracticeSetOptions.parse({ version: 2, seed: 'cloze-check', count: 8, level: 'mix', askShapes: true });
const made = generatePracticeSet(options);
if (!made.ok) throw new Error('the set generates');
const items = made.value;

/** Each network's Cloze question as Moodle reads it: name, HTML text, grade. */
function questionsOf(xml: string) {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => name === 'question',
  }).parse(xml, true) as {
    quiz: {
      question: { '@type': string; name?: { text: string }; questiontext?: { text: string }; defaultgrade?: string }[];
    };
  };
  return parsed.quiz.question;
}

/** The distinct values the domain's mistakes give, as numbers, with every message giving each. */
function mistakeValues(candidates: readonly { value: number; message: string }[], right: number) {
  const values = new Map<number, string[]>();
  for (const { value, message } of candidates) {
    if (value > Number.MAX_SAFE_INTEGER || value === right) continue;
    values.set(value, [...(values.get(value) ?? []), message]);
  }
  return values;
}

/** Checks a NUMERICAL sub-question: the engine's count right, and an alternative per mistake value with its messages. */
function checkCount(sub: SubQuestion | undefined, right: number, explanation: string, mistakes: Map<number, string[]>) {
  expect(sub?.type).toBe('NUMERICAL');
  const [first, ...others] = sub?.alternatives ?? [];
  expect(first).toEqual({ credit: 100, answer: String(right), tolerance: 0, feedback: `Right: ${explanation}` });
  const last = others.pop();
  expect(last).toMatchObject({ answer: '*', credit: 0 });
  expect(others.map((a) => a.answer)).toEqual([...new Set(others.map((a) => a.answer))]);
  expect(new Set(others.map((a) => Number(a.answer)))).toEqual(new Set(mistakes.keys()));
  for (const a of others) {
    expect(a.credit).toBe(0);
    expect(a.tolerance).toBe(0);
    for (const message of mistakes.get(Number(a.answer)) ?? []) expect(a.feedback).toContain(message);
  }
}

describe('Moodle XML export: one Cloze question per network', () => {
  const xml = toMoodleXml(items, true);
  const [category, ...questions] = questionsOf(xml);

  test('is well-formed XML with a category and one Cloze question per network, in order', () => {
    expect(category?.['@type']).toBe('category');
    expect(questions.map((q) => q['@type'])).toEqual(items.map(() => 'cloze'));
    expect(questions.map((q) => q.name?.text)).toEqual(items.map((i) => `Network ${i.index + 1}`));
  });

  test('has per layer an output shape and a count sub-question, then the total, each worth a mark', () => {
    questions.forEach((q, n) => {
      const item = items[n] as PracticeItem;
      const { subs, rest } = parseCloze(q.questiontext?.text ?? '');
      expect(subs.map((s) => s.type)).toEqual([
        ...item.report.layers.flatMap(() => ['SHORTANSWER', 'NUMERICAL']),
        'NUMERICAL',
      ]);
      expect(subs.every((s) => s.weight === 1)).toBe(true);
      expect(Number(q.defaultgrade)).toBe(subs.length);
      // Nothing outside the sub-questions looks like one.
      expect(rest).not.toMatch(/\{\d*:[A-Z]/);
    });
  });

  test('lists the layers as the worksheet does, above the table of answers', () => {
    questions.forEach((q, n) => {
      const item = items[n] as PracticeItem;
      const items_ = [...(q.questiontext?.text ?? '').matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
      expect(items_).toHaveLength(item.network.layers.length);
      item.network.layers.forEach((layer, i) => {
        expect(items_[i]).toContain(`${KERAS_NAMES[layer.type]}: ${describeLayer(layer).split(';')[0]}`);
      });
    });
  });

  test('makes each count right at the engine’s count, with an alternative per diagnosed mistake value', () => {
    let alternatives = 0;
    questions.forEach((q, n) => {
      const item = items[n] as PracticeItem;
      const { subs } = parseCloze(q.questiontext?.text ?? '');
      item.report.layers.forEach((layer, i) => {
        const candidates = layerMistakeCandidates(item.network, item.report, i);
        const mistakes = mistakeValues(candidates, layer.params);
        // 0 for a layer that learns: the quiz diagnoses it (no parameters for a learning layer).
        if (layer.params > 0 && !mistakes.has(0)) mistakes.set(0, []);
        checkCount(subs[2 * i + 1], layer.params, layer.explanation, mistakes);
        alternatives += mistakes.size;
      });
      const total = item.report.totals;
      checkCount(
        subs[subs.length - 1],
        total.params,
        total.explanation,
        mistakeValues(totalMistakeCandidates(item.report), total.params),
      );
    });
    expect(alternatives).toBeGreaterThan(items.length);
  });

  test('accepts each output shape as the quiz reads it, and offers each diagnosed wrong shape with its message', () => {
    let diagnosed = 0;
    questions.forEach((q, n) => {
      const item = items[n] as PracticeItem;
      const { subs } = parseCloze(q.questiontext?.text ?? '');
      item.report.layers.forEach((layer, i) => {
        const sub = subs[2 * i];
        expect(sub?.type).toBe('SHORTANSWER');
        const alternatives = sub?.alternatives ?? [];
        expect(alternatives.pop()).toMatchObject({ answer: '*', credit: 0 });
        const right = alternatives.filter((a) => a.credit === 100);
        expect(right.map((a) => a.answer)).toContain(layer.outputShape.join('×'));
        for (const a of right) expect(readShape(a.answer), a.answer).toEqual({ kind: 'ok', value: layer.outputShape });
        // Every wrong alternative is a shape a domain mistake gives, with that mistake's message; every such shape is there.
        const candidates = shapeMistakeCandidates(item.network, item.report, i);
        const wrong = alternatives.filter((a) => a.credit !== 100);
        for (const a of wrong) {
          const read = readShape(a.answer);
          if (read.kind !== 'ok') throw new Error(`${a.answer} is a shape`);
          const giving = candidates.filter((c) => c.shape.map(Number).join('×') === read.value.join('×'));
          expect(giving.length, a.answer).toBeGreaterThan(0);
          for (const c of giving) expect(a.feedback).toContain(c.message);
          expect(a.credit).toBe(0);
        }
        const offered = new Set(wrong.map((a) => a.answer));
        for (const c of candidates) expect(offered).toContain(c.shape.join('×'));
        expect(new Set(alternatives.map((a) => a.answer)).size).toBe(alternatives.length);
        diagnosed += candidates.length;
      });
    });
    expect(diagnosed).toBeGreaterThan(0);
  });

  test('gives a diagnosed mistake the partial credit asked for', () => {
    const [first] = questionsOf(toMoodleXml(items.slice(0, 1), false, { mistakeCredit: 25 })).slice(1);
    const { subs } = parseCloze(first?.questiontext?.text ?? '');
    const credits = subs.flatMap((s) => s.alternatives.map((a) => a.credit));
    expect(new Set(credits)).toEqual(new Set([100, 25, 0]));
    // Without shapes asked: a count per layer and the total only.
    expect(subs).toHaveLength((items[0]?.network.layers.length ?? 0) + 1);
  });
});
