/** Open SQL: the statement that started a job (secrets already masked) in an untitled SQL editor. */
import * as vscode from 'vscode';
import { jobTitle } from '../../jobs/describe';
import type { JobTracker } from '../../jobs/jobTracker';
import { jobKeyOf } from './jobArgument';

export async function openJobSqlCommand(tracker: JobTracker, argument: unknown): Promise<vscode.TextDocument | undefined> {
  const key = jobKeyOf(argument);
  const job = key === undefined ? undefined : tracker.get(key);
  if (!job) return undefined;
  if (!job.sql) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} was started outside this window, so its statement is not known.', jobTitle(job)),
    );
    return undefined;
  }
  // SubmittedJob.sql is the display form: secret property values are already `***`.
  const document = await vscode.workspace.openTextDocument({ language: 'sql', content: `${job.sql.trim()}\n` });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}
