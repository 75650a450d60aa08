import { describe, expect, test } from 'vitest';
import { conventionHint, conventionNote, layerRows, totalRow } from '../../src/client/quiz-view';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import type { Network } from '../../src/domain/schema/network';

const network: Network = {
  input: [8, 8, 3],
  layers: [{ type: 'conv2d', filters: 4, kernelSize: 3, useBias: false }, { type: 'batchNormalization' }],
};
const analyzed = analyzeNetwork(network);
if (!analyzed.ok) throw new Error('the test network is valid');
const report = analyzed.value;

describe('conventionNote', () => {
  test("names PyTorch's rules and says every other layer counts the same", () => {
    const note = conventionNote('pytorch');
    expect(note).toMatch(/^Counted by PyTorch's rules\./);
    // PyTorch: γ and β, 2 per channel; Keras adds the moving mean and variance, 4.
    expect(note).toContain('Only batch normalization counts differently in Keras (PyTorch: 2 per channel, Keras: 4)');
    expect(note).toContain('every other layer counts the same in both');
  });

  test("names Keras's rules with Keras's count first", () => {
    expect(conventionNote('keras')).toMatch(/^Counted by Keras's rules\. .*\(Keras: 4 per channel, PyTorch: 2\)/);
  });
});

describe('conventionHint', () => {
  test('tells the learner which count to type for batch normalization', () => {
    expect(conventionHint('keras')).toContain('Param #');
    expect(conventionHint('pytorch')).toContain('parameters()');
    expect(conventionHint('pytorch')).toContain('two per channel');
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

  test('spans the feedback row across one more column when shapes are asked', () => {
    expect(totalRow(true)).toContain('colspan="5"');
    expect(totalRow(false)).toContain('colspan="4"');
  });
});
