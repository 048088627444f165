import * as vscode from 'vscode';
import type { ConnectionChangeEvent, ConnectionService } from '../connections/types';
import type { JobTrackerService, TrackedJob } from '../jobs/types';
import type { ServerCatalog } from '../catalog/serverCatalog';
import { ConnectionNode } from './nodes/connectionNode';
import type { ExplorerContext, ExplorerNode, PlanSource } from './nodes/explorerNode';
import type { RepositoryNode } from './nodes/repositoryNode';
import { RefreshScheduler, type VisibilitySource } from './refreshScheduler';
import { SnapshotDecorationsHub, type SnapshotDecorations } from './snapshotDecorations';
import { explorerSettings } from './settings';

export interface ExplorerDependencies {
  connections: ConnectionService;
  jobs: JobTrackerService;
  catalog: ServerCatalog;
  /** Backup plans; the Plans sections re-render when the file or a plan's history changes. */
  plans?: PlanSource & { readonly onDidChange: vscode.Event<void> };
}

/**
 * What the workflows may do to the tree: tell it that something changed on the server. They read
 * the server through the catalog, never through the tree.
 */
export interface TreeRefresher {
  /** After an action changed a repository (backup submitted, repository created or dropped, snapshot deleted). */
  refreshRepository(profileId: string, repository?: string): void;
  /** After a job was submitted: the connection's Jobs section shows it at once. */
  refreshJobs(profileId: string): void;
}

/**
 * The data provider of the StarRocks Backup explorer: Connections → Repositories → Snapshots →
 * contents, plus a Jobs section per connection.
 *
 * Refresh policy: a manual refresh or a state-changing action forgets the cached server data of a
 * node, and the catalog's known lists of its connection, and re-renders it (the next expansion
 * asks the server); a connection that closed or failed only drops the nodes' data, so a repository
 * expanded again shows its known list at once and refreshes it in the background; job tracker events re-render the Jobs sections and, when a backup moves,
 * the snapshot list of its repository. All of it goes through a `RefreshScheduler`, so nothing is
 * queried while the view is hidden.
 */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, TreeRefresher, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  readonly decorations = new SnapshotDecorationsHub();
  readonly scheduler: RefreshScheduler<ExplorerNode>;
  private readonly connectionNodes = new Map<string, ConnectionNode>();
  private readonly context: ExplorerContext;
  private readonly disposables: vscode.Disposable[] = [];
  /** The state of each job at the last tracker event, to see which backups moved. */
  private jobStates = new Map<string, string>();

  constructor(private readonly deps: ExplorerDependencies) {
    this.scheduler = new RefreshScheduler<ExplorerNode>((node) => this.changeEmitter.fire(node));
    this.context = {
      connections: deps.connections,
      jobs: deps.jobs,
      catalog: deps.catalog,
      plans: deps.plans,
      decorations: this.decorations,
      snapshotPageSize: () => explorerSettings().snapshotPageSize,
      rerender: (node) => this.scheduler.request(node),
    };
    this.jobStates = this.snapshotJobStates(deps.jobs.list());
    this.disposables.push(
      this.changeEmitter,
      this.decorations,
      this.scheduler,
      deps.connections.onDidChangeConnections((event) => this.onConnectionsChanged(event)),
      deps.jobs.onDidChangeJobs(() => this.onJobsChanged()),
      deps.plans?.onDidChange(() => this.connectionNodes.forEach((node) => this.scheduler.request(node))) ?? { dispose: () => undefined },
      // Sizes arrive one by one from storage; the scheduler batches them into one re-render.
      this.decorations.onDidChangeDecorations(() => this.rerenderAllSnapshots()),
    );
  }

  /** Connects the view's visibility: refreshes are held back while it is hidden. */
  attachView(view: VisibilitySource): void {
    this.scheduler.attach(view);
  }

  /** The hook for the storage layer to show snapshot sizes. */
  registerSnapshotDecorations(provider: SnapshotDecorations): vscode.Disposable {
    return this.decorations.register(provider);
  }

  getTreeItem(element: ExplorerNode): vscode.TreeItem {
    return element.getTreeItem();
  }

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (element) {
      return element.getChildren();
    }
    return this.connectionRoots();
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    return element.parent;
  }

  /** Forgets cached data of a node (or everything) and re-renders it once the view is visible. */
  refresh(node?: ExplorerNode): void {
    // What completion and diagnostics cached of that server is as old as what the tree showed.
    this.deps.catalog.invalidate(connectionOf(node)?.profileId);
    if (node) {
      node.invalidate();
    } else {
      for (const connection of this.connectionNodes.values()) connection.invalidate();
    }
    this.scheduler.request(node);
  }

  /** Re-renders without forgetting data (filter changed, "show more"). */
  rerender(node?: ExplorerNode): void {
    this.scheduler.request(node);
  }

  connectionNode(profileId: string): ConnectionNode | undefined {
    return this.connectionNodes.get(profileId);
  }

  /** The node of a repository, if its connection listed it already. */
  repositoryNode(profileId: string, repository: string): RepositoryNode | undefined {
    return this.connectionNodes.get(profileId)?.repositories.find((node) => node.name === repository);
  }

  /** After an action changed a repository (backup submitted, repository created or dropped). */
  refreshRepository(profileId: string, repository?: string): void {
    const repoNode = repository ? this.repositoryNode(profileId, repository) : undefined;
    this.refresh(repoNode ?? this.connectionNodes.get(profileId));
  }

  refreshJobs(profileId: string): void {
    const jobsNode = this.connectionNodes.get(profileId)?.jobsNode;
    if (jobsNode) this.rerender(jobsNode);
  }

  private connectionRoots(): ConnectionNode[] {
    const profiles = this.deps.connections.listProfiles();
    const ids = new Set(profiles.map((p) => p.id));
    for (const id of this.connectionNodes.keys()) {
      if (!ids.has(id)) this.connectionNodes.delete(id);
    }
    return profiles.map((profile) => {
      let node = this.connectionNodes.get(profile.id);
      if (!node) {
        node = new ConnectionNode(this.context, profile.id);
        this.connectionNodes.set(profile.id, node);
      }
      return node;
    });
  }

  private onConnectionsChanged(event: ConnectionChangeEvent): void {
    const node = event.profileId ? this.connectionNodes.get(event.profileId) : undefined;
    if (!node || event.reason === undefined || event.reason === 'profiles') {
      // Profiles were added, edited or removed: an edited profile may point elsewhere now.
      node?.invalidate();
      this.scheduler.request(undefined);
      return;
    }
    if (event.reason === 'closed' || event.reason === 'failed') {
      // What was listed came from the old connection; the next expansion connects again.
      node.invalidate();
    }
    // Opened, closed and failed change the node's icon, description and version.
    this.scheduler.request(node);
  }

  private onJobsChanged(): void {
    const jobs = this.deps.jobs.list();
    const states = this.snapshotJobStates(jobs);
    for (const connection of this.connectionNodes.values()) {
      this.scheduler.request(connection.jobsNode);
    }
    // A backup that moved may have added or completed a snapshot in its repository.
    for (const job of jobs) {
      if (job.kind === 'BACKUP' && job.repository && states.get(job.key) !== this.jobStates.get(job.key)) {
        const repoNode = this.repositoryNode(job.profileId, job.repository);
        // Without a node, the catalog's known list of that repository still has to go.
        if (repoNode) this.refresh(repoNode);
        else this.deps.catalog.invalidate(job.profileId);
      }
    }
    this.jobStates = states;
  }

  private snapshotJobStates(jobs: TrackedJob[]): Map<string, string> {
    return new Map(jobs.map((job) => [job.key, `${job.phase}/${job.state}`]));
  }

  private rerenderAllSnapshots(): void {
    for (const connection of this.connectionNodes.values()) {
      for (const repo of connection.repositories) this.scheduler.request(repo);
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The connection a node belongs to (undefined for the whole tree). */
function connectionOf(node: ExplorerNode | undefined): ConnectionNode | undefined {
  for (let current = node; current; current = current.parent) {
    if (current instanceof ConnectionNode) return current;
  }
  return undefined;
}
