/**
 * Which job a command is about. Commands are run from the tree (the node carries `job`), from
 * notifications and the quick pick (a key), or from the palette (nothing: the user picks).
 */
import type { TrackedJob } from '../../jobs/types';

export function jobKeyOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (typeof argument !== 'object' || argument === null) return undefined;
  const value = argument as { key?: unknown; job?: { key?: unknown }; jobKey?: unknown };
  if (typeof value.jobKey === 'string') return value.jobKey;
  if (typeof value.job?.key === 'string') return value.job.key;
  // A TrackedJob itself.
  if (typeof value.key === 'string' && 'phase' in value) return value.key;
  return undefined;
}

export function isRunning(job: TrackedJob | undefined): job is TrackedJob {
  return job?.phase === 'running';
}
