import * as vscode from 'vscode';
import type { SnapshotDetail } from '../../starrocks/models';
import { CommandIds } from '../../commands/commandIds';
import { contextValue, Ctx } from '../contextValues';
import { errorText } from '../../ui/errorText';
import { formatBytes } from '../../text/format';
import { detailsTooltip } from '../tooltip';
import { formatDate, formatSnapshotTimestamp } from '../../text/format';
import type { SnapshotRef } from '../snapshotDecorations';
import type { SnapshotEntry } from '../snapshotEntries';
import { CachedLoad, ExplorerNode, type ExplorerContext, type RepositoryParent, type SnapshotParent } from './explorerNode';
import { PlaceholderNode } from './placeholderNode';
import { SnapshotDatabaseNode } from './snapshotContentNodes';

/**
 * One snapshot at one timestamp. Expanding it reads the detail form of SHOW SNAPSHOT (database,
 * tables, partitions); an incomplete or failed snapshot has nothing to expand.
 */
export class SnapshotNode extends ExplorerNode implements SnapshotParent {
  readonly id: string;
  private readonly detail = new CachedLoad<SnapshotDetail | undefined>();

  constructor(
    private readonly ctx: ExplorerContext,
    readonly repository: RepositoryParent,
    public entry: SnapshotEntry,
  ) {
    super(repository);
    this.id = `${repository.id}/s:${entry.label}@${entry.timestamp ?? '-'}`;
  }

  get profileId(): string {
    return this.repository.profileId;
  }

  get label(): string {
    return this.entry.label;
  }

  get timestamp(): string | undefined {
    return this.entry.timestamp;
  }

  /** Complete snapshots with a timestamp are the ones RESTORE can use. */
  get restorable(): boolean {
    return this.entry.summary.status === 'OK' && this.entry.timestamp !== undefined;
  }

  get ref(): SnapshotRef {
    return {
      profileId: this.profileId,
      repository: this.repository.name,
      location: this.repository.info.location,
      label: this.label,
      timestamp: this.timestamp,
    };
  }

  /** The SHOW SNAPSHOT detail, from the cache when this node was expanded before. */
  loadDetail(): Promise<SnapshotDetail | undefined> {
    const timestamp = this.timestamp;
    if (timestamp === undefined) {
      return Promise.resolve(undefined);
    }
    return this.detail.get(() => this.ctx.catalog.snapshotDetail(this.profileId, this.repository.name, this.label, timestamp));
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.label,
      this.restorable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    const decoration = this.ctx.decorations.getDecoration(this.ref);
    const size = decoration?.sizeBytes !== undefined ? formatBytes(decoration.sizeBytes) : undefined;
    const state = this.stateText();
    item.description = [this.timestamp ? formatSnapshotTimestamp(this.timestamp) : undefined, this.restorable ? undefined : state, size]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = this.icon();
    item.tooltip = this.tooltip(state, size, decoration?.objectCount);
    item.contextValue = contextValue(Ctx.snapshot, this.stateWord(), this.restorable && Ctx.restorable);
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    if (!this.restorable) {
      return [];
    }
    try {
      const detail = await this.loadDetail();
      if (!detail || !detail.ok) {
        return [this.detailProblem(detail?.status ?? vscode.l10n.t('The server returned no detail for this snapshot.'))];
      }
      return [new SnapshotDatabaseNode(this, detail)];
    } catch (error) {
      return [this.detailProblem(errorText(error))];
    }
  }

  override invalidate(): void {
    this.detail.invalidate();
  }

  private detailProblem(message: string): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.loadError,
      label: vscode.l10n.t('Could not read the snapshot: {0}', message),
      tooltip: message,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
      command: { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [this] },
    });
  }

  private stateWord(): typeof Ctx.ok | typeof Ctx.incomplete | typeof Ctx.error {
    switch (this.entry.summary.status) {
      case 'OK':
        return this.timestamp ? Ctx.ok : Ctx.incomplete;
      case 'INCOMPLETE':
        return Ctx.incomplete;
      default:
        return Ctx.error;
    }
  }

  private stateText(): string {
    switch (this.stateWord()) {
      case Ctx.ok:
        return vscode.l10n.t('OK');
      case Ctx.incomplete:
        return vscode.l10n.t('incomplete');
      default:
        return vscode.l10n.t('error');
    }
  }

  private icon(): vscode.ThemeIcon {
    switch (this.stateWord()) {
      case Ctx.ok:
        return new vscode.ThemeIcon('archive', new vscode.ThemeColor('charts.green'));
      case Ctx.incomplete:
        return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      default:
        return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    }
  }

  private tooltip(state: string, size: string | undefined, objects: number | undefined): vscode.MarkdownString {
    const summary = this.entry.summary;
    const explanation = this.restorable
      ? undefined
      : vscode.l10n.t('The snapshot has no valid info file: its backup is still running, failed or was cancelled. RESTORE cannot use it.');
    return detailsTooltip(
      vscode.l10n.t('Snapshot {0}', this.label),
      [
        [vscode.l10n.t('Repository'), this.repository.name],
        [vscode.l10n.t('Timestamp'), this.timestamp, { code: true }],
        [vscode.l10n.t('Status'), summary.statusText || state],
        [vscode.l10n.t('Invalid files'), summary.invalidFiles.join(', ')],
        [vscode.l10n.t('Size on storage'), size],
        [vscode.l10n.t('Objects on storage'), objects !== undefined ? String(objects) : undefined],
        [vscode.l10n.t('Finished'), formatDate(summary.finishTime)],
        [vscode.l10n.t('TTL'), summary.ttl],
        [vscode.l10n.t('Expires'), formatDate(summary.expireTime)],
      ],
      explanation,
    );
  }
}
