/** One answer of a Cloze sub-question: what is typed, the credit it earns (0–100 %) and the feedback it shows. */
export interface ClozeAlternative {
  /** A number for NUMERICAL, a text for SHORTANSWER, or `*`: any other answer. */
  answer: string;
  credit: number;
  feedback: string;
}

// `}` and `#` are escaped with a backslash, as Moodle's Cloze documentation says, and Moodle's importer
// (question/type/multianswer) undoes exactly those two. It undoes no other backslash, so `~`, `/`, `"` and `\`,
// which the documentation also lists, are written as character references: the question text is HTML, the
// importer decodes them before it uses an answer or a feedback, and they can never be read as Cloze syntax.
// `<`, `>` and `&` are the HTML's own.
const CLOZE_ESCAPES: Record<string, string> = {
  '}': '\\}',
  '#': '\\#',
  '~': '&#126;',
  '/': '&#47;',
  '"': '&quot;',
  '\\': '&#92;',
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
};

/**
 * Text made safe inside a Cloze answer or feedback, in an HTML question text:
 * `escapeCloze('⌈input / stride⌉, Param #')` → `'⌈input &#47; stride⌉, Param \\#'`.
 */
export function escapeCloze(text: string): string {
  return text.replace(/[}#~/"\\<>&]/g, (c) => CLOZE_ESCAPES[c] ?? c);
}

/** An alternative in Cloze syntax: `=` for full credit, `%n%` otherwise, then the answer and `#feedback`. */
const alternative = ({ answer, credit, feedback }: ClozeAlternative, tolerance: string) =>
  `${credit === 100 ? '=' : `%${credit}%`}${answer === '*' ? '*' : `${escapeCloze(answer)}${tolerance}`}` +
  `${feedback ? `#${escapeCloze(feedback)}` : ''}`;

/**
 * A NUMERICAL sub-question, exact (tolerance 0):
 * `clozeNumerical(1, [{ answer: '56', credit: 100, feedback: 'Right' }, { answer: '54', credit: 0, feedback: 'No biases' }])`
 * → `'{1:NUMERICAL:=56:0#Right~%0%54:0#No biases}'`.
 */
export function clozeNumerical(weight: number, alternatives: readonly ClozeAlternative[]): string {
  return `{${weight}:NUMERICAL:${alternatives.map((a) => alternative(a, ':0')).join('~')}}`;
}

/** A SHORTANSWER sub-question, case not mattering (`20X20X3` is `20x20x3`): `{1:SHORTANSWER:=20×20×3#Right~…}`. */
export function clozeShortAnswer(weight: number, alternatives: readonly ClozeAlternative[]): string {
  return `{${weight}:SHORTANSWER:${alternatives.map((a) => alternative(a, '')).join('~')}}`;
}
