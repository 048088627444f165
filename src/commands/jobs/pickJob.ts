/** The quick pick of jobs: running ones first, then the history, newest first. */
import * as vscode from 'vscode';
import { connectionLabel, jobTitle, outcomeIcon, statusLine } from '../../jobs/describe';
import type { JobTracker } from '../../jobs/jobTracker';
import type { TrackedJob } from '../../jobs/types';
import type { Prompter } from '../../ui/prompter';

export interface JobPickItem extends vscode.QuickPickItem {
  jobKey: string;
}

export function jobPickItem(job: TrackedJob, tracker: JobTracker): JobPickItem {
  const status = statusLine(job, tracker.now());
  return {
    label: `$(${outcomeIcon(job)}) ${jobTitle(job)}`,
    description: connectionLabel(job, tracker.connectionNames),
    detail: job.phase !== 'running' && job.statusMessage ? `${status} — ${job.statusMessage}` : status,
    jobKey: job.key,
  };
}

/** Lets the user choose one of `jobs`; undefined when dismissed. */
export async function pickJob(
  prompter: Prompter,
  tracker: JobTracker,
  jobs: TrackedJob[],
  placeHolder: string,
): Promise<TrackedJob | undefined> {
  const picked = await prompter.pickOne(
    jobs.map((job) => jobPickItem(job, tracker)),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked && tracker.get(picked.jobKey);
}

export function noJobsMessage(running: boolean): void {
  void vscode.window.showInformationMessage(
    running
      ? vscode.l10n.t('No StarRocks backup or restore job is running.')
      : vscode.l10n.t('No StarRocks backup or restore jobs yet. Jobs you start, and jobs found on connected servers, appear here.'),
  );
}
