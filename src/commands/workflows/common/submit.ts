import * as vscode from 'vscode';
import type { SubmittedJob, TrackedJob } from '../../../jobs/types';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { EXPLORER_VIEW_ID } from '../../commandIds';
import type { WorkflowDeps } from './deps';

/**
 * Sends one built statement on a connection, with progress shown on the explorer view (where the
 * result will appear). Only the display text is ever logged. Rejects with the session's error,
 * whose message already says what to do.
 */
export async function runStatement(deps: WorkflowDeps, profileId: string, statement: BuiltStatement, progressTitle: string): Promise<void> {
  const session = await deps.connections.getSession(profileId);
  deps.log.info(`[${session.profile.name}] ${statement.display}`);
  await vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID }, title: progressTitle }, async () => {
    try {
      await session.query(statement.sql);
    } catch (error) {
      deps.log.warn(`[${session.profile.name}] failed: ${statement.display}`);
      throw error;
    }
  });
}

/**
 * BACKUP and RESTORE return as soon as the job is submitted: from here on the job tracker follows it,
 * and the tree shows it in the connection's Jobs section (and the snapshot, once written).
 */
export async function submitJob(
  deps: WorkflowDeps,
  statement: BuiltStatement,
  job: Omit<SubmittedJob, 'sql'>,
  progressTitle: string,
): Promise<TrackedJob> {
  await runStatement(deps, job.profileId, statement, progressTitle);
  const tracked = deps.jobs.track({ ...job, sql: statement.display });
  deps.explorer.refreshRepository(job.profileId, job.repository);
  deps.explorer.refreshJobs(job.profileId);
  return tracked;
}
