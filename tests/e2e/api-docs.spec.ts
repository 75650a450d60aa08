import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import {
  ERROR_EXAMPLES,
  EXAMPLES,
  TOO_LARGE_BYTES,
  curlExample,
  fetchExample,
  pythonExample,
  tooLargeBody,
} from '../../src/content/api-examples';
import { LAYER_TYPES, LAYERS } from '../../src/domain/layers';
import { expectNoAxeViolations, saveScreenshot, VIEWPORTS } from './support/quiz';
import { runTogetherWords } from './support/text';

const run = promisify(execFile);

// The examples send the lesson's network: 3 × (2 × 3×3) + 2 = 56, 2 × (3 × 3×3) + 3 = 57, flatten 0,
// 1200 × 2 + 2 = 2402; total 2515. Answers 56 and "57" right, flatten blank, "2,400" wrong, total right.
const TOTAL = 2515;
const TOTAL_LINE = `200 ${TOTAL} 56 + 57 + 0 + 2402 = ${TOTAL}`;

/** The code block of an example, as the page shows it. */
const shownCode = (page: Page, id: string) => page.locator(`#example-${id}`);

/** A Python that has `requests`: the one on PATH, else Debian's; null when neither has it. */
function pythonWithRequests(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import requests'], { stdio: 'ignore' });
      return python;
    } catch {
      // Not installed, or no requests: try the next one.
    }
  }
  return null;
}

test.describe('API page', () => {
  test('lists every layer type the engine knows, with its Keras classes, in the field table', async ({ page }) => {
    await page.goto('/api/');
    const table = page.getByRole('region', { name: 'Layer types and their options' });
    for (const type of LAYER_TYPES) {
      const row = table.locator(`#layer-${type}`);
      await expect(row.getByRole('rowheader')).toHaveText(type);
      for (const name of LAYERS[type].keras.classes) await expect(row).toContainText(name);
    }
    await expect(table.locator('tbody tr')).toHaveCount(LAYER_TYPES.length);
  });

  test('shows the curl, JavaScript and Python examples with this site as the server', async ({ page, baseURL }) => {
    await page.goto('/api/');
    for (const example of EXAMPLES) {
      await expect(page.getByRole('heading', { level: 3, name: example.title, exact: true })).toBeVisible();
      await expect(shownCode(page, example.id)).toHaveText(example.make(baseURL ?? ''));
    }
  });

  test('copies each example exactly as shown', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? '' });
    await page.goto('/api/');
    for (const example of EXAMPLES) {
      const button = page.getByRole('button', { name: `Copy ${example.what}` });
      await button.click();
      await expect(button.locator('xpath=..').getByRole('status')).toHaveText('Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(example.make(baseURL ?? ''));
    }
  });

  test('the curl example, run as shown, gets 200 and the total 2515', async ({ page, baseURL }) => {
    await page.goto('/api/');
    const code = await shownCode(page, 'curl').textContent();
    expect(code).toBe(curlExample(baseURL ?? ''));
    // --fail-with-body makes curl exit non-zero on any status of 400 or more, so success means 2xx.
    const { stdout } = await run('bash', ['-c', code ?? '']);
    const body = JSON.parse(stdout) as { apiVersion: string; total: { params: number }; score: unknown };
    expect(body.apiVersion).toBe('1');
    expect(body.total.params).toBe(TOTAL);
    expect(body.score).toEqual({ correct: 3, carriedForward: 0, answered: 4, possible: 5 });
  });

  test('the JavaScript example, run in Node as shown, gets 200 and the total 2515', async ({ page, baseURL }) => {
    await page.goto('/api/');
    const code = await shownCode(page, 'fetch').textContent();
    expect(code).toBe(fetchExample(baseURL ?? ''));
    // Playwright forces colours in its workers; Node would then colour the numbers it logs.
    const env = { ...process.env };
    delete env['FORCE_COLOR'];
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', code ?? ''], { env });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(TOTAL_LINE);
    // One line per layer; the wrong dense answer comes with the learner's feedback.
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^4 dense 2402 \S/);
  });

  test('the Python example, run as shown, gets 200 and the total 2515', async ({ page, baseURL }) => {
    const python = pythonWithRequests();
    test.skip(
      python === null,
      'no Python with the requests package: neither python3 on PATH nor /usr/bin/python3 can import requests (apt-get install -y python3-requests)',
    );
    await page.goto('/api/');
    const code = await shownCode(page, 'python').textContent();
    expect(code).toBe(pythonExample(baseURL ?? ''));
    const { stdout } = await run(python ?? 'python3', ['-c', code ?? '']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(TOTAL_LINE);
    expect(lines).toHaveLength(5);
  });

  test('names no other server than this one anywhere on the page', async ({ page, baseURL }) => {
    // The test server is not on 8888, the port the page is built with: every example must follow the page.
    expect(new URL(baseURL ?? '').port).not.toBe('8888');
    await page.goto('/api/');
    await expect(page.locator('#example-curl')).toContainText(`${baseURL}/api/score`);
    expect(await page.locator('main').textContent()).not.toContain('localhost:8888');
    await expect(page.locator('pre', { hasText: '/api/score' })).toHaveCount(EXAMPLES.length + ERROR_EXAMPLES.length);
    for (const pre of await page.locator('pre', { hasText: '/api/score' }).all()) {
      await expect(pre).toContainText(`${baseURL}/api/score`);
    }
  });

  test('each error example, run as shown, gets the status and the answer the page documents', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/api/');
    // A directory to run in, with the big.json the 413 example sends, and a .curlrc that makes curl
    // print the status and type after the body without changing the command.
    const dir = await mkdtemp(join(tmpdir(), 'api-errors-'));
    try {
      await writeFile(join(dir, 'big.json'), tooLargeBody());
      await writeFile(join(dir, '.curlrc'), 'write-out = "\\n%{http_code} %{content_type}"\n');
      for (const [slug, heading] of [
        ['malformed-json', '400 Malformed JSON'],
        ['method-not-allowed', '405 Method not allowed'],
        ['body-too-large', '413 Body too large'],
        ['unsupported-media-type', '415 Unsupported media type'],
        ['invalid-request', '422 Invalid request'],
      ] as const) {
        const section = page.locator(`#${slug}`);
        const shown = await section.getByRole('region', { name: `Request that gets ${heading}` }).textContent();
        const example = ERROR_EXAMPLES.find((candidate) => candidate.slug === slug);
        expect(shown).toBe(example?.make(baseURL ?? ''));
        const documented = JSON.parse(
          (await section.getByRole('region', { name: `Response ${heading}`, exact: true }).textContent()) ?? '',
        ) as unknown;
        const { stdout } = await run('bash', ['-c', shown ?? ''], {
          cwd: dir,
          env: { ...process.env, CURL_HOME: dir },
        });
        const [body, statusLine] = [
          stdout.slice(0, stdout.lastIndexOf('\n')),
          stdout.slice(stdout.lastIndexOf('\n') + 1),
        ];
        expect(statusLine, heading).toBe(`${heading.slice(0, 3)} application/problem+json`);
        const answer = JSON.parse(body) as { status: number; detail: string };
        if (slug === 'body-too-large') {
          // The self-host server refuses an oversized body while it streams, before the function sees it,
          // with its own problem (type about:blank); status and detail are the function's.
          expect(answer, heading).toMatchObject({
            status: (documented as { status: number }).status,
            detail: (documented as { detail: string }).detail,
          });
        } else {
          expect(answer, heading).toEqual(documented);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // The 413 example's file is the size its comment says.
    expect(tooLargeBody()).toHaveLength(TOO_LARGE_BYTES);
  });

  test('runs no word or comma into the next across an element boundary', async ({ page }) => {
    await page.goto('/api/');
    // As "strides 1,padding" or "Pointerinto" did; text-spacing.spec reads every other page the same way.
    expect(await runTogetherWords(page)).toEqual([]);
  });

  test('keeps every layer type and Keras class in the field table on one line on a phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/api/');
    const table = page.getByRole('region', { name: 'Layer types and their options' });
    const codes = table.locator('tbody code');
    expect(await codes.count()).toBeGreaterThan(LAYER_TYPES.length);
    // An inline element broken across lines has one box per line.
    const broken = await codes.evaluateAll((elements) =>
      elements.filter((element) => element.getClientRects().length !== 1).map((element) => element.textContent),
    );
    expect(broken).toEqual([]);
    // The table scrolls inside its region; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  test("has a section for every problem type the API sends, at the type's own address", async ({ page, request }) => {
    // A real problem from the function: its type is a link into this page.
    const response = await request.get('/api/score');
    expect(response.status()).toBe(405);
    const problem = (await response.json()) as { type: string };
    expect(problem.type).toBe('/api/#method-not-allowed');
    await page.goto(problem.type);
    await expect(page.locator('#method-not-allowed').getByRole('heading')).toHaveText('405 Method not allowed');
    for (const [slug, heading] of [
      ['malformed-json', '400 Malformed JSON'],
      ['method-not-allowed', '405 Method not allowed'],
      ['body-too-large', '413 Body too large'],
      ['unsupported-media-type', '415 Unsupported media type'],
      ['invalid-request', '422 Invalid request'],
      ['internal-error', '500 Internal error'],
    ] as const) {
      const section = page.locator(`#${slug}`);
      await expect(section.getByRole('heading')).toHaveText(heading);
      // Each example is the function's own answer, with this section's type.
      await expect(section.getByRole('region', { name: `Response ${heading}`, exact: true })).toContainText(
        `"type": "/api/#${slug}"`,
      );
    }
    await expect(page.locator('#invalid-request')).toContainText('is an LSTM, which Learnable does not count');
  });

  test('links to the OpenAPI description, which is served', async ({ page, request }) => {
    await page.goto('/api/');
    const link = page.getByRole('link', { name: 'OpenAPI 3.1 description' }).first();
    await expect(link).toHaveAttribute('href', '/api/openapi.json');
    const document = (await (await request.get('/api/openapi.json')).json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual([
      '/api/score',
      '/api/assignments',
      '/api/assignments/{id}',
      '/api/assignments/{id}/submissions',
      '/api/assignments/{id}/submissions/{submissionId}',
      '/api/assignments/{id}/results',
    ]);
  });

  test('has no axe violations, light and dark, desktop and phone', async ({ page }, testInfo) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.goto('/api/');
        await page.getByText('The response they get').click();
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `api-${size}-${scheme}`);
      }
    }
  });
});
