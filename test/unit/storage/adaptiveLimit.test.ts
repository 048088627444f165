/** The sizing's limit on listings in flight, fed with modelled servers: no timers, no sockets. */
import * as assert from 'node:assert/strict';
import { AdaptiveLimit } from '../../../src/storage/adaptiveLimit';
import { mapWithConcurrency } from '../../../src/storage/concurrency';

/** Feeds `requests` samples of 500-object pages whose time is `timeOf(requests in flight)`. */
function drive(limit: AdaptiveLimit, requests: number, timeOf: (inFlight: number) => number): number[] {
  const seen: number[] = [];
  for (let i = 0; i < requests; i++) {
    const inFlight = limit.limit;
    seen.push(inFlight);
    limit.sample(timeOf(inFlight), 500, 1);
  }
  return seen;
}

describe('storage/AdaptiveLimit', () => {
  it('starts at one request and stays at two or three on a server that answers one request at a time', () => {
    const limit = new AdaptiveLimit(16);
    // One process: n requests in flight each take n times as long.
    const seen = drive(limit, 200, (n) => 100 * n);
    assert.equal(seen[0], 1);
    assert.ok(Math.max(...seen.slice(20)) <= 3, `settled at ${seen.slice(20, 40).join(',')}`);
    assert.ok(limit.limit >= 1);
  });

  it('grows to its bound within a few requests when more in flight cost nothing (latency, parallel capacity)', () => {
    const limit = new AdaptiveLimit(16);
    const seen = drive(limit, 40, () => 140);
    const reached = seen.indexOf(16);
    assert.ok(reached !== -1 && reached < 20, `reached 16 after ${reached} requests: ${seen.join(',')}`);
    assert.equal(limit.peak, 16);
  });

  it('settles near the capacity of a server with four parallel workers', () => {
    const limit = new AdaptiveLimit(16);
    // Up to 4 at once are served in parallel; beyond that they queue.
    const seen = drive(limit, 200, (n) => 40 + 100 * Math.max(1, n / 4));
    const settled = seen.slice(50);
    assert.ok(Math.min(...settled) >= 3 && Math.max(...settled) <= 8, `settled at ${settled.slice(0, 20).join(',')}`);
  });

  it('ignores samples without a duration, and never goes below one', () => {
    const limit = new AdaptiveLimit(4);
    limit.sample(0, 10, 1);
    limit.sample(Number.NaN, 10, 1);
    assert.equal(limit.limit, 1);
    drive(limit, 50, (n) => 1000 * n * n);
    assert.ok(limit.limit >= 1);
  });

  it('drives mapWithConcurrency: a limit that changes while the work runs is read again at each completion', async () => {
    const changing = { limit: 1 };
    let running = 0;
    const peaks: number[] = [];
    const results = await mapWithConcurrency([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], changing, async (n) => {
      peaks.push(++running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (n === 1) changing.limit = 4;
      return n * 2;
    });
    assert.deepEqual(results, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    assert.equal(peaks[0], 1);
    assert.equal(peaks[1], 1, 'one at a time while the limit is 1');
    assert.equal(Math.max(...peaks), 4, 'then four at once');
  });
});
