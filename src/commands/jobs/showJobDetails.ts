/** Show Job Details: the read-only `starrocks-job:` document of one job. */
import * as vscode from 'vscode';
import { jobDetailsUri } from '../../jobs/detailsDocument';
import type { JobTracker } from '../../jobs/jobTracker';
import type { Prompter } from '../../ui/prompter';
import { jobKeyOf } from './jobArgument';
import { noJobsMessage, pickJob } from './pickJob';

/** Resolves to the opened document (undefined when nothing was chosen). */
export async function showJobDetailsCommand(
  tracker: JobTracker,
  prompter: Prompter,
  argument: unknown,
): Promise<vscode.TextDocument | undefined> {
  const key = jobKeyOf(argument);
  const job = key !== undefined ? tracker.get(key) : await chooseAny(tracker, prompter);
  if (!job) return undefined;
  const document = await vscode.workspace.openTextDocument(jobDetailsUri(job));
  await vscode.window.showTextDocument(document, { preview: true });
  return document;
}

async function chooseAny(tracker: JobTracker, prompter: Prompter) {
  const jobs = tracker.list();
  if (jobs.length === 0) {
    noJobsMessage(false);
    return undefined;
  }
  return pickJob(prompter, tracker, jobs, vscode.l10n.t('Choose a job to show its details'));
}
