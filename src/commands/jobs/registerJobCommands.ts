/** Registers the job commands; `src/extension.ts` calls this once with the tracker it built. */
import type * as vscode from 'vscode';
import type { JobTracker } from '../../jobs/jobTracker';
import type { Prompter } from '../../ui/prompter';
import { CommandIds } from '../commandIds';
import { registerCommand } from '../registerCommand';
import { cancelJobCommand } from './cancelJob';
import { clearJobHistoryCommand } from './clearJobHistory';
import { openJobSqlCommand } from './openJobSql';
import { showJobDetailsCommand } from './showJobDetails';
import { showJobsCommand } from './showJobs';

export function registerJobCommands(tracker: JobTracker, prompter: Prompter, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const reporter = { log, prompter };
  return [
    registerCommand(reporter, CommandIds.showJobs, () => showJobsCommand(tracker, prompter)),
    registerCommand(reporter, CommandIds.cancelJob, (argument?: unknown) => cancelJobCommand(tracker, prompter, argument)),
    registerCommand(reporter, CommandIds.showJobDetails, (argument?: unknown) => showJobDetailsCommand(tracker, prompter, argument)),
    registerCommand(reporter, CommandIds.openJobSql, (argument?: unknown) => openJobSqlCommand(tracker, argument)),
    registerCommand(reporter, CommandIds.clearJobHistory, () => clearJobHistoryCommand(tracker, prompter)),
    registerCommand(reporter, CommandIds.refreshJobs, () => tracker.refresh()),
  ];
}
