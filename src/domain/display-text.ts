/**
 * Names people type (a student's display name, an assignment's title), made safe to store and show:
 * NFC-normalized, trimmed, runs of spaces made one, and refused when they hold characters that
 * hide or reorder text (control characters, bidirectional overrides, zero-width spaces).
 */

// Control characters (Cc), format characters (Cf) but the two joiners that emoji and some scripts
// need (U+200C, U+200D), lone surrogates (Cs) and the line and paragraph separators.
const HIDDEN = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;

/** A typed name as it is stored and shown: `cleanText('  Ada\u00a0 Lovelace ') → 'Ada Lovelace'`. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
}

/** Its length as people count letters, in code points: `textLength('👩‍🔬') → 3` (two emoji and a joiner). */
export const textLength = (text: string) => [...text].length;

/**
 * Why a typed name cannot be used, or null:
 * `textProblem('Ada\u202e', 'a display name', 60) → 'a display name cannot hold control or invisible formatting characters (U+202E)'`.
 */
export function textProblem(text: string, what: string, max: number): string | null {
  const hidden = HIDDEN.exec(text.normalize('NFC'));
  if (hidden) {
    const code = hidden[0].codePointAt(0) ?? 0;
    return `${what} cannot hold control or invisible formatting characters (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  const cleaned = cleanText(text);
  if (cleaned === '') return `${what} cannot be empty`;
  const length = textLength(cleaned);
  if (length > max) return `${what} has at most ${max} characters (this one has ${length})`;
  return null;
}
