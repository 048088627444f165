/**
 * One number for "how far along" a job is, and for all running jobs together. Only the transfer
 * state (UPLOADING / DOWNLOADING) reports finished/total, but it is most of a job's time; the
 * states around it are short, so each gets a small slice of the bar by its position.
 */
import type { JobKind } from '../../starrocks/models';
import type { TrackedJob } from '../types';

const STATES: Record<JobKind, readonly string[]> = {
  BACKUP: ['PENDING', 'SNAPSHOTING', 'UPLOAD_SNAPSHOT', 'UPLOADING', 'SAVE_META', 'UPLOAD_INFO', 'FINISHED'],
  RESTORE: ['PENDING', 'SNAPSHOTING', 'DOWNLOAD', 'DOWNLOADING', 'COMMIT', 'COMMITTING', 'FINISHED'],
};
const TRANSFER_STATE: Record<JobKind, string> = { BACKUP: 'UPLOADING', RESTORE: 'DOWNLOADING' };

/** Share of the bar before the transfer starts and after it ends. */
const BEFORE_TRANSFER = 0.1;
const AFTER_TRANSFER = 0.1;

/** The states a job of this kind goes through on success, in order. */
export function statesOf(kind: JobKind): readonly string[] {
  return STATES[kind];
}

/** finished/total of the transfer, 0..1, or undefined when the server did not report it. */
export function transferFraction(job: Pick<TrackedJob, 'progress'>): number | undefined {
  const progress = job.progress;
  if (!progress || progress.total <= 0) return undefined;
  return Math.min(1, Math.max(0, progress.finished / progress.total));
}

/** How far along one job is, 0..1; undefined for a job that ended without finishing. */
export function jobFraction(job: Pick<TrackedJob, 'kind' | 'state' | 'phase' | 'progress'>): number | undefined {
  if (job.phase === 'finished') return 1;
  if (job.phase !== 'running') return undefined;
  const states = STATES[job.kind];
  const index = states.indexOf(job.state);
  if (index < 0) return 0; // a state this version does not know: no claim of progress
  const transfer = states.indexOf(TRANSFER_STATE[job.kind]);
  if (index < transfer) return (BEFORE_TRANSFER * index) / transfer;
  if (index === transfer) return BEFORE_TRANSFER + (1 - BEFORE_TRANSFER - AFTER_TRANSFER) * (transferFraction(job) ?? 0);
  const after = states.length - 1 - transfer;
  return 1 - AFTER_TRANSFER + (AFTER_TRANSFER * (index - transfer)) / after;
}

export interface AggregateProgress {
  running: number;
  /** Whole percent over the running jobs, each weighing the same. */
  percent: number | undefined;
}

export function aggregateProgress(jobs: readonly TrackedJob[]): AggregateProgress {
  const fractions = jobs.filter((job) => job.phase === 'running').map((job) => jobFraction(job) ?? 0);
  if (fractions.length === 0) return { running: 0, percent: undefined };
  const mean = fractions.reduce((sum, f) => sum + f, 0) / fractions.length;
  // Floor, so that 99.6 % does not read as 100 % while something still runs.
  return { running: fractions.length, percent: Math.min(99, Math.floor(mean * 100)) };
}
