import { mkdirSync, writeFileSync } from 'node:fs';

/** How often a diagnosis named a simulated mistake: its cases where the value differs from the right one. */
export interface Tally {
  distinguishable: number;
  recalled: number;
  collided: number;
}

export interface RecallRow {
  code: string;
  cases: number;
  recall: number;
  collision: number;
}

/**
 * A row per mistake code, in the order given; a code without distinguishable cases gets `unseen` as
 * its recall (0 makes its test fail, which is what a code never simulated deserves).
 */
export function recallRows(tallies: Iterable<readonly [string, Tally | undefined]>, unseen: number): RecallRow[] {
  return [...tallies].map(([code, t]) => ({
    code,
    cases: t?.distinguishable ?? 0,
    recall: t?.distinguishable ? t.recalled / t.distinguishable : unseen,
    collision: t?.distinguishable ? t.collided / t.distinguishable : 0,
  }));
}

/** Writes the rows to test-results/`name`.json and prints them as the README's table is made from them. */
export function reportRecall(name: string, heading: string, rows: readonly RecallRow[]): void {
  mkdirSync('test-results', { recursive: true });
  writeFileSync(`test-results/${name}.json`, JSON.stringify(rows, null, 2));
  const width = Math.max(heading.length, ...rows.map((r) => r.code.length)) + 2;
  const line = (code: string, cases: string, recall: string, collides: string) =>
    code.padEnd(width) + cases.padStart(8) + recall.padStart(9) + collides.padStart(10);
  console.log(
    [line(heading, 'cases', 'recall', 'collides')]
      .concat(
        rows.map((r) =>
          line(r.code, String(r.cases), `${(r.recall * 100).toFixed(1)}%`, `${(r.collision * 100).toFixed(1)}%`),
        ),
      )
      .join('\n'),
  );
}
