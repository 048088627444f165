/**
 * What a "whole database" BACKUP has to say on the server it runs on.
 *
 * From 3.4 a BACKUP without ON takes every table, materialized view, view and function of the
 * database. Before 3.4 the analyzer (BackupRestoreAnalyzer) also puts every table of the database
 * in the job, views included, but BackupHandler then refuses any table it cannot back up
 * (`Table 'v' is not a OLAP table` before 3.4; from 3.4 what it still cannot back up reads
 * `Table: v can not support backup restore, type: …`), so the bare statement fails on a database that holds a view. There the statement
 * must list the database's tables in ON (…) instead, and the user must be told why the views are
 * left out.
 */
import type { TableInfo } from './models';
import type { Capabilities } from './version';

export type WholeDatabaseScope =
  /** The bare statement covers the database as the user asked. */
  | { kind: 'database' }
  /** An ON list of `tables`; `skipped` are the objects (views) this version cannot back up. */
  | { kind: 'tables'; tables: string[]; skipped: string[] }
  /** Nothing this version can back up: the database holds only objects it refuses. */
  | { kind: 'nothing'; skipped: string[] };

/** SHOW FULL TABLES' `Table_type` of what BACKUP refuses before 3.4 (StarRocks reports views as `VIEW`). */
function isRefusedBefore34(table: TableInfo): boolean {
  return table.type !== undefined && table.type.toUpperCase() !== 'BASE TABLE';
}

/**
 * Decides from the server's capabilities and the database's objects (SHOW FULL TABLES: name and
 * `Table_type`). When the types are unknown (plain SHOW TABLES) the bare statement is kept: there is
 * nothing to base a narrower list on, and the server's own error will say which table it refused.
 */
export function wholeDatabaseScope(caps: Capabilities, objects: readonly TableInfo[]): WholeDatabaseScope {
  if (caps.backupViews) return { kind: 'database' };
  const skipped = objects.filter(isRefusedBefore34).map((t) => t.name);
  if (skipped.length === 0) return { kind: 'database' };
  const tables = objects.filter((t) => !isRefusedBefore34(t)).map((t) => t.name);
  return tables.length === 0 ? { kind: 'nothing', skipped } : { kind: 'tables', tables, skipped };
}
