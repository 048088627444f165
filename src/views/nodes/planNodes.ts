import * as vscode from 'vscode';
import { CommandIds } from '../../commands/commandIds';
import type { BackupPlan } from '../../starrocks/plans/backupPlan';
import type { DrillRecord, PlanRun, PlanState } from '../../starrocks/plans/planHistory';
import { formatInstant } from '../../text/format';
import { contextValue, Ctx } from '../contextValues';
import { ExplorerNode } from './explorerNode';

const t = vscode.l10n.t;

/** "Plans" under a connection: the workspace's backup plans that back up from it. */
export class PlansSectionNode extends ExplorerNode {
  readonly id: string;

  constructor(
    parent: ExplorerNode,
    readonly profileId: string,
    private readonly entries: { plan: BackupPlan; state: PlanState }[],
  ) {
    super(parent);
    this.id = `${parent.id}/plans`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(t('Plans'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = String(this.entries.length);
    item.iconPath = new vscode.ThemeIcon('checklist');
    item.contextValue = contextValue(Ctx.plans);
    return item;
  }

  override getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.entries.map(({ plan, state }) => new PlanNode(this, this.profileId, plan, state)));
  }
}

/** One plan: its last run and its result, and its last drill; its drills below it. */
export class PlanNode extends ExplorerNode {
  readonly id: string;

  constructor(
    parent: ExplorerNode,
    readonly profileId: string,
    readonly plan: BackupPlan,
    readonly state: PlanState,
  ) {
    super(parent);
    this.id = `${parent.id}/${plan.name}`;
  }

  getTreeItem(): vscode.TreeItem {
    const run = this.state.runs[0];
    const drill = this.state.drills[0];
    const item = new vscode.TreeItem(
      this.plan.name,
      this.state.drills.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.description = [
      run ? t('last run {0}: {1}', formatInstant(new Date(run.at)), runResultText(run)) : t('never run'),
      drill && drillText(drill),
    ]
      .filter(Boolean)
      .join(' · ');
    const failed = run !== undefined && ['failed', 'cancelled', 'unknown'].includes(run.result);
    item.iconPath = new vscode.ThemeIcon(failed ? 'warning' : 'calendar');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${this.plan.name}** — ${this.plan.database} → ${this.plan.repository}`,
        this.plan.mode === 'full'
          ? t('Every run backs up everything the plan names.')
          : t("Each run backs up the partitions changed since the plan's last snapshot."),
        run
          ? t('Last run: {0}, snapshot {1}: {2}', formatInstant(new Date(run.at)), run.label || '—', runResultText(run))
          : t('Never run.'),
        drill
          ? t('Last drill: {0}, snapshot {1}: {2}', formatInstant(new Date(drill.at)), drill.label, drillText(drill))
          : t('Never drilled.'),
      ].join('\n\n'),
    );
    item.contextValue = contextValue(Ctx.plan, failed && Ctx.lastRunFailed);
    item.command = { command: CommandIds.showPlanDetails, title: t('Show Plan Details'), arguments: [this] };
    return item;
  }

  override getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.state.drills.map((drill) => new DrillNode(this, drill)));
  }
}

/** One drill of a plan: when, which snapshot, how long, and whether it verified. */
export class DrillNode extends ExplorerNode {
  readonly id: string;

  constructor(
    parent: ExplorerNode,
    readonly drill: DrillRecord,
  ) {
    super(parent);
    this.id = `${parent.id}/drill/${drill.at}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(t('Drill {0}', formatInstant(new Date(this.drill.at))), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${this.drill.label} · ${drillText(this.drill)} · ${formatDuration(this.drill.durationMs)}`;
    item.iconPath = new vscode.ThemeIcon(this.drill.result === 'verified' ? 'pass' : 'error');
    item.tooltip = this.drill.differing.length > 0 ? t('Differs: {0}', this.drill.differing.join(', ')) : this.drill.message;
    item.contextValue = contextValue(Ctx.drill, this.drill.result === 'verified' ? Ctx.drillVerified : Ctx.drillDiffers);
    return item;
  }
}

export function runResultText(run: PlanRun): string {
  switch (run.result) {
    case 'finished':
      return run.scope === 'changed' ? t('changed partitions backed up') : t('backed up');
    case 'nothingNew':
      return t('nothing new');
    case 'running':
      return t('running');
    case 'failed':
      return t('failed');
    case 'cancelled':
      return t('cancelled');
    default:
      return t('outcome unknown');
  }
}

export function drillText(drill: DrillRecord): string {
  switch (drill.result) {
    case 'verified':
      return t('drill verified');
    case 'differs':
      return t('drill: {0} differ', drill.differing.length);
    default:
      return t('drill failed');
  }
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
