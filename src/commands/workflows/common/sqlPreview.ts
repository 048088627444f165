import * as vscode from 'vscode';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import type { Prompter } from '../../../ui/prompter';

export type PreviewChoice = 'run' | 'open' | 'copy';

/** Button titles of the preview; stable, because the UI test and the scripted prompter name them. */
export function previewActions(): Record<PreviewChoice, string> {
  return { run: vscode.l10n.t('Run'), open: vscode.l10n.t('Open in Editor'), copy: vscode.l10n.t('Copy') };
}

/**
 * The last step of every workflow: the exact statement (its `display` text, secrets masked) and its
 * notes in a modal, with the choice to run it, open it in an editor, or copy it. A modal shows the
 * whole statement however long it is, which a quick pick line cannot.
 */
export async function previewStatement<E extends string = never>(
  prompter: Prompter,
  statement: BuiltStatement,
  heading: string,
  /** Further actions after Copy (e.g. the Back Up wizard's "Save as Plan…"), returned as their titles. */
  extraActions: readonly E[] = [],
): Promise<PreviewChoice | E | undefined> {
  const actions = previewActions();
  const detail = [statement.display, ...statement.notes.map((note) => `• ${note}`)].join('\n\n');
  const chosen = await prompter.confirm(heading, detail, actions.run, actions.open, actions.copy, ...extraActions);
  return (
    (Object.keys(actions) as PreviewChoice[]).find((key) => actions[key] === chosen) ?? extraActions.find((action) => action === chosen)
  );
}

/** Opens SQL (display text only) in an untitled `sql` editor for the user to read, edit or run elsewhere. */
export async function openSqlDocument(text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'sql', content: text.endsWith('\n') ? text : `${text};\n` });
  await vscode.window.showTextDocument(document, { preview: false });
}

export async function copySql(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(vscode.l10n.t('The statement was copied to the clipboard.'));
}

/**
 * The text given to the editor or the clipboard: the display text, with a comment when secrets were
 * masked in it, so that nobody runs `'***'` by mistake.
 */
export function shareableSql(statement: BuiltStatement): string {
  const masked = statement.display !== statement.sql;
  const note = vscode.l10n.t('-- Secret values are masked as ***: put them back before running this statement.');
  return masked ? `${note}\n${statement.display};\n` : `${statement.display};\n`;
}

/** Handles the Open/Copy choices; Run is the caller's. */
export async function openOrCopy(choice: 'open' | 'copy', statement: BuiltStatement): Promise<void> {
  if (choice === 'open') {
    await openSqlDocument(shareableSql(statement));
  } else {
    await copySql(shareableSql(statement));
  }
}
