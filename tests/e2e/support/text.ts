import type { Page } from '@playwright/test';

/**
 * Words run together in the page's rendered text: consecutive runs of text laid out in one block (a
 * paragraph, item, cell, heading, …: the nearest element that is not inline), outside code blocks and
 * pictures, in different elements, where one ends in a letter or punctuation and the next starts with a
 * letter, as "strides 1,padding", "each entry oferrors" or "JSON Pointerinto" did where a line break
 * between inline elements was dropped. Each is given as `'…end of one|start of the next…'`; `[]` when none.
 */
export function runTogetherWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    /** The box a text is laid out in: its nearest ancestor that is neither inline nor display: contents. */
    const blockOf = (element: Element) => {
      for (let e: Element | null = element; e; e = e.parentElement) {
        const display = getComputedStyle(e).display;
        if (!display.startsWith('inline') && display !== 'contents') return e;
      }
      return null;
    };
    const walker = document.createTreeWalker(document.querySelector('main') ?? document.body, NodeFilter.SHOW_TEXT);
    const runs: { text: string; block: Element | null; parent: Element }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('pre, script, style, svg, template') || node.textContent === '') continue;
      // Text that is not rendered at all (display: none, or hidden) is neither seen nor read.
      if (!parent.checkVisibility()) continue;
      runs.push({ text: node.textContent ?? '', block: blockOf(parent), parent });
    }
    const found: string[] = [];
    for (let i = 1; i < runs.length; i++) {
      const [before, after] = [runs[i - 1], runs[i]];
      if (!before || !after || before.block !== after.block || before.parent === after.parent) continue;
      if (/[A-Za-z,;:.)]$/.test(before.text) && /^[A-Za-z("]/.test(after.text)) {
        found.push(`${before.text.slice(-20)}|${after.text.slice(0, 20)}`);
      }
    }
    return found;
  });
}
