/** Clear Job History: forgets every job that is not running, after a modal confirmation. */
import * as vscode from 'vscode';
import type { JobTracker } from '../../jobs/jobTracker';
import type { Prompter } from '../../ui/prompter';

export async function clearJobHistoryCommand(tracker: JobTracker, prompter: Prompter): Promise<boolean> {
  const ended = tracker.list().filter((job) => job.phase !== 'running').length;
  if (ended === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The job history is already empty.'));
    return false;
  }
  const action = vscode.l10n.t('Clear History');
  const answer = await prompter.confirm(
    vscode.l10n.t('Clear the history of {0} ended jobs?', ended),
    vscode.l10n.t(
      'Running jobs stay tracked. StarRocks itself keeps only the last job of each database, so how the cleared jobs ended cannot be looked up again.',
    ),
    action,
  );
  if (answer !== action) return false;
  await tracker.clearHistory();
  return true;
}
