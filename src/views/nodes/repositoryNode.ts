import * as vscode from 'vscode';
import type { RepositoryInfo, SnapshotSummary } from '../../starrocks/models';
import { CommandIds } from '../../commands/commandIds';
import { contextValue, Ctx } from '../contextValues';
import { errorText, isUserCancellation } from '../../ui/errorText';
import { detailsTooltip } from '../tooltip';
import { formatDate } from '../../text/format';
import { filterSnapshotEntries, pageOf, snapshotEntries, type SnapshotEntry } from '../snapshotEntries';
import { CachedLoad, ExplorerNode, type ExplorerContext } from './explorerNode';
import { PlaceholderNode } from './placeholderNode';
import { SnapshotNode } from './snapshotNode';

/**
 * A repository of one connection and its snapshots. The snapshot list (SHOW SNAPSHOT ON repo) is
 * read once, sorted newest first, and then filtered and paged locally, so a repository with
 * thousands of snapshots stays responsive: changing the filter or showing more sends no query.
 *
 * Expanded again after its data was dropped (the connection closed, its node was listed again),
 * it shows the list the catalog last read at once and asks the server in the background; the tree
 * changes only when the answer differs. A Refresh or a write forgets the catalog's list too, so the
 * next expansion waits for the server.
 */
export class RepositoryNode extends ExplorerNode {
  readonly id: string;
  private readonly list = new CachedLoad<SnapshotEntry[]>();
  /** Snapshot nodes by id, reused across refreshes so VS Code keeps their expansion state. */
  private readonly snapshotNodes = new Map<string, SnapshotNode>();
  private filterText: string | undefined;
  private limit: number;
  /** Bumped by `invalidate()`: a background refresh started before it must not overwrite what came after. */
  private generation = 0;
  /** The summaries `sorted` was built from: the same array known again needs no new sort. */
  private sortedFrom: SnapshotSummary[] | undefined;
  private sorted: SnapshotEntry[] = [];
  /** Why the last background refresh failed (the known list stays shown below it). */
  private refreshProblem: string | undefined;
  private background: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ExplorerContext,
    parent: ExplorerNode,
    readonly profileId: string,
    public info: RepositoryInfo,
  ) {
    super(parent);
    this.id = `${parent.id}/r:${info.name}`;
    this.limit = ctx.snapshotPageSize();
  }

  get name(): string {
    return this.info.name;
  }

  get filter(): string | undefined {
    return this.filterText;
  }

  /** Sets (or clears, with undefined/empty) the label filter and starts again at the first page. */
  setFilter(filter: string | undefined): void {
    this.filterText = filter?.trim() || undefined;
    this.limit = this.ctx.snapshotPageSize();
  }

  showMore(): void {
    this.limit += this.ctx.snapshotPageSize();
  }

  /** All snapshots of the repository, newest first (cached; the catalog's known list at once when it has one). */
  loadEntries(): Promise<SnapshotEntry[]> {
    return this.list.get(async () => {
      const known = this.ctx.catalog.knownSnapshots(this.profileId, this.name);
      if (!known) return this.entriesOf(await this.ctx.catalog.snapshots(this.profileId, this.name));
      this.refreshInBackground(known);
      return this.entriesOf(known);
    });
  }

  /** Settles when the background refresh started by the last expansion has (tests and the bench wait for it). */
  backgroundRefresh(): Promise<void> {
    return this.background;
  }

  private entriesOf(summaries: SnapshotSummary[]): SnapshotEntry[] {
    if (summaries !== this.sortedFrom) {
      this.sorted = snapshotEntries(summaries);
      this.sortedFrom = summaries;
    }
    return this.sorted;
  }

  /** Asks the server for the list shown from memory; re-renders only if the answer differs or fails. */
  private refreshInBackground(shown: SnapshotSummary[]): void {
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.background = this.ctx.catalog.snapshots(this.profileId, this.name).then(
      (fresh) => {
        if (!current()) return;
        const hadProblem = this.refreshProblem !== undefined;
        this.refreshProblem = undefined;
        // The catalog hands back the known array itself when the content is the same.
        if (fresh === shown && !hadProblem) return;
        if (fresh !== shown) this.list.set(this.entriesOf(fresh));
        this.ctx.rerender(this);
      },
      (error: unknown) => {
        // A dismissed password prompt leaves the known list as it is; anything else is said above it.
        if (!current() || isUserCancellation(error)) return;
        this.refreshProblem = errorText(error);
        this.ctx.rerender(this);
      },
    );
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const info = this.info;
    const parts = [info.location];
    if (info.readOnly) parts.push(vscode.l10n.t('read-only'));
    if (this.filterText) parts.push(vscode.l10n.t('filter: {0}', this.filterText));
    if (info.errorMessage) parts.push(vscode.l10n.t('unreachable'));
    item.description = parts.join(' · ');
    item.iconPath = info.errorMessage
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(info.readOnly ? 'lock' : 'repo');
    item.tooltip = detailsTooltip(
      vscode.l10n.t('Repository {0}', info.name),
      [
        [vscode.l10n.t('Location'), info.location, { code: true }],
        [vscode.l10n.t('Access'), info.readOnly ? vscode.l10n.t('read-only (RESTORE only)') : vscode.l10n.t('read-write')],
        [vscode.l10n.t('Created'), formatDate(info.createTime)],
        [vscode.l10n.t('Broker'), info.broker],
        [vscode.l10n.t('Snapshot filter'), this.filterText],
        [vscode.l10n.t('Last ping failed'), info.errorMessage],
      ],
      info.errorMessage
        ? vscode.l10n.t(
            'The FE could not reach this location at its last check (about every 10 minutes). Check the credentials and the bucket policy.',
          )
        : undefined,
    );
    item.contextValue = contextValue(
      Ctx.repository,
      info.readOnly ? Ctx.readOnly : Ctx.writable,
      !!this.filterText && Ctx.filtered,
      !!info.errorMessage && Ctx.pingError,
    );
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    let entries: SnapshotEntry[];
    try {
      entries = await this.loadEntries();
    } catch (error) {
      return [this.loadProblem(errorText(error))];
    }
    this.forgetVanished(entries);
    if (entries.length === 0) {
      return [this.emptyPlaceholder()];
    }
    const matching = filterSnapshotEntries(entries, this.filterText);
    if (matching.length === 0) {
      return [this.noMatchPlaceholder(entries.length)];
    }
    const page = pageOf(matching, this.limit);
    const children: ExplorerNode[] = page.shown.map((entry) => this.snapshotNode(entry));
    if (this.refreshProblem !== undefined) children.unshift(this.refreshFailed(this.refreshProblem));
    if (page.remaining > 0) {
      children.push(this.showMorePlaceholder(page.shown.length, page.total));
    }
    return children;
  }

  override invalidate(): void {
    this.generation++;
    this.refreshProblem = undefined;
    this.list.invalidate();
    for (const node of this.snapshotNodes.values()) {
      node.invalidate();
    }
  }

  /** The node of one snapshot, if it is in the current list (e.g. to reveal it after a backup). */
  async findSnapshot(label: string, timestamp?: string): Promise<SnapshotNode | undefined> {
    const entries = await this.loadEntries();
    const entry = entries.find((e) => e.label === label && (timestamp === undefined || e.timestamp === timestamp));
    return entry ? this.snapshotNode(entry) : undefined;
  }

  /** Drops nodes of snapshots that are gone, so the cache does not outgrow the repository. */
  private forgetVanished(entries: SnapshotEntry[]): void {
    const present = new Set(entries.map(entryKey));
    for (const key of this.snapshotNodes.keys()) {
      if (!present.has(key)) this.snapshotNodes.delete(key);
    }
  }

  private snapshotNode(entry: SnapshotEntry): SnapshotNode {
    const key = entryKey(entry);
    let node = this.snapshotNodes.get(key);
    if (node) {
      node.entry = entry;
    } else {
      node = new SnapshotNode(this.ctx, this, entry);
      this.snapshotNodes.set(key, node);
    }
    return node;
  }

  private emptyPlaceholder(): ExplorerNode {
    if (this.info.readOnly) {
      return new PlaceholderNode(this, {
        purpose: Ctx.empty,
        label: vscode.l10n.t('No snapshots in this read-only repository'),
        tooltip: vscode.l10n.t('A read-only repository only shows snapshots that another cluster wrote to {0}.', this.info.location),
        icon: new vscode.ThemeIcon('info'),
      });
    }
    return new PlaceholderNode(this, {
      purpose: Ctx.backup,
      label: vscode.l10n.t('Back Up a Database…'),
      description: vscode.l10n.t('no snapshots yet'),
      tooltip: vscode.l10n.t('This repository holds no snapshot yet. Back up a database to it.'),
      icon: new vscode.ThemeIcon('cloud-upload'),
      command: { command: CommandIds.backup, title: vscode.l10n.t('Back Up…'), arguments: [this] },
    });
  }

  private noMatchPlaceholder(total: number): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.noMatch,
      label: vscode.l10n.t('No snapshot matches "{0}"', this.filterText ?? ''),
      description: vscode.l10n.t('{0} snapshot(s) hidden · click to clear the filter', total),
      icon: new vscode.ThemeIcon('filter'),
      command: { command: CommandIds.clearSnapshotFilter, title: vscode.l10n.t('Clear Filter'), arguments: [this] },
    });
  }

  private showMorePlaceholder(shown: number, total: number): ExplorerNode {
    const next = Math.min(this.ctx.snapshotPageSize(), total - shown);
    return new PlaceholderNode(this, {
      purpose: Ctx.showMore,
      label: vscode.l10n.t('Show {0} more…', next),
      description: vscode.l10n.t('{0} of {1} shown', shown, total),
      icon: new vscode.ThemeIcon('ellipsis'),
      command: { command: CommandIds.showMoreSnapshots, title: vscode.l10n.t('Show More'), arguments: [this] },
    });
  }

  private refreshFailed(message: string): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.loadError,
      label: vscode.l10n.t('Could not refresh the snapshot list: {0}', message),
      description: vscode.l10n.t('showing the list read before'),
      tooltip: message,
      icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
      command: { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [this] },
    });
  }

  private loadProblem(message: string): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.loadError,
      label: vscode.l10n.t('Could not list snapshots: {0}', message),
      tooltip: message,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
      command: { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [this] },
    });
  }
}

function entryKey(entry: SnapshotEntry): string {
  return `${entry.label}@${entry.timestamp ?? '-'}`;
}
