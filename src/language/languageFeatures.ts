import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types';
import type { JobTrackerService } from '../jobs/types';
import type { Prompter } from '../ui/prompter';
import { CommandIds } from '../commands/commandIds';
import { registerCommand } from '../commands/registerCommand';
import type { ServerCatalog } from '../catalog/serverCatalog';
import type { LiveNames } from '../catalog/liveNames';
import { EditorConnections } from './editor/editorConnections';
import { analysisEnvFor } from './providers/analysisEnv';
import { RunCodeLensProvider } from './providers/codeLensProvider';
import { QuickFixProvider } from './providers/codeActionProvider';
import { BackupCompletionProvider } from './providers/completionProvider';
import { DiagnosticsController } from './providers/diagnosticsController';
import { ResultDocuments } from './run/resultDocuments';
import { StatementRunner } from './run/statementRunner';
import { SqlSecrets } from './secrets/sqlSecrets';
import { COMPLETION_TRIGGER_CHARACTERS, quickFixMetadata, SQL_SELECTOR } from './providers/registration';

export interface LanguageFeaturesDeps {
  connections: ConnectionService;
  jobs: JobTrackerService;
  catalog: ServerCatalog;
  prompter: Prompter;
  log: vscode.LogOutputChannel;
  workspaceState: vscode.Memento;
  secrets: vscode.SecretStorage;
}

/**
 * SQL authoring for backup and restore statements in `.sql` files: snippets (package.json),
 * completion from the editor's connection, "Run" CodeLens and command, diagnostics with quick
 * fixes, and secrets kept out of files. Built once by `extension.ts`; its parts are exposed for
 * the integration tests through the extension API.
 */
export class LanguageFeatures implements vscode.Disposable {
  readonly editorConnections: EditorConnections;
  readonly names: LiveNames;
  readonly secrets: SqlSecrets;
  readonly results: ResultDocuments;
  readonly runner: StatementRunner;
  readonly diagnostics: DiagnosticsController;
  /** The providers, kept so that activation's proxies can answer through them (`src/activation/`). */
  readonly completion: BackupCompletionProvider;
  readonly codeLenses: RunCodeLensProvider;
  readonly quickFixes: QuickFixProvider;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(deps: LanguageFeaturesDeps) {
    const { connections, prompter, log } = deps;
    const reporter = { log, prompter };
    this.editorConnections = new EditorConnections({ connections, state: deps.workspaceState, prompter });
    this.names = deps.catalog.names;
    this.secrets = new SqlSecrets({ secrets: deps.secrets, prompter, log, connections, editorConnections: this.editorConnections });
    this.results = new ResultDocuments();
    this.runner = new StatementRunner({
      connections,
      jobs: deps.jobs,
      prompter,
      editorConnections: this.editorConnections,
      secrets: this.secrets,
      results: this.results,
      catalog: deps.catalog,
      log,
    });
    this.diagnostics = new DiagnosticsController(this.editorConnections);
    this.codeLenses = new RunCodeLensProvider(this.editorConnections);
    this.completion = new BackupCompletionProvider({ connections, editorConnections: this.editorConnections, names: this.names });
    this.quickFixes = new QuickFixProvider({ editorConnections: this.editorConnections, names: this.names });
    this.disposables.push(
      this.editorConnections,
      this.results,
      this.diagnostics,
      this.codeLenses,
      vscode.languages.registerCompletionItemProvider(SQL_SELECTOR, this.completion, ...COMPLETION_TRIGGER_CHARACTERS),
      vscode.languages.registerCodeLensProvider(SQL_SELECTOR, this.codeLenses),
      vscode.languages.registerCodeActionsProvider(SQL_SELECTOR, this.quickFixes, quickFixMetadata()),
      registerCommand(reporter, CommandIds.runStatement, (uri?: string | vscode.Uri, offset?: number) =>
        this.runner.runCommand(uri, offset),
      ),
      registerCommand(reporter, CommandIds.selectEditorConnection, (uri?: string | vscode.Uri) => this.selectConnection(uri)),
      registerCommand(reporter, CommandIds.moveSecretToStorage, (uri: string, offset: number, repository: string, key: string) => {
        const target = vscode.Uri.parse(uri);
        return this.secrets.moveToStorage(target, offset, repository, key, analysisEnvFor(target, this.editorConnections));
      }),
    );
  }

  private async selectConnection(uri: string | vscode.Uri | undefined): Promise<string | undefined> {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a SQL file to choose the connection it runs on.'));
      return undefined;
    }
    return (await this.editorConnections.select(target))?.id;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
