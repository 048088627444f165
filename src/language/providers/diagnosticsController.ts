import * as vscode from 'vscode';
import { analyzeDocument } from '../diagnostics/analyze';
import type { LanguageIssue, Severity } from '../diagnostics/types';
import { isSqlDocument, type EditorConnections } from '../editor/editorConnections';
import { analysisEnvFor } from './analysisEnv';

export const DIAGNOSTIC_SOURCE = 'StarRocks Backup';
const DEBOUNCE_MS = 300;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(document: vscode.TextDocument, issue: LanguageIssue): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(issue.start), document.positionAt(issue.end));
  const message = issue.hint ? `${issue.message}\n${issue.hint}` : issue.message;
  const diagnostic = new vscode.Diagnostic(range, message, SEVERITY[issue.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = issue.code;
  return diagnostic;
}

/**
 * Checks SQL documents while they are typed (debounced), and all of them again when an editor's
 * connection changes — the version rules depend on the server.
 */
export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('starrocksBackup');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly editorConnections: EditorConnections) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cancel(d.uri);
        this.collection.delete(d.uri);
      }),
      editorConnections.onDidChange(() => this.updateAll()),
    ];
    this.updateAll();
  }

  /** Checks a document now (also used by tests that do not want to wait for the debounce). */
  update(document: vscode.TextDocument): vscode.Diagnostic[] {
    this.cancel(document.uri);
    if (!isSqlDocument(document)) return [];
    const issues = analyzeDocument(document.getText(), analysisEnvFor(document.uri, this.editorConnections));
    const diagnostics = issues.map((i) => toDiagnostic(document, i));
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isSqlDocument(document)) return;
    this.cancel(document.uri);
    this.timers.set(
      document.uri.toString(),
      setTimeout(() => this.update(document), DEBOUNCE_MS),
    );
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }

  private updateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.update(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
