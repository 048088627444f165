import type * as vscode from 'vscode';
import type { ConnectionService } from '../../connections/types';
import type { JobTrackerService } from '../../jobs/types';
import type { ServerCatalog } from '../../catalog/serverCatalog';
import type { RepositoryInfo } from '../../starrocks/models';
import type { SnapshotDecorations } from '../snapshotDecorations';
import type { BackupPlan } from '../../starrocks/plans/backupPlan';
import type { PlanState } from '../../starrocks/plans/planHistory';

/** The workspace's backup plans as the tree reads them (the plan store gives it). */
export interface PlanSource {
  /** Valid plans whose connection is named `connectionName`, with their run and drill history. */
  entries(connectionName: string): Promise<{ plan: BackupPlan; state: PlanState }[]>;
}

/** What every node may use; handed down from the tree provider instead of living in globals. */
export interface ExplorerContext {
  readonly connections: ConnectionService;
  readonly jobs: JobTrackerService;
  readonly catalog: ServerCatalog;
  readonly decorations: SnapshotDecorations;
  /** Backup plans: a Plans section under each connection that has some. */
  readonly plans?: PlanSource;
  /** How many snapshots a repository shows before "Show more…" (setting). */
  snapshotPageSize(): number;
  /** Re-renders a node (its item, and its children if expanded) without discarding cached data. */
  rerender(node: ExplorerNode): void;
}

/**
 * A node of the explorer tree. Nodes are long-lived objects (VS Code identifies elements by
 * reference, so refreshing a node needs the same instance); nodes that show server data cache it
 * until `invalidate()`, so re-rendering a node, e.g. when its icon changes, sends no query.
 */
export abstract class ExplorerNode {
  /** Unique and stable across refreshes: the tree keeps expansion and selection by it. */
  abstract readonly id: string;

  constructor(readonly parent: ExplorerNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }

  /** Forgets cached server data of this node and below, so the next expansion asks again. */
  invalidate(): void {
    // Nodes without server data have nothing to forget.
  }
}

/**
 * What a snapshot node needs of the repository node above it. An interface rather than the class,
 * so that the node files import each other in one direction only (repository → snapshot → contents).
 */
export interface RepositoryParent extends ExplorerNode {
  readonly profileId: string;
  readonly name: string;
  readonly info: RepositoryInfo;
}

/** What the content nodes (database, tables, partitions) need of the snapshot node above them. */
export interface SnapshotParent extends ExplorerNode {
  /** The snapshot is complete, so its contents can be restored. */
  readonly restorable: boolean;
}

/**
 * A value loaded once and kept until invalidated; concurrent callers share one request, and a
 * failure is kept too (as a rejected result) so that re-rendering does not retry in a loop.
 */
export class CachedLoad<T> {
  private promise: Promise<T> | undefined;

  get(load: () => Promise<T>): Promise<T> {
    this.promise ??= load();
    return this.promise;
  }

  /** Replaces the value (e.g. with a newer one a background refresh brought). */
  set(value: T): void {
    this.promise = Promise.resolve(value);
  }

  /** True once a load has been started since the last invalidation. */
  get started(): boolean {
    return this.promise !== undefined;
  }

  invalidate(): void {
    this.promise = undefined;
  }
}
