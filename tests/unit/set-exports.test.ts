import { XMLParser } from 'fast-xml-parser';
import { parse as parseGift } from 'gift-pegjs';
import { describe, expect, test } from 'vitest';
import { handleScore } from '../../functions/score';
import { toGift } from '../../src/domain/exporters/gift';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { generatePracticeSet } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

const options = PracticeSetOptions.parse({ seed: 'export-check', count: 6, level: 'mix', askShapes: true });
const generated = generatePracticeSet(options);
if (!generated.ok) throw new Error('the set generates');
const items = generated.value;
/** Every question the set asks, in order: each layer's count, then the total, per network. */
const expectedAnswers = items.flatMap((i) => [...i.report.layers.map((l) => l.params), i.report.totals.params]);
/** The engine's arithmetic for each of those questions. */
const expectedWorking = items.flatMap((i) => [
  ...i.report.layers.map((l) => l.explanation),
  i.report.totals.explanation,
]);

describe('GIFT export', () => {
  const questions = parseGift(toGift(items));

  test('parses back into one numerical question per layer and total', () => {
    expect(questions).toHaveLength(expectedAnswers.length);
    expect(questions.every((q) => q.type === 'Numerical')).toBe(true);
  });

  test('gives each question its exact answer with tolerance 0 and the arithmetic as feedback', () => {
    questions.forEach((q, i) => {
      const [choice] = (
        q as unknown as {
          choices: { isCorrect: boolean; text: { number: number; range: number }; feedback: { text: string } }[];
        }
      ).choices;
      expect(choice?.isCorrect).toBe(true);
      expect(choice?.text).toEqual({ type: 'range', number: expectedAnswers[i], range: 0 });
      expect(choice?.feedback.text).toBe(expectedWorking[i]);
    });
  });

  test('keeps special characters of the question text (colons, equals) intact', () => {
    const stem = (questions[0] as unknown as { stem: { text: string } }).stem.text;
    expect(stem).toMatch(/^Network 1 \(Keras, channels last\):\nInput \d+×\d+×\d+/);
  });
});

describe('Moodle XML export', () => {
  const xml = toMoodleXml(items);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => name === 'question',
  }).parse(xml);

  test('is well-formed XML', () => {
    // parse(xml, true) validates first and throws on malformed XML.
    expect(() => new XMLParser().parse(xml, true)).not.toThrow();
    expect(() => new XMLParser().parse(`${xml}<unclosed>`, true)).toThrow();
  });

  test('has the structure Moodle imports: a category, then numerical questions', () => {
    interface Text {
      text: string | number;
      '@format'?: string;
    }
    interface Question {
      '@type': string;
      name: Text;
      questiontext: Text;
      answer: Text & { '@fraction': string; tolerance: number; feedback: Text };
    }
    const [category, ...questions] = parsed.quiz.question as Question[];
    expect(category?.['@type']).toBe('category');
    expect(questions).toHaveLength(expectedAnswers.length);
    for (const [i, q] of questions.entries()) {
      const question = q;
      expect(question['@type']).toBe('numerical');
      expect(typeof question['name'].text).toBe('string');
      expect(question['questiontext']['@format']).toBe('html');
      expect(String(question['questiontext'].text)).toContain('<p>');
      expect(question['answer']['@fraction']).toBe('100');
      expect(question['answer'].text).toBe(expectedAnswers[i]);
      expect(question['answer'].tolerance).toBe(0);
      expect(question['answer'].feedback.text).toBe(`<p>Right: ${expectedWorking[i]}</p>`);
    }
  });
});

describe('JSON export', () => {
  test('re-scores through /api/score with full marks', async () => {
    const exported = JSON.parse(JSON.stringify(toSetJson(options, items)));
    for (const { network, expected } of exported.networks) {
      const response = await handleScore(
        new Request('http://localhost/api/score', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            network,
            answers: { layers: expected.layers, total: expected.total, outputShapes: expected.outputShapes },
          }),
        }),
      );
      const body = await response.json();
      expect(body.score.correct).toBe(body.score.possible);
    }
  });
});

describe('a version 2 set at level 4: sequences and volumes', () => {
  const v2 = PracticeSetOptions.parse({ version: 2, seed: 'l4-set', count: 4, level: 4, askShapes: true });
  const made = generatePracticeSet(v2);
  if (!made.ok) throw new Error('the level 4 set generates');
  const level4 = made.value;
  const answers = level4.flatMap((i) => [...i.report.layers.map((l) => l.params), i.report.totals.params]);

  test('has sequences and volumes, so the exports below cover inputs of 2 and 4 axes', () => {
    expect(new Set(level4.map((i) => i.network.input.length))).toEqual(new Set([2, 3, 4]));
  });

  test('GIFT parses back with the exact answers, each input named by its own axes', () => {
    const questions = parseGift(toGift(level4));
    expect(questions).toHaveLength(answers.length);
    const stems = questions.map((q) => (q as unknown as { stem: { text: string } }).stem.text);
    for (const item of level4) {
      const stem = stems.find((s) => s.startsWith(`Network ${item.index + 1} (`)) ?? '';
      const axes = { 2: 'steps × channels', 3: 'height × width × channels', 4: 'depth × height × width × channels' };
      expect(stem).toContain(`Input ${item.network.input.join('×')} (${axes[item.network.input.length as 2 | 3 | 4]})`);
    }
  });

  test('Moodle XML is well-formed with one numerical question per layer and total', () => {
    const xml = toMoodleXml(level4);
    expect(() => new XMLParser().parse(xml, true)).not.toThrow();
    const parsed = new XMLParser({ isArray: (name) => name === 'question' }).parse(xml) as {
      quiz: { question: { answer?: { '#text'?: number } | number }[] };
    };
    expect(parsed.quiz.question).toHaveLength(answers.length + 1);
  });

  test('JSON re-scores through /api/score by its options alone, shapes of 2 to 4 axes included', async () => {
    const exported = JSON.parse(JSON.stringify(toSetJson(v2, level4)));
    for (const { index, expected } of exported.networks) {
      const response = await handleScore(
        new Request('http://localhost/api/score', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            practiceSet: { ...exported.options, index },
            answers: { layers: expected.layers, total: expected.total, outputShapes: expected.outputShapes },
          }),
        }),
      );
      const body = await response.json();
      expect(response.status).toBe(200);
      expect(body.score.correct).toBe(body.score.possible);
    }
  });
});
