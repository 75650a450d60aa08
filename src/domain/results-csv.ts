import type { StudentAttempts } from './class-results';
import type { JudgedCount, JudgedShape } from './schema/assignment';

/** The CSV's columns, in order. */
export const CSV_COLUMNS = [
  'student',
  'submission',
  'attempt',
  'submitted_at',
  'network',
  'layer',
  'layer_type',
  'expected_count',
  'answer',
  'correct',
  'carried_forward_from',
  'mistakes',
  'expected_shape',
  'answer_shape',
  'shape_correct',
  'shape_mistakes',
] as const;

/**
 * One CSV field, quoted (RFC 4180), and defused for spreadsheets: a cell that starts with = + - @,
 * a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets, so it gets a
 * leading apostrophe (OWASP's advice): `csvField('=1+1') → '"\'=1+1"'`, `csvField('a"b') → '"a""b"'`.
 */
export function csvField(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

const yesNo = (verdict: { correct: boolean } | undefined) => (verdict ? (verdict.correct ? 'yes' : 'no') : '');
const shape = (dims: readonly number[] | undefined) => (dims ? dims.join('x') : '');
// Layers are numbered from 1 in the CSV, as on the pages.
const carried = (verdict: JudgedCount | JudgedShape | undefined) =>
  verdict?.carriedForward
    ? verdict.followsFrom === undefined
      ? 'earlier layer'
      : `layer ${verdict.followsFrom + 1}`
    : '';
const mistakes = (verdict: JudgedCount | JudgedShape | undefined) =>
  verdict && !verdict.correct ? verdict.mistakes.join(' ') : '';

/**
 * Every answer of every attempt as a spreadsheet reads it: a row per student × attempt × layer and one
 * for each network's total, networks and layers numbered from 1, a UTF-8 byte order mark (so Excel
 * reads names in any script) and CRLF line ends: `resultsCsv(students)`.
 */
export function resultsCsv(students: readonly StudentAttempts[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  const ordered = [...students].sort((a, b) => a.submissionId.localeCompare(b.submissionId));
  for (const { submissionId, attempts } of ordered) {
    for (const attempt of [...attempts].sort((a, b) => a.attempt - b.attempt)) {
      for (const network of attempt.networks) {
        const base = [attempt.displayName, submissionId, attempt.attempt, attempt.submittedAt, network.index + 1];
        network.layers.forEach((layer, i) => {
          const a = layer.answer;
          const s = layer.shapeAnswer;
          lines.push(
            [
              ...base,
              i + 1,
              layer.type,
              layer.params,
              a?.submitted ?? '',
              yesNo(a),
              carried(a),
              mistakes(a),
              shape(layer.outputShape),
              shape(s?.submitted),
              yesNo(s),
              mistakes(s),
            ]
              .map(csvField)
              .join(','),
          );
        });
        const t = network.total.answer;
        lines.push(
          [
            ...base,
            'total',
            '',
            network.total.params,
            t?.submitted ?? '',
            yesNo(t),
            carried(t),
            mistakes(t),
            '',
            '',
            '',
            '',
          ]
            .map(csvField)
            .join(','),
        );
      }
    }
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
