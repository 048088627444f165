import type { Clock } from '../../../src/jobs/core/clock';

/** A clock whose timers run only when the test advances it. */
export class ManualClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return () => (timer.cancelled = true);
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.time);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.callback();
  }
}
