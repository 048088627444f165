import * as vscode from 'vscode';
import type { SnapshotDetail, SnapshotTable } from '../../starrocks/models';
import { contextValue, Ctx } from '../contextValues';
import { detailsTooltip } from '../tooltip';
import { ExplorerNode, type SnapshotParent } from './explorerNode';

/**
 * What a snapshot holds, from the detail form of SHOW SNAPSHOT: the database it was taken from,
 * its tables, and each table's partitions. Pure presentation of a `SnapshotDetail`.
 */
export class SnapshotDatabaseNode extends ExplorerNode {
  readonly id: string;

  constructor(
    readonly snapshot: SnapshotParent,
    readonly detail: SnapshotDetail,
  ) {
    super(snapshot);
    this.id = `${snapshot.id}/db`;
  }

  get database(): string | undefined {
    return this.detail.database;
  }

  getTreeItem(): vscode.TreeItem {
    const name = this.detail.database ?? vscode.l10n.t('(unknown database)');
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('database');
    const tables = this.detail.tables.length;
    item.description = vscode.l10n.t('{0} table(s)', tables);
    item.tooltip = detailsTooltip(vscode.l10n.t('Database {0}', name), [
      [vscode.l10n.t('Snapshot'), this.detail.label],
      [vscode.l10n.t('Tables'), this.detail.tables.map((t) => t.name).join(', ')],
    ]);
    item.contextValue = contextValue(Ctx.snapshotDatabase);
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    return this.detail.tables.map((table) => new SnapshotTableNode(this, table));
  }
}

export class SnapshotTableNode extends ExplorerNode {
  readonly id: string;

  constructor(
    readonly databaseNode: SnapshotDatabaseNode,
    readonly table: SnapshotTable,
  ) {
    super(databaseNode);
    this.id = `${databaseNode.id}/t:${table.name}`;
  }

  get snapshot(): SnapshotParent {
    return this.databaseNode.snapshot;
  }

  /** A table whose only partition carries its own name is unpartitioned: nothing to expand. */
  private get partitions(): string[] {
    const own = this.table.partitions.length === 1 && this.table.partitions[0] === this.table.name;
    return own ? [] : this.table.partitions;
  }

  getTreeItem(): vscode.TreeItem {
    const partitions = this.partitions;
    const item = new vscode.TreeItem(
      this.table.name,
      partitions.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('table');
    item.description = partitions.length > 0 ? vscode.l10n.t('{0} partition(s)', partitions.length) : undefined;
    item.tooltip = detailsTooltip(vscode.l10n.t('Table {0}', this.table.name), [
      [vscode.l10n.t('Database'), this.databaseNode.database],
      [vscode.l10n.t('Partitions'), partitions.join(', ') || vscode.l10n.t('not partitioned')],
    ]);
    item.contextValue = contextValue(Ctx.snapshotTable, this.snapshot.restorable && Ctx.restorable);
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    return this.partitions.map((partition) => new SnapshotPartitionNode(this, partition));
  }
}

export class SnapshotPartitionNode extends ExplorerNode {
  readonly id: string;

  constructor(
    readonly tableNode: SnapshotTableNode,
    readonly partition: string,
  ) {
    super(tableNode);
    this.id = `${tableNode.id}/p:${partition}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.partition, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    item.contextValue = contextValue(Ctx.snapshotPartition);
    return item;
  }
}
