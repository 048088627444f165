import * as vscode from 'vscode';
import { EXPLORER_VIEW_ID } from '../commands/commandIds';
import type { Features } from '../features';
import type { FeatureLoader } from './featureLoader';

/**
 * The explorer view's data provider at activation: the first expansion loads the features, and
 * from then on every call goes to the real provider (`ExplorerTreeProvider`), whose change events
 * it passes on. The elements are the real provider's nodes; this one never makes any.
 */
export class LazyExplorerProvider implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: Features['tree'] | undefined;
  private subscription: vscode.Disposable | undefined;
  loader: FeatureLoader | undefined;

  /** Called once the features are loaded. */
  connect(tree: Features['tree']): void {
    this.real = tree;
    this.subscription = tree.onDidChangeTreeData((node) => this.changed.fire(node));
  }

  async getChildren(element?: unknown): Promise<unknown[]> {
    const tree = this.real ?? (await this.requireLoader().load()).tree;
    return tree.getChildren(element as Parameters<typeof tree.getChildren>[0]);
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // An element exists only once the real provider made it.
    return this.requireReal().getTreeItem(element as Parameters<Features['tree']['getTreeItem']>[0]);
  }

  getParent(element: unknown): unknown {
    return this.requireReal().getParent(element as Parameters<Features['tree']['getParent']>[0]);
  }

  private requireReal(): Features['tree'] {
    if (!this.real) throw new Error('the explorer asked about an element before its provider was loaded');
    return this.real;
  }

  private requireLoader(): FeatureLoader {
    if (!this.loader) throw new Error('the explorer has no feature loader');
    return this.loader;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}

export function createExplorerView(provider: LazyExplorerProvider): vscode.TreeView<unknown> {
  return vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
}
