import { expect, type Page } from '@playwright/test';

/**
 * Opens a practice page and waits until its whole set is drawn (the pages draw a few networks at a
 * time): a worksheet or answer key shows its "Save as PDF" button, the practice page says "Set made".
 * `await openPractice(page, '/practice/key/?v=2&seed=w3&count=4')`.
 */
export async function openPractice(page: Page, url: string) {
  await page.goto(url);
  if (/^\/practice\/(worksheet|key)\//.test(url)) {
    await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeVisible();
  } else {
    await expect(page.getByRole('status').filter({ hasText: /^Set made: / })).toBeVisible();
  }
}
