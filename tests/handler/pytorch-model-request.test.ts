import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { ProblemDetails } from '../../src/domain/schema/problem';
import { PytorchScoreResponse } from '../../src/domain/schema/score-response';
import { postScore } from '../support/score-request';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/pytorch/${name}`, import.meta.url), 'utf8');
const resnet18 = fixture('resnet18.txt');

// torchvision's published count for resnet18.
const RESNET18 = 11_689_512;

async function ok(body: unknown) {
  const response = await postScore(body);
  expect(response.status).toBe(200);
  return PytorchScoreResponse.parse(await response.json());
}

async function problem(body: unknown) {
  const response = await postScore(body);
  expect(response.status).toBe(422);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return ProblemDetails.parse(await response.json());
}

describe('POST /api/score with a PyTorch print(model)', () => {
  test('counts every module of resnet18 and judges a right total', async () => {
    const body = await ok({ pytorchModel: resnet18, answers: { total: '11,689,512' } });
    expect(body).toMatchObject({ apiVersion: '1', source: 'pytorch', convention: 'pytorch' });
    expect(body.total).toMatchObject({ params: RESNET18, trainable: RESNET18, nonTrainable: 0 });
    expect(body.total.answer).toEqual({ submitted: '11,689,512', correct: true });
    expect(body.score).toEqual({ correct: 1, answered: 1, possible: 1 });
    expect(body.modules.find((m) => m.path === 'layer1.0.conv1')).toEqual({
      path: 'layer1.0.conv1',
      type: 'Conv2d',
      depth: 3,
      line: 8,
      kind: 'layer',
      params: 36864,
      own: 36864,
      explanation: '64 inputs × (64 filters × 3×3) = 36864 (bias=False)',
    });
    expect(body.notes.join(' ')).toMatch(/requires_grad/);
  });

  test('without answers, the counts alone', async () => {
    const body = await ok({ pytorchModel: resnet18 });
    expect(body.score).toBeUndefined();
    expect(body.total.answer).toBeUndefined();
  });

  test.each([
    // bn1 (2 × 64 = 128) counted twice.
    [RESNET18 + 128, 'total-counted-layer-twice', /counts bn1 \(BatchNorm2d, 128 parameters\)/],
    // fc (512 × 1000 + 1000) left out.
    [RESNET18 - 513_000, 'total-left-out-layer', /leaves out fc \(Linear, 513000 parameters\)/],
    // Keras's rule: + 2 × (64 + 4·64 + 5·128 + 5·256 + 5·512) = 2 × 4800 running statistics.
    [
      RESNET18 + 9600,
      'batchnorm-counted-running-statistics',
      /running mean and variance too \(9600 values in 20 modules\)/,
    ],
    // sum of model.state_dict(), by PyTorch: 11,699,132 (also 20 num_batches_tracked).
    [11_699_132, 'batchnorm-counted-running-statistics', /as summing model\.state_dict\(\) does/],
  ])('a total of %i is diagnosed as %s', async (total, code, message) => {
    const body = await ok({ pytorchModel: resnet18, answers: { total } });
    expect(body.total.answer?.correct).toBe(false);
    expect(body.total.answer?.mistakes?.map((m) => m.code)).toEqual([code]);
    expect(body.total.answer?.feedback).toMatch(message);
  });

  test('an unknown layer is a 422 pointing at pytorchModel, with its line', async () => {
    const text = resnet18.replace('(relu): ReLU(inplace=True)', '(relu): Swish()');
    const body = await problem({ pytorchModel: text });
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]?.pointer).toBe('/pytorchModel');
    expect(body.errors[0]?.detail).toMatch(/^line 4: Swish is a module Learnable does not know/);
    expect(body.detail).toMatch(/^\/pytorchModel: line 4: Swish/);
  });

  test.each([
    [{ pytorchModel: 42 }, '/pytorchModel', /must be a string/],
    [{ pytorchModel: 'Sequential(' }, '/pytorchModel', /^line 1: Sequential\( is never closed/],
    [{ pytorchModel: 'x'.repeat(LIMITS.maxPytorchChars + 1) }, '/pytorchModel', /at most 200000 are read/],
    [
      { pytorchModel: resnet18, kerasModel: {} },
      '/pytorchModel',
      /send one of "network", "kerasModel", "pytorchModel"/,
    ],
    [{ pytorchModel: resnet18, answers: { layers: [1] } }, '/answers/layers', /answered by its total only/],
    [{ pytorchModel: resnet18, answers: { total: -1 } }, '/answers/total', /cannot be negative/],
    [{ pytorchModel: resnet18, convention: 'keras' }, '/convention', /PyTorch's convention/],
  ])('refuses %j at its pointer', async (request, pointer, message) => {
    const body = await problem(request);
    expect(body.errors[0]?.pointer).toBe(pointer);
    expect(body.errors[0]?.detail).toMatch(message);
  });

  test('a request with no source names pytorchModel among the choices', async () => {
    const body = await problem({});
    expect(body.errors[0]?.detail).toMatch(/"pytorchModel"/);
  });

  test('random repr-like text is always a 200 or a 422, never a crash', async () => {
    const token = fc.constantFrom(
      'Sequential(',
      'ModuleList(',
      ')',
      '(0): ',
      '(0-2): 3 x ',
      '(a): None',
      'Conv2d(3, 4, kernel_size=(3, 3))',
      'Linear(in_features=2, out_features=3, bias=True)',
      'ReLU()',
      'Block(',
      'Parameter containing: [torch.float32 of size 2x3]',
      '(',
      '[',
      "'",
      '=',
      ',',
      '\n',
      '  ',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), async (tokens) => {
        const response = await postScore({ pytorchModel: tokens.join(''), answers: { total: 1 } });
        expect([200, 422]).toContain(response.status);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
