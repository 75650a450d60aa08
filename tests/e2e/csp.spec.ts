import { expect, test, type Page } from '@playwright/test';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { answerAll } from './support/quiz';

// Every page carries a Content-Security-Policy with no 'unsafe-inline' for scripts or styles: Astro
// hashes what it inlines (astro.config.mjs). These walks fail on any violation the browser reports.

/** Collects the page's CSP violations, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
        `${event.violatedDirective}: ${event.blockedURI || 'inline'}`,
      );
    });
  });
  return seen;
}

test.describe('Content-Security-Policy', () => {
  test('is on every page, without unsafe-inline, and framing is refused', async ({ page, request }) => {
    for (const path of ['/', '/quiz/', '/practice/', '/practice/key/?v=2&seed=csp&count=2', '/api/', '/import/']) {
      await page.goto(path);
      const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
      expect(policy, path).toContain("default-src 'self'");
      expect(policy, path).toMatch(/script-src 'self'( 'sha256-[^']+')*;/);
      expect(policy, path).not.toContain('unsafe-inline');
    }
    // frame-ancestors only works as a header (netlify.toml), not in a <meta> policy.
    const response = await request.get('/');
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('reports a violation when an inline script is injected (the watch itself works)', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });

  test('lets every page and flow run without a violation', async ({ page }) => {
    const violations = await watchViolations(page);

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // A quiz answered and checked against /api/score, then its "check it yourself" code opened.
    const seed = 'csp-walk';
    const report = analyzeNetwork(generateNetwork(1, 1, seed));
    if (!report.ok) throw new Error('the quiz network is valid');
    await page.goto(`/quiz/?v=1&level=1&seed=${seed}`);
    await answerAll(page, report.value);
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await expect(page.getByText(/^Score: \d+ of \d+ answers right/).first()).toBeVisible();
    await page.getByText('Check it yourself in Keras').click();
    await expect(page.getByRole('region', { name: 'Keras code for this network' })).toBeVisible();

    // A practice set made from the form, its exports downloaded, its key and worksheet, the student link.
    await page.goto('/practice/');
    await page.getByRole('button', { name: 'Make the set' }).click();
    await expect(page.getByRole('link', { name: 'GIFT' })).toBeVisible();
    await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'GIFT' }).click()]);
    for (const path of ['/practice/key/?v=2&seed=csp&count=2', '/practice/worksheet/?v=2&seed=csp&count=2']) {
      await page.goto(path);
      await expect(page.getByRole('article').first()).toBeVisible();
    }
    await page.goto('/practice/student/?v=2&seed=csp&count=2');
    await expect(page.locator('student-set[data-ready]')).toHaveCount(1);

    // The API page's examples, and the import page counting its Keras example model.
    await page.goto('/api/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/import/');
    await page.getByRole('button', { name: 'Keras example' }).click();
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    await expect(page.getByRole('region', { name: /^Your model:/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'PyTorch' })).toBeVisible();
    // Then its PyTorch example, whose module rows are indented through the CSSOM (no style attributes).
    await page.getByRole('button', { name: 'PyTorch example' }).click();
    await page.getByRole('button', { name: 'Count the parameters' }).click();
    await expect(page.getByRole('heading', { name: /^Your model: Net, / })).toBeVisible();

    await page.goto('/no-such-page/');
    expect(violations).toEqual([]);
  });
});
