import type { PracticeItem } from '../practice-set';
import { setQuestions, type SetQuestion } from './set-questions';

/** Escapes GIFT's special characters: `escapeGift('a = b: {c}') → 'a \\= b\\: \\{c\\}'`. */
export function escapeGift(text: string): string {
  return text.replace(/[~=#{}:\\]/g, (c) => `\\${c}`);
}

/**
 * A question's text in Markdown: the network's line, its layers as a numbered list (a blank line
 * before and after, since Markdown joins single line breaks into one paragraph), then the question.
 */
export function giftMarkdown(q: SetQuestion): string {
  return [q.lead, q.layers.map((line, i) => `${i + 1}. ${line}`).join('\n'), q.ask].join('\n\n');
}

/**
 * The set as GIFT, Moodle's text format: one numerical question per layer and
 * total, exact answers (tolerance 0) with the arithmetic as feedback. The network
 * is given as the worksheet of the same options gives it (`askShapes`).
 */
export function toGift(items: readonly PracticeItem[], askShapes: boolean): string {
  const header = '// Learnable practice set: parameter counts, Keras rules. Import in Moodle as GIFT.\n\n';
  return (
    header +
    setQuestions(items, askShapes)
      .map(
        (q) =>
          `::${escapeGift(q.name)}::[markdown]${escapeGift(giftMarkdown(q)).replaceAll('\n', '\\n')}{#\n` +
          `=${q.answer}:0#${escapeGift(q.feedback)}\n}`,
      )
      .join('\n\n') +
    '\n'
  );
}
