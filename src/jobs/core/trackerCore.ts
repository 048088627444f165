/**
 * The job tracker without the editor: which jobs exist, when to poll, what each poll means, and
 * the history. The VS Code side (status bar, notifications, commands) listens to its events; the
 * benchmark runs it in plain Node against the sandbox.
 */
import { cancelJob } from '../../starrocks/builders/cancelJob';
import { isTerminalState, type JobRow } from '../../starrocks/models';
import type { CancelResult, SubmittedJob, TrackedJob } from '../types';
import { systemClock, type Clock } from './clock';
import { Emitter, type CoreEvent } from './emitter';
import { byRecency, JobHistory, type HistoryStore, type RowParser } from './jobHistory';
import {
  applyRow,
  discoveredJob,
  isRestorePastCommit,
  isSameJob,
  jobKey,
  newTrackedJob,
  resolveVanished,
  type ObservedJob,
} from './jobRecord';
import { PollSchedule, type PollIntervals } from './pollSchedule';
import { listRepositoryNames, parseJobRow, readAllJobs, readDatabaseJob, snapshotExists, type QuerySession } from './serverJobs';
import { shouldNotifyStuck } from './stuck';

/** How the core reaches servers. The VS Code side wraps `ConnectionService`; the benchmark wraps mysql2. */
export interface SessionSource {
  /** Profiles with an open connection: discovery asks these and never opens a connection itself. */
  connectedProfiles(): string[];
  /**
   * The session to poll with, opened if needed. `interactive` is false for background polls, which
   * must not pop up a password prompt: they get undefined for a closed "ask" profile instead.
   */
  sessionFor(profileId: string, interactive: boolean): Promise<QuerySession | undefined>;
  /** False once the profile was deleted. */
  exists(profileId: string): boolean;
}

export interface CoreSettings {
  intervals: PollIntervals;
  historySize: number;
  /** ≤ 0 turns stuck detection off. */
  stuckAfterMs: number;
  /** How long polls of a server may fail before its running jobs show as "unknown". */
  unknownAfterMs: number;
}

export interface CoreLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the user may want to hear about. */
export type JobEvent = { type: 'ended'; job: TrackedJob } | { type: 'stuck'; job: TrackedJob };

export interface TrackerCoreDeps {
  sessions: SessionSource;
  store: HistoryStore;
  settings: () => CoreSettings;
  clock?: Clock;
  log?: CoreLogger;
  /** Defaults to the dialect's parsers. */
  parseRow?: RowParser;
}

/** Counters for the benchmark and for tests that prove the tracker stays silent. */
export interface TrackerStats {
  ticks: number;
  queries: number;
  failures: number;
}

/** A job the extension submitted is listed at once; give the FE a moment before calling it vanished. */
const SUBMIT_GRACE_MS = 15_000;

interface ProfileHealth {
  failingSince: number;
  message: string;
  /** The connection needs the user (a password prompt) before it can be polled. */
  notConnected: boolean;
}

const silentLog: CoreLogger = { debug: () => undefined, warn: () => undefined, error: () => undefined };

export class JobTrackerCore {
  readonly stats: TrackerStats = { ticks: 0, queries: 0, failures: 0 };

  private readonly jobs = new Map<string, TrackedJob>();
  /** Keys deleted since the last save, so a merge with another window's copy does not resurrect them. */
  private readonly removed = new Set<string>();
  /** Per profile, the ended rows the first poll found: old jobs, not news. */
  private readonly baselines = new Map<string, Set<string>>();
  private readonly health = new Map<string, ProfileHealth>();
  private readonly visibleViews = new Set<string>();
  private readonly schedule: PollSchedule;
  private readonly history: JobHistory;
  private readonly clock: Clock;
  private readonly log: CoreLogger;
  private cancelTimer: (() => void) | undefined;
  private inFlight: Promise<void> | undefined;
  private dirty = false;
  private disposed = false;

  private readonly changeEmitter: Emitter<void>;
  private readonly jobEmitter: Emitter<JobEvent>;
  readonly onDidChange: CoreEvent<void>;
  readonly onJobEvent: CoreEvent<JobEvent>;

  constructor(private readonly deps: TrackerCoreDeps) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.log ?? silentLog;
    const reportListenerError = (error: unknown): void => this.log.error(`Job listener failed: ${String(error)}`);
    this.changeEmitter = new Emitter<void>(reportListenerError);
    this.jobEmitter = new Emitter<JobEvent>(reportListenerError);
    this.onDidChange = this.changeEmitter.event;
    this.onJobEvent = this.jobEmitter.event;
    this.schedule = new PollSchedule(deps.settings().intervals);
    this.history = new JobHistory(deps.store, deps.parseRow ?? ((kind, raw) => parseJobRow(kind, raw).row));
    for (const job of this.history.load()) {
      this.jobs.set(job.key, job);
    }
    // Jobs that were running when the window closed are picked up again by the first poll.
    this.reschedule();
  }

  // ---- queries from the outside ------------------------------------------------------------

  list(profileId?: string): TrackedJob[] {
    return [...this.jobs.values()]
      .filter((job) => profileId === undefined || job.profileId === profileId)
      .sort(byRecency)
      .map((job) => structuredClone(job));
  }

  get(key: string): TrackedJob | undefined {
    const job = this.jobs.get(key);
    return job && structuredClone(job);
  }

  /** True while a timer will poll again. */
  isPolling(): boolean {
    return this.cancelTimer !== undefined || this.inFlight !== undefined;
  }

  // ---- commands ------------------------------------------------------------------------------

  track(submitted: SubmittedJob): TrackedJob {
    const now = this.clock.now();
    const fresh = newTrackedJob(submitted, now);
    const existing = this.jobs.get(fresh.key);
    if (existing?.phase === 'running') {
      // A poll found it between the statement's OK and this call: it is ours after all.
      existing.discovered = false;
      existing.repository ??= submitted.repository;
      existing.timestamp ??= submitted.timestamp;
      existing.sql ??= submitted.sql;
      existing.updatedAt = now;
      this.changed();
      return structuredClone(existing);
    }
    if (existing) this.archive(existing);
    this.jobs.set(fresh.key, fresh);
    this.removed.delete(fresh.key);
    this.changed();
    this.schedule.reset();
    this.reschedule();
    void this.persist();
    return structuredClone(fresh);
  }

  setViewVisible(viewId: string, visible: boolean): void {
    const wasVisible = this.visibleViews.size > 0;
    if (visible) this.visibleViews.add(viewId);
    else this.visibleViews.delete(viewId);
    const isVisible = this.visibleViews.size > 0;
    if (isVisible && !wasVisible) {
      this.schedule.reset();
      this.reschedule(0);
    } else if (!isVisible && wasVisible) {
      this.reschedule();
    }
  }

  /** Polls every relevant server now; resolves when the poll is done. */
  async refresh(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    await this.tick();
  }

  /**
   * Runs CANCEL BACKUP/RESTORE FROM db, which cancels whatever runs in that database at that
   * moment, only when the job running there now is this one. So it first reads SHOW BACKUP/RESTORE
   * FROM db afresh (the tracker's last poll may be old) and sends CANCEL only when that row is
   * this job (same label; same JobId where both are known) and still running. A restore past
   * COMMIT is cancelled only when the caller confirmed that (`pastCommitConfirmed`); otherwise the
   * fresh row comes back for the caller to ask. Polls afterwards so the new state shows promptly.
   */
  async cancel(key: string, options: { pastCommitConfirmed: boolean }): Promise<CancelResult> {
    const job = this.jobs.get(key);
    if (!job || job.phase !== 'running') throw new Error(`No running job ${key}`);
    const session = await this.deps.sessions.sessionFor(job.profileId, true);
    if (!session) return { status: 'unchecked', reason: `Connection ${job.profileId} is not open` };
    const counted = this.counted(session);
    let observed: ObservedJob | undefined;
    try {
      observed = await readDatabaseJob(counted, job.kind, job.database);
    } catch (error) {
      return { status: 'unchecked', reason: error instanceof Error ? error.message : String(error) };
    }
    const row = observed?.row;
    const verdict = refusal(job, row, options.pastCommitConfirmed);
    if (verdict || !row) {
      // The server moved on from what the tracker showed: poll now so the view catches up.
      if (verdict?.status !== 'pastCommit') this.reschedule(0);
      return verdict ?? { status: 'ended' };
    }
    await counted.query(cancelJob(job.kind, job.database).sql);
    job.cancelRequestedAt = this.clock.now();
    job.updatedAt = job.cancelRequestedAt;
    this.changed();
    this.schedule.reset();
    await this.refresh();
    return { status: 'cancelled', row };
  }

  async findRunningJob(profileId: string, database: string): Promise<JobRow | undefined> {
    const session = await this.deps.sessions.sessionFor(profileId, true);
    if (!session) return undefined;
    for (const kind of ['BACKUP', 'RESTORE'] as const) {
      const observed = await readDatabaseJob(this.counted(session), kind, database);
      if (observed && !isTerminalState(observed.row.state)) return observed.row;
    }
    return undefined;
  }

  /** Forgets every job that is not running. */
  async clearHistory(): Promise<void> {
    for (const job of [...this.jobs.values()]) {
      if (job.phase !== 'running') {
        this.jobs.delete(job.key);
        this.removed.add(job.key);
      }
    }
    this.changed();
    await this.persist();
  }

  /** The user has looked at the job list: ended jobs stop asking for attention. */
  async acknowledgeAll(): Promise<void> {
    let any = false;
    for (const job of this.jobs.values()) {
      if (job.phase !== 'running' && !job.acknowledged) {
        job.acknowledged = true;
        job.updatedAt = this.clock.now();
        any = true;
      }
    }
    if (!any) return;
    this.changed();
    await this.persist();
  }

  /**
   * Something outside changed what a poll would find (settings, a connection opened): if the
   * tracker polls at all, poll soon instead of at the end of a long back-off. Sends nothing when idle.
   */
  nudge(): void {
    if (this.inFlight || !this.wantsPolling()) return;
    this.schedule.setIntervals(this.deps.settings().intervals);
    this.schedule.reset();
    this.reschedule();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.changeEmitter.dispose();
    this.jobEmitter.dispose();
  }

  // ---- the poll loop -------------------------------------------------------------------------

  /** One poll of every relevant server. Concurrent calls share the poll in flight. */
  tick(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.inFlight ??= this.pollAll().finally(() => {
      this.inFlight = undefined;
      this.reschedule();
    });
    return this.inFlight;
  }

  private wantsPolling(): boolean {
    return !this.disposed && (this.visibleViews.size > 0 || this.hasRunning());
  }

  private hasRunning(): boolean {
    for (const job of this.jobs.values()) {
      if (job.phase === 'running') return true;
    }
    return false;
  }

  /** (Re)arms the timer, or stops it when nothing runs and no jobs view is visible. */
  private reschedule(delayMs?: number): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    if (!this.wantsPolling()) {
      this.schedule.reset();
      return;
    }
    if (this.inFlight) return; // the poll in flight re-arms the timer when it ends
    this.schedule.setIntervals(this.deps.settings().intervals);
    const delay = delayMs ?? this.schedule.next();
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      this.tick().catch((error: unknown) => this.log.error(`Job poll failed: ${String(error)}`));
    }, delay);
  }

  private async pollAll(): Promise<void> {
    this.stats.ticks++;
    const profiles = new Set(this.deps.sessions.connectedProfiles());
    for (const job of this.jobs.values()) {
      if (job.phase === 'running') profiles.add(job.profileId);
    }
    await Promise.all([...profiles].map((profileId) => this.pollProfile(profileId)));
    // Disposed meanwhile (window closing, restart): a newer tracker owns the history now.
    if (this.disposed) return;
    this.checkHealthAndStuck();
    if (this.dirty) {
      this.changeEmitter.fire();
      await this.persist();
    }
  }

  private async pollProfile(profileId: string): Promise<void> {
    if (!this.deps.sessions.exists(profileId)) {
      this.endJobsOfRemovedProfile(profileId);
      return;
    }
    let session: QuerySession | undefined;
    try {
      session = await this.deps.sessions.sessionFor(profileId, false);
    } catch (error) {
      this.recordFailure(profileId, error, false);
      return;
    }
    if (!session) {
      this.recordFailure(profileId, undefined, true);
      return;
    }
    const counted = this.counted(session);
    let observed: ObservedJob[];
    try {
      observed = await this.readJobs(profileId, counted);
    } catch (error) {
      this.recordFailure(profileId, error, false);
      return;
    }
    this.recordSuccess(profileId);
    try {
      await this.merge(profileId, observed, counted);
    } catch (error) {
      // Resolving a vanished job needs more queries; if one fails, the next poll tries again.
      this.recordFailure(profileId, error, false);
    }
  }

  /**
   * The cluster-wide form first. A server that rejects it is asked per database, but only for
   * databases with a job this tracker follows, one query each.
   */
  private async readJobs(profileId: string, session: QuerySession): Promise<ObservedJob[]> {
    try {
      return await readAllJobs(session);
    } catch (error) {
      if (!isServerError(error)) throw error;
      this.log.debug(`SHOW BACKUP/RESTORE without FROM failed on ${profileId} (${String(error)}); asking per database`);
      const observed: ObservedJob[] = [];
      for (const job of this.runningJobsOf(profileId)) {
        const row = await readDatabaseJob(session, job.kind, job.database);
        if (row) observed.push(row);
      }
      return observed;
    }
  }

  private async merge(profileId: string, observed: ObservedJob[], session: QuerySession): Promise<void> {
    const now = this.clock.now();
    const byDatabase = new Map(observed.map((o) => [`${o.row.kind}/${o.row.database}`, o]));
    const matched = new Set<ObservedJob>();
    for (const job of this.runningJobsOf(profileId)) {
      const o = byDatabase.get(`${job.kind}/${job.database}`);
      if (o && isSameJob(job, o.row)) {
        matched.add(o);
        this.apply(job, o, now);
      } else {
        await this.resolveMissing(job, session, now);
      }
    }
    const firstLook = !this.baselines.has(profileId);
    const baseline = this.baselines.get(profileId) ?? new Set<string>();
    this.baselines.set(profileId, baseline);
    for (const o of observed) {
      if (!matched.has(o)) this.considerUnmatched(profileId, o, baseline, firstLook, now);
    }
  }

  /** A row no running job of ours claims: an ended record, or a job started elsewhere. */
  private considerUnmatched(profileId: string, o: ObservedJob, baseline: Set<string>, firstLook: boolean, now: number): void {
    const signature = `${o.row.kind}/${o.row.database}/${o.row.label}/${o.row.jobId}`;
    const ended = isTerminalState(o.row.state);
    const existing = this.jobs.get(jobKey(profileId, o.row.database, o.row.kind, o.row.label));
    if (existing && isSameJob(existing, o.row)) {
      // A job we had given up on ("unknown") that the server lists again: take its real ending.
      if (existing.phase === 'unknown') this.apply(existing, o, now);
      return;
    }
    if (ended && (firstLook || baseline.has(signature))) {
      baseline.add(signature);
      return; // it ended before this window looked: not news
    }
    baseline.add(signature);
    if (existing) this.archive(existing);
    const job = discoveredJob(profileId, o, now);
    if (ended) {
      // Started and ended elsewhere between two polls: recorded, but nobody was waiting for it.
      job.notified = { ended: true };
      job.acknowledged = true;
    }
    this.jobs.set(job.key, job);
    this.removed.delete(job.key);
    this.schedule.reset();
    this.changed();
  }

  private apply(job: TrackedJob, o: ObservedJob, now: number): void {
    const before = JSON.stringify([job.state, job.progress, job.statusMessage, job.phase, job.unreachable]);
    const effect = applyRow(job, o, now);
    if (effect.stateChanged) this.schedule.reset();
    // Only what the user sees counts as a change: lastSeenAt moves on every poll, and saving the
    // history to globalState each time for it would be waste (the final row is saved when it ends).
    if (before !== JSON.stringify([job.state, job.progress, job.statusMessage, job.phase, job.unreachable]) || effect.ended) {
      this.changed();
    }
    if (effect.ended) this.emitEnded(job);
  }

  /**
   * The server no longer lists the job (a newer job in its database replaced it, or it expired).
   * A backup that reached its repository has a snapshot with Status OK (spec §4.3); a restore
   * leaves no such trace, so it is "unknown" unless it was seen finished.
   */
  private async resolveMissing(job: TrackedJob, session: QuerySession, now: number): Promise<void> {
    if (job.lastSeenAt === undefined && now - job.submittedAt < SUBMIT_GRACE_MS) return;
    let resolution: 'snapshotFound' | 'snapshotMissing' | 'vanished' = 'vanished';
    if (job.kind === 'BACKUP') {
      const repositories = job.repository ? [job.repository] : await listRepositoryNames(session);
      resolution = (await snapshotExists(session, job.label, repositories)) ? 'snapshotFound' : 'snapshotMissing';
    }
    resolveVanished(job, resolution, this.clock.now());
    this.log.debug(`Job ${job.key} is no longer listed by the server: ${resolution}`);
    this.changed();
    this.emitEnded(job);
  }

  private endJobsOfRemovedProfile(profileId: string): void {
    for (const job of this.runningJobsOf(profileId)) {
      resolveVanished(job, 'connectionRemoved', this.clock.now());
      this.changed();
      this.emitEnded(job);
    }
  }

  private checkHealthAndStuck(): void {
    const now = this.clock.now();
    const { stuckAfterMs, unknownAfterMs } = this.deps.settings();
    for (const job of this.jobs.values()) {
      if (job.phase !== 'running') continue;
      const health = this.health.get(job.profileId);
      if (health && (health.notConnected || now - health.failingSince >= unknownAfterMs)) {
        if (job.unreachable?.message !== health.message || job.unreachable.since !== health.failingSince) {
          job.unreachable = { since: health.failingSince, message: health.message, notConnected: health.notConnected || undefined };
          job.updatedAt = now;
          this.changed();
        }
      }
      if (shouldNotifyStuck(job, now, stuckAfterMs)) {
        job.notified = { ...job.notified, stuckState: job.state };
        job.updatedAt = now;
        this.changed();
        this.jobEmitter.fire({ type: 'stuck', job: structuredClone(job) });
      }
    }
  }

  private recordSuccess(profileId: string): void {
    if (!this.health.delete(profileId)) return;
    this.log.debug(`Job polling of ${profileId} works again`);
    for (const job of this.runningJobsOf(profileId)) {
      if (job.unreachable) {
        job.unreachable = undefined;
        this.changed();
      }
    }
  }

  private recordFailure(profileId: string, error: unknown, notConnected: boolean): void {
    this.stats.failures++;
    const message = error instanceof Error ? error.message : error === undefined ? '' : String(error);
    const previous = this.health.get(profileId);
    if (!previous) {
      // Quiet on purpose: an FE restart or a dropped connection heals by itself on a later poll.
      this.log.warn(`Job polling of ${profileId} failed, will retry: ${message || 'not connected'}`);
    }
    this.health.set(profileId, { failingSince: previous?.failingSince ?? this.clock.now(), message, notConnected });
  }

  private emitEnded(job: TrackedJob): void {
    if (job.notified?.ended) return;
    job.notified = { ...job.notified, ended: true };
    this.jobEmitter.fire({ type: 'ended', job: structuredClone(job) });
  }

  /** Keeps an ended record whose key a new run of the same label takes over. */
  private archive(job: TrackedJob): void {
    this.jobs.delete(job.key);
    job.key = `${job.key}#${job.submittedAt}`;
    job.updatedAt = this.clock.now();
    this.jobs.set(job.key, job);
  }

  private runningJobsOf(profileId: string): TrackedJob[] {
    return [...this.jobs.values()].filter((job) => job.profileId === profileId && job.phase === 'running');
  }

  private changed(): void {
    this.dirty = true;
    if (!this.inFlight) {
      // Outside a poll nobody else will announce it.
      this.changeEmitter.fire();
    }
  }

  private async persist(): Promise<void> {
    this.dirty = false;
    const removed = new Set(this.removed);
    this.removed.clear();
    try {
      const kept = new Set(
        (await this.history.save([...this.jobs.values()], this.deps.settings().historySize, removed)).map((job) => job.key),
      );
      for (const key of [...this.jobs.keys()]) {
        if (!kept.has(key)) this.jobs.delete(key);
      }
    } catch (error) {
      for (const key of removed) this.removed.add(key);
      this.dirty = true;
      this.log.error(`Could not save the job history: ${String(error)}`);
    }
  }

  private counted(session: QuerySession): QuerySession {
    return {
      query: (sql) => {
        this.stats.queries++;
        return session.query(sql);
      },
    };
  }
}

/** Why CANCEL must not be sent for `job`, given the database's job row read just now; undefined when it may. */
function refusal(job: TrackedJob, row: JobRow | undefined, pastCommitConfirmed: boolean): CancelResult | undefined {
  if (!row) return { status: 'ended' };
  if (!isSameJob(job, row)) return { status: 'otherJob', row };
  if (isTerminalState(row.state)) return { status: 'ended', row };
  if (isRestorePastCommit(row) && !pastCommitConfirmed) return { status: 'pastCommit', row };
  return undefined;
}

/** A statement the server rejected (an ERR packet) rather than a connection that failed. */
function isServerError(error: unknown): boolean {
  for (
    let e = error as { sqlState?: unknown; sqlMessage?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.sqlState === 'string' || typeof e.sqlMessage === 'string') return true;
  }
  return false;
}
