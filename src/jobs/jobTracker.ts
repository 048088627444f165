/**
 * `JobTrackerService` for the extension: the polling core plus what the editor shows of it
 * (status bar, notifications, the details document). The core holds the logic; this file only
 * wires it to VS Code, so the same core runs in plain Node for the benchmark.
 */
import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types';
import type { JobRow } from '../starrocks/models';
import { CommandIds } from '../commands/commandIds';
import { systemClock, type Clock } from './core/clock';
import type { HistoryStore } from './core/jobHistory';
import { JobTrackerCore, type TrackerStats } from './core/trackerCore';
import { connectionNames, type ConnectionNames } from './describe';
import { JOB_DETAILS_SCHEME, JobDetailsProvider } from './detailsDocument';
import { JobNotifications, type NoticeRecord } from './notifications';
import { affectsJobSettings, readCoreSettings } from './settings';
import { connectionSessionSource } from './sessionSource';
import { JobStatusBar, type StatusBarModel } from './statusBar';
import type { CancelResult, JobTrackerService, SubmittedJob, TrackedJob } from './types';

/** Context key: true while a job runs (the palette offers Cancel Job only then). */
const JOBS_RUNNING_CONTEXT = 'starrocksBackup.jobsRunning';

export interface JobTrackerDeps {
  connections: ConnectionService;
  /** `context.globalState`: the job history lives there. */
  globalState: HistoryStore;
  log: vscode.LogOutputChannel;
  clock?: Clock;
}

/** Everything that a window reload would rebuild. */
interface Session {
  core: JobTrackerCore;
  statusBar: JobStatusBar;
  notifications: JobNotifications;
  disposables: { dispose(): unknown }[];
}

export class JobTracker implements JobTrackerService {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeJobs = this.changeEmitter.event;
  private readonly noticeEmitter = new vscode.EventEmitter<NoticeRecord>();
  /** Fires for every notification shown (tests cannot see toasts). */
  readonly onDidShowNotification = this.noticeEmitter.event;

  private readonly clock: Clock;
  private readonly names: ConnectionNames;
  /** The content of job details documents (the activation's proxy provider answers through it until this one is registered). */
  readonly details: JobDetailsProvider;
  private readonly disposables: vscode.Disposable[] = [];
  /** Views that reported themselves visible; kept across `restart()` like the views themselves are. */
  private readonly visibleViews = new Set<string>();
  private session: Session;
  private runningContext: boolean | undefined;
  /** True inside `restart()` while no session exists. */
  private stopped = false;

  constructor(private readonly deps: JobTrackerDeps) {
    this.clock = deps.clock ?? systemClock;
    this.names = connectionNames(deps.connections);
    this.details = new JobDetailsProvider({ get: (key) => this.get(key) }, this.names, () => this.clock.now());
    this.disposables.push(
      this.changeEmitter,
      this.noticeEmitter,
      this.details,
      vscode.workspace.registerTextDocumentContentProvider(JOB_DETAILS_SCHEME, this.details),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsJobSettings(e)) this.session.core.nudge();
      }),
      // Names and environments of connections appear in the status bar; a newly opened connection
      // may run jobs nobody has seen yet, and a removed one ends its jobs.
      deps.connections.onDidChangeConnections(() => {
        this.redraw();
        this.session.core.nudge();
      }),
    );
    this.session = this.startSession();
  }

  // ---- JobTrackerService ----------------------------------------------------------------------

  track(job: SubmittedJob): TrackedJob {
    const tracked = this.session.core.track(job);
    this.deps.log.info(`Tracking ${job.kind} ${job.database}.${job.label} on ${this.names.name(job.profileId)}`);
    return tracked;
  }

  list(profileId?: string): TrackedJob[] {
    return this.session.core.list(profileId);
  }

  get(key: string): TrackedJob | undefined {
    return this.session.core.get(key);
  }

  findRunningJob(profileId: string, database: string): Promise<JobRow | undefined> {
    return this.session.core.findRunningJob(profileId, database);
  }

  refresh(): Promise<void> {
    return this.session.core.refresh();
  }

  setJobsViewVisible(visible: boolean, viewId = 'default'): void {
    if (visible) this.visibleViews.add(viewId);
    else this.visibleViews.delete(viewId);
    this.session.core.setViewVisible(viewId, visible);
  }

  async cancel(key: string, options: { pastCommitConfirmed: boolean }): Promise<CancelResult> {
    const job = this.get(key);
    const result = await this.session.core.cancel(key, options);
    if (job) {
      const what = `${job.kind} ${job.database}.${job.label} on ${this.names.name(job.profileId)}`;
      if (result.status === 'cancelled') this.deps.log.info(`Cancelled ${what}`);
      else
        this.deps.log.info(
          `Did not cancel ${what}: ${result.status}${'row' in result && result.row ? ` (now ${result.row.label} ${result.row.state})` : ''}${'reason' in result ? ` (${result.reason})` : ''}`,
        );
    }
    return result;
  }

  // ---- for the job commands -------------------------------------------------------------------

  clearHistory(): Promise<void> {
    return this.session.core.clearHistory();
  }

  /** The user opened the job list: failures stop colouring the status bar. */
  acknowledgeAll(): Promise<void> {
    return this.session.core.acknowledgeAll();
  }

  get connectionNames(): ConnectionNames {
    return this.names;
  }

  now(): number {
    return this.clock.now();
  }

  // ---- for integration tests and the log ------------------------------------------------------

  get statusBarModel(): StatusBarModel {
    return this.session.statusBar.model;
  }

  /** Notifications shown since this tracker (or its last restart) began. */
  get notifications(): readonly NoticeRecord[] {
    return this.session.notifications.shown;
  }

  /** True when no job notification is on screen or waiting to be shown. */
  get notificationsIdle(): boolean {
    return this.session.notifications.idle;
  }

  get stats(): TrackerStats {
    return { ...this.session.core.stats };
  }

  isPolling(): boolean {
    return this.session.core.isPolling();
  }

  /**
   * Drops everything held in memory and starts again from globalState, as closing and reopening
   * the window does: jobs that were running are picked up from the history. `whileClosed` runs in
   * between, when no tracker exists (jobs go on on the server). The harness cannot reload the
   * window without ending the test run, so the reload test uses this.
   */
  async restart(whileClosed?: () => Promise<void>): Promise<void> {
    this.stopSession();
    this.stopped = true;
    try {
      await whileClosed?.();
    } finally {
      this.stopped = false;
      this.session = this.startSession();
      this.redraw();
    }
  }

  dispose(): void {
    this.stopSession();
    for (const d of this.disposables) d.dispose();
  }

  // ---- internals -------------------------------------------------------------------------------

  private startSession(): Session {
    const core = new JobTrackerCore({
      sessions: connectionSessionSource(this.deps.connections),
      store: this.deps.globalState,
      settings: readCoreSettings,
      clock: this.clock,
      log: this.deps.log,
    });
    const statusBar = new JobStatusBar(CommandIds.showJobs, () => ({ jobs: core.list(), now: this.clock.now(), names: this.names }));
    const notifications = new JobNotifications(
      this.names,
      {
        showDetails: (key) => vscode.commands.executeCommand(CommandIds.showJobDetails, key),
        showJobs: () => vscode.commands.executeCommand(CommandIds.showJobs),
        cancel: (key) => vscode.commands.executeCommand(CommandIds.cancelJob, key),
      },
      this.clock,
      this.deps.log,
    );
    const session: Session = {
      core,
      statusBar,
      notifications,
      disposables: [
        core.onDidChange(() => this.redraw()),
        core.onJobEvent((event) => notifications.handle(event)),
        notifications.onDidShow((record) => this.noticeEmitter.fire(record)),
      ],
    };
    for (const viewId of this.visibleViews) core.setViewVisible(viewId, true);
    this.updateRunningContext(core.list());
    return session;
  }

  private stopSession(): void {
    const { core, statusBar, notifications, disposables } = this.session;
    for (const d of disposables) d.dispose();
    core.dispose();
    statusBar.dispose();
    notifications.dispose();
  }

  private redraw(): void {
    // During construction the session is not assigned yet; during a restart it is stopped.
    if (!this.session || this.stopped) return;
    this.session.statusBar.update();
    this.details.refreshOpenDocuments();
    this.updateRunningContext(this.session.core.list());
    this.changeEmitter.fire();
  }

  private updateRunningContext(jobs: TrackedJob[]): void {
    const running = jobs.some((job) => job.phase === 'running');
    if (running === this.runningContext) return;
    this.runningContext = running;
    void vscode.commands.executeCommand('setContext', JOBS_RUNNING_CONTEXT, running);
  }
}
