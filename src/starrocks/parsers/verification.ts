/** The answers a restore verification reads: SHOW COLUMNS and the row count / checksum SELECT. */
import { CHECKSUM_COLUMN, ROW_COUNT_COLUMN } from '../builders/verification';
import { cellNonEmpty, cellText, Row } from './cells';

export interface ColumnInfo {
  name: string;
  /** The type as SHOW COLUMNS prints it, e.g. `int(11)`, `varchar(65533)`, `bitmap`. */
  type: string;
}

export interface RowCountAnswer {
  rows: number;
  /** The checksum as the server printed it (a BIGINT, kept as text); `0` for no rows (SUM of nothing is NULL). */
  checksum?: string;
}

export function parseColumns(rows: readonly Row[]): ColumnInfo[] {
  return rows.map((row) => ({ name: cellText(row, 'Field') ?? '', type: cellNonEmpty(row, 'Type') ?? '' })).filter((c) => c.name !== '');
}

/** The one row of `countRows`; throws when the answer is not a count (a server that answered something else). */
export function parseRowCount(rows: readonly Row[], withChecksum: boolean): RowCountAnswer {
  const text = rows.length === 1 ? cellNonEmpty(rows[0], ROW_COUNT_COLUMN)?.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) {
    throw new Error(`The server answered the row count with ${rows.length} row(s) and no ${ROW_COUNT_COLUMN} number.`);
  }
  if (!withChecksum) return { rows: Number(text) };
  const checksum = cellNonEmpty(rows[0], CHECKSUM_COLUMN)?.trim() ?? '0';
  if (!/^-?\d+$/.test(checksum)) throw new Error(`The server answered the checksum with "${checksum}", not an integer.`);
  return { rows: Number(text), checksum };
}
