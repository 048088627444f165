/**
 * How fast jobs move. `fast` finishes a small backup in about a second, `normal` in about 30 s,
 * `slow` in minutes; `seed` is the start-up speed used to write the demo snapshots.
 */
export type JobSpeed = 'fast' | 'normal' | 'slow';
export type InternalJobSpeed = JobSpeed | 'seed';

export interface SpeedProfile {
  /** Pause between two polls of a job (the FE's scheduler interval). */
  stepMs: number;
  /** Files one upload/download task moves per poll. */
  filesPerStep: number;
}

const PROFILES: Record<InternalJobSpeed, SpeedProfile> = {
  seed: { stepMs: 5, filesPerStep: 1000 },
  fast: { stepMs: 50, filesPerStep: 4 },
  normal: { stepMs: 3000, filesPerStep: 2 },
  slow: { stepMs: 15000, filesPerStep: 1 },
};

export function speedProfile(speed: InternalJobSpeed): SpeedProfile {
  return PROFILES[speed];
}

export function isJobSpeed(value: string): value is JobSpeed {
  return value === 'fast' || value === 'normal' || value === 'slow';
}
