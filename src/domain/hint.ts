/**
 * A worked line with the learner's numbers left blank, for a hint before the answer is shown: every number is
 * replaced by "?" except the layer's own options (`keep`, as written in its configuration) and the formula's own
 * 1s (`+ 1`, `− 1`); results after "=" and the closing answer are always blank.
 * `blankWork('3 inputs × (2 filters × 3×3) + 2 biases = 56', ['2', '3'])` → `'3 inputs × (2 filters × 3×3) + 2 biases = ?'`,
 * `blankWork('valid padding: height ⌊(15 − 3) / 1⌋ + 1 = 13; 8 filters make 8 channels: 13×14×8', ['8', '3', '1'])`
 * → `'valid padding: height ⌊(? − 3) / 1⌋ + 1 = ?; 8 filters make 8 channels: ?'`.
 */
export function blankWork(text: string, keep: Iterable<string>): string {
  const kept = new Set(keep);
  // The answer at the end: a shape or a number after the last colon.
  const body = text.replace(/: [\d×]+$/, ': ?');
  return body.replace(/(= )?(\d+)/g, (match, equals: string | undefined, digits: string, at: number) => {
    if (equals) return '= ?';
    const before = body.slice(Math.max(0, at - 2), at);
    if (digits === '1' && (before === '+ ' || before === '− ')) return match;
    return kept.has(digits) ? digits : '?';
  });
}

/** The numbers a layer's configuration is written with: `numbersIn('2 filters, 3×3 kernel, stride 1') → ['2', '3', '3', '1']`. */
export const numbersIn = (words: string): string[] => words.match(/\d+/g) ?? [];
