/**
 * How long to wait between two polls. A job that just started or just changed state is polled
 * often (its next state may come in seconds); a job that sits in UPLOADING for an hour is not worth
 * a query every two seconds, so the interval grows geometrically up to a ceiling.
 */
export interface PollIntervals {
  minMs: number;
  maxMs: number;
  /** Growth per quiet poll; 1.5 gives 2, 3, 4.5, 6.75, … seconds from a 2 s start. */
  factor?: number;
}

export const DEFAULT_INTERVALS: Required<PollIntervals> = { minMs: 2_000, maxMs: 30_000, factor: 1.5 };

/** Keeps min ≤ max and both positive whatever the settings say. */
export function normalizeIntervals(intervals: PollIntervals): Required<PollIntervals> {
  const minMs = Math.max(250, finiteOr(intervals.minMs, DEFAULT_INTERVALS.minMs));
  const maxMs = Math.max(minMs, finiteOr(intervals.maxMs, DEFAULT_INTERVALS.maxMs));
  const factor = Math.max(1, finiteOr(intervals.factor ?? DEFAULT_INTERVALS.factor, DEFAULT_INTERVALS.factor));
  return { minMs, maxMs, factor };
}

/** The delay before poll number `step` (0-based) after the last reset. */
export function backoffDelay(step: number, intervals: PollIntervals): number {
  const { minMs, maxMs, factor } = normalizeIntervals(intervals);
  return Math.min(maxMs, Math.round(minMs * Math.pow(factor, Math.max(0, step))));
}

export class PollSchedule {
  private step = 0;

  constructor(private intervals: PollIntervals) {}

  /** The delay to wait now; each call moves one step further along the back-off. */
  next(): number {
    const delay = backoffDelay(this.step, this.intervals);
    // Stop counting once at the ceiling so the exponent cannot grow without bound.
    if (delay < normalizeIntervals(this.intervals).maxMs) {
      this.step++;
    }
    return delay;
  }

  /** Something happened (new job, state change, a view opened): poll soon again. */
  reset(): void {
    this.step = 0;
  }

  setIntervals(intervals: PollIntervals): void {
    this.intervals = intervals;
  }
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
