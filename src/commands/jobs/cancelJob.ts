/**
 * Cancel Job: a modal confirmation, then CANCEL BACKUP/RESTORE FROM db. That statement cancels
 * whatever runs in the database at that moment, so the tracker sends it only after a fresh SHOW
 * BACKUP/RESTORE FROM db shows the chosen job running there (see `JobTrackerCore.cancel`); when
 * another job runs there now, or the read fails, nothing is sent and the user is told why. A
 * restore past COMMIT is warned about, on what the fresh row says: cancelling it can leave the
 * tables it overwrote unusable.
 */
import * as vscode from 'vscode';
import { isRestorePastCommit } from '../../jobs/core/jobRecord';
import type { CancelResult } from '../../jobs/types';
import { connectionLabel, jobTitle } from '../../jobs/describe';
import type { JobTracker } from '../../jobs/jobTracker';
import type { TrackedJob } from '../../jobs/types';
import type { JobRow } from '../../starrocks/models';
import { cancelJob as cancelStatement } from '../../starrocks/builders/cancelJob';
import type { Prompter } from '../../ui/prompter';
import { isRunning, jobKeyOf } from './jobArgument';
import { noJobsMessage, pickJob } from './pickJob';

/** How the command ended (for callers and tests); `message` is what the user was told. */
export interface CancelOutcome {
  status: CancelResult['status'] | 'declined' | 'notRunning';
  message?: string;
}

export async function cancelJobCommand(tracker: JobTracker, prompter: Prompter, argument: unknown): Promise<CancelOutcome> {
  const job = await chooseRunningJob(tracker, prompter, argument);
  if (!job) return { status: 'notRunning' };
  const action = vscode.l10n.t('Cancel Job');
  const answer = await prompter.confirm(
    vscode.l10n.t('Cancel {0} on {1}?', jobTitle(job), connectionLabel(job, tracker.connectionNames)),
    confirmationDetail(job),
    action,
  );
  if (answer !== action) return { status: 'declined' };
  // The dialog above already warned when the job was past COMMIT when it was shown.
  let pastCommitConfirmed = isRestorePastCommit(job);
  for (;;) {
    // It may have ended while the dialog was open, as far as the tracker saw.
    if (!isRunning(tracker.get(job.key))) return told('ended', vscode.l10n.t('{0} already ended; nothing was cancelled.', jobTitle(job)));
    let result: CancelResult;
    try {
      result = await tracker.cancel(job.key, { pastCommitConfirmed });
    } catch (error) {
      // registerCommand logs and shows it, redacted: the server's message may quote a statement.
      throw new Error(vscode.l10n.t('Could not cancel {0}: {1}', jobTitle(job), error instanceof Error ? error.message : String(error)));
    }
    if (result.status !== 'pastCommit') return report(job, result);
    if (!(await confirmPastCommit(prompter, job, result.row))) return { status: 'declined' };
    pastCommitConfirmed = true;
  }
}

/** Tells the user why nothing was cancelled (nothing to say when it was). */
function report(job: TrackedJob, result: Exclude<CancelResult, { status: 'pastCommit' }>): CancelOutcome {
  const statement = cancelStatement(job.kind, job.database).display;
  switch (result.status) {
    case 'cancelled':
      return { status: 'cancelled' };
    case 'otherJob':
      return told(
        'otherJob',
        vscode.l10n.t(
          'Nothing was cancelled: {0} is no longer the job of database {1}. Running there now: {2} {3} ({4}); "{5}" would cancel that one.',
          jobTitle(job),
          job.database,
          result.row.kind,
          result.row.label,
          result.row.state,
          statement,
        ),
      );
    case 'ended':
      return told(
        'ended',
        result.row
          ? vscode.l10n.t('{0} already ended ({1}); nothing was cancelled.', jobTitle(job), result.row.state)
          : vscode.l10n.t('{0} is no longer listed by the server; nothing was cancelled.', jobTitle(job)),
      );
    case 'unchecked':
      return told(
        'unchecked',
        vscode.l10n.t(
          'Nothing was cancelled: could not check which job runs in database {0} now (SHOW {1} FROM {0}), and "{2}" would cancel whichever does. {3}',
          job.database,
          job.kind,
          statement,
          result.reason,
        ),
        'error',
      );
  }
}

function told(status: CancelOutcome['status'], message: string, severity: 'warning' | 'error' = 'warning'): CancelOutcome {
  void (severity === 'error' ? vscode.window.showErrorMessage(message) : vscode.window.showWarningMessage(message));
  return { status, message };
}

/** The fresh row shows the restore past COMMIT, which the first dialog did not say: ask again, keeping it running by default. */
async function confirmPastCommit(prompter: Prompter, job: TrackedJob, row: JobRow): Promise<boolean> {
  const keep = vscode.l10n.t('Keep It Running');
  const cancel = vscode.l10n.t('Cancel Restore Anyway');
  const answer = await prompter.confirm(
    vscode.l10n.t('{0} has reached {1} since it was shown.', jobTitle(job), row.state),
    pastCommitDetail(row.state, cancelStatement(job.kind, job.database).display),
    keep,
    cancel,
  );
  return answer === cancel;
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

function pastCommitDetail(state: string, sql: string): string {
  return vscode.l10n.t(
    'The restore has reached {0}: it is already replacing data. Cancelling now can leave the tables it overwrites unusable until they are restored again or dropped.\n\nRuns: {1}',
    state,
    sql,
  );
}

function confirmationDetail(job: TrackedJob): string {
  const sql = cancelStatement(job.kind, job.database).display;
  if (isRestorePastCommit(job)) return pastCommitDetail(job.state, sql);
  const consequence =
    job.kind === 'BACKUP'
      ? vscode.l10n.t('The backup stops; files it already uploaded stay in the repository and the snapshot is incomplete.')
      : vscode.l10n.t('The restore stops before it has replaced any existing data.');
  return `${consequence}\n\n${vscode.l10n.t('Runs: {0}', sql)}`;
}
