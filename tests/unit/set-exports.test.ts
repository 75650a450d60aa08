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
