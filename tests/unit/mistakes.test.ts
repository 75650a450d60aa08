import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { diagnoseLayer, diagnoseTotal } from '../../src/domain/mistakes';
import { Network } from '../../src/domain/schema/network';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

/** Diagnoses `answer` for layer `index` of a network given in the API's own format. */
function diagnose(raw: unknown, index: number, answer: number, convention: 'keras' | 'pytorch' = 'keras') {
  const network = Network.parse(raw);
  const report = analyzeNetwork(network, convention);
  if (!report.ok) throw new Error('test networks are valid');
  return diagnoseLayer(network, report.value, index, BigInt(answer), convention);
}

const textbook = TEXTBOOK_NETWORK;

// A network with valid padding and pooling before the flatten, and a rectangular kernel.
const shrinking = {
  input: [28, 28, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: [3, 5] }, // 26×24×4: 1 × (4 × 3×5) + 4 = 64
    { type: 'maxPooling2d' }, // 13×12×4
    { type: 'flatten' }, // 624
    { type: 'dense', units: 10 }, // 624 × 10 + 10 = 6250
  ],
};

describe('diagnoseLayer on hand-worked wrong answers', () => {
  test.each([
    // [network, layer, wrong answer, expected code] — the wrong arithmetic in the comment.
    [textbook, 0, 54, 'forgot-biases'], // 3 × 2 × 9 = 54
    [textbook, 0, 55, 'one-bias-per-layer'], // 54 + 1
    [textbook, 0, 7202, 'spatial-size-as-inputs'], // 20×20 × (2 × 9) + 2
    [textbook, 0, 8, 'forgot-kernel-size'], // 3 × 2 + 2
    [textbook, 0, 20, 'forgot-input-channels'], // 2 × 9 + 2
    [shrinking, 0, 16, 'one-kernel-axis'], // 1 × 4 × 3 + 4
    [shrinking, 0, 24, 'one-kernel-axis'], // 1 × 4 × 5 + 4
    [textbook, 3, 8, 'dense-channels-only'], // 3 × 2 + 2
    [shrinking, 3, 7850, 'dense-input-image-size'], // 28·28·1 = 784 × 10 + 10
    [{ input: [5, 4, 3], layers: [{ type: 'dense', units: 10 }] }, 0, 610, 'dense-flattened-without-flatten'], // 60 × 10 + 10
    [textbook, 2, 1200, 'output-shape-as-count'], // flatten's 1200 values
    [shrinking, 1, 5, 'parameters-for-parameterless-layer'], // pooling learns nothing
    [textbook, 3, 0, 'no-parameters-for-learning-layer'], // dense learns 2402
    [{ input: [8, 8, 3], layers: [{ type: 'depthwiseConv2d', kernelSize: 3 }] }, 0, 84, 'depthwise-as-ordinary-conv'], // 3 × (3 × 9) + 3
    [
      { input: [8, 8, 4], layers: [{ type: 'separableConv2d', filters: 8, kernelSize: 3 }] },
      0,
      44,
      'separable-forgot-pointwise',
    ], // 4 × 9 + 8
    [
      { input: [8, 8, 4], layers: [{ type: 'separableConv2d', filters: 8, kernelSize: 3 }] },
      0,
      296,
      'separable-as-ordinary-conv',
    ], // 4 × (8 × 9) + 8
    [{ input: [8, 8, 64], layers: [{ type: 'batchNormalization' }] }, 0, 128, 'batchnorm-trainable-only'], // 2 × 64
    [
      { input: [4, 4, 3], layers: [{ type: 'conv2dTranspose', filters: 2, kernelSize: 3 }] },
      0,
      57,
      'transpose-swapped-channels',
    ], // 54 + 3
  ] as const)('%#: layer %i answered %i → %s', (network, index, answer, code) => {
    const found = diagnose(network, index, answer);
    expect(found.map((m) => m.code)).toContain(code);
    expect(found.find((m) => m.code === code)?.message.length).toBeGreaterThan(20);
  });

  test('states the corrected step in the message', () => {
    const [mistake] = diagnose(textbook, 0, 54);
    expect(mistake?.message).toBe(
      'You counted the 54 weights but not the biases: add one bias per filter, 54 + 2 = 56.',
    );
  });

  test('names both mistakes when two give the same number', () => {
    // Flatten after a 2×2 input of 3 channels: output size 12; any positive count is also "gave parameters".
    const found = diagnose({ input: [2, 2, 3], layers: [{ type: 'flatten' }] }, 0, 12);
    expect(found.map((m) => m.code).sort()).toEqual(['output-shape-as-count', 'parameters-for-parameterless-layer']);
  });

  test('tells a learner who counts a frozen layer as 0 that Keras still counts its parameters', () => {
    // A frozen dense head on 7 values: 7 × 8 + 8 = 64, all non-trainable but all in Param #.
    const frozen = { input: [7], layers: [{ type: 'dense', units: 8, trainable: false }] };
    const [mistake, ...others] = diagnose(frozen, 0, 0);
    expect(others).toEqual([]);
    expect(mistake?.code).toBe('no-parameters-for-learning-layer');
    expect(mistake?.message).toMatch(/^Freezing a layer \(trainable: false\) does not take its parameters away/);
    expect(mistake?.message).toContain('still counts all 64, as non-trainable');
  });

  test('names no mistake for a value no known mistake gives', () => {
    expect(diagnose(textbook, 0, 57)).toEqual([]);
  });

  test('under PyTorch rules, recognises batch normalization counted the Keras way', () => {
    const found = diagnose({ input: [8, 8, 64], layers: [{ type: 'batchNormalization' }] }, 0, 256, 'pytorch');
    expect(found.map((m) => m.code)).toEqual(['batchnorm-counted-running-statistics']);
  });
});

describe('diagnoseTotal', () => {
  const network = Network.parse(textbook);
  const report = analyzeNetwork(network);
  if (!report.ok) throw new Error('the textbook network is valid');

  test.each([
    [2515 - 2402, 'total-left-out-layer'], // the dense layer forgotten
    [2515 + 57, 'total-counted-layer-twice'], // the second conv added twice
  ])('recognises %i as %s', (answer, code) => {
    expect(diagnoseTotal(report.value, BigInt(answer)).map((m) => m.code)).toContain(code);
  });

  test('recognises a total added up from wrong layer answers', () => {
    // 54 + 57 + 0 + 2400 = 2511: the layer answers forgot biases, the sum itself is right.
    const found = diagnoseTotal(report.value, 2511n, [54n, 57n, 0n, 2400n]);
    expect(found.map((m) => m.code)).toEqual(['total-from-layer-answers']);
  });
});

describe('conventions', () => {
  const bn = Network.parse({ input: [8, 8, 64], layers: [{ type: 'batchNormalization' }] });

  test('counts batch normalization over 64 channels as 256 in Keras, 128 of them non-trainable', () => {
    const report = analyzeNetwork(bn, 'keras');
    expect(report.ok && report.value.layers[0]).toMatchObject({ params: 256, trainable: 128, nonTrainable: 128 });
    expect(report.ok && report.value.layers[0]?.explanation).toMatch(/in Keras/);
  });

  test('counts batch normalization over 64 channels as 128 in PyTorch, with no non-trainable parameters', () => {
    const report = analyzeNetwork(bn, 'pytorch');
    expect(report.ok && report.value.layers[0]).toMatchObject({ params: 128, trainable: 128, nonTrainable: 0 });
    expect(report.ok && report.value.layers[0]?.explanation).toMatch(/in PyTorch: .* buffers, not parameters/);
    expect(report.ok && report.value.convention).toBe('pytorch');
  });
});

describe('conv2d groups', () => {
  test('divides the inputs among the groups', () => {
    // 12 inputs in 4 groups: 3 inputs per group × (8 filters × 3×3) + 8 = 224 (ungrouped: 872).
    const report = analyzeNetwork(
      Network.parse({ input: [8, 8, 12], layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, groups: 4 }] }),
    );
    expect(report.ok && report.value.layers[0]?.params).toBe(224);
    expect(report.ok && report.value.layers[0]?.explanation).toBe(
      '3 inputs per group (12 ÷ 4 groups) × (8 filters × 3×3) + 8 biases = 224',
    );
  });

  test('refuses groups that do not divide the input channels, pointing at groups', () => {
    const report = analyzeNetwork(
      Network.parse({ input: [8, 8, 10], layers: [{ type: 'conv2d', filters: 8, kernelSize: 3, groups: 4 }] }),
    );
    expect(report.ok ? undefined : report.error[0]).toEqual({
      path: ['layers', 0, 'groups'],
      message: 'groups (4) must divide the 10 input channels evenly',
    });
  });
});
