import * as vscode from 'vscode';
import { isUnknownWriteOutcome } from '../connections/connectionError';
import type { Prompter } from '../ui/prompter';
import { CommandIds } from './commandIds';

/**
 * Shows a failed statement's message. When it was a write that got no answer (it may still be
 * running on the server, or may have taken effect), the message says so and offers Refresh, which
 * reloads the tree and polls the jobs (discovering a BACKUP/RESTORE the server did start), so the
 * user can see what happened before running anything again. Resolves once the user answered.
 * The one place every command (through `registerCommand`) and statements run from `.sql` files report failures.
 */
export async function showFailure(prompter: Prompter, message: string, error: unknown): Promise<void> {
  if (!isUnknownWriteOutcome(error)) {
    await vscode.window.showErrorMessage(message);
    return;
  }
  const refresh = vscode.l10n.t('Refresh');
  if ((await prompter.notifyError(message, refresh)) !== refresh) return;
  await Promise.all([vscode.commands.executeCommand(CommandIds.refresh), vscode.commands.executeCommand(CommandIds.refreshJobs)]);
}
