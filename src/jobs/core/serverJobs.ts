/**
 * The questions the tracker asks a StarRocks FE, built and parsed by the dialect layer. Without
 * FROM, SHOW BACKUP / SHOW RESTORE return the last job of every database in one query each (spec
 * §2.6), which is what keeps the tracker's cost flat in the number of databases.
 */
import type { JobKind } from '../../starrocks/models';
import { parseBackupJob, parseRestoreJob } from '../../starrocks/parsers/jobs';
import { readJobRows, readRepositories, readSnapshot, type QuerySession } from '../../starrocks/reads';
import type { ObservedJob } from './jobRecord';

export type { QuerySession } from '../../starrocks/reads';

/** Parses one raw row, keeping it next to its parse so that the details view can show every column. */
export function parseJobRow(kind: JobKind, raw: Record<string, unknown>): ObservedJob {
  return { row: kind === 'BACKUP' ? parseBackupJob(raw) : parseRestoreJob(raw), raw };
}

function observe(kind: JobKind, rows: Record<string, unknown>[]): ObservedJob[] {
  // A row without a label is no job the tracker can follow (nothing to match or show).
  return rows.map((raw) => parseJobRow(kind, raw)).filter((o) => o.row.label !== '');
}

/** The last BACKUP and RESTORE job of every database: two queries, whatever the number of databases. */
export async function readAllJobs(session: QuerySession): Promise<ObservedJob[]> {
  const backups = await readJobRows(session, 'BACKUP');
  const restores = await readJobRows(session, 'RESTORE');
  return [...observe('BACKUP', backups), ...observe('RESTORE', restores)];
}

/** The last job of one kind in one database (the fallback when the cluster-wide form fails). */
export async function readDatabaseJob(session: QuerySession, kind: JobKind, database: string): Promise<ObservedJob | undefined> {
  return observe(kind, await readJobRows(session, kind, database))[0];
}

export async function listRepositoryNames(session: QuerySession): Promise<string[]> {
  return (await readRepositories(session)).map((repository) => repository.name);
}

/**
 * Whether one of `repositories` holds a complete snapshot labelled `label` (spec §4.3: when a
 * backup vanishes from SHOW BACKUP, Status `OK` in SHOW SNAPSHOT means it reached the repository).
 */
export async function snapshotExists(session: QuerySession, label: string, repositories: readonly string[]): Promise<boolean> {
  for (const repository of repositories) {
    if ((await readSnapshot(session, repository, label)).some((snapshot) => snapshot.status === 'OK')) {
      return true;
    }
  }
  return false;
}
