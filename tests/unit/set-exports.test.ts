import { XMLParser } from 'fast-xml-parser';
import { parse as parseAllGift } from 'gift-pegjs';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { handleScore } from '../../functions/score';
import { readShape } from '../../src/client/answers';
import { toGift } from '../../src/domain/exporters/gift';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { describeLayer, KERAS_NAMES } from '../../src/domain/layer-summary';
import { layerMistakeCandidates, totalMistakeCandidates } from '../../src/domain/mistakes';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';

const options = PracticeSetOptions.parse({ seed: 'export-check', count: 6, level: 'mix', askShapes: true });
const generated = generatePracticeSet(options);
if (!generated.ok) throw new Error('the set generates');
const items = generated.value;
/** Every count the set asks, in order: each layer's, then the total, per network. */
const expectedAnswers = items.flatMap((i) => [...i.report.layers.map((l) => l.params), i.report.totals.params]);
/** The engine's arithmetic for each of those counts. */
const expectedWorking = items.flatMap((i) => [
  ...i.report.layers.map((l) => l.explanation),
  i.report.totals.explanation,
]);
/** Every output shape the set asks (it asks for shapes), in order: each layer's, per network. */
const expectedShapes = items.flatMap((i) => i.report.layers.map((l) => l.outputShape));
/**
 * What each question of a set asks, in order, as the worksheet's rows ask it: per layer its output
 * shape (when shapes are asked) and then its count; then the network's total.
 */
const expectedKinds = (set: readonly PracticeItem[], askShapes: boolean) =>
  set.flatMap((i) => [...i.network.layers.flatMap(() => (askShapes ? ['shape', 'count'] : ['count'])), 'count']);

/** A GIFT file's questions, without the `$CATEGORY:` entries that group them per network. */
const parseGift = (gift: string) => parseAllGift(gift).filter((q) => q.type !== 'Category');

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
    const given = i === 0 || !askShapes ? `; input ${input?.join('×')}` : `; input the output of layer ${i}`;
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
  const numerical = questions.filter((q) => q.type === 'Numerical');
  const short = questions.filter((q) => q.type === 'Short');

  test('parses back into a question per layer count and output shape and per total, in the worksheet order', () => {
    expect(questions.map((q) => (q.type === 'Short' ? 'shape' : q.type === 'Numerical' ? 'count' : q.type))).toEqual(
      expectedKinds(items, true),
    );
    expect(numerical).toHaveLength(expectedAnswers.length);
    expect(short).toHaveLength(expectedShapes.length);
  });

  test('asks only the counts when the set does not ask for shapes', () => {
    const counts = parseGift(toGift(givenShapes, false));
    expect(counts.map((q) => q.type)).toEqual(expectedKinds(givenShapes, false).map(() => 'Numerical'));
  });

  test('puts each network’s questions in a category of its own, in order', () => {
    const categories = parseAllGift(toGift(items, true)).filter((q) => q.type === 'Category');
    expect(categories.map((c) => (c as unknown as { title: string }).title)).toEqual(
      items.map((i) => `$course$/top/Learnable practice set/Network ${i.index + 1}`),
    );
  });

  test('offers each value a diagnosed mistake gives as an answer worth 0 %, with the mistake’s message', () => {
    type Choice = {
      isCorrect: boolean;
      weight: number | null;
      text: { number: number; range: number };
      feedback: { text: string } | null;
    };
    const layers = items.flatMap((item) => [
      ...item.report.layers.map((layer, i) => ({
        right: layer.params,
        candidates: [
          ...layerMistakeCandidates(item.network, item.report, i),
          ...(layer.params > 0 ? [{ value: 0, message: '' }] : []),
        ],
      })),
      { right: item.report.totals.params, candidates: totalMistakeCandidates(item.report) },
    ]);
    let offered = 0;
    numerical.forEach((q, i) => {
      const [, ...mistakes] = (q as unknown as { choices: Choice[] }).choices;
      const { right, candidates } = layers[i] ?? { right: -1, candidates: [] };
      const values = new Set(candidates.map((c) => Number(c.value)).filter((v) => v !== right));
      expect(new Set(mistakes.map((c) => c.text.number))).toEqual(values);
      expect(mistakes).toHaveLength(values.size);
      for (const c of mistakes) {
        expect(c.weight).toBe(0);
        expect(c.text.range).toBe(0);
        for (const m of candidates.filter((k) => Number(k.value) === c.text.number))
          expect(c.feedback?.text).toContain(m.message);
      }
      offered += mistakes.length;
    });
    expect(offered).toBeGreaterThan(items.length);
  });

  test('gives each count its exact answer with tolerance 0 and the arithmetic as feedback', () => {
    numerical.forEach((q, i) => {
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

  test('accepts each output shape as the quiz reads it, written with ×, x, commas or brackets, each spelling once', () => {
    short.forEach((q, i) => {
      const all = (q as unknown as { choices: { isCorrect: boolean; weight: number | null; text: { text: string } }[] })
        .choices;
      // The right answers (full marks); the others, worth 0 %, are diagnosed mistakes.
      const choices = all.filter((c) => c.weight === null || c.weight === 100);
      const shape = expectedShapes[i] ?? [];
      // The quiz's own reading of each right answer is the engine's shape.
      expect(choices.every((c) => c.isCorrect)).toBe(true);
      for (const c of all.filter((c) => !choices.includes(c))) {
        expect(c.weight).toBe(0);
        expect(readShape(c.text.text)).not.toEqual({ kind: 'ok', value: shape });
      }
      for (const c of choices) expect(readShape(c.text.text), c.text.text).toEqual({ kind: 'ok', value: shape });
      const written = choices.map((c) => c.text.text);
      expect(written).toEqual(expect.arrayContaining([shape.join('×'), shape.join('x'), `(${shape.join(', ')})`]));
      // No "*", which Moodle reads as a wildcard, and each spelling once.
      expect(written.some((w) => w.includes('*'))).toBe(false);
      expect(new Set(written).size).toBe(written.length);
    });
  });

  test('names the axes to write a shape in, per layer, and gives the layer as feedback', () => {
    const axes: Record<number, string> = {
      1: 'a single number',
      3: 'height×width×channels',
    };
    short.forEach((q, i) => {
      const shape = expectedShapes[i] ?? [];
      expect(stemOf(q).text).toMatch(
        new RegExp(
          `What is the output shape of layer \\d+ \\(\\w+\\)\\? Write it as ${axes[shape.length]}, without the batch axis\\.$`,
        ),
      );
      const feedback = (q as unknown as { globalFeedback: { text: string } }).globalFeedback.text;
      expect(feedback).toMatch(new RegExp(`into ${shape.join('×')}\\.$`));
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
        const kinds = expectedKinds(set, askShapes);
        let q = 0;
        for (const item of set) {
          // A question per layer's count (and its shape, when asked) and one for the total, each with the whole network.
          const asked = item.network.layers.length * (askShapes ? 2 : 1) + 1;
          for (let k = 0; k < asked; k++) {
            const kind = kinds[q];
            const html = bodies[q++] ?? '';
            expect(html.match(/<ol>/g)).toHaveLength(1);
            expect(listItems(html)).toEqual(expectedLayerLines(item, askShapes));
            // The network's line above the list, the question below it: paragraphs of their own.
            const paragraphs = [...html.replace(/<ol>[^]*<\/ol>/, '').matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]);
            expect(paragraphs[0]).toBe(
              `Network ${item.index + 1} (Keras, channels last), input ${item.network.input.join('×')} ` +
                '(height × width × channels):',
            );
            expect(paragraphs[1]).toMatch(
              kind === 'shape'
                ? /^What is the output shape of layer \d+ \(\w+\)\? Write it as [a-z× ]+, without the batch axis\.$/
                : /^How many parameters does (layer \d+ \(\w+\)|the whole network) have\?$/,
            );
            expect(paragraphs).toHaveLength(2);
          }
        }
        expect(q).toBe(bodies.length);
      });
    }
  });
});

// The Moodle XML export's Cloze syntax, answers and mistakes are proved in moodle-cloze.test.ts.
describe('Moodle XML export', () => {
  test('lists each network’s layers one item each, with their input shapes when output shapes are not asked', () => {
    for (const [set, askShapes] of [
      [items, true],
      [givenShapes, false],
    ] as const) {
      const questions = new XMLParser({ isArray: (name) => name === 'question' }).parse(toMoodleXml(set, askShapes))
        .quiz.question as { questiontext?: { text: string } }[];
      const texts = questions.slice(1).map((q) => String(q.questiontext?.text));
      expect(texts).toHaveLength(set.length);
      texts.forEach((text, i) => {
        const item = set[i];
        if (!item) throw new Error('a question per network');
        // The first list is the network's layers (the general feedback's list is the arithmetic).
        expect(listItems(text.split('</ol>')[0] ?? '')).toEqual(expectedLayerLines(item, askShapes));
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
  const shapes = level4.flatMap((i) => i.report.layers.map((l) => l.outputShape));

  test('has sequences and volumes, so the exports below cover inputs of 2 and 4 axes', () => {
    expect(new Set(level4.map((i) => i.network.input.length))).toEqual(new Set([2, 3, 4]));
  });

  test('GIFT parses back with the exact answers, each input named by its own axes', () => {
    const questions = parseGift(toGift(level4, true));
    expect(questions).toHaveLength(answers.length + shapes.length);
    const stems = questions.map((q) => (q as unknown as { stem: { text: string } }).stem.text);
    for (const item of level4) {
      const stem = stems.find((s) => s.startsWith(`Network ${item.index + 1} (`)) ?? '';
      const axes = { 2: 'steps × channels', 3: 'height × width × channels', 4: 'depth × height × width × channels' };
      expect(stem).toContain(
        `input ${item.network.input.join('×')} (${axes[item.network.input.length as 2 | 3 | 4]}):`,
      );
    }
  });

  test('GIFT asks each output shape by its own axes, 2 to 4 of them, and takes it as the quiz reads it', () => {
    const short = parseGift(toGift(level4, true)).filter((q) => q.type === 'Short');
    expect(short).toHaveLength(shapes.length);
    const axes: Record<number, string> = {
      1: 'a single number',
      2: 'steps×channels',
      3: 'height×width×channels',
      4: 'depth×height×width×channels',
    };
    expect(new Set(shapes.map((shape) => shape.length))).toEqual(new Set([1, 2, 3, 4]));
    short.forEach((q, i) => {
      const shape = shapes[i] ?? [];
      expect(stemOf(q).text).toContain(`Write it as ${axes[shape.length]}, without the batch axis.`);
      const { choices } = q as unknown as { choices: { weight: number | null; text: { text: string } }[] };
      // The right answers; the ones worth 0 % are diagnosed mistakes.
      for (const c of choices.filter((c) => c.weight !== 0))
        expect(readShape(c.text.text), c.text.text).toEqual({ kind: 'ok', value: shape });
    });
  });

  test('Moodle XML is well-formed with one Cloze question per network, shapes of 2 to 4 axes included', () => {
    const xml = toMoodleXml(level4, true);
    expect(() => new XMLParser().parse(xml, true)).not.toThrow();
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'question' }).parse(xml) as {
      quiz: { question: { '@_type': string; questiontext?: { text: string } }[] };
    };
    const [category, ...networks] = parsed.quiz.question;
    expect(category?.['@_type']).toBe('category');
    expect(networks.map((q) => q['@_type'])).toEqual(level4.map(() => 'cloze'));
    const text = networks.map((q) => String(q.questiontext?.text)).join('');
    expect(text.match(/\{1:NUMERICAL:/g)).toHaveLength(answers.length);
    expect(text.match(/\{1:SHORTANSWER:/g)).toHaveLength(shapes.length);
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
