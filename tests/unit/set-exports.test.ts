import { XMLParser } from 'fast-xml-parser';
import { parse as parseGift } from 'gift-pegjs';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { handleScore } from '../../functions/score';
import { toGift } from '../../src/domain/exporters/gift';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
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

/** A GIFT question's stem, as gift-pegjs reads it (GIFT escapes undone, line breaks real). */
const stemOf = (q: unknown) => (q as { stem: { text: string; format: string } }).stem;

/**
 * Each layer as the worksheet of the set gives it: its configuration, and its input shape, which is
 * the network's input for the first layer and the output of the layer above for the others;
 * when shapes are asked only the first is given.
 */
function expectedLayerLines(item: PracticeItem, askShapes: boolean): string[] {
  return item.network.layers.map((layer, i) => {
    const input = i === 0 ? item.network.input : item.report.layers[i - 1]?.outputShape;
    const given = i === 0 || !askShapes ? `; input ${input?.join('×')}` : '';
    return `${KERAS_NAMES[layer.type]}: ${describeLayer(layer)}${given}`;
  });
}

/** The items of an HTML list, as text: `listItems('<ol><li>a</li><li>b</li></ol>')` → `['a', 'b']`. */
const listItems = (html: string) => [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);

/** The same set without output shapes asked: every layer's input shape is then given. */
const givenShapes = (() => {
  const made = generatePracticeSet({ ...options, askShapes: false });
  if (!made.ok) throw new Error('the set generates');
  return made.value;
})();

describe('GIFT export', () => {
  const questions = parseGift(toGift(items, true));

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
    const [first] = items;
    if (!first) throw new Error('the set has networks');
    expect(stemOf(questions[0]).text.split('\n').slice(0, 3)).toEqual([
      `Network 1 (Keras, channels last), input ${first.network.input.join('×')} (height × width × channels):`,
      '',
      `1. ${expectedLayerLines(first, true)[0]}`,
    ]);
  });

  describe('rendered as Markdown (Moodle renders [markdown] questions so)', () => {
    const markdown = new MarkdownIt();
    /** Each question's Markdown rendered to HTML. */
    const render = (gift: string) =>
      parseGift(gift).map((q) => {
        expect(stemOf(q).format).toBe('markdown');
        return markdown.render(stemOf(q).text);
      });

    for (const [label, set, askShapes] of [
      ['output shapes asked: only the first layer is given its input shape', items, true],
      ['output shapes not asked: every layer is given its input shape, as on the worksheet', givenShapes, false],
    ] as const) {
      test(`lists the layers one item each; ${label}`, () => {
        const bodies = render(toGift(set, askShapes));
        let q = 0;
        for (const item of set) {
          // A question per layer and one for the total, each with the whole network.
          for (let k = 0; k <= item.network.layers.length; k++) {
            const html = bodies[q++] ?? '';
            expect(html.match(/<ol>/g)).toHaveLength(1);
            expect(listItems(html)).toEqual(expectedLayerLines(item, askShapes));
            // The network's line above the list, the question below it: paragraphs of their own.
            const paragraphs = [...html.replace(/<ol>[^]*<\/ol>/, '').matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]);
            expect(paragraphs[0]).toBe(
              `Network ${item.index + 1} (Keras, channels last), input ${item.network.input.join('×')} ` +
                '(height × width × channels):',
            );
            expect(paragraphs[1]).toMatch(/^How many parameters does (layer \d+ \(\w+\)|the whole network) have\?$/);
            expect(paragraphs).toHaveLength(2);
          }
        }
        expect(q).toBe(bodies.length);
      });
    }
  });
});

describe('Moodle XML export', () => {
  const xml = toMoodleXml(items, true);
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

  test('lists the layers one item each, with their input shapes when output shapes are not asked', () => {
    for (const [set, askShapes] of [
      [items, true],
      [givenShapes, false],
    ] as const) {
      const questions = new XMLParser({ isArray: (name) => name === 'question' }).parse(toMoodleXml(set, askShapes))
        .quiz.question as { questiontext?: { text: string } }[];
      const texts = questions.slice(1).map((q) => String(q.questiontext?.text));
      const expected = set.flatMap((item) => Array(item.network.layers.length + 1).fill(item) as PracticeItem[]);
      expect(texts).toHaveLength(expected.length);
      texts.forEach((text, i) => {
        const item = expected[i];
        if (!item) throw new Error('a question per layer and total');
        expect(listItems(text)).toEqual(expectedLayerLines(item, askShapes));
      });
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
    const questions = parseGift(toGift(level4, true));
    expect(questions).toHaveLength(answers.length);
    const stems = questions.map((q) => (q as unknown as { stem: { text: string } }).stem.text);
    for (const item of level4) {
      const stem = stems.find((s) => s.startsWith(`Network ${item.index + 1} (`)) ?? '';
      const axes = { 2: 'steps × channels', 3: 'height × width × channels', 4: 'depth × height × width × channels' };
      expect(stem).toContain(
        `input ${item.network.input.join('×')} (${axes[item.network.input.length as 2 | 3 | 4]}):`,
      );
    }
  });

  test('Moodle XML is well-formed with one numerical question per layer and total', () => {
    const xml = toMoodleXml(level4, true);
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
