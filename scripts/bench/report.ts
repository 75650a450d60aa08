// Printing helpers for the bench sections under scripts/bench/ (scripts/bench.ts keeps its own copies).

/** The median of `values`: `median([3, 1, 2]) → 2`, `median([1, 2, 3, 4]) → 2.5`. */
export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/** Milliseconds for a table cell: `ms(0.0123) → '12.3 µs'`, `ms(4.5) → '4.50 ms'`. */
export const ms = (value: number) =>
  value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;

/** A ratio for a table cell: `times(2.345) → '2.35×'`, `times(41.7) → '42×'`. */
export const times = (value: number) => `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;

/** Bytes for a table cell, in KB of 1,000 bytes: `kb(150_000) → '150.0 KB'`. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Prints a titled table with columns padded to their widest cell. */
export function table(title: string, head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
