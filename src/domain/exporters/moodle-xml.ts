import { escapeMarkup as escapeXml } from '../escape-markup';
import { KERAS_NAMES } from '../layer-summary';
import type { PracticeItem } from '../practice-set';
import { clozeNumerical, clozeShortAnswer, type ClozeAlternative } from './cloze';
import { networkQuestions, type SetQuestion } from './set-questions';

/** What any answer that is neither right nor a diagnosed mistake is told; it does not give the answer away. */
export const UNRECOGNISED_FEEDBACK =
  'Not right, and not a mistake Learnable recognises: work the count out again, one factor at a time.';

/** Options of the Moodle export: the credit a diagnosed mistake still earns (0–100 %, 0 by default). */
export interface MoodleExportOptions {
  category?: string;
  mistakeCredit?: number;
}

/**
 * The answers of one question as Cloze alternatives: the right one (every spelling, for a shape) with the arithmetic,
 * each diagnosed mistake with what Learnable says of it, then any other answer.
 */
export function clozeAlternatives(q: SetQuestion, mistakeCredit: number): ClozeAlternative[] {
  const right = `Right: ${q.feedback}`;
  const answers: ClozeAlternative[] =
    q.answer.kind === 'count'
      ? [
          { answer: String(q.answer.count), credit: 100, feedback: right },
          ...q.answer.mistakes.map((m) => ({ answer: String(m.count), credit: mistakeCredit, feedback: m.feedback })),
        ]
      : [
          ...q.answer.spellings.map((spelling) => ({ answer: spelling, credit: 100, feedback: right })),
          ...q.answer.mistakes.flatMap((m) =>
            m.spellings.map((spelling) => ({ answer: spelling, credit: mistakeCredit, feedback: m.feedback })),
          ),
        ];
  return [...answers, { answer: '*', credit: 0, feedback: UNRECOGNISED_FEEDBACK }];
}

/** A question's sub-question in Cloze syntax: NUMERICAL for a count, SHORTANSWER for a shape, worth 1 each. */
const subQuestion = (q: SetQuestion, credit: number) =>
  q.answer.kind === 'count'
    ? clozeNumerical(1, clozeAlternatives(q, credit))
    : clozeShortAnswer(1, clozeAlternatives(q, credit));

/**
 * One network as one Cloze question's HTML: its line and layers as the worksheet gives them, then a table with a row
 * per layer (its output shape, when asked, and its count) and one for the total, each cell a sub-question.
 */
function clozeHtml(item: PracticeItem, questions: readonly SetQuestion[], credit: number): string {
  const [first] = questions;
  if (!first) return '';
  const askShapes = questions.some((q) => q.answer.kind === 'shape');
  const cell = (q: SetQuestion | undefined) => `<td>${q ? subQuestion(q, credit) : ''}</td>`;
  const rows = item.report.layers.map((layer) => {
    const own = questions.filter((q) => q.layer === layer.index);
    const shape = own.find((q) => q.answer.kind === 'shape');
    const count = own.find((q) => q.answer.kind === 'count');
    const label = `Layer ${layer.index + 1} (${escapeXml(KERAS_NAMES[layer.type])})`;
    return `<tr><th scope="row">${label}</th>${askShapes ? cell(shape) : ''}${cell(count)}</tr>`;
  });
  const total = questions.find((q) => q.layer === null);
  rows.push(`<tr><th scope="row">Total</th>${askShapes ? '<td></td>' : ''}${cell(total)}</tr>`);
  const how = askShapes
    ? 'For each layer, give its output shape without the batch axis (for example 20×20×3 or 20x20x3, or a single number when flat) and its number of parameters; then the network’s total.'
    : 'For each layer, give its number of parameters; then the network’s total.';
  return (
    `<p>${escapeXml(first.lead)}</p><ol>${first.layers.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ol>` +
    `<p>${escapeXml(how)}</p>` +
    `<table><thead><tr><th scope="col">Layer</th>${askShapes ? '<th scope="col">Output shape</th>' : ''}` +
    `<th scope="col">Parameters</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

/** The network's worked arithmetic, shown after the question: a line per layer and the total. */
const generalFeedback = (item: PracticeItem) =>
  `<ol>${item.report.layers.map((l) => `<li>${escapeXml(l.explanation)}</li>`).join('')}</ol>` +
  `<p>Total: ${escapeXml(item.report.totals.explanation)}</p>`;

/**
 * The set as Moodle XML: a category, then one Cloze (embedded answers) question per network, so a quiz keeps a
 * network's layers together. Each layer's count (and output shape, when the set asks shapes) and the total is a
 * sub-question whose right answer carries the arithmetic and whose alternatives are the values Learnable's diagnosed
 * mistakes give, each with that mistake's feedback (earning `mistakeCredit` %, 0 by default).
 */
export function toMoodleXml(
  items: readonly PracticeItem[],
  askShapes: boolean,
  { category = 'Learnable practice set', mistakeCredit = 0 }: MoodleExportOptions = {},
): string {
  const questions = items.map((item) => {
    const asked = networkQuestions(item, askShapes);
    const marks = asked.length;
    return `  <question type="cloze">
    <name><text>${escapeXml(`Network ${item.index + 1}`)}</text></name>
    <questiontext format="html"><text>${escapeXml(clozeHtml(item, asked, mistakeCredit))}</text></questiontext>
    <generalfeedback format="html"><text>${escapeXml(generalFeedback(item))}</text></generalfeedback>
    <defaultgrade>${marks}</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
  </question>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/${escapeXml(category)}</text></category>
  </question>
${questions.join('\n')}
</quiz>
`;
}
