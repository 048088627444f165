import * as vscode from 'vscode';
import type { LiveNames } from '../../catalog/liveNames';
import { CommandIds } from '../../commands/commandIds';
import { wholeDatabaseScope } from '../../starrocks/backupScope';
import { onClause } from '../../starrocks/builders/sqlParts';
import { analyzeDocument } from '../diagnostics/analyze';
import type { LanguageIssue, QuickFix } from '../diagnostics/types';
import type { EditorConnections } from '../editor/editorConnections';
import { analysisEnvFor } from './analysisEnv';
import { DIAGNOSTIC_SOURCE } from './diagnosticsController';

/** How long the "add backup_timestamp" fix may wait for the snapshot's timestamps. */
const TIMESTAMP_BUDGET_MS = 2000;
/** How long the "list the tables" fix may wait for the database's tables. */
const TABLES_BUDGET_MS = 2000;

/**
 * Quick fixes for the diagnostics: the rules carry their fixes, so this re-reads the document and
 * turns the fixes of the issues under the cursor into code actions.
 */
export class QuickFixProvider implements vscode.CodeActionProvider {
  constructor(private readonly deps: { editorConnections: EditorConnections; names: LiveNames }) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const env = analysisEnvFor(document.uri, this.deps.editorConnections);
    const from = document.offsetAt(range.start);
    const to = document.offsetAt(range.end);
    const issues = analyzeDocument(document.getText(), env).filter((i) => i.fix && i.start <= to && from <= i.end);
    const actions: vscode.CodeAction[] = [];
    for (const issue of issues) {
      const action = await this.action(document, issue, issue.fix!);
      if (!action) continue;
      action.diagnostics = context.diagnostics.filter(
        (d) => d.source === DIAGNOSTIC_SOURCE && d.code === issue.code && d.range.start.isEqual(document.positionAt(issue.start)),
      );
      actions.push(action);
    }
    return actions;
  }

  private async action(document: vscode.TextDocument, issue: LanguageIssue, fix: QuickFix): Promise<vscode.CodeAction | undefined> {
    switch (fix.kind) {
      case 'edit': {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
        action.isPreferred = true;
        return action;
      }
      case 'insertBackupTimestamp': {
        const timestamp = await this.latestTimestamp(document.uri, fix.repository, fix.label);
        const title = timestamp
          ? vscode.l10n.t('Add "backup_timestamp" = "{0}" (the newest of {1})', timestamp, fix.label ?? '')
          : vscode.l10n.t('Add "backup_timestamp" (then pick the timestamp with completion)');
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, document.positionAt(fix.at), fix.before + (timestamp ?? '') + fix.after);
        action.isPreferred = timestamp !== undefined;
        return action;
      }
      case 'listBackupTables':
        return this.listTablesAction(document, fix);
      case 'moveSecret': {
        const action = new vscode.CodeAction(vscode.l10n.t("Move the secret to VS Code's secret storage"), vscode.CodeActionKind.QuickFix);
        // A command, not an edit: the secret must be stored before it leaves the document.
        action.command = {
          title: action.title,
          command: CommandIds.moveSecretToStorage,
          arguments: [document.uri.toString(), issue.start, fix.repository, fix.key],
        };
        action.isPreferred = true;
        return action;
      }
    }
  }

  /**
   * ` ON (…)` with the database's tables, views left out, when the database holds a view (else no
   * action: the bare BACKUP is fine there). Looked up now, so it is the database as it is.
   */
  private async listTablesAction(
    document: vscode.TextDocument,
    fix: Extract<QuickFix, { kind: 'listBackupTables' }>,
  ): Promise<vscode.CodeAction | undefined> {
    const profile = this.deps.editorConnections.profileFor(document.uri);
    const server = this.deps.editorConnections.serverFor(document.uri);
    const database = fix.database ?? profile?.database;
    if (!profile || !server || !database) return undefined;
    const objects = await this.deps.names.tables(profile.id, database, TABLES_BUDGET_MS);
    const scope = objects ? wholeDatabaseScope(server.capabilities, objects) : undefined;
    if (scope?.kind !== 'tables') return undefined;
    const tables = scope.tables.map((name) => ({ name }));
    const action = new vscode.CodeAction(
      vscode.l10n.t('List the tables of {0} in ON (…), without the views {1}', database, scope.skipped.join(', ')),
      vscode.CodeActionKind.QuickFix,
    );
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(document.uri, document.positionAt(fix.at), onClause(tables, server.capabilities.newBackupGrammar));
    action.isPreferred = true;
    return action;
  }

  private async latestTimestamp(uri: vscode.Uri, repository: string | undefined, label: string | undefined): Promise<string | undefined> {
    const profile = this.deps.editorConnections.profileFor(uri);
    if (!profile || !repository || !label) return undefined;
    return (await this.deps.names.snapshot(profile.id, repository, label, TIMESTAMP_BUDGET_MS))?.timestamps[0];
  }
}
