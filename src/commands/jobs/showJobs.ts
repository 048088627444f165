/**
 * Show Jobs (the status bar item): running and recent jobs, then what to do with the chosen one.
 * Opening the list counts as having seen a failure, so the status bar stops warning.
 */
import * as vscode from 'vscode';
import { jobTitle } from '../../jobs/describe';
import type { JobTracker } from '../../jobs/jobTracker';
import type { TrackedJob } from '../../jobs/types';
import type { Prompter } from '../../ui/prompter';
import { cancelJobCommand } from './cancelJob';
import { openJobSqlCommand } from './openJobSql';
import { noJobsMessage, pickJob } from './pickJob';
import { revealJobInTree } from './revealJob';
import { showJobDetailsCommand } from './showJobDetails';

interface ActionItem extends vscode.QuickPickItem {
  run: () => Promise<unknown>;
}

export async function showJobsCommand(tracker: JobTracker, prompter: Prompter): Promise<void> {
  await tracker.acknowledgeAll();
  const jobs = tracker.list();
  if (jobs.length === 0) {
    noJobsMessage(false);
    return;
  }
  const job = await pickJob(prompter, tracker, jobs, vscode.l10n.t('StarRocks jobs: running first, then the most recent'));
  if (!job) return;
  const action = await prompter.pickOne(jobActions(tracker, prompter, job), { placeHolder: jobTitle(job) });
  await action?.run();
}

function jobActions(tracker: JobTracker, prompter: Prompter, job: TrackedJob): ActionItem[] {
  const actions: ActionItem[] = [
    { label: `$(info) ${vscode.l10n.t('Show Details')}`, run: () => showJobDetailsCommand(tracker, prompter, job.key) },
  ];
  if (job.phase === 'running') {
    actions.push({ label: `$(debug-stop) ${vscode.l10n.t('Cancel Job…')}`, run: () => cancelJobCommand(tracker, prompter, job.key) });
  }
  if (job.sql) {
    actions.push({ label: `$(file-code) ${vscode.l10n.t('Open SQL')}`, run: () => openJobSqlCommand(tracker, job.key) });
  }
  actions.push({ label: `$(list-tree) ${vscode.l10n.t('Reveal in Tree')}`, run: () => revealJobInTree(job.key) });
  return actions;
}
