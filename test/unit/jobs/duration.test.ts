/**
 * How long a job took, as the "finished after …" notice says it, with the polling core driven by
 * a virtual clock and a scripted server: no real seconds pass.
 */
import * as assert from 'assert';
import type { Clock } from '../../../src/jobs/core/clock';
import { durationOf } from '../../../src/jobs/core/jobRecord';
import type { HistoryStore } from '../../../src/jobs/core/jobHistory';
import { JobTrackerCore, type JobEvent } from '../../../src/jobs/core/trackerCore';
import { restoreRow } from './support/fixtures';

const PROFILE = 'p1';

/** Time moves only when the test says so; timers never fire (the test polls by hand). */
class VirtualClock implements Clock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  setTimer(): () => void {
    return () => undefined;
  }
}

const memoryStore = (): HistoryStore => {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) };
};

/** A core whose one connection answers SHOW RESTORE with `restores()` and SHOW BACKUP with nothing. */
function scriptedCore(clock: Clock, restores: () => Record<string, unknown>[]): JobTrackerCore {
  return new JobTrackerCore({
    clock,
    store: memoryStore(),
    settings: () => ({ intervals: { minMs: 2_000, maxMs: 30_000 }, historySize: 10, stuckAfterMs: 0, unknownAfterMs: 60_000 }),
    sessions: {
      connectedProfiles: () => [PROFILE],
      exists: () => true,
      sessionFor: async () => ({ query: async (sql: string) => ({ rows: /RESTORE/i.test(sql) ? restores() : [] }) }),
    },
  });
}

describe('jobs/duration (core with a virtual clock)', () => {
  it('does not report a restore seen running for 4 s as finished "after 0s" because of second-precision server times', async () => {
    const t0 = Date.UTC(2024, 2, 1, 10, 0, 0);
    const clock = new VirtualClock(t0);
    // The FE prints times to the second: a short job may show CreateTime = FinishedTime.
    let row = restoreRow({ State: 'PENDING', CreateTime: '2024-03-01 11:00:00' });
    const core = scriptedCore(clock, () => [row]);
    const ended: JobEvent[] = [];
    core.onJobEvent((event) => ended.push(event));
    try {
      core.track({ profileId: PROFILE, database: 'demo_sales', label: 'snap_1', kind: 'RESTORE', repository: 'demo_repo' });
      row = restoreRow({ State: 'DOWNLOADING', CreateTime: '2024-03-01 11:00:00', Progress: '[7: 0/4]' });
      clock.time = t0 + 2_000;
      await core.refresh();
      clock.time = t0 + 4_000;
      await core.refresh();
      row = restoreRow({ State: 'FINISHED', CreateTime: '2024-03-01 11:00:00', FinishedTime: '2024-03-01 11:00:00' });
      clock.time = t0 + 5_000;
      await core.refresh();

      assert.deepStrictEqual(
        ended.map((event) => [event.type, event.job.state]),
        [['ended', 'FINISHED']],
      );
      // Submitted at t0, first seen ended at t0 + 5 s: the server's 0 s span contradicts the 4 s watched.
      assert.strictEqual(durationOf(ended[0].job, clock.time + 60_000), 5_000);
    } finally {
      core.dispose();
    }
  });

  it('keeps the server times when they cover what the tracker watched (the end was seen late)', async () => {
    const t0 = Date.UTC(2024, 2, 1, 10, 0, 0);
    const clock = new VirtualClock(t0);
    let row = restoreRow({ State: 'DOWNLOADING', CreateTime: '2024-03-01 11:00:00' });
    const core = scriptedCore(clock, () => [row]);
    const ended: JobEvent[] = [];
    core.onJobEvent((event) => ended.push(event));
    try {
      core.track({ profileId: PROFILE, database: 'demo_sales', label: 'snap_1', kind: 'RESTORE', repository: 'demo_repo' });
      clock.time = t0 + 2_000;
      await core.refresh();
      // Nobody polled for an hour; the server says the job took 2m 30s.
      row = restoreRow({ State: 'FINISHED', CreateTime: '2024-03-01 11:00:00', FinishedTime: '2024-03-01 11:02:30' });
      clock.time = t0 + 3_600_000;
      await core.refresh();

      assert.strictEqual(ended.length, 1);
      assert.strictEqual(durationOf(ended[0].job, clock.time), 150_000);
    } finally {
      core.dispose();
    }
  });
});
