import * as vscode from 'vscode';
import { readAllJobs, readDatabaseJob, type QuerySession } from '../../jobs/core/serverJobs';
import type { ObservedJob } from '../../jobs/core/jobRecord';
import { isTerminalState, type JobRow } from '../../starrocks/models';
import { isSystemDatabase } from '../../starrocks/parsers/catalog';
import { connectionName } from '../workflows/common/choices';
import type { StorageDeps } from './deps';

/**
 * The running BACKUP/RESTORE jobs that use one of `labels`, asked of the server right now (not the
 * tracker's memory): SHOW BACKUP / SHOW RESTORE without FROM list every database's last job; on
 * servers that refuse that form, each database is asked in turn.
 */
export async function runningJobsFor(deps: StorageDeps, profileId: string, labels: readonly string[]): Promise<Map<string, JobRow>> {
  const session = await deps.connections.getSession(profileId);
  let observed: ObservedJob[];
  try {
    observed = await readAllJobs(session);
  } catch {
    observed = await perDatabase(deps, profileId, session);
  }
  const wanted = new Set(labels);
  const running = new Map<string, JobRow>();
  for (const { row } of observed) if (wanted.has(row.label) && !isTerminalState(row.state)) running.set(row.label, row);
  return running;
}

async function perDatabase(deps: StorageDeps, profileId: string, session: QuerySession): Promise<ObservedJob[]> {
  const observed: ObservedJob[] = [];
  for (const database of (await deps.catalog.databases(profileId)).filter((db) => !isSystemDatabase(db))) {
    for (const kind of ['BACKUP', 'RESTORE'] as const) {
      const job = await readDatabaseJob(session, kind, database);
      if (job) observed.push(job);
    }
  }
  return observed;
}

export function inUseMessage(deps: StorageDeps, profileId: string, job: JobRow): string {
  return vscode.l10n.t(
    '{0} {1} is {2} in database {3} on {4}: its snapshot cannot be deleted while the job runs. Wait for it to finish or cancel it first.',
    job.kind,
    job.label,
    job.state,
    job.database,
    connectionName(deps, profileId),
  );
}
