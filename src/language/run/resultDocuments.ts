import * as vscode from 'vscode';
import { RESULT_SCHEME } from '../../documentSchemes';

export { RESULT_SCHEME };
const KEEP = 20;

export interface ShownResult {
  uri: vscode.Uri;
  content: string;
}

/**
 * Read-only documents that show what a statement returned. Each run gets its own URI (so earlier
 * results stay open and comparable); only the last few are kept in memory.
 */
export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, this);
  private counter = 0;
  private last: ShownResult | undefined;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('This result is no longer kept. Run the statement again.');
  }

  /** Stores a result and shows it beside the SQL editor without taking the focus. */
  async show(title: string, content: string): Promise<ShownResult> {
    this.counter++;
    const safe = title.replace(/[^\w.-]+/g, '-').slice(0, 60);
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${this.counter}-${safe}.txt` });
    this.contents.set(uri.toString(), content);
    while (this.contents.size > KEEP) this.contents.delete(this.contents.keys().next().value as string);
    this.last = { uri, content };
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    return this.last;
  }

  /** The most recent result (for tests and "show last result"). */
  latest(): ShownResult | undefined {
    return this.last;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
