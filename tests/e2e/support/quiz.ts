import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { analyzeNetwork, type NetworkReport } from '../../../src/domain/analyze-network';
import type { Convention } from '../../../src/domain/layer-rules';
import { KERAS_NAMES } from '../../../src/domain/layer-summary';
import { generateNetwork, type GeneratorVersion, type QuizLevel } from '../../../src/domain/quiz-generator';
import type { Network } from '../../../src/domain/schema/network';

/**
 * The engine's report on a quiz's network: the right answers, computed here, never read off the page.
 * Version 1's networks unless `version` says otherwise (level 4 exists from version 2).
 */
export function expectedReport(
  level: QuizLevel,
  seed: string,
  convention: Convention = 'keras',
  version: GeneratorVersion = 1,
): NetworkReport {
  const report = analyzeNetwork(generateNetwork(version, level, seed), convention);
  if (!report.ok) throw new Error(`version ${version}, level ${level}, seed ${seed} does not make a valid network`);
  return report.value;
}

/** The first seed `${prefix}-0`, `${prefix}-1`, … whose network at `level` of `version` passes `test`. */
export function findSeed(
  level: QuizLevel,
  prefix: string,
  test: (report: NetworkReport, network: Network) => boolean,
  version: GeneratorVersion = 1,
): string {
  for (let i = 0; i < 200; i++) {
    const seed = `${prefix}-${i}`;
    if (test(expectedReport(level, seed, 'keras', version), generateNetwork(version, level, seed))) return seed;
  }
  throw new Error(`no version ${version} level ${level} network among 200 ${prefix} seeds fits`);
}

/** A text as a pattern that matches it literally. */
export const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The accessible names the quiz gives its fields. */
export const countField = (page: Page, report: NetworkReport, index: number) => {
  const layer = report.layers[index];
  if (!layer) throw new Error(`no layer ${index}`);
  return page.getByLabel(`Parameters of layer ${index + 1} (${KERAS_NAMES[layer.type]})`, { exact: true });
};

export const shapeField = (page: Page, report: NetworkReport, index: number) => {
  const layer = report.layers[index];
  if (!layer) throw new Error(`no layer ${index}`);
  return page.getByLabel(`Output shape of layer ${index + 1} (${KERAS_NAMES[layer.type]})`, { exact: true });
};

export const totalField = (page: Page) => page.getByLabel('Total parameters', { exact: true });

/** Opens a quiz (of version 1 unless `version` says otherwise) and waits until its network is on the page. */
export async function openQuiz(page: Page, level: QuizLevel, seed: string, version: GeneratorVersion = 1) {
  await page.goto(`/quiz/?v=${version}&level=${level}&seed=${seed}`);
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^Level ${level}:`) })).toBeVisible();
}

/**
 * Types the right answer everywhere (shapes too when `shapes`, written by `writeShape`), with `overrides`
 * by layer index and `total` for the total.
 */
export async function answerAll(
  page: Page,
  report: NetworkReport,
  {
    shapes = false,
    overrides = {},
    total,
    writeShape = (shape) => shape.join('×'),
  }: {
    shapes?: boolean;
    overrides?: Record<number, string>;
    total?: string;
    writeShape?: (shape: readonly number[], index: number) => string;
  } = {},
) {
  for (const [i, layer] of report.layers.entries()) {
    await countField(page, report, i).fill(overrides[i] ?? String(layer.params));
    if (shapes) await shapeField(page, report, i).fill(writeShape(layer.outputShape, i));
  }
  await totalField(page).fill(total ?? String(report.totals.params));
}

/** The number of questions a quiz asks: every layer and the total, and every shape from level 2. */
export const questionCount = (report: NetworkReport, shapes: boolean) =>
  report.layers.length + 1 + (shapes ? report.layers.length : 0);

/** Fails on any axe-core violation of WCAG 2.x A/AA or best practice on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`);
  expect(summary).toEqual([]);
}

/** Saves a full-page screenshot as a test artifact (test-results/e2e-artifacts/…) and attaches it. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The sizes the site is checked at. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 740 },
} as const;

/** The four looks every page is scanned and photographed in: desktop and phone, light and dark. */
export const LOOKS = [
  ['desktop', { viewport: VIEWPORTS.desktop, colorScheme: 'light' }],
  ['phone', { viewport: VIEWPORTS.phone, colorScheme: 'light' }],
  ['dark', { viewport: VIEWPORTS.desktop, colorScheme: 'dark' }],
  ['phone-dark', { viewport: VIEWPORTS.phone, colorScheme: 'dark' }],
] as const;
