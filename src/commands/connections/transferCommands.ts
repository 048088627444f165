import * as vscode from 'vscode';
import type { ImportOutcome } from '../../connections/connectionManager';
import type { ConnectionCommandDeps } from './profileCommands';

const t = vscode.l10n.t;
const FILTERS = { [t('Connections (JSON)')]: ['json'] };

/**
 * Export Connections…: writes the non-secret fields of every profile to a JSON file. `target`
 * lets automation (and tests) skip the save dialog.
 */
export async function exportConnections({ manager }: ConnectionCommandDeps, target?: unknown): Promise<vscode.Uri | undefined> {
  if (manager.listProfiles().length === 0) {
    void vscode.window.showInformationMessage(t('There are no connections to export.'));
    return undefined;
  }
  const uri =
    target instanceof vscode.Uri
      ? target
      : await vscode.window.showSaveDialog({ title: t('Export Connections'), filters: FILTERS, defaultUri: defaultFile() });
  if (!uri) return undefined;
  const file = manager.exportProfiles();
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`));
  void vscode.window.showInformationMessage(
    t('Exported {0} connection(s) to {1}. Passwords and S3 keys are not included.', file.connections.length, uri.fsPath),
  );
  return uri;
}

/** Import Connections…: validates the file, adds its connections, and never imports a secret. */
export async function importConnections({ manager }: ConnectionCommandDeps, source?: unknown): Promise<ImportOutcome | undefined> {
  const uri =
    source instanceof vscode.Uri
      ? source
      : (await vscode.window.showOpenDialog({ title: t('Import Connections'), filters: FILTERS, canSelectMany: false }))?.[0];
  if (!uri) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const outcome = await manager.importProfiles(text);
  if (outcome.errors.length > 0) {
    void vscode.window.showErrorMessage(`${t('Nothing was imported from {0}.', uri.fsPath)} ${outcome.errors.slice(0, 5).join(' ')}`);
    return outcome;
  }
  const summary = t('Imported {0} connection(s). Passwords are asked for on the first connect.', outcome.imported.length);
  if (outcome.warnings.length > 0) void vscode.window.showWarningMessage(`${summary} ${outcome.warnings.slice(0, 5).join(' ')}`);
  else void vscode.window.showInformationMessage(summary);
  return outcome;
}

function defaultFile(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, 'starrocks-connections.json') : undefined;
}
