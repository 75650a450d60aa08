/** Reads a submitted count exactly: `countValue("2,402") → 2402n`, `countValue(56) → 56n`. */
export function countValue(answer: number | string): bigint {
  return typeof answer === 'number' ? BigInt(answer) : BigInt(answer.replace(/[^\d]/g, ''));
}
