/** A column of a picture drawn left to right: a tensor's box with its labels, or a rank of a graph. */
export interface RowColumn {
  /** Its width, labels included, in the picture's px. */
  width: number;
}

/**
 * Splits columns drawn left to right into rows no wider than `maxWidth` (columns and the `gap`s
 * between them), in order: as few rows as fit, and as even as they can be, so that a long network
 * wraps into two halves rather than a full row and a stub. A column wider than `maxWidth` gets a row
 * of its own. `splitIntoRows([{width: 100}, {width: 100}, {width: 100}], 250, 30)` →
 * `[[{width: 100}, {width: 100}], [{width: 100}]]`; everything in one row when it fits.
 */
export function splitIntoRows<T extends RowColumn>(columns: readonly T[], maxWidth: number, gap: number): T[][] {
  const fewest = rowsWithin(columns, maxWidth, gap);
  if (fewest.length <= 1) return fewest;
  // The narrowest limit that still needs no more rows, to a tenth of a px: the rows are then as even as can be.
  let [narrow, wide] = [Math.max(...columns.map((c) => c.width)), maxWidth];
  while (wide - narrow > 0.1) {
    const middle = (narrow + wide) / 2;
    if (rowsWithin(columns, middle, gap).length <= fewest.length) wide = middle;
    else narrow = middle;
  }
  return rowsWithin(columns, wide, gap);
}

/** Fills each row with as many columns as fit under `limit` before starting the next. */
function rowsWithin<T extends RowColumn>(columns: readonly T[], limit: number, gap: number): T[][] {
  const rows: T[][] = [];
  let width = 0;
  for (const column of columns) {
    const row = rows[rows.length - 1];
    if (row && row.length > 0 && width + gap + column.width <= limit) {
      row.push(column);
      width += gap + column.width;
    } else {
      rows.push([column]);
      width = column.width;
    }
  }
  return rows;
}
