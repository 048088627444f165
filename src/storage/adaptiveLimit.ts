import type { ConcurrencyLimit } from './concurrency';

/** Requests' fixed cost, in listed objects: a page of 2 objects is not 250 times cheaper than one of 500. */
const REQUEST_OVERHEAD_OBJECTS = 100;

/**
 * How many listings to keep in flight, learned from how long they take (the delay-gradient idea
 * of TCP Vegas and Netflix's concurrency-limits). While more requests in flight do not make each
 * one slower per object, the service has parallel capacity to spare (S3, or any latency to hide)
 * and the limit grows by about √limit per completed request; when each one gets slower in
 * proportion, the requests only queue at the server (one process, one disk) and the limit falls
 * back towards 1–3, where listing in parallel costs nothing over listing in sequence.
 *
 * It starts at 1, so the first sample shows the cost of a request that waited for no other.
 */
export class AdaptiveLimit implements ConcurrencyLimit {
  private value = 1;
  /** Lowest cost per object seen: the service at its least loaded. */
  private best = Infinity;
  /** Recent cost per object, smoothed. */
  private recent: number | undefined;
  /** The highest limit reached, for reports. */
  peak = 1;

  constructor(private readonly max: number) {}

  get limit(): number {
    return Math.max(1, Math.min(this.max, Math.floor(this.value)));
  }

  /** One finished request (or snapshot): how long it took and how many objects it listed in how many pages. */
  sample(ms: number, objects: number, pages: number): void {
    const cost = ms / (objects + REQUEST_OVERHEAD_OBJECTS * Math.max(1, pages));
    if (!Number.isFinite(cost) || cost <= 0) return;
    this.best = Math.min(this.best, cost);
    this.recent = this.recent === undefined ? cost : 0.5 * this.recent + 0.5 * cost;
    // 1 while requests are as cheap as ever; 1/n when n in flight each take n times as long.
    const gradient = Math.max(0.5, Math.min(1, this.best / this.recent));
    const next = this.value * gradient + Math.sqrt(this.value);
    this.value = Math.max(1, Math.min(this.max, 0.5 * this.value + 0.5 * next));
    this.peak = Math.max(this.peak, this.limit);
  }
}
