import { expect, test } from '@playwright/test';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';
import { answerAll, expectedReport, openQuiz } from './support/quiz';

// Run with E2E_SERVER=netlify against Netlify's own local emulation (`npm run netlify`), so that
// netlify/functions/ (the handler and its config.path) and netlify.toml cannot drift from what
// `npm start` serves: the same page headers, the same API at the same path.

test.describe("the Netlify binding, under Netlify's own emulation", () => {
  test("serves pages with netlify.toml's headers", async ({ request }) => {
    const response = await request.get('/');
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('answers POST /api/score at the function config.path, with its own headers', async ({ request }) => {
    // 3 × (2 × 3×3) + 2 = 56; 2 × (3 × 3×3) + 3 = 57; flatten 0; 1200 × 2 + 2 = 2402; total 2515.
    const response = await request.post('/api/score', { data: { network: TEXTBOOK_NETWORK } });
    expect(response.status()).toBe(200);
    expect(response.headers()['access-control-allow-origin']).toBe('*');
    expect((await response.json()).total.params).toBe(2515);
    const refused = await request.post('/api/score', { data: { network: { input: [0], layers: [] } } });
    expect(refused.status()).toBe(422);
    expect(refused.headers()['content-type']).toContain('application/problem+json');
  });

  test('checks a quiz in the browser through the emulated function', async ({ page }) => {
    const report = expectedReport(1, 'netlify-binding');
    await openQuiz(page, 1, 'netlify-binding');
    await answerAll(page, report);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect(page.getByRole('status')).toContainText('full marks');
  });
});

test.describe("assignments, under Netlify's own emulation and its Blobs sandbox", () => {
  test('makes an assignment, takes a submission and gives the results, stored in the sandbox store', async ({
    request,
  }) => {
    const set = { version: 2, seed: 'netlify-binding', count: 1, level: 1 };
    const made = await request.post('/api/assignments', { data: { title: 'Binding', set } });
    expect(made.status(), await made.text()).toBe(201);
    const { id, key } = await made.json();
    const view = await request.get(`/api/assignments/${id}`);
    expect(view.status()).toBe(200);
    const { networks } = await view.json();
    expect(networks).toHaveLength(1);
    const submitted = await request.post(`/api/assignments/${id}/submissions`, {
      data: { displayName: 'Ada', answers: [{ total: 1 }] },
    });
    expect(submitted.status(), await submitted.text()).toBe(201);
    const results = await request.get(`/api/assignments/${id}/results`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(results.status()).toBe(200);
    expect((await results.json()).students.map((s: { displayName: string }) => s.displayName)).toEqual(['Ada']);
    expect((await request.get(`/api/assignments/${id}/results`)).status()).toBe(401);
  });
});
