/**
 * The reading statements of a restore verification: row counts per table or partition, with an
 * optional content checksum the server computes, and the column list the checksum is built from.
 *
 * Row counts: `SELECT COUNT(*) FROM db.t [PARTITION (p)]`. The PARTITION clause of a table reference
 * (`relationPrimary: qualifiedName temporalClause? partitionNames? …` in StarRocks.g4) exists in
 * every supported version (2.5+); names may be backtick-quoted identifiers.
 *
 * Checksum: `SUM(murmur_hash3_32(v1, v2, …))` over the rows, where each `v` is
 * `IFNULL(CONCAT('v', CAST(col AS VARCHAR)), 'n')`. murmur_hash3_32 (a hash function since 2.x,
 * `INT murmur_hash3_32(VARCHAR, …)`) chains its arguments, so column boundaries count; it returns
 * NULL when any argument is NULL, hence the `'v'`/`'n'` prefix that keeps NULL apart from every
 * value (the empty string included). SUM is order-independent, so the result does not depend on
 * how the rows are spread over tablets, and SUM of INT is a BIGINT. The rendering of a value as
 * VARCHAR is the server's: FLOAT/DOUBLE text may differ between major versions, so a checksum is
 * compared between clusters of the same version (the report says so). Aggregate-state columns
 * (BITMAP, HLL, PERCENTILE) cannot be cast to VARCHAR and are left out (see `checksumColumnsOf`).
 */
import { nameIssue, NameKind, qualifiedName, quoteIdentifier } from '../identifiers';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';

/** The column aliases of `countRows`' answer. */
export const ROW_COUNT_COLUMN = 'row_count';
export const CHECKSUM_COLUMN = 'row_checksum';

export interface RowCountQuery {
  database: string;
  table: string;
  /** Count one partition only (`PARTITION (p)`); absent: the whole table. */
  partition?: string;
  /** Also compute the content checksum over these columns, in this order. */
  checksumColumns?: readonly string[];
}

function checkNames(...names: [NameKind, string, string][]): void {
  throwIfIssues(collectIssues(...names.map(([kind, name, key]) => nameIssue(kind, name, key))));
}

/** The checksum expression over `columns` (at least one). */
export function rowChecksumExpression(columns: readonly string[]): string {
  const values = columns.map((c) => `IFNULL(CONCAT('v', CAST(${quoteIdentifier(c)} AS VARCHAR)), 'n')`);
  return `SUM(murmur_hash3_32(${values.join(', ')}))`;
}

/** `SELECT COUNT(*) AS row_count[, SUM(murmur_hash3_32(…)) AS row_checksum] FROM db.t [PARTITION (p)]`. */
export function countRows(query: RowCountQuery): BuiltStatement {
  checkNames(['database', query.database, 'database'], ['table', query.table, 'table']);
  if (query.partition !== undefined) checkNames(['partition', query.partition, 'partition']);
  const columns = query.checksumColumns ?? [];
  // A column name follows the table rule (anything but NUL); quoteIdentifier refuses NUL.
  const items = [`COUNT(*) AS ${quoteIdentifier(ROW_COUNT_COLUMN)}`];
  if (columns.length > 0) items.push(`${rowChecksumExpression(columns)} AS ${quoteIdentifier(CHECKSUM_COLUMN)}`);
  const partition = query.partition === undefined ? '' : ` PARTITION (${quoteIdentifier(query.partition)})`;
  return builtStatement(`SELECT ${items.join(', ')} FROM ${qualifiedName(query.database, query.table)}${partition}`);
}

/** `SHOW COLUMNS FROM db.t`: `Field`, `Type`, `Null`, `Key`, `Default`, `Extra`. */
export function showColumns(database: string, table: string): BuiltStatement {
  checkNames(['database', database, 'database'], ['table', table, 'table']);
  return builtStatement(`SHOW COLUMNS FROM ${qualifiedName(database, table)}`);
}
