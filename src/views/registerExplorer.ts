import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types';
import type { JobTrackerService } from '../jobs/types';
import type { ServerCatalog } from '../catalog/serverCatalog';
import type { Prompter } from '../ui/prompter';
import { CommandIds, EXPLORER_VIEW_ID, FOCUS_EXPLORER_COMMAND } from '../commands/commandIds';
import { registerCommand } from '../commands/registerCommand';
import { ExplorerTreeProvider, type ExplorerDependencies } from './explorerTreeProvider';
import type { ExplorerNode } from './nodes/explorerNode';
import { RepositoryNode } from './nodes/repositoryNode';

/** The explorer's parts; disposing it disposes the provider and the explorer's commands (activation owns the view). */
export interface ExplorerRegistration extends vscode.Disposable {
  provider: ExplorerTreeProvider;
  view: vscode.TreeView<ExplorerNode>;
}

/**
 * Connects the explorer view (created at activation, `src/activation/lazyExplorer.ts`) to its data
 * and registers the commands that act on the tree itself (refresh, snapshot filter, show more). The workflows that change state live in `src/commands/workflows/`.
 */
export function registerExplorer(
  deps: {
    connections: ConnectionService;
    jobs: JobTrackerService;
    catalog: ServerCatalog;
    prompter: Prompter;
    log: vscode.LogOutputChannel;
    plans?: ExplorerDependencies['plans'];
  },
  view: vscode.TreeView<ExplorerNode>,
): ExplorerRegistration {
  const provider = new ExplorerTreeProvider(deps);
  provider.attachView(view);
  // The explorer shows a Jobs section, so while it is visible the tracker also looks for jobs started elsewhere.
  deps.jobs.setJobsViewVisible(view.visible, EXPLORER_VIEW_ID);
  const disposables: vscode.Disposable[] = [
    provider,
    view.onDidChangeVisibility((e) => deps.jobs.setJobsViewVisible(e.visible, EXPLORER_VIEW_ID)),
    registerCommand(deps, CommandIds.refresh, (node?: ExplorerNode) => provider.refresh(node)),
    registerCommand(deps, CommandIds.filterSnapshots, (node?: ExplorerNode) => filterSnapshots(provider, deps.prompter, node)),
    registerCommand(deps, CommandIds.clearSnapshotFilter, (node?: ExplorerNode) => setFilter(provider, node, undefined)),
    registerCommand(deps, CommandIds.revealJob, (jobKey?: unknown) => revealJob(provider, view, deps.jobs, jobKey)),
    registerCommand(deps, CommandIds.showMoreSnapshots, (node?: ExplorerNode) => {
      const repo = repositoryOf(node);
      if (repo) {
        repo.showMore();
        provider.rerender(repo);
      }
    }),
  ];
  return { provider, view, dispose: () => disposables.forEach((d) => d.dispose()) };
}

function repositoryOf(node: ExplorerNode | undefined): RepositoryNode | undefined {
  for (let current = node; current; current = current.parent) {
    if (current instanceof RepositoryNode) return current;
  }
  return undefined;
}

async function filterSnapshots(provider: ExplorerTreeProvider, prompter: Prompter, node: ExplorerNode | undefined): Promise<void> {
  const repo = repositoryOf(node);
  if (!repo) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a repository in the StarRocks Backup view to filter its snapshots.'));
    return;
  }
  const value = await prompter.input({
    title: vscode.l10n.t('Filter Snapshots of {0}', repo.name),
    prompt: vscode.l10n.t('Shows only snapshots whose label contains this text (case-insensitive). Leave empty to show all.'),
    placeHolder: vscode.l10n.t('Part of a snapshot label'),
    value: repo.filter ?? '',
  });
  if (value !== undefined) {
    setFilter(provider, repo, value);
  }
}

function setFilter(provider: ExplorerTreeProvider, node: ExplorerNode | undefined, filter: string | undefined): void {
  const repo = repositoryOf(node);
  if (repo) {
    repo.setFilter(filter);
    provider.rerender(repo);
  }
}

/** Shows a tracked job in its connection's Jobs section (used by the job notifications and list). */
async function revealJob(
  provider: ExplorerTreeProvider,
  view: vscode.TreeView<ExplorerNode>,
  jobs: JobTrackerService,
  jobKey: unknown,
): Promise<void> {
  const job = typeof jobKey === 'string' ? jobs.get(jobKey) : undefined;
  if (!job) {
    await vscode.commands.executeCommand(FOCUS_EXPLORER_COMMAND);
    return;
  }
  // The connection nodes exist once the roots were listed.
  if (!provider.connectionNode(job.profileId)) await provider.getChildren();
  const jobsNode = provider.connectionNode(job.profileId)?.jobsNode;
  if (!jobsNode) {
    await vscode.commands.executeCommand(FOCUS_EXPLORER_COMMAND);
    return;
  }
  // Pending re-renders go first: a refresh that overtakes the reveal would drop its selection.
  provider.scheduler.flush();
  await view.reveal(jobsNode.jobNode(job), { select: true, focus: true, expand: true });
}
