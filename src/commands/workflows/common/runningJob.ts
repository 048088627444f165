import * as vscode from 'vscode';
import { validateNoRunningJob } from '../../../starrocks/validation';
import { connectionName } from './choices';
import type { WorkflowDeps } from './deps';
import { WorkflowRefusal } from './guard';

/**
 * StarRocks runs one BACKUP or RESTORE per database at a time. Asking first (through the job
 * tracker, which reads SHOW BACKUP / SHOW RESTORE FROM db) turns the server's terse refusal into
 * one that names the running job, before anything is submitted. A database that does not exist yet
 * (a restore that creates it) has no job: the caller passes `exists: false` to skip the question.
 */
export async function refuseIfJobRunning(deps: WorkflowDeps, profileId: string, database: string, exists = true): Promise<void> {
  if (!exists) return;
  const running = await deps.jobs.findRunningJob(profileId, database);
  if (!running) return;
  const issue = validateNoRunningJob(database, [running])[0];
  const where = connectionName(deps, profileId);
  throw new WorkflowRefusal(
    issue
      ? vscode.l10n.t('{0} ({1}). {2}', issue.message, where, issue.fix ?? '').trim()
      : vscode.l10n.t(
          '{0} {1} is still running in {2} on {3}; only one backup or restore can run in a database at a time.',
          running.kind,
          running.label,
          database,
          where,
        ),
  );
}
