import * as vscode from 'vscode';
import type { AnalysisEnv } from '../diagnostics/types';
import type { EditorConnections } from '../editor/editorConnections';

/** What the rules know about a document's server: its version once its connection is open. */
export function analysisEnvFor(uri: vscode.Uri, editorConnections: EditorConnections): AnalysisEnv {
  const server = editorConnections.serverFor(uri);
  const known = server?.version !== undefined;
  return { l10n: vscode.l10n, caps: known ? server!.capabilities : undefined, version: server?.version?.raw };
}
