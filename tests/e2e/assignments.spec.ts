import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { practiceHref } from '../../src/client/practice-params';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import type { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { countField, expectNoAxeViolations, saveScreenshot, totalField } from './support/quiz';
import { runTogetherWords } from './support/text';

const SET: PracticeSetOptions = {
  version: 2,
  seed: 'e2e-assign',
  count: 2,
  level: 1,
  include: [],
  exclude: [],
  askShapes: false,
};

function itemsOf(options: PracticeSetOptions): PracticeItem[] {
  const items = generatePracticeSet(options);
  if (!items.ok) throw new Error(`set ${options.seed} cannot be made`);
  return items.value;
}

const ITEMS = itemsOf(SET);
/** The first layer of network 1 that has biases: forgetting them gives its weights alone. */
const SLIP_LAYER = ITEMS[0]?.report.layers.findIndex((l) => l.biases > 0 && l.weights > 0) ?? -1;
const SLIP = ITEMS[0]?.report.layers[SLIP_LAYER];

/** Collects the CSP violations a page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

/** Makes an assignment of `set` through the API; returns the two links, made relative to the server under test. */
async function makeAssignment(page: Page, body: Record<string, unknown>) {
  const response = await page.request.post('/api/assignments', { data: { title: 'Week 3', set: SET, ...body } });
  expect(response.status()).toBe(201);
  const created = await response.json();
  const relative = (url: string) => {
    const u = new URL(url);
    return u.pathname + u.search + u.hash;
  };
  return { ...created, student: relative(created.studentUrl), results: relative(created.resultsUrl) };
}

/** A student in a browser of their own: opens the link, gives a name, answers every network, submits. */
async function studentSubmits(
  browser: Browser,
  link: string,
  name: string,
  slips: Record<number, Record<number, number>>,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const csp = await watchCsp(page);
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) seen.push(`${response.url()} ${await response.text().catch(() => '')}`);
  });
  await page.goto(link);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Start' }).click();
  for (const item of ITEMS) {
    await expect(
      page.getByRole('heading', { level: 2, name: `Network ${item.index + 1} of ${SET.count}` }),
    ).toBeVisible();
    for (const [i, layer] of item.report.layers.entries()) {
      await countField(page, item.report, i).fill(String(slips[item.index]?.[i] ?? layer.params));
    }
    await totalField(page).fill(String(item.report.totals.params));
    if (item.index < SET.count - 1) await page.getByRole('button', { name: 'Next network' }).click();
  }
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await expect(page.getByRole('heading', { name: 'Review and submit' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
  return { context, page, csp, seen };
}

test.describe('assignments', () => {
  test('an instructor creates one, three students submit from their own browsers, and the results show their scores, the class’s mistakes and a CSV that matches', async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const csp = await watchCsp(page);
    // From the practice page's set to the assignment.
    await page.goto(practiceHref('set', SET));
    await page.getByRole('link', { name: 'Create an assignment' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an assignment' })).toBeVisible();
    await expect(page.getByText(`Set “${SET.seed}”: 2 networks at level 1.`)).toBeVisible();
    await page.getByLabel('Title').fill('Week 3: convolutions');
    await page.getByRole('button', { name: 'Create the assignment' }).click();
    await expect(page.getByRole('heading', { name: 'Assignment created' })).toBeFocused();
    const studentUrl = new URL(await page.getByLabel('Student link').inputValue());
    const resultsUrl = new URL(await page.getByLabel('Results link').inputValue());
    const key = new URLSearchParams(resultsUrl.hash.slice(1)).get('key') ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The student link carries the id only: no seed, no key.
    expect([...studentUrl.searchParams.keys()]).toEqual(['id']);
    expect(studentUrl.href).not.toContain(SET.seed);
    expect(studentUrl.href).not.toContain(key);

    if (!SLIP) throw new Error('network 1 has no layer with biases');
    const link = studentUrl.pathname + studentUrl.search;
    const ann = await studentSubmits(browser, link, 'Ann', { 0: { [SLIP_LAYER]: SLIP.weights } });
    const ben = await studentSubmits(browser, link, 'Ben', { 0: { [SLIP_LAYER]: SLIP.weights } });
    const cy = await studentSubmits(browser, link, 'Cy 🚀', {});
    const students = [ann, ben, cy];
    const possible = ITEMS.reduce((sum, item) => sum + item.report.layers.length + 1, 0);
    await expect(ann.page.getByText(`${possible - 1} of ${possible} answers right`)).toBeVisible();
    await expect(cy.page.getByText(`${possible} of ${possible} answers right (100%)`)).toBeVisible();
    // Ann looks at network 1's verdicts: her slip is diagnosed.
    await ann.page.getByRole('button', { name: 'See network 1’s verdicts' }).click();
    await expect(ann.page.getByText(/not quite\. You wrote/).first()).toBeVisible();
    await saveScreenshot(ann.page, testInfo, 'student-verdicts');

    // The key never reaches a student: not in their page, storage or anything the API sent them.
    for (const { page: studentPage, seen } of students) {
      expect(await studentPage.content()).not.toContain(key);
      expect(JSON.stringify(await studentPage.evaluate(() => ({ ...localStorage })))).not.toContain(key);
      expect(seen.length).toBeGreaterThan(0);
      for (const text of seen) {
        expect(text).not.toContain(key);
        expect(text).not.toContain('keyHash');
        expect(text).not.toContain(SET.seed);
      }
    }

    await page.goto(resultsUrl.pathname + resultsUrl.search + resultsUrl.hash);
    await expect(page.getByRole('heading', { level: 1, name: 'Results: Week 3: convolutions' })).toBeVisible();
    await expect(page.getByText('3 students submitted.')).toBeVisible();
    const rows = page.locator('[data-student-rows] tr');
    await expect(rows).toHaveCount(3);
    for (const [name, correct] of [
      ['Ann', possible - 1],
      ['Ben', possible - 1],
      ['Cy 🚀', possible],
    ] as const) {
      await expect(page.getByRole('row', { name: new RegExp(`^${name}`) })).toContainText(`${correct} of ${possible}`);
    }
    const chart = page.getByRole('img', { name: /Mistakes across the class/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('text.chart-label').first()).toHaveText('forgot biases');
    await expect(chart.locator('text.chart-detail').first()).toHaveText(/^2 of 3 students, on Conv2D layers$/);
    await expect(page.getByRole('img', { name: 'Wrong answers by layer type' })).toBeVisible();
    await expect(page.locator('[data-hardest] li').first()).toHaveText(/^Network 1 \(level 1\)/);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, testInfo, 'results');

    // The CSV: a row per student × layer (and per total), Ann's and Ben's slip where it was.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    const cells = lines.map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
    expect(cells[0]?.slice(0, 8)).toEqual([
      'student',
      'submission',
      'attempt',
      'submitted_at',
      'network',
      'layer',
      'layer_type',
      'expected_count',
    ]);
    expect(cells).toHaveLength(1 + 3 * possible);
    for (const name of ['Ann', 'Ben', 'Cy 🚀']) {
      const mine = cells.filter((row) => row[0] === name);
      expect(mine).toHaveLength(possible);
      for (const item of ITEMS) {
        for (const [i, layer] of item.report.layers.entries()) {
          const row = mine.find((r) => r[4] === String(item.index + 1) && r[5] === String(i + 1));
          const slipped = name !== 'Cy 🚀' && item.index === 0 && i === SLIP_LAYER;
          expect(row?.slice(6, 12)).toEqual([
            layer.type,
            String(layer.params),
            String(slipped ? layer.weights : layer.params),
            slipped ? 'no' : 'yes',
            '',
            slipped ? 'forgot-biases' : '',
          ]);
        }
      }
    }

    // Delete Cy's submission: two clicks.
    const del = page.getByRole('button', { name: 'Delete Cy 🚀’s submission' });
    await del.click();
    await page.getByRole('button', { name: /Click again to delete Cy/ }).click();
    await expect(rows).toHaveCount(2);
    await expect(page.getByText('2 students submitted.')).toBeVisible();
    expect(csp).toEqual([]);
    for (const { csp: seen, context } of students) {
      expect(seen).toEqual([]);
      await context.close();
    }
  });

  test('the key is out of the students’ reach: their link and the API give neither it nor the answers, and the results need it', async ({
    page,
  }) => {
    const made = await makeAssignment(page, {});
    const view = await page.request.get(`/api/assignments/${made.id}`);
    const text = await view.text();
    for (const secret of [made.key, 'keyHash', SET.seed, '"params"', '"outputShape"'])
      expect(text).not.toContain(secret);
    // Without the fragment, or with a wrong key, the results page says so and shows nothing.
    const [path] = made.results.split('#');
    await page.goto(path);
    await expect(page.getByRole('alert')).toHaveText(/This results link is not complete/);
    // A new load (a change of fragment alone would not reload the page).
    await page.goto('about:blank');
    await page.goto(`${path}#key=${'A'.repeat(43)}`);
    await expect(page.getByRole('alert')).toHaveText(/The key in this link does not open this assignment/);
    expect((await page.request.get(`/api/assignments/${made.id}/results`)).status()).toBe(401);
    // The answer-key page of the practice set needs its seed, which no student page has.
    expect(made.student).not.toContain('seed');
  });

  test('a student with retries and verdicts after the due date: answers received, then a second attempt', async ({
    page,
  }) => {
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const made = await makeAssignment(page, { attempts: 2, feedback: 'after-due', dueAt: due });
    await page.goto(made.student);
    await page.getByLabel('Display name').fill('Dee');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await expect(page.getByText(/answers left blank count as not answered/)).toBeVisible();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await expect(page.getByText('Your answers are in.')).toBeVisible();
    await expect(page.getByText(/Your verdicts open after the due date/)).toBeVisible();
    // Back later in the same browser: the page knows the submission.
    await page.reload();
    await expect(page.getByText('Your answers are in.')).toBeVisible();
    await page.getByRole('button', { name: 'Answer again (1 submission left)' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Network 1 of 2' })).toBeVisible();
    await page.getByRole('button', { name: 'Review and submit' }).click();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    // Within 10 s of the first: the page waits as the server asks, then sends again.
    await expect(page.getByText(/attempt 2 of 2/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('button', { name: /Answer again/ })).toBeHidden();
  });

  for (const [look, colorScheme] of [
    ['light', 'light'],
    ['dark', 'dark'],
  ] as const) {
    for (const width of [1280, 390]) {
      test(`looks right at ${width} px, ${look}: no sideways scroll, no axe violation`, async ({
        browser,
      }, testInfo) => {
        test.setTimeout(90_000);
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
        const page = await context.newPage();
        const shapes = { ...SET, seed: 'e2e-look', level: 2 as const, askShapes: true };
        const made = await makeAssignment(page, { set: shapes, title: 'Week 4: strides and shapes' });
        const noSideScroll = async () =>
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
          ).toBeLessThanOrEqual(0);

        await page.goto(`/assignments/new/?${new URL(practiceHref('set', shapes), 'http://x').search.slice(1)}`);
        await expect(page.getByRole('button', { name: 'Create the assignment' })).toBeVisible();
        await noSideScroll();
        expect(await runTogetherWords(page)).toEqual([]);
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `new-${width}-${look}`);

        await page.goto(made.student);
        await page.getByLabel('Display name').fill('Émilie Château-Dupont');
        await page.getByRole('button', { name: 'Start' }).click();
        await expect(page.getByRole('heading', { level: 2, name: 'Network 1 of 2' })).toBeVisible();
        await noSideScroll();
        expect(await runTogetherWords(page)).toEqual([]);
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `student-${width}-${look}`);
        await page.getByRole('button', { name: 'Review and submit' }).click();
        await page.getByRole('button', { name: 'Submit my answers' }).click();
        await expect(page.getByRole('heading', { name: 'Submitted' })).toBeVisible();
        await noSideScroll();
        expect(await runTogetherWords(page)).toEqual([]);
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `student-done-${width}-${look}`);

        await page.goto(made.results);
        await expect(page.getByText('1 student submitted.')).toBeVisible();
        await noSideScroll();
        expect(await runTogetherWords(page)).toEqual([]);
        await expectNoAxeViolations(page);
        await saveScreenshot(page, testInfo, `results-${width}-${look}`);
        await context.close();
      });
    }
  }
});
