import { expect, test } from '@playwright/test';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

// The lesson's network, over real HTTP to the function served by Netlify's local emulation.
const CLASSIC = TEXTBOOK_NETWORK;

interface Verdict {
  submitted: number | string;
  correct: boolean;
}

test.describe('POST /api/score over HTTP', () => {
  test('scores the classic network: 56, 57, 0, 2402, total 2515, with a verdict on each answer', async ({
    request,
  }) => {
    // 3 × (2 × 3×3) + 2 = 56; 2 × (3 × 3×3) + 3 = 57; flatten 0; 1200 × 2 + 2 = 2402; sum 2515.
    const answers = { layers: [56, '57', null, '2,400'], total: 2515 };
    const response = await request.post('/api/score', { data: { network: CLASSIC, answers } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/json');
    const body = (await response.json()) as {
      layers: { params: number; answer?: Verdict }[];
      total: { params: number; answer?: Verdict };
      score: { correct: number; answered: number; possible: number };
    };
    expect(body.layers.map((l) => l.params)).toEqual([56, 57, 0, 2402]);
    expect(body.total.params).toBe(2515);
    expect(body.layers.map((l) => l.answer?.correct)).toEqual([true, true, undefined, false]);
    expect(body.total.answer).toMatchObject({ submitted: 2515, correct: true });
    // 56, "57" and 2515 right; "2,400" (the biases forgotten) wrong; 4 layers + the total = 5 questions.
    expect(body.score).toEqual({ correct: 3, carriedForward: 0, answered: 4, possible: 5 });
  });

  test('answers an invalid network with 422 problem details pointing at the bad option', async ({ request }) => {
    const network = { ...CLASSIC, layers: [CLASSIC.layers[0], { type: 'conv2d', filters: 3, kernelSize: 0 }] };
    const response = await request.post('/api/score', { data: { network } });
    expect(response.status()).toBe(422);
    expect(response.headers()['content-type']).toBe('application/problem+json');
    expect(response.headers()['access-control-allow-origin']).toBe('*');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    const problem = (await response.json()) as { status: number; errors: { pointer: string; detail: string }[] };
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([
      { pointer: '/network/layers/1/kernelSize', detail: expect.stringContaining('kernelSize must be at least 1') },
    ]);
  });

  test('answers a CORS preflight with 204 and the headers a browser on another origin needs', async ({ request }) => {
    const response = await request.fetch('/api/score', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://elsewhere.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status()).toBe(204);
    const headers = response.headers();
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['access-control-allow-methods']).toContain('POST');
    expect(headers['access-control-allow-headers']?.toLowerCase()).toContain('content-type');
  });

  test('answers GET with 405 and Allow: POST, OPTIONS', async ({ request }) => {
    const response = await request.get('/api/score');
    expect(response.status()).toBe(405);
    expect(response.headers()['allow']).toBe('POST, OPTIONS');
    expect(response.headers()['content-type']).toBe('application/problem+json');
  });
});
