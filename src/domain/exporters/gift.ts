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
 * A question's answer in GIFT: a count is numerical (`{#=2402:0#…}`, tolerance 0, the arithmetic as its
 * feedback); a shape is a short answer, each of its spellings right (`{=20×20×3 =20x20x3 … ####…}`), with
 * the feedback shown whatever was answered.
 */
function giftAnswer(q: SetQuestion): string {
  if (q.answer.kind === 'count') return `{#\n=${q.answer.count}:0#${escapeGift(q.feedback)}\n}`;
  const spellings = q.answer.spellings.map((spelling) => `=${escapeGift(spelling)}\n`).join('');
  return `{\n${spellings}####${escapeGift(q.feedback)}\n}`;
}

/**
 * The set as GIFT, Moodle's text format: a question per layer's count (and its output shape, when
 * the set asks for shapes) and per total, exact answers with the arithmetic as feedback. The network
 * is given as the worksheet of the same options gives it (`askShapes`).
 */
export function toGift(items: readonly PracticeItem[], askShapes: boolean): string {
  const header = '// Learnable practice set: parameter counts, Keras rules. Import in Moodle as GIFT.\n\n';
  return (
    header +
    setQuestions(items, askShapes)
      .map(
        (q) =>
          `::${escapeGift(q.name)}::[markdown]${escapeGift(giftMarkdown(q)).replaceAll('\n', '\\n')}${giftAnswer(q)}`,
      )
      .join('\n\n') +
    '\n'
  );
}
