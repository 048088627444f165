import type { RepositoryInfo } from '../../../starrocks/models';
import { snapshotTimestampToDate } from '../../../text/format';
import { snapshotEntries, type SnapshotEntry } from '../../../views/snapshotEntries';
import type { WorkflowDeps } from '../common/deps';

/** At most this many SHOW SNAPSHOT detail queries are spent finding a database's last snapshot. */
const MAX_DETAIL_LOOKUPS = 5;

/**
 * When the database was last backed up, to offer partitions changed since then first. Two sources:
 * the job tracker's history (free), and the repositories' newest complete snapshots whose detail
 * names this database (a few queries, labels that start with `<db>_` tried first since that is the
 * default label). The newest of the two wins; undefined when neither knows.
 */
export async function lastSnapshotTime(
  deps: WorkflowDeps,
  profileId: string,
  database: string,
  repositories: RepositoryInfo[],
): Promise<Date | undefined> {
  const times = [fromTracker(deps, profileId, database), await fromRepositories(deps, profileId, database, repositories)].filter(
    (t): t is Date => t !== undefined,
  );
  return times.sort((a, b) => b.getTime() - a.getTime())[0];
}

function fromTracker(deps: WorkflowDeps, profileId: string, database: string): Date | undefined {
  const finished = deps.jobs
    .list(profileId)
    .filter((job) => job.kind === 'BACKUP' && job.database === database && job.phase === 'finished');
  // The snapshot holds the data as of the job's start, so partitions changed after it count as new.
  const newest = Math.max(...finished.map((job) => job.submittedAt));
  return Number.isFinite(newest) ? new Date(newest) : undefined;
}

async function fromRepositories(
  deps: WorkflowDeps,
  profileId: string,
  database: string,
  repositories: RepositoryInfo[],
): Promise<Date | undefined> {
  const candidates: { repo: RepositoryInfo; entry: SnapshotEntry }[] = [];
  for (const repo of repositories) {
    const entries = snapshotEntries(await deps.catalog.snapshots(profileId, repo.name));
    candidates.push(...entries.filter((e) => e.timestamp !== undefined && e.summary.status === 'OK').map((entry) => ({ repo, entry })));
  }
  const prefix = `${database}_`;
  candidates.sort(
    (a, b) =>
      Number(b.entry.label.startsWith(prefix)) - Number(a.entry.label.startsWith(prefix)) ||
      (b.entry.timestamp ?? '').localeCompare(a.entry.timestamp ?? ''),
  );
  for (const { repo, entry } of candidates.slice(0, MAX_DETAIL_LOOKUPS)) {
    const detail = await deps.catalog.snapshotDetail(profileId, repo.name, entry.label, entry.timestamp as string);
    if (detail?.ok && detail.database === database) {
      return detail.backupTime ?? snapshotTimestampToDate(entry.timestamp as string);
    }
  }
  return undefined;
}
