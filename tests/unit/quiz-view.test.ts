import { describe, expect, test } from 'vitest';
import { readShape } from '../../src/client/answers';
import {
  axesHint,
  conventionHint,
  conventionNote,
  differingLayers,
  followsOnly,
  inputText,
  layerFeedback,
  layerRows,
  scoreStatement,
  shapeHint,
  shapePlaceholder,
  slipFieldOf,
  totalRow,
} from '../../src/client/quiz-view';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { Network as NetworkSchema, type Network } from '../../src/domain/schema/network';
import { scoreAnswers } from '../../src/domain/score-answers';

const network: Network = {
  input: [8, 8, 3],
  layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, useBias: false }, { type: 'batchNormalization' }],
};
const analyzed = analyzeNetwork(network);
if (!analyzed.ok) throw new Error('the test network is valid');
const report = analyzed.value;

describe('conventionNote', () => {
  // 4 channels: Keras counts γ, β, moving mean and variance (4 × 4 = 16); PyTorch γ and β (2 × 4 = 8).
  const batchNorm = [{ index: 1, type: 'batchNormalization' as const, counts: { keras: 16, pytorch: 8 } }];

  test("names PyTorch's rules and the layer Keras would count differently, with both counts", () => {
    const note = conventionNote('pytorch', batchNorm);
    expect(note).toBe(
      "Counted by PyTorch's rules. In Keras, layer 2 (BatchNormalization) would count 16 instead of 8; " +
        'every other layer counts the same in both.',
    );
  });

  test("names Keras's rules with PyTorch's count as the other one", () => {
    expect(conventionNote('keras', batchNorm)).toMatch(
      /^Counted by Keras's rules\. In PyTorch, layer 2 \(BatchNormalization\) would count 8 instead of 16;/,
    );
  });

  test('lists every differing layer, a Normalization layer too', () => {
    // Normalization over 3 channels, adapted: Keras stores 3 means, 3 variances and a count (3 + 3 + 1 = 7).
    const note = conventionNote('keras', [
      { index: 0, type: 'normalization', counts: { keras: 7, pytorch: 0 } },
      ...batchNorm,
    ]);
    expect(note).toContain(
      'layer 1 (Normalization) would count 0 instead of 7 and layer 2 (BatchNormalization) would count 8 instead of 16',
    );
  });

  test('says so when the conventions agree on every layer of the network', () => {
    expect(conventionNote('pytorch', [])).toBe(
      "Counted by PyTorch's rules. Every layer of this network counts the same in Keras.",
    );
  });
});

describe('differingLayers', () => {
  test('finds the batch normalization of a network, with both counts from the engine', () => {
    const pytorch = analyzeNetwork(network, 'pytorch');
    if (!pytorch.ok) throw new Error('the test network is valid');
    // conv2d without bias: 3 × 4 × 3×3 = 108 in both; batch normalization of 4 channels: 16 or 8.
    expect(differingLayers(report, pytorch.value)).toEqual([
      { index: 1, type: 'batchNormalization', counts: { keras: 16, pytorch: 8 } },
    ]);
  });
});

describe('conventionHint', () => {
  test('tells the learner which count to type for batch normalization', () => {
    expect(conventionHint('keras')).toContain('Param #');
    expect(conventionHint('pytorch')).toContain('parameters()');
    expect(conventionHint('pytorch')).toContain('two per channel');
  });

  test("adds the Normalization layer's rule only when the network has one that counts differently", () => {
    expect(conventionHint('pytorch')).not.toContain('Normalization layer');
    expect(conventionHint('pytorch', ['normalization'])).toContain('a Normalization layer counts 0');
    expect(conventionHint('keras', ['normalization', 'batchNormalization'])).toContain(
      'a Normalization layer counts the mean, variance and count that adapt() stores',
    );
  });
});

describe('inputText', () => {
  test.each([
    [[20, 20, 3], '20×20×3 (height × width × channels)'],
    [[36, 4], '36×4 (steps × channels)'],
    [[8, 8, 7, 2], '8×8×7×2 (depth × height × width × channels)'],
  ])('names the axes of an input %j', (input, text) => {
    expect(inputText(input)).toBe(text);
  });
});

describe('shapeHint and shapePlaceholder', () => {
  test('show a shape of the kind the network works on', () => {
    expect(shapeHint(3)).toContain('height×width×channels (18×18×2, or 18x18x2)');
    expect(shapeHint(2)).toContain('steps×channels (30×16, or 30x16)');
    expect(shapeHint(4)).toContain('depth×height×width×channels (4×8×8×6, or 4x8x8x6)');
    expect([shapePlaceholder(2), shapePlaceholder(3), shapePlaceholder(4)]).toEqual(['steps×c', 'h×w×c', 'd×h×w×c']);
  });

  test('every example in the hint is a shape the answer reader accepts', () => {
    for (const rank of [2, 3, 4]) {
      const example = /\(([\d×]+), or ([\dx]+)\)/.exec(shapeHint(rank));
      expect(readShape(example?.[1] ?? '')).toMatchObject({ kind: 'ok' });
      expect(readShape(example?.[2] ?? '')).toMatchObject({ kind: 'ok' });
      expect((readShape(example?.[1] ?? '') as { value: number[] }).value).toHaveLength(rank);
    }
  });
});

describe('axesHint', () => {
  test("explains Keras's axis numbers for a layer that names some", () => {
    const sequence: Network = { input: [36, 4], layers: [{ type: 'pReLU', sharedAxes: [1] }] };
    expect(axesHint(sequence)).toBe(
      'Axes are numbered as in Keras: axis 0 is the batch, so axis 1 is the steps and axis 2 (or -1) the channels.',
    );
    const image: Network = { input: [18, 18, 9], layers: [{ type: 'pReLU', sharedAxes: [1, 2] }] };
    expect(axesHint(image)).toBe(
      'Axes are numbered as in Keras: axis 0 is the batch, so axis 1 is the height, axis 2 the width and axis 3 (or -1) the channels.',
    );
  });

  test('says nothing when no layer names an axis by number', () => {
    expect(axesHint(network)).toBeNull();
    expect(axesHint({ input: [8, 8, 3], layers: [{ type: 'layerNormalization' }] })).toBeNull();
  });
});

describe('layerRows', () => {
  test('asks output shapes only when the model says so', () => {
    const withShapes = layerRows({ level: 1, network, report, shapes: true });
    const without = layerRows({ level: 3, network, report, shapes: false });
    expect(withShapes).toContain('id="shape-1"');
    expect(without).not.toContain('id="shape-');
    // Later input shapes are part of the question when shapes are asked.
    expect(withShapes).toContain('output of layer 1');
    expect(without).toContain('6×6×4');
  });

  test('offers a placeholder shaped like the input: steps × channels for a sequence', () => {
    const sequence: Network = { input: [30, 4], layers: [{ type: 'conv1d', filters: 16, kernelSize: 3 }] };
    const analyzedSequence = analyzeNetwork(sequence);
    if (!analyzedSequence.ok) throw new Error('the sequence network is valid');
    const rows = layerRows({ level: 4, network: sequence, report: analyzedSequence.value, shapes: true });
    expect(rows).toContain('placeholder="steps×c"');
    expect(rows).not.toContain('h×w×c');
  });

  test('spans the feedback row across one more column when shapes are asked', () => {
    expect(totalRow(true)).toContain('colspan="5"');
    expect(totalRow(false)).toContain('colspan="4"');
  });
});

describe('scoreStatement', () => {
  /** The statement as a screen reader announces it: the words without the markup. */
  const words = (html: string) => html.replace(/<[^>]+>/g, '');
  /** The links of the statement, as [href, text] pairs. */
  const links = (html: string) =>
    [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

  test('says full marks once, with nothing to look at again', () => {
    const html = scoreStatement({ correct: 7, answered: 7, possible: 7 }, [], false);
    expect(words(html)).toBe('Score: 7 of 7 answers right: full marks!');
    expect(links(html)).toEqual([]);
  });

  test('links each layer to look at again to the field it names, listed as a sentence', () => {
    // Three layers and a total asked, shapes too: 7 questions, of which layers 1 and 3 missed one each.
    const html = scoreStatement(
      { correct: 5, answered: 7, possible: 7 },
      [
        { layer: 1, field: 'shape-0' },
        { layer: 3, field: 'count-2' },
      ],
      false,
    );
    expect(words(html)).toBe('Score: 5 of 7 answers right. Look again at layers 1 and 3.');
    expect(links(html)).toEqual([
      ['#shape-0', '1'],
      ['#count-2', '3'],
    ]);
  });

  test('names unanswered questions and a wrong total, the total as a link of its own', () => {
    const html = scoreStatement(
      { correct: 2, answered: 4, possible: 6 },
      [
        { layer: 1, field: 'count-0' },
        { layer: 2, field: 'count-1' },
        { layer: 4, field: 'count-3' },
      ],
      true,
    );
    expect(words(html)).toBe(
      'Score: 2 of 6 answers right. 2 left unanswered. Look again at layers 1, 2 and 4, and the total.',
    );
    expect(links(html).at(-1)).toEqual(['#count-total', 'the total']);
  });

  test('says "layer" for one layer and joins a single layer and the total with "and"', () => {
    const html = scoreStatement({ correct: 3, answered: 5, possible: 5 }, [{ layer: 2, field: 'count-1' }], true);
    expect(words(html)).toBe('Score: 3 of 5 answers right. Look again at layer 2 and the total.');
  });
});

describe('carried-forward verdicts', () => {
  // 15×16×3, valid 3×3 to 8 filters (right 13×14×8), flatten (right 1456), dense 4 (right 1456 × 4 + 4 = 5828).
  // The learner keeps 15×16×8, so their flatten is 15 × 16 × 8 = 1920 and their dense 1920 × 4 + 4 = 7684.
  const net = NetworkSchema.parse({
    input: [15, 16, 3],
    layers: [{ type: 'conv2d', filters: 8, kernelSize: 3 }, { type: 'flatten' }, { type: 'dense', units: 4 }],
  });
  const counted = analyzeNetwork(net);
  if (!counted.ok) throw new Error('the test network is valid');
  const scored = scoreAnswers(net, counted.value, {
    layers: [224, 0, 7684],
    total: 7908,
    outputShapes: [[15, 16, 8], [1920], [4]],
  });
  const words = (html: string) => html.replace(/<[^>]+>/g, '');
  const layer = (i: number) => {
    const found = scored.layers[i];
    if (!found) throw new Error(`no layer ${i}`);
    return found;
  };

  test("says an answer follows from the slip's layer and links to the slip's field", () => {
    const html = layerFeedback(layer(2), true, slipFieldOf(scored));
    expect(words(html)).toContain(
      'Parameters: follows from layer 1. You wrote 7684; with every earlier answer right it is 5,828.',
    );
    expect(words(html)).toContain('Right for your 1920 inputs — the slip is at layer 1.');
    // Layer 1's slip is its shape, so the link goes to that field.
    expect(html).toContain('href="#shape-0"');
  });

  test('puts a layer whose wrong answers all follow from a slip apart from one that holds a slip', () => {
    expect(followsOnly(layer(0))).toBe(false);
    expect(followsOnly(layer(1))).toBe(true);
    expect(followsOnly(layer(2))).toBe(true);
  });

  test('counts the answers that follow from a slip apart from the right ones', () => {
    // Right: conv count, flatten count, dense shape; carried: flatten shape, dense count, total 224 + 0 + 7684.
    expect(scored.score).toEqual({ correct: 3, carriedForward: 3, answered: 7, possible: 7 });
    const html = scoreStatement(
      scored.score ?? { correct: 0, answered: 0, possible: 0 },
      [{ layer: 1, field: 'shape-0' }],
      false,
    );
    expect(words(html)).toBe(
      'Score: 3 of 7 answers right. 3 more follow from an earlier slip: right for your own answers before them. Look again at layer 1.',
    );
  });
});
