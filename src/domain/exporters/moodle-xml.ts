import type { PracticeItem } from '../practice-set';
import { escapeMarkup as escapeXml } from '../escape-markup';
import { setQuestions, type SetQuestion } from './set-questions';

/** A question's text in HTML: the network's line, its layers as a numbered list, then the question. */
const html = (q: SetQuestion) =>
  `<p>${escapeXml(q.lead)}</p><ol>${q.layers.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ol>` +
  `<p>${escapeXml(q.ask)}</p>`;

/** A question's type and answers in Moodle XML: numerical for a count, short answer for a shape. */
function answerXml(q: SetQuestion): { type: string; answers: string } {
  if (q.answer.kind === 'count') {
    return {
      type: 'numerical',
      answers: `    <answer fraction="100" format="moodle_auto_format">
      <text>${q.answer.count}</text>
      <feedback format="html"><text>${escapeXml(`<p>Right: ${escapeXml(q.feedback)}</p>`)}</text></feedback>
      <tolerance>0</tolerance>
    </answer>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>3</showunits>
    <unitsleft>0</unitsleft>`,
    };
  }
  // Every spelling of the shape is right, "x" and "X" alike (usecase 0); the feedback is the general one.
  const answers = q.answer.spellings.map(
    (spelling) => `    <answer fraction="100" format="moodle_auto_format">
      <text>${escapeXml(spelling)}</text>
      <feedback format="html"><text></text></feedback>
    </answer>`,
  );
  return { type: 'shortanswer', answers: ['    <usecase>0</usecase>', ...answers].join('\n') };
}

/**
 * The set as Moodle XML: a category, then a question per layer's count (numerical, exact: tolerance 0),
 * per layer's output shape when the set asks for shapes (short answer) and per total, with the arithmetic
 * as feedback. The network is given as the worksheet of the same options gives it (`askShapes`).
 */
export function toMoodleXml(
  items: readonly PracticeItem[],
  askShapes: boolean,
  category = 'Learnable practice set',
): string {
  const questions = setQuestions(items, askShapes).map((q) => {
    const { type, answers } = answerXml(q);
    return `  <question type="${type}">
    <name><text>${escapeXml(q.name)}</text></name>
    <questiontext format="html"><text>${escapeXml(html(q))}</text></questiontext>
    <generalfeedback format="html"><text>${escapeXml(`<p>${escapeXml(q.feedback)}</p>`)}</text></generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
${answers}
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
