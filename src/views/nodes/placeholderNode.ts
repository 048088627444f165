import * as vscode from 'vscode';
import { contextValue, Ctx, type CtxWord } from '../contextValues';
import { ExplorerNode } from './explorerNode';

export interface PlaceholderOptions {
  /** Why the placeholder is there; becomes its context word and part of its id. */
  purpose: CtxWord;
  label: string;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon: vscode.ThemeIcon;
  /** What clicking it does: the action that fixes the empty or failed state. */
  command?: vscode.Command;
}

/**
 * A stand-in child for an empty or failed level of the tree. `viewsWelcome` only covers an empty
 * view, so nested empty states ("no repository yet", "no snapshot yet", "could not load") show an
 * item whose click runs the action that fixes them.
 */
export class PlaceholderNode extends ExplorerNode {
  readonly id: string;

  constructor(
    parent: ExplorerNode,
    readonly options: PlaceholderOptions,
  ) {
    super(parent);
    this.id = `${parent.id}/~${options.purpose}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.options.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.options.description;
    item.tooltip = this.options.tooltip;
    item.iconPath = this.options.icon;
    item.command = this.options.command;
    item.contextValue = contextValue(Ctx.placeholder, this.options.purpose);
    return item;
  }
}
