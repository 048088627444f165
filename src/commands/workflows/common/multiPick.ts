import type * as vscode from 'vscode';
import type { Prompter } from '../../../ui/prompter';

/** The user dismissed a multi-select inside a flow; the workflow ends as cancelled. */
export class FlowCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'FlowCancelled';
  }
}

/**
 * A multi-select question inside a multi-step flow. `MultiStepInput` has single-choice and text
 * steps only, so this uses the prompter's multi-select with the flow's title (no back button here).
 * Items with `picked: true` start selected. Resolves to the chosen items (possibly none).
 */
export async function pickManyInFlow<T extends vscode.QuickPickItem>(prompter: Prompter, title: string, items: readonly T[], placeholder: string): Promise<T[]> {
  const picked = await prompter.pickMany(items, { title, placeHolder: placeholder, canPickMany: true, ignoreFocusOut: true, matchOnDescription: true });
  if (picked === undefined) {
    throw new FlowCancelled();
  }
  return picked;
}
