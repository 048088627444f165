/** SHOW DATABASES and SHOW TABLES, whose single name column is called `Database` / `Tables_in_<db>`. */
import { TableInfo } from '../models';
import { cellNonEmpty, cellText, Row } from './cells';

/** Databases the FE keeps for itself; backing them up is not meaningful. */
const SYSTEM_DATABASES = new Set(['information_schema', '_statistics_', 'sys', 'starrocks_monitor', 'starrocks_audit_db__']);

export function isSystemDatabase(name: string): boolean {
  return SYSTEM_DATABASES.has(name.toLowerCase());
}

/** The value of the name column: the named one if present, else the row's first column. */
function nameOf(row: Row, isNameColumn: (column: string) => boolean): string {
  const column = Object.keys(row).find(isNameColumn) ?? Object.keys(row)[0];
  return column === undefined ? '' : (cellText(row, column) ?? '');
}

export function parseDatabases(rows: readonly Row[]): string[] {
  return rows.map((row) => nameOf(row, (c) => c.toLowerCase() === 'database')).filter((name) => name !== '');
}

export function parseTables(rows: readonly Row[]): TableInfo[] {
  return rows
    .map((row) => ({ name: nameOf(row, (c) => /^tables_in_/i.test(c)), type: cellNonEmpty(row, 'Table_type') }))
    .filter((table) => table.name !== '');
}
