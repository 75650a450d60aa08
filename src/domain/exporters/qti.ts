import { escapeMarkup as escapeXml } from '../escape-markup';
import type { PracticeItem } from '../practice-set';
import { setQuestions, type SetQuestion } from './set-questions';
import { zipStored } from './zip';

/** The assessment file's path inside the package, which the manifest names. */
export const QTI_ASSESSMENT_PATH = 'learnable-set/learnable-set.xml';

/** A question's text in HTML: the network's line, its layers as a numbered list, then the question. */
const html = (q: SetQuestion) =>
  `<p>${escapeXml(q.lead)}</p><ol>${q.layers.map((line) => `<li>${escapeXml(line)}</li>`).join('')}</ol>` +
  `<p>${escapeXml(q.ask)}</p>`;

/** A feedback of the item, which a response condition shows by its `ident`. */
const itemFeedback = (ident: string, text: string) =>
  `      <itemfeedback ident="${ident}"><flow_mat><material><mattext texttype="text/html">${escapeXml(
    `<p>${escapeXml(text)}</p>`,
  )}</mattext></material></flow_mat></itemfeedback>`;

/** A response condition: when the answer is one of `values`, show feedback `feedback` and set the score (if any). */
function condition(values: readonly string[], feedback: string, score: number | null): string {
  const equal = values.map((v) => `<varequal respident="response1">${escapeXml(v)}</varequal>`).join('');
  const test = values.length === 1 ? equal : `<or>${equal}</or>`;
  return (
    `        <respcondition continue="${score === null ? 'Yes' : 'No'}"><conditionvar>${test}</conditionvar>` +
    `<displayfeedback feedbacktype="Response" linkrefid="${feedback}"/>` +
    `${score === null ? '' : `<setvar action="Set" varname="SCORE">${score}</setvar>`}</respcondition>`
  );
}

/**
 * One question as a Canvas QTI 1.2 item: a `numerical_question` (exact) for a count, a `short_answer_question`
 * taking every spelling for a shape. The diagnosed mistakes' values come first, each showing its message
 * (`continue="Yes"`, no score), then the right answer (score 100, the arithmetic), then anything else.
 */
function item(q: SetQuestion, n: number): string {
  const numerical = q.answer.kind === 'count';
  const type = numerical ? 'numerical_question' : 'short_answer_question';
  const right = q.answer.kind === 'count' ? [String(q.answer.count)] : q.answer.spellings;
  const mistakes =
    q.answer.kind === 'count'
      ? q.answer.mistakes.map((m) => ({ values: [String(m.count)], feedback: m.feedback }))
      : q.answer.mistakes.map((m) => ({ values: m.spellings, feedback: m.feedback }));
  const ident = `q${n}`;
  const response = numerical
    ? '<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>'
    : '<response_str ident="response1" rcardinality="Single"><render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str>';
  return `    <item ident="${ident}" title="${escapeXml(q.name)}">
      <itemmetadata><qtimetadata>
        <qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>${type}</fieldentry></qtimetadatafield>
        <qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>1.0</fieldentry></qtimetadatafield>
      </qtimetadata></itemmetadata>
      <presentation>
        <material><mattext texttype="text/html">${escapeXml(html(q))}</mattext></material>
        ${response}
      </presentation>
      <resprocessing>
        <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>
${mistakes.map((m, i) => condition(m.values, `${ident}_m${i + 1}`, null)).join('\n')}
${condition(right, 'correct_fb', 100)}
        <respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_incorrect_fb"/></respcondition>
      </resprocessing>
${[
  itemFeedback('correct_fb', `Right: ${q.feedback}`),
  itemFeedback('general_incorrect_fb', `Not right. ${q.feedback}`),
  ...mistakes.map((m, i) => itemFeedback(`${ident}_m${i + 1}`, m.feedback)),
].join('\n')}
    </item>`;
}

/**
 * The set as a QTI 1.2 assessment in Canvas's dialect: a question per layer's count (and output shape, when the
 * set asks shapes) and per total, in the worksheet's order, each with the diagnosed mistakes' feedback.
 */
export function toQtiAssessment(items: readonly PracticeItem[], askShapes: boolean, title: string): string {
  const questions = setQuestions(items, askShapes).map((q, n) => item(q, n + 1));
  return `<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">
  <assessment ident="learnable-set" title="${escapeXml(title)}">
    <qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>
    <section ident="root_section">
${questions.join('\n')}
    </section>
  </assessment>
</questestinterop>
`;
}

/** The IMS content package's manifest: one resource, the assessment, of QTI 1.2 type. */
export function qtiManifest(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="learnable-set-manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
  <metadata>
    <schema>IMS Content</schema>
    <schemaversion>1.1.3</schemaversion>
    <lom xmlns="http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"><general><title><string>${escapeXml(title)}</string></title></general></lom>
  </metadata>
  <organizations/>
  <resources>
    <resource identifier="learnable-set" type="imsqti_xmlv1p2" href="${QTI_ASSESSMENT_PATH}">
      <file href="${QTI_ASSESSMENT_PATH}"/>
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The set as the zip Canvas imports (Settings → Import course content → QTI .zip file):
 * `imsmanifest.xml` at the root and the assessment it names.
 */
export function toCanvasQtiZip(
  items: readonly PracticeItem[],
  askShapes: boolean,
  title: string,
): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  return zipStored([
    { name: 'imsmanifest.xml', data: encoder.encode(qtiManifest(title)) },
    { name: QTI_ASSESSMENT_PATH, data: encoder.encode(toQtiAssessment(items, askShapes, title)) },
  ]);
}
