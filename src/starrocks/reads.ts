/**
 * Every SHOW the extension reads, paired with the parser of its answer: the one place where
 * "send SHOW X, parse X" is written. Pure (no `vscode`): the rows come from any `QuerySession`.
 */
import type { JobKind, PartitionInfo, RepositoryInfo, SnapshotDetail, SnapshotSummary, TableInfo } from './models';
import { parseDatabases, parseTables } from './parsers/catalog';
import { parsePartitions } from './parsers/partitions';
import { parseRepositories } from './parsers/repositories';
import { parseSnapshotDetail, parseSnapshotList } from './parsers/snapshots';
import { ColumnInfo, parseColumns, parseRowCount, RowCountAnswer } from './parsers/verification';
import { countRows, RowCountQuery, showColumns } from './builders/verification';
import {
  showBackup,
  showDatabases,
  showFullTables,
  showPartitions,
  showRepositories,
  showRestore,
  showSnapshots,
  showTables,
} from './builders/show';

export type Rows = Record<string, unknown>[];

/** The one thing a read needs from a connection; `StarRocksSession` satisfies it. */
export interface QuerySession {
  query(sql: string): Promise<{ rows: Rows }>;
}

export async function readRepositories(session: QuerySession): Promise<RepositoryInfo[]> {
  return parseRepositories((await session.query(showRepositories().sql)).rows);
}

export async function readSnapshots(session: QuerySession, repository: string): Promise<SnapshotSummary[]> {
  return parseSnapshotList((await session.query(showSnapshots(repository).sql)).rows);
}

/** One snapshot with all its timestamps (`SHOW SNAPSHOT ON repo WHERE SNAPSHOT = 'label'`). */
export async function readSnapshot(session: QuerySession, repository: string, label: string): Promise<SnapshotSummary[]> {
  return parseSnapshotList((await session.query(showSnapshots(repository, { snapshot: label }).sql)).rows).filter((s) => s.label === label);
}

/** What one snapshot holds: database, tables, partitions (the detail form of SHOW SNAPSHOT). */
export async function readSnapshotDetail(
  session: QuerySession,
  repository: string,
  label: string,
  timestamp: string,
): Promise<SnapshotDetail | undefined> {
  return parseSnapshotDetail((await session.query(showSnapshots(repository, { snapshot: label, timestamp }).sql)).rows);
}

export async function readDatabases(session: QuerySession): Promise<string[]> {
  return parseDatabases((await session.query(showDatabases().sql)).rows);
}

export async function readTables(session: QuerySession, database: string): Promise<TableInfo[]> {
  return parseTables((await session.query(showTables(database).sql)).rows);
}

/** `SHOW FULL TABLES`: the tables with their types (`BASE TABLE`, `VIEW`, …). */
export async function readFullTables(session: QuerySession, database: string): Promise<TableInfo[]> {
  return parseTables((await session.query(showFullTables(database).sql)).rows);
}

export async function readPartitions(session: QuerySession, database: string, table: string): Promise<PartitionInfo[]> {
  return parsePartitions((await session.query(showPartitions(database, table).sql)).rows);
}

/** The raw rows of SHOW BACKUP / SHOW RESTORE (every database's last job, or one database's). */
export async function readJobRows(session: QuerySession, kind: JobKind, database?: string): Promise<Rows> {
  return (await session.query((kind === 'BACKUP' ? showBackup(database) : showRestore(database)).sql)).rows;
}

/** `SHOW COLUMNS FROM db.t`: each column's name and type. */
export async function readColumns(session: QuerySession, database: string, table: string): Promise<ColumnInfo[]> {
  return parseColumns((await session.query(showColumns(database, table).sql)).rows);
}

/** The rows of a table or one partition, with the content checksum when columns are given. */
export async function readRowCount(session: QuerySession, query: RowCountQuery): Promise<RowCountAnswer> {
  return parseRowCount((await session.query(countRows(query).sql)).rows, (query.checksumColumns ?? []).length > 0);
}
