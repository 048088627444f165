import * as vscode from 'vscode';
import { jobTitle, kindIcon, outcomeIcon, resolutionText, statusLine } from '../../jobs/describe';
import type { TrackedJob } from '../../jobs/types';
import { contextValue, Ctx } from '../contextValues';
import { detailsTooltip } from '../tooltip';
import { ExplorerNode, type ExplorerContext } from './explorerNode';
import { PlaceholderNode } from './placeholderNode';

/** How many finished jobs the section keeps visible under the running ones. */
const RECENT_JOBS = 10;

/**
 * The "Jobs" section of a connection: running and recent BACKUP/RESTORE jobs as the job tracker
 * knows them. It reads only the tracker (no SQL), so re-rendering it on every tracker event is cheap.
 */
export class JobsSectionNode extends ExplorerNode {
  readonly id: string;
  /** Job nodes by job key, reused so that a job can be revealed and keeps its selection. */
  private readonly jobNodes = new Map<string, JobNode>();

  constructor(
    private readonly ctx: ExplorerContext,
    parent: ExplorerNode,
    readonly profileId: string,
  ) {
    super(parent);
    this.id = `${parent.id}/jobs`;
  }

  private jobs(): TrackedJob[] {
    const all = this.ctx.jobs.list(this.profileId);
    const running = all.filter((job) => job.phase === 'running');
    const ended = all.filter((job) => job.phase !== 'running').slice(0, RECENT_JOBS);
    return [...running, ...ended];
  }

  getTreeItem(): vscode.TreeItem {
    const jobs = this.jobs();
    const running = jobs.filter((job) => job.phase === 'running').length;
    // Always collapsed: a state that flips with the jobs would fold the section under the user's
    // hands; the description says what runs, and revealing a job expands it.
    const item = new vscode.TreeItem(vscode.l10n.t('Jobs'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(running > 0 ? 'sync~spin' : 'history');
    item.description =
      running > 0
        ? vscode.l10n.t('{0} running', running)
        : jobs.length > 0
          ? vscode.l10n.t('{0} recent', jobs.length)
          : vscode.l10n.t('none');
    item.tooltip = vscode.l10n.t('BACKUP and RESTORE jobs of this connection: the running ones and the most recent that ended.');
    item.contextValue = contextValue(Ctx.jobs);
    return item;
  }

  override async getChildren(): Promise<ExplorerNode[]> {
    const jobs = this.jobs();
    if (jobs.length === 0) {
      return [
        new PlaceholderNode(this, {
          purpose: Ctx.noJobs,
          label: vscode.l10n.t('No jobs yet'),
          description: vscode.l10n.t('back up a database to start one'),
          icon: new vscode.ThemeIcon('info'),
        }),
      ];
    }
    const keys = new Set(jobs.map((job) => job.key));
    for (const key of this.jobNodes.keys()) {
      if (!keys.has(key)) this.jobNodes.delete(key);
    }
    return jobs.map((job) => this.jobNode(job));
  }

  /** The node of a tracked job (created when needed, e.g. to reveal it). */
  jobNode(job: TrackedJob): JobNode {
    let node = this.jobNodes.get(job.key);
    if (node) {
      node.job = job;
    } else {
      node = new JobNode(this, job);
      this.jobNodes.set(job.key, node);
    }
    return node;
  }
}

export class JobNode extends ExplorerNode {
  readonly id: string;

  constructor(
    parent: JobsSectionNode,
    public job: TrackedJob,
  ) {
    super(parent);
    this.id = `${parent.id}/${job.key}`;
  }

  getTreeItem(): vscode.TreeItem {
    const job = this.job;
    const item = new vscode.TreeItem(jobTitle(job), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = statusLine(job, Date.now());
    const running = job.phase === 'running';
    // A finished job shows what it was (upload/download) in green; anything else shows its outcome.
    const icon = !running && outcomeIcon(job) === 'pass' ? kindIcon(job) : outcomeIcon(job);
    item.iconPath = new vscode.ThemeIcon(icon, iconColor(job));
    item.tooltip = detailsTooltip(
      jobTitle(job),
      [
        [vscode.l10n.t('State'), job.state],
        [vscode.l10n.t('Repository'), job.repository],
        [vscode.l10n.t('Snapshot timestamp'), job.timestamp, { code: true }],
        [vscode.l10n.t('Status'), job.statusMessage],
        [vscode.l10n.t('Statement'), job.sql, { code: true }],
      ],
      resolutionText(job),
    );
    item.contextValue = contextValue(Ctx.job, running && Ctx.running, job.kind === 'BACKUP' ? Ctx.backupJob : Ctx.restoreJob);
    return item;
  }
}

function iconColor(job: TrackedJob): vscode.ThemeColor | undefined {
  const icon = outcomeIcon(job);
  if (icon === 'error') return new vscode.ThemeColor('list.errorForeground');
  if (icon === 'pass') return new vscode.ThemeColor('charts.green');
  return undefined;
}
