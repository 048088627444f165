/**
 * "Stuck": a running job that has neither changed state nor moved its transfer for longer than
 * the user's threshold. A long upload that advances is healthy; one that sits still is not.
 */
import type { TrackedJob } from '../types';
import { stateEnteredAt } from './jobRecord';

/** How long the job has shown no sign of life, in ms. */
export function quietFor(job: TrackedJob, now: number): number {
  const lastActivity = Math.max(stateEnteredAt(job), job.progressChangedAt ?? 0);
  return Math.max(0, now - lastActivity);
}

/** `thresholdMs` ≤ 0 turns detection off. A job whose server cannot be reached is "unknown", not stuck. */
export function isStuck(job: TrackedJob, now: number, thresholdMs: number): boolean {
  if (thresholdMs <= 0 || job.phase !== 'running' || job.unreachable) return false;
  return quietFor(job, now) >= thresholdMs;
}

/** True when the job is stuck and the user has not yet been told about this state. */
export function shouldNotifyStuck(job: TrackedJob, now: number, thresholdMs: number): boolean {
  return isStuck(job, now, thresholdMs) && job.notified?.stuckState !== job.state;
}
