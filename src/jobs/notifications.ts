/**
 * Tells the user when a job ends or looks stuck: one notification at a time, the server's own
 * Status text plus what to do on failure, and "Don't show again" on the kinds that repeat.
 */
import * as vscode from 'vscode';
import type { Clock } from './core/clock';
import { durationOf, outcomeOf } from './core/jobRecord';
import { NoticeQueue } from './core/noticeQueue';
import { quietFor } from './core/stuck';
import type { JobEvent } from './core/trackerCore';
import { connectionLabel, formatDuration, jobTitle, resolutionText, type ConnectionNames } from './describe';
import { explainJobStatus } from './explain';
import { disableNotification, notificationEnabled, type NotificationSetting } from './settings';
import type { TrackedJob } from './types';

export type NoticeReason = 'finished' | 'cancelled' | 'failed' | 'unknown' | 'stuck' | 'summary';
export type NoticeSeverity = 'info' | 'warning' | 'error';

/** What the job notifications need to do on a button press. */
export interface NoticeActions {
  showDetails(jobKey: string): unknown;
  showJobs(): unknown;
  cancel(jobKey: string): unknown;
}

interface Notice {
  key: string;
  reason: NoticeReason;
  severity: NoticeSeverity;
  message: string;
  jobKeys: string[];
  buttons: { title: string; run: () => unknown }[];
}

/** A notification as shown, for the log and for integration tests (which cannot see toasts). */
export interface NoticeRecord {
  reason: NoticeReason;
  severity: NoticeSeverity;
  message: string;
  jobKeys: string[];
  buttons: string[];
  shownAt: number;
  /** The button the user pressed, once they did. */
  chosen?: string;
}

/** A notice nobody closes holds back the next one for this long. */
const HOLD_MS = 10_000;

export class JobNotifications implements vscode.Disposable {
  readonly shown: NoticeRecord[] = [];
  private readonly queue: NoticeQueue<Notice>;
  private readonly shownEmitter = new vscode.EventEmitter<NoticeRecord>();
  readonly onDidShow = this.shownEmitter.event;

  constructor(
    private readonly names: ConnectionNames,
    private readonly actions: NoticeActions,
    private readonly clock: Clock,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.queue = new NoticeQueue<Notice>(
      (notice) => this.display(notice),
      (notices) => this.summarize(notices),
      clock,
      HOLD_MS,
    );
  }

  /** No notification on screen or waiting (tests close them and wait for this). */
  get idle(): boolean {
    return this.queue.idle;
  }

  handle(event: JobEvent): void {
    const notice = event.type === 'stuck' ? this.stuckNotice(event.job) : this.endedNotice(event.job);
    if (notice) this.queue.push(notice);
  }

  dispose(): void {
    this.queue.dispose();
    this.shownEmitter.dispose();
  }

  private endedNotice(job: TrackedJob): Notice | undefined {
    const outcome = outcomeOf(job);
    const title = jobTitle(job);
    const where = connectionLabel(job, this.names);
    const details = { title: vscode.l10n.t('Show Details'), run: () => this.actions.showDetails(job.key) };
    switch (outcome) {
      case 'running':
        return undefined;
      case 'succeeded':
      case 'cancelled': {
        if (!notificationEnabled('notifyOnFinish')) return undefined;
        const message =
          outcome === 'succeeded'
            ? vscode.l10n.t('{0} finished on {1} after {2}.', title, where, formatDuration(durationOf(job, this.clock.now())))
            : vscode.l10n.t('{0} on {1} was cancelled.', title, where);
        return this.notice(job, outcome === 'succeeded' ? 'finished' : 'cancelled', 'info', message, [
          details,
          this.dontShowAgain('notifyOnFinish'),
        ]);
      }
      case 'failed': {
        const explanation = explainJobStatus(job.statusMessage);
        const message = [vscode.l10n.t('{0} failed on {1}: {2}', title, where, job.statusMessage ?? job.state), explanation]
          .filter(Boolean)
          .join(' ');
        return this.notice(job, 'failed', 'error', message, [
          details,
          { title: vscode.l10n.t('Show Jobs'), run: () => this.actions.showJobs() },
        ]);
      }
      case 'unknown':
        if (job.resolution === 'connectionRemoved') return undefined; // the user removed it
        return this.notice(
          job,
          'unknown',
          'warning',
          vscode.l10n.t('{0} on {1}: outcome unknown. {2}', title, where, resolutionText(job) ?? ''),
          [details],
        );
    }
  }

  private stuckNotice(job: TrackedJob): Notice | undefined {
    if (!notificationEnabled('notifyWhenStuck')) return undefined;
    const message = vscode.l10n.t(
      '{0} on {1} has been in state {2} for {3} without progress.',
      jobTitle(job),
      connectionLabel(job, this.names),
      job.state,
      formatDuration(quietFor(job, this.clock.now())),
    );
    return this.notice(job, 'stuck', 'warning', message, [
      { title: vscode.l10n.t('Show Details'), run: () => this.actions.showDetails(job.key) },
      { title: vscode.l10n.t('Cancel Job…'), run: () => this.actions.cancel(job.key) },
      this.dontShowAgain('notifyWhenStuck'),
    ]);
  }

  private summarize(notices: Notice[]): Notice {
    const severity: NoticeSeverity = notices.some((n) => n.severity === 'error')
      ? 'error'
      : notices.some((n) => n.severity === 'warning')
        ? 'warning'
        : 'info';
    const count = (reason: NoticeReason): number => notices.filter((n) => n.reason === reason).length;
    const parts = [
      count('finished') && vscode.l10n.t('{0} finished', count('finished')),
      count('failed') && vscode.l10n.t('{0} failed', count('failed')),
      count('cancelled') && vscode.l10n.t('{0} cancelled', count('cancelled')),
      count('unknown') && vscode.l10n.t('{0} with unknown outcome', count('unknown')),
      count('stuck') && vscode.l10n.t('{0} stuck', count('stuck')),
    ].filter((p): p is string => typeof p === 'string');
    return {
      key: 'summary',
      reason: 'summary',
      severity,
      message: vscode.l10n.t('{0} StarRocks jobs need a look: {1}.', notices.length, parts.join(', ')),
      jobKeys: notices.flatMap((n) => n.jobKeys),
      buttons: [{ title: vscode.l10n.t('Show Jobs'), run: () => this.actions.showJobs() }],
    };
  }

  private notice(job: TrackedJob, reason: NoticeReason, severity: NoticeSeverity, message: string, buttons: Notice['buttons']): Notice {
    return { key: job.key, reason, severity, message, jobKeys: [job.key], buttons };
  }

  private dontShowAgain(setting: NotificationSetting): Notice['buttons'][number] {
    return { title: vscode.l10n.t("Don't Show Again"), run: () => disableNotification(setting) };
  }

  private async display(notice: Notice): Promise<void> {
    const record: NoticeRecord = {
      reason: notice.reason,
      severity: notice.severity,
      message: notice.message,
      jobKeys: notice.jobKeys,
      buttons: notice.buttons.map((b) => b.title),
      shownAt: this.clock.now(),
    };
    this.shown.push(record);
    this.log.info(`Notification (${notice.reason}): ${notice.message}`);
    this.shownEmitter.fire(record);
    const titles = notice.buttons.map((b) => b.title);
    const show =
      notice.severity === 'error'
        ? vscode.window.showErrorMessage
        : notice.severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    const chosen = await show(notice.message, ...titles);
    if (chosen === undefined) return;
    record.chosen = chosen;
    try {
      await notice.buttons.find((b) => b.title === chosen)?.run();
    } catch (error) {
      this.log.error(`Notification action "${chosen}" failed: ${String(error)}`);
    }
  }
}
