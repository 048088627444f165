/** Registers the job commands; `src/extension.ts` calls this once with the tracker it built. */
import * as vscode from 'vscode';
import { JobCommandIds } from '../../jobs/commandIds';
import type { JobTracker } from '../../jobs/jobTracker';
import type { Prompter } from '../../ui/prompter';
import { cancelJobCommand } from './cancelJob';
import { clearJobHistoryCommand } from './clearJobHistory';
import { openJobSqlCommand } from './openJobSql';
import { showJobDetailsCommand } from './showJobDetails';
import { showJobsCommand } from './showJobs';

export function registerJobCommands(tracker: JobTracker, prompter: Prompter): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(JobCommandIds.showJobs, () => showJobsCommand(tracker, prompter)),
    vscode.commands.registerCommand(JobCommandIds.cancelJob, (argument?: unknown) => cancelJobCommand(tracker, prompter, argument)),
    vscode.commands.registerCommand(JobCommandIds.showJobDetails, (argument?: unknown) => showJobDetailsCommand(tracker, prompter, argument)),
    vscode.commands.registerCommand(JobCommandIds.openJobSql, (argument?: unknown) => openJobSqlCommand(tracker, argument)),
    vscode.commands.registerCommand(JobCommandIds.clearJobHistory, () => clearJobHistoryCommand(tracker, prompter)),
    vscode.commands.registerCommand(JobCommandIds.refreshJobs, () => tracker.refresh()),
  ];
}
