/**
 * The one status bar item: hidden while nothing happens, `$(sync~spin) 2 jobs · 45%` while jobs
 * run, and a warning background after a failure until the user opens the job list.
 */
import * as vscode from 'vscode';
import { needsAttention } from './core/jobRecord';
import { aggregateProgress } from './core/progress';
import { escapeMarkdown } from '../text/markdown';
import { jobMarkdown, type ConnectionNames } from './describe';
import type { TrackedJob } from './types';

/** What the item shows; kept as plain data so integration tests can read it. */
export interface StatusBarModel {
  visible: boolean;
  text: string;
  /** Markdown. */
  tooltip: string;
  warning: boolean;
}

/** Ended jobs listed in the tooltip below the running ones. */
const RECENT_IN_TOOLTIP = 3;
/** The elapsed times in the tooltip move on between polls; redraw this often while jobs run. */
const REDRAW_MS = 5_000;

export function statusBarModel(jobs: readonly TrackedJob[], now: number, names: ConnectionNames): StatusBarModel {
  const running = jobs.filter((job) => job.phase === 'running');
  const attention = jobs.filter(needsAttention);
  const warning = attention.length > 0;
  if (running.length === 0 && !warning) return { visible: false, text: '', tooltip: '', warning: false };
  const recent = jobs.filter((job) => job.phase !== 'running').slice(0, Math.max(RECENT_IN_TOOLTIP, attention.length));
  return { visible: true, text: itemText(running, attention), tooltip: tooltipMarkdown(running, recent, now, names), warning };
}

function itemText(running: TrackedJob[], attention: TrackedJob[]): string {
  if (running.length > 0) {
    const { percent } = aggregateProgress(running);
    const count = running.length === 1 ? vscode.l10n.t('1 job') : vscode.l10n.t('{0} jobs', running.length);
    const spinner = running.every((job) => job.unreachable) ? '$(question)' : '$(sync~spin)';
    return percent === undefined ? `${spinner} ${count}` : vscode.l10n.t('{0} {1} · {2}%', spinner, count, percent);
  }
  return attention.length === 1 ? vscode.l10n.t('$(error) 1 job failed') : vscode.l10n.t('$(error) {0} jobs failed', attention.length);
}

function tooltipMarkdown(running: TrackedJob[], recent: TrackedJob[], now: number, names: ConnectionNames): string {
  const sections: string[] = [];
  if (running.length > 0) {
    sections.push(`**${escapeMarkdown(vscode.l10n.t('Running StarRocks jobs'))}**`, ...running.map((job) => jobMarkdown(job, now, names)));
  }
  if (recent.length > 0) {
    sections.push(`**${escapeMarkdown(vscode.l10n.t('Recent jobs'))}**`, ...recent.map((job) => jobMarkdown(job, now, names)));
  }
  sections.push(`_${escapeMarkdown(vscode.l10n.t('Click to show jobs, cancel one or open its details.'))}_`);
  return sections.join('\n\n');
}

export class JobStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private redrawTimer: NodeJS.Timeout | undefined;
  private current: StatusBarModel = { visible: false, text: '', tooltip: '', warning: false };

  constructor(
    command: string,
    private readonly source: () => { jobs: readonly TrackedJob[]; now: number; names: ConnectionNames },
  ) {
    this.item = vscode.window.createStatusBarItem('starrocksBackup.jobs', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('StarRocks Jobs');
    this.item.command = command;
    this.update();
  }

  get model(): StatusBarModel {
    return this.current;
  }

  update(): void {
    const { jobs, now, names } = this.source();
    const model = statusBarModel(jobs, now, names);
    this.current = model;
    if (!model.visible) {
      this.item.hide();
    } else {
      this.item.text = model.text;
      const tooltip = new vscode.MarkdownString(model.tooltip, true);
      this.item.tooltip = tooltip;
      this.item.backgroundColor = model.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.accessibilityInformation = { label: model.text.replace(/\$\([^)]*\)\s*/g, '') };
      this.item.show();
    }
    this.armRedraw(jobs.some((job) => job.phase === 'running'));
  }

  private armRedraw(running: boolean): void {
    if (running && !this.redrawTimer) {
      this.redrawTimer = setInterval(() => this.update(), REDRAW_MS);
    } else if (!running && this.redrawTimer) {
      clearInterval(this.redrawTimer);
      this.redrawTimer = undefined;
    }
  }

  dispose(): void {
    if (this.redrawTimer) clearInterval(this.redrawTimer);
    this.item.dispose();
  }
}
