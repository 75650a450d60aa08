import { describe, expect, test } from 'vitest';
import { networkSheet } from '../../src/client/practice-sheet';
import { branchingNote, layerRows } from '../../src/client/quiz-view';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { toGift } from '../../src/domain/exporters/gift';
import { toMoodleXml } from '../../src/domain/exporters/moodle-xml';
import { toSetJson } from '../../src/domain/exporters/set-json';
import { escapeMarkup } from '../../src/domain/escape-markup';
import { networkLines } from '../../src/domain/exporters/set-questions';
import {
  describeInNetwork,
  inputFromText,
  inputsText,
  inputShapesText,
  layerTitle,
  sourcesOf,
} from '../../src/domain/layer-inputs';
import { describeLayer } from '../../src/domain/layer-summary';
import { practiceItem, type PracticeItem } from '../../src/domain/practice-set';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { Network } from '../../src/domain/schema/network';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

const reportOf = (network: Network): NetworkReport => {
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return report.value;
};

/**
 * A small graph with one of each way to take inputs: layer 1 (conv1) on the input, layer 2 after it,
 * layer 3 (conv3) after that, layer 4 (add1) adding 3 and 1, layer 5 a 1×1 convolution on layer 1,
 * layer 6 subtracting 5 from 4, layer 7 concatenating the input and layer 6, a further input (extra),
 * and a dense layer on it.
 */
const graph = Network.parse({
  input: [8, 8, 3],
  layers: [
    { type: 'conv2d', name: 'conv1', filters: 4, kernelSize: 3, padding: 'same' },
    { type: 'conv2d', filters: 4, kernelSize: 3, padding: 'same' },
    { type: 'conv2d', name: 'conv3', filters: 4, kernelSize: 3, padding: 'same' },
    { type: 'add', name: 'add1', inputs: ['conv3', 'conv1'] },
    { type: 'conv2d', name: 'shortcut', filters: 4, kernelSize: 1, inputs: ['conv1'] },
    { type: 'subtract', name: 'diff', inputs: ['add1', 'shortcut'] },
    { type: 'concatenate', inputs: ['input', 'diff'] },
    { type: 'input', name: 'extra', shape: [5] },
    { type: 'dense', units: 2, inputs: ['extra'] },
  ],
});
const report = reportOf(graph);
const words = (i: number) => describeInNetwork(graph.layers, report, i);
const at = (i: number) => {
  const layer = report.layers[i];
  if (!layer) throw new Error(`no layer ${i}`);
  return layer;
};

describe('describeInNetwork', () => {
  test('says what a layer takes only when it is not the layer above', () => {
    expect(words(0)).toBe('4 filters, 3×3 kernel, padding same, stride 1');
    expect(words(1)).toBe('4 filters, 3×3 kernel, padding same, stride 1');
    expect(words(4)).toBe('4 filters, 1×1 kernel, padding valid, stride 1; takes layer 1 (conv1)');
  });

  test('lets a merge say what it does with the layers it names, by number and name', () => {
    expect(words(3)).toBe('adds layers 3 (conv3) and 1 (conv1)');
    expect(words(5)).toBe('subtracts layer 5 (shortcut) from layer 4 (add1)');
    expect(words(6)).toBe('joins the input and layer 6 (diff) along the channels');
  });

  test('gives a further model input no inputs to speak of, nor the layer right after it that takes it', () => {
    expect(sourcesOf(report, 7)).toBeNull();
    expect(inputsText(graph.layers, report, 7)).toBe('');
    // The dense layer names extra, which is the layer above it: nothing to say.
    expect(words(8)).toBe('2 units');
  });

  test('leaves every layer of a plain list as it always read', () => {
    const plain = Network.parse(TEXTBOOK_NETWORK);
    const plainReport = reportOf(plain);
    for (const [i, layer] of plain.layers.entries()) {
      expect(describeInNetwork(plain.layers, plainReport, i)).toBe(describeLayer(layer));
      expect(sourcesOf(plainReport, i)).toBeNull();
    }
  });
});

describe('inputFromText and inputShapesText', () => {
  test('say where an asked input comes from: the layer above, another layer, several, the input', () => {
    expect(inputFromText(report, 0)).toBeNull(); // the network's input: its shape is given
    expect(inputFromText(report, 1)).toBe('output of layer 1');
    expect(inputFromText(report, 3)).toBe('outputs of layers 3 and 1');
    expect(inputFromText(report, 6)).toBe('the input and the output of layer 6');
  });

  test('give every shape a merge takes', () => {
    // Concatenating the 8×8×3 input and diff's 8×8×4 along the channels: 3 + 4 = 7.
    expect(inputShapesText(at(6))).toBe('8×8×3 and 8×8×4');
    expect(at(6).outputShape).toEqual([8, 8, 7]);
    expect(inputShapesText(at(1))).toBe('8×8×4');
  });

  test('title a named layer as Keras’s summary does', () => {
    const [, second, , fourth] = graph.layers;
    expect(fourth && layerTitle(fourth)).toBe('add1 (Add)');
    expect(second && layerTitle(second)).toBe('Conv2D');
    // A shared layer's second call is no Keras class: it goes by its label rather than by nothing.
    expect(layerTitle({ type: 'reuse', name: 'encoder_right', layer: 'encoder' })).toBe(
      'encoder_right (shared layer call)',
    );
  });
});

/** generateNetwork(2, 5, 'a'): a pooled stem (layer 4, pool1), three inception branches, concat1 (layer 9). */
const level5 = generateNetwork(2, 5, 'a');
const level5Report = reportOf(level5);

describe('the quiz and the student link show a level 5 network with its branches', () => {
  const rows = layerRows({ level: 5, network: level5, report: level5Report, shapes: true });
  const row = (i: number) => rows.split('<tbody').find((part) => part.includes(`data-layer="${i}"`)) ?? '';

  test('names the layers that have names and says what each branch takes', () => {
    expect(row(3)).toContain('<span class="layer-id">pool1</span>');
    expect(row(5)).toContain('3 filters, 3×3 kernel, padding same, stride 1; takes layer 4 (pool1)');
    expect(row(6)).toContain('takes layer 4 (pool1)');
    expect(row(8)).toContain('joins layers 5 (branch_1x1), 6 (branch_3x3) and 8 (branch_pool) along the channels');
  });

  test('points each asked input shape at the layers it comes from', () => {
    expect(row(5)).toContain('<span class="from-previous">output of layer 4</span>');
    expect(row(7)).toContain('<span class="from-previous">output of layer 7</span>');
    expect(row(8)).toContain('<span class="from-previous">outputs of layers 5, 6 and 8</span>');
    expect(row(0)).toContain('<span data-input-shape>16×16×3</span>');
  });

  test('says in the summary that it branches, and nothing for a plain list', () => {
    expect(branchingNote(level5Report)).toMatch(/branches and merges/);
    expect(branchingNote(reportOf(Network.parse(TEXTBOOK_NETWORK)))).toBe('');
  });
});

/** Network 0 of a version 2 level 5 set, as the practice page, worksheet, key and exports give it. */
function setItem(askShapes: boolean): PracticeItem {
  const made = practiceItem(PracticeSetOptions.parse({ version: 2, seed: 'graphs', count: 2, level: 5, askShapes }), 0);
  if (!made.ok) throw new Error('the set generates');
  return made.value;
}

describe('practice sheets and exports of a level 5 set', () => {
  const item = setItem(true);
  const merge = item.network.layers.findIndex((l) => l.type === 'add' || l.type === 'concatenate');
  const mergeWords = describeInNetwork(item.network.layers, item.report, merge);

  test('the worksheet and the key describe each merge by the layers it joins', () => {
    expect(merge).toBeGreaterThan(0);
    expect(mergeWords).toMatch(/^(adds|joins) layers \d+ \(\w+\)(, \d+ \(\w+\))* and \d+ \(\w+\)/);
    for (const kind of ['preview', 'worksheet', 'key'] as const) {
      const html = networkSheet(item, kind, true);
      expect(html).toContain(mergeWords);
      expect(html).toContain(`<span class="layer-id">${item.network.layers[merge]?.name}</span>`);
    }
    expect(networkSheet(item, 'worksheet', true)).toContain(`outputs of layers`);
  });

  test('the exported lines name each layer as Keras does and give merges all their input shapes', () => {
    const asked = networkLines(item, true);
    const layer = item.network.layers[merge];
    const from = (item.report.layers[merge]?.from ?? []).map((i) => i + 1);
    const sources = `${from.slice(0, -1).join(', ')} and ${from.at(-1)}`;
    expect(layer && asked[merge]).toBe(
      layer && `${layerTitle(layer)}: ${mergeWords}; input the outputs of layers ${sources}`,
    );
    const given = networkLines(setItem(false), false);
    const shapes = item.report.layers[merge]?.inputShapes?.map((s) => s.join('×')) ?? [];
    expect(given[merge]).toContain(`; input ${shapes.slice(0, -1).join(', ')} and ${shapes.at(-1)}`);
    // Only the network's input shape is given when shapes are asked: the first layer's line, and no other.
    expect(asked.filter((line) => /; input \d/.test(line))).toEqual([asked[0]]);
  });

  test('GIFT and Moodle XML carry the same lines, and the set JSON the network with its names and inputs', () => {
    const line = networkLines(item, true)[merge] ?? '';
    expect(toGift([item], true)).toContain(line.replace(/[~=#{}:\\]/g, (c) => `\\${c}`));
    // Moodle XML holds the question's HTML as text: the line is escaped as HTML, then as XML.
    expect(toMoodleXml([item], true)).toContain(escapeMarkup(escapeMarkup(line)));
    const json = toSetJson(PracticeSetOptions.parse({ version: 2, seed: 'graphs', count: 1, level: 5 }), [item]);
    expect(json.networks[0]?.network.layers[merge]).toMatchObject({ inputs: item.network.layers[merge]?.inputs });
  });
});
