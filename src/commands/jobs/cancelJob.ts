/**
 * Cancel Job: a modal confirmation, then CANCEL BACKUP/RESTORE FROM db. A restore that reached
 * COMMIT is warned about specially: cancelling it can leave the tables it overwrote unusable.
 */
import * as vscode from 'vscode';
import { connectionLabel, jobTitle } from '../../jobs/describe';
import type { JobTracker } from '../../jobs/jobTracker';
import type { TrackedJob } from '../../jobs/types';
import { cancelJob as cancelStatement } from '../../starrocks/statements/show';
import type { Prompter } from '../../ui/prompter';
import { isRunning, jobKeyOf } from './jobArgument';
import { noJobsMessage, pickJob } from './pickJob';

/** Restore states from which on a cancel may leave overwritten tables inconsistent (spec §2.8). */
const RESTORE_PAST_COMMIT = new Set(['COMMIT', 'COMMITTING']);

/** Resolves to true when the job was cancelled; a failed cancel is thrown to `registerCommand`, which reports it. */
export async function cancelJobCommand(tracker: JobTracker, prompter: Prompter, argument: unknown): Promise<boolean> {
  const job = await chooseRunningJob(tracker, prompter, argument);
  if (!job) return false;
  const action = vscode.l10n.t('Cancel Job');
  const answer = await prompter.confirm(vscode.l10n.t('Cancel {0} on {1}?', jobTitle(job), connectionLabel(job, tracker.connectionNames)), confirmationDetail(job), action);
  if (answer !== action) return false;
  // It may have ended while the dialog was open; CANCEL would then fail with "can not be cancelled".
  if (!isRunning(tracker.get(job.key))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already ended.', jobTitle(job)));
    return false;
  }
  try {
    await tracker.cancel(job.key);
    return true;
  } catch (error) {
    // registerCommand logs and shows it, redacted: the server's message may quote a statement.
    throw new Error(vscode.l10n.t('Could not cancel {0}: {1}', jobTitle(job), error instanceof Error ? error.message : String(error)));
  }
}

async function chooseRunningJob(tracker: JobTracker, prompter: Prompter, argument: unknown): Promise<TrackedJob | undefined> {
  const key = jobKeyOf(argument);
  if (key !== undefined) {
    const job = tracker.get(key);
    if (isRunning(job)) return job;
    void vscode.window.showInformationMessage(vscode.l10n.t('That job is not running any more.'));
    return undefined;
  }
  const running = tracker.list().filter((job) => job.phase === 'running');
  if (running.length === 0) {
    noJobsMessage(true);
    return undefined;
  }
  return pickJob(prompter, tracker, running, vscode.l10n.t('Choose the job to cancel'));
}

function confirmationDetail(job: TrackedJob): string {
  const sql = cancelStatement(job.kind, job.database).display;
  if (job.kind === 'RESTORE' && RESTORE_PAST_COMMIT.has(job.state)) {
    return vscode.l10n.t(
      'The restore has reached {0}: it is already replacing data. Cancelling now can leave the tables it overwrites unusable until they are restored again or dropped.\n\nRuns: {1}',
      job.state,
      sql,
    );
  }
  const consequence =
    job.kind === 'BACKUP'
      ? vscode.l10n.t('The backup stops; files it already uploaded stay in the repository and the snapshot is incomplete.')
      : vscode.l10n.t('The restore stops before it has replaced any existing data.');
  return `${consequence}\n\n${vscode.l10n.t('Runs: {0}', sql)}`;
}
