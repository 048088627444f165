/** Reveal in Tree: the explorer's own reveal command when it has one, else just its view. */
import * as vscode from 'vscode';
import { CommandIds, FOCUS_EXPLORER_COMMAND } from '../commandIds';

export async function revealJobInTree(jobKey: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(CommandIds.revealJob)) {
    await vscode.commands.executeCommand(CommandIds.revealJob, jobKey);
  } else {
    await vscode.commands.executeCommand(FOCUS_EXPLORER_COMMAND);
  }
}
