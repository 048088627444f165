import * as vscode from 'vscode';
import type { ConnectionService } from '../../connections/types';
import type { LiveNames } from '../../catalog/liveNames';
import { suggest, type NameSource, type Suggestion, type SuggestionKind } from '../completion/suggestions';
import { cursorContext } from '../cursorContext';
import type { EditorConnections } from '../editor/editorConnections';

/** How long a keystroke may wait for the server when nothing is cached yet. */
const FETCH_BUDGET_MS = 1500;

const ITEM_KIND: Record<SuggestionKind, vscode.CompletionItemKind> = {
  repository: vscode.CompletionItemKind.Folder,
  snapshot: vscode.CompletionItemKind.File,
  timestamp: vscode.CompletionItemKind.Value,
  database: vscode.CompletionItemKind.Module,
  table: vscode.CompletionItemKind.Struct,
  partition: vscode.CompletionItemKind.Field,
  keyword: vscode.CompletionItemKind.Keyword,
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.EnumMember,
};

/**
 * Completion for the backup/restore statements: the cursor context decides what belongs here, the
 * editor's connection supplies the names (cached briefly, fetched within a small budget), and an
 * answer that is still on its way marks the list incomplete so the next keystroke asks again.
 */
export class BackupCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly deps: { connections: ConnectionService; editorConnections: EditorConnections; names: LiveNames }) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList | undefined> {
    const text = document.getText();
    const ctx = cursorContext(text, document.offsetAt(position));
    if (ctx.slot.kind === 'none') return undefined;
    const profile = this.deps.editorConnections.profileFor(document.uri);
    const session = profile ? this.deps.connections.peekSession(profile.id) : undefined;
    // Never prompt for a password from a keystroke: "ask" profiles complete once they are connected.
    const source = profile && (session || profile.passwordMode !== 'ask') ? this.source(profile.id) : undefined;
    const result = await suggest(ctx, {
      source,
      caps: session?.server.version ? session.server.capabilities : undefined,
      defaultDatabase: profile?.database,
      now: new Date(),
      l10n: vscode.l10n,
    });
    const range = new vscode.Range(document.positionAt(ctx.replace.start), document.positionAt(ctx.replace.end));
    const items = result.items.map((s) => toItem(s, range));
    return new vscode.CompletionList(items, result.incomplete);
  }

  private source(profileId: string): NameSource {
    const names = this.deps.names;
    const budget = FETCH_BUDGET_MS;
    return {
      repositories: async () => (await names.repositories(profileId, budget))?.map((r) => r.name),
      snapshots: (repository) => names.snapshots(profileId, repository, budget),
      snapshot: (repository, label) => names.snapshot(profileId, repository, label, budget),
      snapshotDetail: (repository, label, timestamp) => names.snapshotDetail(profileId, repository, label, timestamp, budget),
      databases: () => names.databases(profileId, budget),
      tables: async (database) => (await names.tables(profileId, database, budget))?.map((t) => t.name),
      partitions: (database, table) => names.partitions(profileId, database, table, budget),
    };
  }
}

function toItem(s: Suggestion, range: vscode.Range): vscode.CompletionItem {
  const item = new vscode.CompletionItem(s.label, ITEM_KIND[s.kind]);
  item.insertText = s.snippet ? new vscode.SnippetString(s.insertText) : s.insertText;
  item.range = range;
  item.detail = s.detail;
  if (s.documentation) item.documentation = s.documentation;
  if (s.sortText) item.sortText = s.sortText;
  // Filter on what the user types in the replaced range, whatever quoting the insert adds.
  item.filterText = s.label;
  if (s.retrigger) item.command = { title: 'suggest', command: 'editor.action.triggerSuggest' };
  return item;
}
