import type { PracticeItem } from '../practice-set';
import { networkQuestions, type SetQuestion } from './set-questions';

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
 * A question's answer in GIFT: a count is numerical (`{#\n=2402:0#…\n=%0%2400:0#You forgot the biases…\n}`,
 * tolerance 0, the arithmetic as the right answer's feedback, each value a diagnosed mistake gives as an answer
 * worth `mistakeCredit` % with that mistake's message); a shape is a short answer, each of its spellings right
 * and each spelling of a diagnosed wrong shape worth `mistakeCredit` % with its message, and the layer's
 * arithmetic as the feedback shown whatever was answered.
 */
function giftAnswer(q: SetQuestion, mistakeCredit: number): string {
  const credit = `%${mistakeCredit}%`;
  if (q.answer.kind === 'count') {
    const mistakes = q.answer.mistakes.map((m) => `=${credit}${m.count}:0#${escapeGift(m.feedback)}\n`).join('');
    return `{#\n=${q.answer.count}:0#${escapeGift(q.feedback)}\n${mistakes}}`;
  }
  const spellings = q.answer.spellings.map((spelling) => `=${escapeGift(spelling)}\n`).join('');
  const mistakes = q.answer.mistakes
    .flatMap((m) => m.spellings.map((spelling) => `=${credit}${escapeGift(spelling)}#${escapeGift(m.feedback)}\n`))
    .join('');
  return `{\n${spellings}${mistakes}####${escapeGift(q.feedback)}\n}`;
}

/**
 * The set as GIFT, Moodle's text format, which has no question of several parts: each network is its own category
 * (`$CATEGORY: $course$/top/Learnable practice set/Network 1`), so the question bank keeps its questions together,
 * with a question per layer's count (and its output shape, when the set asks for shapes) and per total. Answers
 * are exact, with the arithmetic as feedback, and the values Learnable's diagnosed mistakes give are answers worth
 * `mistakeCredit` % (0 by default) that carry the mistake's message. The network is given as the worksheet of the
 * same options gives it (`askShapes`).
 */
export function toGift(
  items: readonly PracticeItem[],
  askShapes: boolean,
  { category = 'Learnable practice set', mistakeCredit = 0 }: { category?: string; mistakeCredit?: number } = {},
): string {
  const header = '// Learnable practice set: parameter counts, Keras rules. Import in Moodle as GIFT.\n\n';
  const networks = items.map((item) => {
    const questions = networkQuestions(item, askShapes).map(
      (q) =>
        `::${escapeGift(q.name)}::[markdown]${escapeGift(giftMarkdown(q)).replaceAll('\n', '\\n')}${giftAnswer(q, mistakeCredit)}`,
    );
    return [`$CATEGORY: $course$/top/${category}/Network ${item.index + 1}`, ...questions].join('\n\n');
  });
  return header + networks.join('\n\n') + '\n';
}
