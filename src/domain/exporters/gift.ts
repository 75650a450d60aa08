import type { PracticeItem } from '../practice-set';
import { setQuestions } from './set-questions';

/** Escapes GIFT's special characters: `escapeGift('a = b: {c}') → 'a \\= b\\: \\{c\\}'`. */
export function escapeGift(text: string): string {
  return text.replace(/[~=#{}:\\]/g, (c) => `\\${c}`);
}

/**
 * The set as GIFT, Moodle's text format: one numerical question per layer and
 * total, exact answers (tolerance 0) with the arithmetic as feedback.
 */
export function toGift(items: readonly PracticeItem[]): string {
  const header = '// Learnable practice set: parameter counts, Keras rules. Import in Moodle as GIFT.\n\n';
  return (
    header +
    setQuestions(items)
      .map(
        (q) =>
          `::${escapeGift(q.name)}::[markdown]${escapeGift(q.text).replaceAll('\n', '\\n')}{#\n` +
          `=${q.answer}:0#${escapeGift(q.feedback)}\n}`,
      )
      .join('\n\n') +
    '\n'
  );
}
