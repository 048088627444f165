/** Reveal in Tree: the explorer's own reveal command when it has one, else just its view. */
import * as vscode from 'vscode';
import { REVEAL_JOB_COMMAND } from '../../jobs/commandIds';

const EXPLORER_FOCUS_COMMAND = 'starrocksBackup.explorer.focus';

export async function revealJobInTree(jobKey: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(REVEAL_JOB_COMMAND)) {
    await vscode.commands.executeCommand(REVEAL_JOB_COMMAND, jobKey);
  } else {
    await vscode.commands.executeCommand(EXPLORER_FOCUS_COMMAND);
  }
}
