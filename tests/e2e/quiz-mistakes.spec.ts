import { expect, test, type Page } from '@playwright/test';
import { MISTAKE_CODES } from '../../src/domain/mistakes';
import { findMistakeCases, type MistakeCase } from './support/mistake-cases';
import { countField, literally, openQuiz, totalField } from './support/quiz';

/**
 * Mistakes no quiz network can show, and why; each is diagnosed through the API and measured by the recall
 * test (tests/property/mistake-recall.test.ts) on networks the quizzes do not make.
 */
const NOT_IN_QUIZZES: Record<string, string> = {
  'shared-counted-twice': 'no quiz level has shared layers (level 5 branches and merges, but calls each layer once)',
};

// Found once, with the generator, the engine and the learner simulators; each message from the domain's diagnosis.
const CASES = findMistakeCases();
/** The cases that pass `which`, those of one quiz together so that it is opened once. */
const cases = (which: (c: MistakeCase) => boolean) =>
  [...CASES.values()]
    .filter(which)
    .sort((a, b) => `${a.version}/${a.level}/${a.seed}`.localeCompare(`${b.version}/${b.level}/${b.seed}`));

/**
 * Types the case's answers (one of them the mistake's number) into its quiz, checks, and reads that
 * field's feedback. The page is reused: a quiz already open is answered again rather than reloaded.
 */
async function expectMessage(page: Page, c: MistakeCase) {
  const address = new RegExp(`[?&]v=${c.version}&level=${c.level}&seed=${c.seed}(&convention=pytorch)?$`);
  if (!address.test(page.url())) await openQuiz(page, c.level, c.seed, c.version);
  const pytorch = page.getByRole('radio', { name: 'PyTorch' });
  if (c.convention === 'pytorch' && !(await pytorch.isChecked())) {
    await pytorch.check();
    await expect(page).toHaveURL(/[?&]convention=pytorch$/);
  }
  for (const [i, value] of c.layers.entries()) await countField(page, c.report, i).fill(String(value));
  await totalField(page).fill(String(c.total));
  const scored = page.waitForResponse((r) => r.url().endsWith('/api/score') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Check my answers' }).click();
  await scored;
  await expect(page.getByRole('status')).toHaveText(/^Score:/);
  const field = c.field === 'total' ? totalField(page) : countField(page, c.report, c.field);
  await expect
    .soft(field, `${c.code} (version ${c.version}, level ${c.level}, seed ${c.seed})`)
    .toHaveAccessibleDescription(literally(c.message));
}

test.describe('mistake messages in the quiz', () => {
  test('every mistake Learnable knows has a quiz network that shows it', () => {
    expect([...CASES.keys()].sort()).toEqual(MISTAKE_CODES.filter((c) => !(c in NOT_IN_QUIZZES)).sort());
  });

  test("names each layer mistake in that layer's feedback", async ({ page }) => {
    test.setTimeout(180_000);
    const layerCases = cases((c) => c.field !== 'total' && c.convention === 'keras');
    expect(layerCases.length).toBeGreaterThan(15);
    for (const c of layerCases) {
      await test.step(c.code, () => expectMessage(page, c));
    }
  });

  test("names each mistake in a total in the total's feedback", async ({ page }) => {
    test.setTimeout(90_000);
    const totalCases = cases((c) => c.field === 'total');
    expect(totalCases.map((c) => c.code).sort()).toEqual(MISTAKE_CODES.filter((c) => c.startsWith('total-')).sort());
    for (const c of totalCases) {
      await test.step(c.code, () => expectMessage(page, c));
    }
  });

  test('names batch normalization counted with its running statistics when PyTorch is chosen', async ({ page }) => {
    const c = CASES.get('batchnorm-counted-running-statistics');
    if (!c) throw new Error('no quiz network shows the PyTorch batch normalization mistake');
    expect(c.convention).toBe('pytorch');
    await expectMessage(page, c);
  });
});
