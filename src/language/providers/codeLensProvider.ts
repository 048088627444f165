import * as vscode from 'vscode';
import { CommandIds } from '../../commands/commandIds';
import type { EditorConnections } from '../editor/editorConnections';
import { parseStatement } from '../parser';
import { documentStatements } from '../documentStatements';

/**
 * "Run on <connection>" above every backup/restore/repository/SHOW/CANCEL/DROP statement, or
 * "Select connection" while the editor has none. Nothing in untrusted workspaces, where SQL from
 * files does not run.
 */
export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editorConnections: EditorConnections) {
    this.subscriptions = [
      this.changed,
      editorConnections.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const profile = this.editorConnections.profileFor(document.uri);
    return documentStatements(document.getText()).flatMap((statement) => {
      const parsed = parseStatement(statement);
      if (parsed.kind === 'other') return [];
      const range = new vscode.Range(document.positionAt(statement.start), document.positionAt(statement.start));
      const command: vscode.Command = profile
        ? {
            title: vscode.l10n.t('$(play) Run on {0}', profile.name),
            tooltip: vscode.l10n.t('Run this statement on {0} ({1}:{2})', profile.name, profile.host, profile.port),
            command: CommandIds.runStatement,
            arguments: [document.uri.toString(), statement.start],
          }
        : {
            title: vscode.l10n.t('$(plug) Select a connection to run'),
            command: CommandIds.selectEditorConnection,
            arguments: [document.uri.toString()],
          };
      return [new vscode.CodeLens(range, command)];
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
