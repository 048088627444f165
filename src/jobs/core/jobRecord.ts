/**
 * The bookkeeping of one tracked job: creating the record, folding in each SHOW BACKUP/RESTORE
 * row, and ending it when the server no longer lists it. Pure functions over plain records, so
 * the rules (which state came when, what counts as a failure) are unit-tested without a server.
 */
import { isTerminalState, type JobKind, type JobRow } from '../../starrocks/models';
import type { JobResolution, SubmittedJob, TrackedJob, TrackedJobPhase } from '../types';

/** A row of SHOW BACKUP/RESTORE, parsed, next to the raw columns it came from. */
export interface ObservedJob {
  row: JobRow;
  raw: Record<string, unknown>;
}

/** How a job ended, as the user cares about it. */
export type JobOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export function jobKey(profileId: string, database: string, kind: JobKind, label: string): string {
  return `${profileId}/${database}/${kind}/${label}`;
}

export function newTrackedJob(submitted: SubmittedJob, now: number): TrackedJob {
  return {
    key: jobKey(submitted.profileId, submitted.database, submitted.kind, submitted.label),
    profileId: submitted.profileId,
    database: submitted.database,
    label: submitted.label,
    kind: submitted.kind,
    repository: submitted.repository,
    timestamp: submitted.timestamp,
    sql: submitted.sql,
    phase: 'running',
    // BACKUP/RESTORE return once the job exists on the FE, and every job starts PENDING.
    state: 'PENDING',
    stateTimes: { PENDING: now },
    submittedAt: now,
    discovered: false,
    updatedAt: now,
  };
}

/** A job the extension did not submit, first seen as `observed`. */
export function discoveredJob(profileId: string, observed: ObservedJob, now: number): TrackedJob {
  const { row } = observed;
  // CreateTime is in the session time zone; trust it only when it is plausible for this machine.
  const created = row.createTime?.getTime();
  const submittedAt = created !== undefined && created <= now ? created : now;
  const job: TrackedJob = {
    key: jobKey(profileId, row.database, row.kind, row.label),
    profileId,
    database: row.database,
    label: row.label,
    kind: row.kind,
    timestamp: row.kind === 'RESTORE' ? row.timestamp : undefined,
    phase: 'running',
    state: row.state,
    stateTimes: { [row.state]: now },
    submittedAt,
    discovered: true,
    updatedAt: now,
  };
  applyRow(job, observed, now);
  return job;
}

export interface RowEffect {
  stateChanged: boolean;
  /** The row moved the job into FINISHED or CANCELLED just now. */
  ended: boolean;
}

/** Folds the latest row into the record (mutating it) and says what changed. */
export function applyRow(job: TrackedJob, observed: ObservedJob, now: number): RowEffect {
  const { row, raw } = observed;
  const wasRunning = job.phase === 'running';
  const stateChanged = row.state !== job.state;
  if (stateChanged) {
    job.stateTimes[row.state] ??= now;
    job.state = row.state;
  }
  updateProgress(job, row, now);
  job.statusMessage = statusMessageOf(row);
  job.lastRow = row;
  job.rawRow = raw;
  job.lastSeenAt = now;
  if (!isTerminalState(row.state)) job.lastRunningAt = now;
  job.unreachable = undefined;
  job.resolution = undefined;
  job.phase = phaseOfState(row.state);
  const ended = wasRunning && job.phase !== 'running';
  if (job.phase !== 'running') {
    job.endedAt ??= now;
  }
  job.updatedAt = now;
  return { stateChanged, ended };
}

/** Ends a job the server no longer lists, by what the repository (or nothing) says. */
export function resolveVanished(job: TrackedJob, resolution: JobResolution, now: number): void {
  job.resolution = resolution;
  if (resolution === 'snapshotFound') {
    job.phase = 'finished';
    job.stateTimes.FINISHED ??= now;
    job.state = 'FINISHED';
    if (job.progress) {
      job.progress = { finished: job.progress.total, total: job.progress.total };
    }
  } else {
    job.phase = 'unknown';
  }
  job.endedAt = now;
  job.unreachable = undefined;
  job.updatedAt = now;
}

export function phaseOfState(state: string): TrackedJobPhase {
  if (state === 'FINISHED') return 'finished';
  if (state === 'CANCELLED') return 'cancelled';
  return 'running';
}

/**
 * True when `row` is the job `job` records. Labels repeat (a snapshot restored twice into one
 * database), so a record that already ended does not match a newer run: the FE assigns each run
 * its own JobId once it leaves PENDING (-1 before that).
 */
export function isSameJob(job: TrackedJob, row: JobRow): boolean {
  if (row.label !== job.label || row.kind !== job.kind || row.database !== job.database) return false;
  const known = job.lastRow?.jobId;
  const idsKnown = known !== undefined && known !== '-1' && row.jobId !== '-1';
  if (idsKnown) return known === row.jobId;
  // An ended record cannot come back to life: a running row with its label is a new run.
  return job.phase === 'running' || isTerminalState(row.state);
}

/** Restore states from which on a cancel may leave the tables it overwrites unusable (spec §2.8). */
const RESTORE_PAST_COMMIT: ReadonlySet<string> = new Set(['COMMIT', 'COMMITTING']);

/** True for a RESTORE that is already replacing data: cancelling it cannot give the old data back. */
export function isRestorePastCommit(job: { kind: JobKind; state: string }): boolean {
  return job.kind === 'RESTORE' && RESTORE_PAST_COMMIT.has(job.state);
}

export function outcomeOf(job: TrackedJob): JobOutcome {
  switch (job.phase) {
    case 'running':
      return 'running';
    case 'finished':
      return 'succeeded';
    case 'unknown':
      return 'unknown';
    case 'cancelled':
      return wasCancelledByUser(job) ? 'cancelled' : 'failed';
  }
}

/** A failure, or an ending nobody knows, that the user has not looked at yet. */
export function needsAttention(job: TrackedJob): boolean {
  const outcome = outcomeOf(job);
  // Removing a connection is the user's own doing: nothing to warn about.
  if (job.acknowledged || job.resolution === 'connectionRemoved') return false;
  return outcome === 'failed' || outcome === 'unknown';
}

/** CANCEL gives `user cancelled` (backup) or `user cancelled, current state: S` (restore). */
export function wasCancelledByUser(job: TrackedJob): boolean {
  return job.cancelRequestedAt !== undefined || /\buser cancell?ed\b/i.test(job.statusMessage ?? '');
}

/** The FE prints CreateTime and FinishedTime to the second, so their difference may be this much short. */
const SERVER_TIME_PRECISION_MS = 1_000;

/**
 * Job duration. Rule: the server's CreateTime→FinishedTime once the job ended, when both are known
 * and consistent with what the tracker saw; otherwise ours, submitted (or first seen) → first seen
 * ended (→ now while it runs). The server's span is exact when the tracker saw the end late (the
 * window was closed meanwhile), but it is printed to the second in the session time zone: a span
 * shorter than the time the tracker itself watched the job run (less that precision) is wrong,
 * as when a restore held at DOWNLOADING for 2 s ended "after 0s".
 */
export function durationOf(job: TrackedJob, now: number): number {
  const ours = Math.max(0, (job.endedAt ?? now) - job.submittedAt);
  if (job.phase === 'running') return ours;
  const server = serverDuration(job.lastRow);
  const watched = (job.lastRunningAt ?? job.submittedAt) - job.submittedAt;
  return server !== undefined && server + SERVER_TIME_PRECISION_MS > watched ? server : ours;
}

/** FinishedTime − CreateTime of a row, when both are there and in order. */
function serverDuration(row: JobRow | undefined): number | undefined {
  const created = row?.createTime?.getTime();
  const finished = row?.finishedTime?.getTime();
  return created !== undefined && finished !== undefined && finished >= created ? finished - created : undefined;
}

/** When the job entered its current state, as far as the tracker knows. */
export function stateEnteredAt(job: TrackedJob): number {
  return job.stateTimes[job.state] ?? job.submittedAt;
}

function updateProgress(job: TrackedJob, row: JobRow, now: number): void {
  if (row.progress) {
    if (!job.progress || job.progress.finished !== row.progress.finished || job.progress.total !== row.progress.total) {
      job.progressChangedAt = now;
    }
    job.progress = { ...row.progress };
  } else if (row.state === 'FINISHED' && job.progress) {
    // The Progress column is empty outside UPLOADING/DOWNLOADING; a finished job moved everything.
    job.progress = { finished: job.progress.total, total: job.progress.total };
  }
}

function statusMessageOf(row: JobRow): string | undefined {
  // The parser reports an empty Status column as UNKNOWN without a message: nothing to say.
  if (row.status.code === 'OK' || (row.status.code === 'UNKNOWN' && !row.status.message)) return undefined;
  return row.status.message ?? row.status.code;
}
