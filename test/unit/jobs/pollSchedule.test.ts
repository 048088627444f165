import * as assert from 'assert';
import * as fc from 'fast-check';
import { backoffDelay, normalizeIntervals, PollSchedule } from '../../../src/jobs/core/pollSchedule';

describe('jobs/pollSchedule', () => {
  it('starts at the minimum and grows by the factor up to the maximum', () => {
    const schedule = new PollSchedule({ minMs: 2_000, maxMs: 30_000, factor: 1.5 });
    const delays = Array.from({ length: 10 }, () => schedule.next());
    assert.deepStrictEqual(delays, [2_000, 3_000, 4_500, 6_750, 10_125, 15_188, 22_781, 30_000, 30_000, 30_000]);
  });

  it('goes back to the minimum after a reset', () => {
    const schedule = new PollSchedule({ minMs: 1_000, maxMs: 8_000, factor: 2 });
    schedule.next();
    schedule.next();
    schedule.next();
    schedule.reset();
    assert.strictEqual(schedule.next(), 1_000);
    assert.strictEqual(schedule.next(), 2_000);
  });

  it('applies new intervals from the next delay on', () => {
    const schedule = new PollSchedule({ minMs: 2_000, maxMs: 30_000 });
    schedule.next();
    schedule.setIntervals({ minMs: 5_000, maxMs: 5_000 });
    assert.strictEqual(schedule.next(), 5_000);
  });

  it('repairs settings where max < min or values are not positive', () => {
    assert.deepStrictEqual(normalizeIntervals({ minMs: 10_000, maxMs: 3_000 }), { minMs: 10_000, maxMs: 10_000, factor: 1.5 });
    assert.deepStrictEqual(normalizeIntervals({ minMs: -1, maxMs: Number.NaN, factor: 0.5 }), { minMs: 2_000, maxMs: 30_000, factor: 1 });
  });

  it('never leaves [min, max] and never shrinks between resets (any settings)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 250, max: 60_000 }),
        fc.integer({ min: 250, max: 600_000 }),
        fc.double({ min: 1.1, max: 4, noNaN: true }),
        (minMs, maxMs, factor) => {
          const { minMs: lo, maxMs: hi } = normalizeIntervals({ minMs, maxMs, factor });
          const schedule = new PollSchedule({ minMs, maxMs, factor });
          let previous = 0;
          for (let i = 0; i < 200; i++) {
            const delay = schedule.next();
            assert.ok(delay >= lo && delay <= hi, `${delay} outside [${lo}, ${hi}]`);
            assert.ok(delay >= previous);
            previous = delay;
          }
          assert.strictEqual(previous, hi, 'reaches the ceiling');
        },
      ),
    );
  });

  it('with a factor of 1 polls at the minimum for ever (no back-off)', () => {
    const schedule = new PollSchedule({ minMs: 2_000, maxMs: 30_000, factor: 1 });
    assert.deepStrictEqual(
      Array.from({ length: 5 }, () => schedule.next()),
      [2_000, 2_000, 2_000, 2_000, 2_000],
    );
  });

  it('backoffDelay is the closed form of the schedule', () => {
    assert.strictEqual(backoffDelay(0, { minMs: 2_000, maxMs: 30_000 }), 2_000);
    assert.strictEqual(backoffDelay(3, { minMs: 2_000, maxMs: 30_000, factor: 2 }), 16_000);
    assert.strictEqual(backoffDelay(100, { minMs: 2_000, maxMs: 30_000, factor: 2 }), 30_000);
  });
});
