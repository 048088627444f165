import * as vscode from 'vscode';
import type { ConnectionProfile, ConnectionState } from '../../connections/types';
import type { RepositoryInfo } from '../../starrocks/models';
import { CommandIds } from '../../commands/commandIds';
import { contextValue, Ctx } from '../contextValues';
import { errorText, isUserCancellation } from '../../ui/errorText';
import { detailsTooltip } from '../tooltip';
import { CachedLoad, ExplorerNode, type ExplorerContext } from './explorerNode';
import { JobsSectionNode } from './jobsNodes';
import { PlaceholderNode } from './placeholderNode';
import { PlansSectionNode } from './planNodes';
import { RepositoryNode } from './repositoryNode';

/**
 * A saved connection. Expanding it connects (lazily, asking for a password if the profile says so)
 * and lists its repositories (SHOW REPOSITORIES), followed by the connection's "Jobs" section.
 */
export class ConnectionNode extends ExplorerNode {
  readonly id: string;
  private readonly repositoryList = new CachedLoad<RepositoryInfo[]>();
  private readonly repositoryNodes = new Map<string, RepositoryNode>();
  readonly jobsNode: JobsSectionNode;
  /** The last failure to list repositories (not the connection's own state, which the service keeps). */
  private loadError: string | undefined;

  constructor(
    private readonly ctx: ExplorerContext,
    readonly profileId: string,
  ) {
    super(undefined);
    this.id = `c:${profileId}`;
    this.jobsNode = new JobsSectionNode(ctx, this, profileId);
  }

  get profile(): ConnectionProfile | undefined {
    return this.ctx.connections.getProfile(this.profileId);
  }

  /** Repository nodes from the last listing (no query). */
  get repositories(): RepositoryNode[] {
    return [...this.repositoryNodes.values()];
  }

  /** The repositories of the connection, from the cache when it was listed before. */
  loadRepositories(): Promise<RepositoryInfo[]> {
    return this.repositoryList.get(() => this.ctx.catalog.repositories(this.profileId));
  }

  getTreeItem(): vscode.TreeItem {
    const profile = this.profile;
    const state = this.ctx.connections.connectionState(this.profileId);
    const item = new vscode.TreeItem(profile?.name ?? this.profileId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const version = this.ctx.connections.peekSession(this.profileId)?.server.version?.raw;
    const address = profile ? `${profile.host}:${profile.port}` : '';
    item.description = [
      address,
      profile?.environment,
      state.status === 'connected' ? version : undefined,
      this.problem(state) ? vscode.l10n.t('error') : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = this.icon(state);
    item.tooltip = this.tooltip(profile, state, version);
    item.contextValue = contextValue(
      Ctx.connection,
      state.status === 'connected' ? Ctx.connected : Ctx.disconnected,
      !!this.problem(state) && Ctx.error,
      !!profile?.ssh && Ctx.sshTunnel,
    );
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    let repositories: RepositoryInfo[];
    try {
      repositories = await this.loadRepositories();
      this.setLoadError(undefined);
    } catch (error) {
      if (isUserCancellation(error)) {
        this.repositoryList.invalidate();
        return [this.connectPlaceholder()];
      }
      this.setLoadError(errorText(error));
      return [this.loadProblem(this.loadError ?? ''), this.jobsNode];
    }
    const nodes = this.syncRepositoryNodes(repositories);
    const children: ExplorerNode[] = nodes.length > 0 ? nodes : [this.noRepositoryPlaceholder()];
    const plans = await this.plansSection();
    if (plans) children.push(plans);
    children.push(this.jobsNode);
    return children;
  }

  /** The Plans section, only when the workspace has plans for this connection (a file that cannot be read shows none). */
  private async plansSection(): Promise<PlansSectionNode | undefined> {
    const name = this.profile?.name;
    const entries = name && this.ctx.plans ? await this.ctx.plans.entries(name).catch(() => []) : [];
    return entries.length > 0 ? new PlansSectionNode(this, this.profileId, entries) : undefined;
  }

  override invalidate(): void {
    this.repositoryList.invalidate();
    for (const node of this.repositoryNodes.values()) {
      node.invalidate();
    }
  }

  /** Keeps one node per repository name (updating its info), in the server's order. */
  private syncRepositoryNodes(repositories: RepositoryInfo[]): RepositoryNode[] {
    const names = new Set(repositories.map((r) => r.name));
    for (const name of this.repositoryNodes.keys()) {
      if (!names.has(name)) this.repositoryNodes.delete(name);
    }
    return repositories.map((info) => {
      const existing = this.repositoryNodes.get(info.name);
      if (existing) {
        existing.info = info;
        return existing;
      }
      const node = new RepositoryNode(this.ctx, this, this.profileId, info);
      this.repositoryNodes.set(info.name, node);
      return node;
    });
  }

  /** Records a listing failure; the node's own icon shows it, so it is re-rendered when it changes. */
  private setLoadError(message: string | undefined): void {
    if (message !== this.loadError) {
      this.loadError = message;
      this.ctx.rerender(this);
    }
  }

  private problem(state: ConnectionState): string | undefined {
    return state.status === 'error' ? (state.errorMessage ?? this.loadError) : this.loadError;
  }

  private icon(state: ConnectionState): vscode.ThemeIcon {
    if (this.problem(state)) return new vscode.ThemeIcon('database', new vscode.ThemeColor('list.errorForeground'));
    switch (state.status) {
      case 'connected':
        return new vscode.ThemeIcon('database', new vscode.ThemeColor('charts.green'));
      case 'connecting':
        return new vscode.ThemeIcon('loading~spin');
      default:
        return new vscode.ThemeIcon('database');
    }
  }

  private tooltip(profile: ConnectionProfile | undefined, state: ConnectionState, version: string | undefined): vscode.MarkdownString {
    const server = this.ctx.connections.peekSession(this.profileId)?.server;
    return detailsTooltip(
      vscode.l10n.t('Connection {0}', profile?.name ?? this.profileId),
      [
        [vscode.l10n.t('Address'), profile ? `${profile.host}:${profile.port}` : undefined, { code: true }],
        [vscode.l10n.t('User'), profile?.user],
        [vscode.l10n.t('Environment'), profile?.environment],
        [vscode.l10n.t('TLS'), profile?.tls],
        [vscode.l10n.t('Status'), state.status],
        [vscode.l10n.t('Server version'), version],
        [vscode.l10n.t('Problem'), this.problem(state)],
      ],
      server?.sharedData
        ? vscode.l10n.t('This cluster runs in shared-data mode, where StarRocks documents BACKUP and RESTORE as unsupported.')
        : undefined,
    );
  }

  private noRepositoryPlaceholder(): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.createRepository,
      label: vscode.l10n.t('Create Repository…'),
      description: vscode.l10n.t('no repository yet'),
      tooltip: vscode.l10n.t('This cluster has no backup repository. Create one on an S3 location to back up databases.'),
      icon: new vscode.ThemeIcon('add'),
      command: { command: CommandIds.createRepository, title: vscode.l10n.t('Create Repository…'), arguments: [this] },
    });
  }

  private connectPlaceholder(): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.loadError,
      label: vscode.l10n.t('Not connected — click to connect'),
      icon: new vscode.ThemeIcon('plug'),
      command: { command: CommandIds.refresh, title: vscode.l10n.t('Connect'), arguments: [this] },
    });
  }

  private loadProblem(message: string): ExplorerNode {
    return new PlaceholderNode(this, {
      purpose: Ctx.loadError,
      label: vscode.l10n.t('Could not list repositories: {0}', message),
      tooltip: message,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
      command: { command: CommandIds.refresh, title: vscode.l10n.t('Retry'), arguments: [this] },
    });
  }
}
