import { describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { diagnoseLayer, diagnoseShape } from '../../src/domain/mistakes';
import { Network } from '../../src/domain/schema/network';

/** A network of one layer on `input`, parsed by the real schema, and its report. */
function one(input: number[], layer: Record<string, unknown>) {
  const network = Network.parse({ input, layers: [layer] });
  const result = analyzeNetwork(network);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { network, report: result.value };
}

const codes = (input: number[], layer: Record<string, unknown>, answer: number[]) => {
  const { network, report } = one(input, layer);
  return diagnoseShape(network, report, 0, answer).map((m) => m.code);
};

const VALID = { type: 'conv2d', filters: 8, kernelSize: 3 };
const SAME_STRIDED = { type: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: 'same' };
const TRANSPOSED = { type: 'conv2dTranspose', filters: 4, kernelSize: 3, strides: 2 };

describe('diagnoseShape', () => {
  test.each([
    // Valid 3×3 on 15×16×3, 8 filters: right ⌊(15 − 3) / 1⌋ + 1 = 13 by 14, × 8.
    [
      'same padding for valid: ⌈15 / 1⌉ = 15, ⌈16 / 1⌉ = 16',
      [15, 16, 3],
      VALID,
      [15, 16, 8],
      ['same-instead-of-valid'],
    ],
    ['the + 1 left out: (15 − 3) / 1 = 12, 13', [15, 16, 3], VALID, [12, 13, 8], ['forgot-plus-one']],
    ['the input’s 3 channels kept', [15, 16, 3], VALID, [13, 14, 3], ['channels-from-input']],
    [
      'both at once: 15×16 and 3 channels',
      [15, 16, 3],
      VALID,
      [15, 16, 3],
      ['same-instead-of-valid', 'channels-from-input'],
    ],
    ['same padding on the height only: 15 high, 14 wide', [15, 16, 3], VALID, [15, 14, 8], ['same-instead-of-valid']],
    // Same 3×3, stride 2, on 15×16: right ⌈15 / 2⌉ = 8, ⌈16 / 2⌉ = 8.
    [
      'valid for same: ⌊(15 − 3) / 2⌋ + 1 = 7, ⌊(16 − 3) / 2⌋ + 1 = 7',
      [15, 16, 3],
      SAME_STRIDED,
      [7, 7, 8],
      ['valid-instead-of-same'],
    ],
    ['the stride left out: ⌈15 / 1⌉ = 15, 16', [15, 16, 3], SAME_STRIDED, [15, 16, 8], ['forgot-stride']],
    ['rounded down: ⌊15 / 2⌋ = 7, ⌊16 / 2⌋ = 8', [15, 16, 3], SAME_STRIDED, [7, 8, 8], ['rounded-wrong-way']],
    // Pooling 2×2 on 15×16×8: right ⌊(15 − 2) / 2⌋ + 1 = 7, ⌊(16 − 2) / 2⌋ + 1 = 8.
    [
      'pooling stride taken as 1: ⌊(15 − 2) / 1⌋ + 1 = 14, 15',
      [15, 16, 8],
      { type: 'maxPooling2d' },
      [14, 15, 8],
      ['pool-stride-one'],
    ],
    // ⌈15 / 2⌉ = 8 (same) and ⌈(15 − 2) / 2⌉ + 1 = 8 (rounded up) give the same 8×8: both are named.
    [
      'same padding and rounding up agree here',
      [15, 16, 8],
      { type: 'maxPooling2d' },
      [8, 8, 8],
      ['same-instead-of-valid', 'rounded-wrong-way'],
    ],
    // Dilation 2 spreads 3 to 5: right ⌊(20 − 5) / 1⌋ + 1 = 16; undilated ⌊(20 − 3) / 1⌋ + 1 = 18.
    ['dilation left out', [20, 20, 3], { ...VALID, dilationRate: 2 }, [18, 18, 8], ['forgot-dilation']],
    // Transposed 3, stride 2, valid on 23: right (23 − 1) × 2 + 3 = 47.
    ['worked as a convolution: ⌊(23 − 3) / 2⌋ + 1 = 11', [23, 23, 3], TRANSPOSED, [11, 11, 4], ['transpose-as-conv']],
    ['same padding’s 23 × 2 = 46', [23, 23, 3], TRANSPOSED, [46, 46, 4], ['same-instead-of-valid']],
    ['the stride left out: (23 − 1) × 1 + 3 = 25', [23, 23, 3], TRANSPOSED, [25, 25, 4], ['forgot-stride']],
    // Flatten 4×2×14 = 112; without the channels 4 × 2 = 8.
    ['flatten without the channels', [4, 2, 14], { type: 'flatten' }, [8], ['flatten-without-channels']],
    // Dense on 20×20×3: right 20×20×2.
    ['dense flattening everything', [20, 20, 3], { type: 'dense', units: 2 }, [2], ['dense-wrong-axis']],
    ['dense replacing the height', [20, 20, 3], { type: 'dense', units: 2 }, [2, 20, 3], ['dense-wrong-axis']],
    // Nothing known gives these.
    ['an unknown shape', [15, 16, 3], VALID, [99, 99, 8], []],
    ['the right shape', [15, 16, 3], VALID, [13, 14, 8], []],
  ] as const)('%s', (_name, input, layer, answer, expected) => {
    expect(codes([...input], layer, [...answer])).toEqual(expected);
  });

  test('gives the corrected step with the right arithmetic', () => {
    const { network, report } = one([15, 16, 3], VALID);
    const [mistake] = diagnoseShape(network, report, 0, [15, 16, 8]);
    expect(mistake?.message).toContain('valid padding adds no zeros');
    expect(mistake?.message).toContain('height ⌊(15 − 3) / 1⌋ + 1 = 13, width ⌊(16 − 3) / 1⌋ + 1 = 14');
    expect(mistake?.message).toMatch(/13×14×8\.$/);
  });
});

describe('count mistakes of options', () => {
  const count = (input: number[], layer: Record<string, unknown>, answer: number) => {
    const { network, report } = one(input, layer);
    return {
      right: report.layers[0]?.params,
      codes: diagnoseLayer(network, report, 0, BigInt(answer)).map((m) => m.code),
    };
  };

  test.each([
    // Dense 112 → 10 without bias: 112 × 10 = 1120; with biases counted anyway 1130.
    [
      'biases counted for a dense layer without bias',
      [112],
      { type: 'dense', units: 10, useBias: false },
      1130,
      1120,
      'biases-for-layer-without-bias',
    ],
    // Conv 3 × (8 × 3×3) = 216 without bias; 216 + 8 = 224.
    [
      'biases counted for a convolution without bias',
      [20, 20, 3],
      { ...VALID, useBias: false },
      224,
      216,
      'biases-for-layer-without-bias',
    ],
    // Depthwise, multiplier 2: 3 × (2 × 3×3) + 6 = 60; one filter per channel: 3 × 3×3 + 3 = 30.
    [
      'the depth multiplier left out of a depthwise convolution',
      [16, 16, 3],
      { type: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 },
      30,
      60,
      'forgot-depth-multiplier',
    ],
    // Separable, multiplier 2, 8 filters: 3 × 2 × 9 + 6 × 8 + 8 = 110; 3 × 9 + 3 × 8 + 8 = 59.
    [
      'the depth multiplier left out of a separable convolution',
      [16, 16, 3],
      { type: 'separableConv2d', filters: 8, kernelSize: 3, depthMultiplier: 2 },
      59,
      110,
      'forgot-depth-multiplier',
    ],
  ] as const)('%s', (_name, input, layer, answer, right, code) => {
    const result = count([...input], layer, answer);
    expect(result.right).toBe(right);
    expect(result.codes).toContain(code);
  });
});
