import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { derivedPrefix, groupOf, planRetention, type RetentionCandidate } from '../../../src/storage/retention';

const NOW = new Date('2024-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const snap = (label: string, ageDays: number, complete = true): RetentionCandidate => ({ label, time: daysAgo(ageDays), complete });

function actions(plan: ReturnType<typeof planRetention>): Record<string, string> {
  return Object.fromEntries(plan.decisions.map((d) => [d.label, d.action]));
}

describe('storage/retention planner', () => {
  const five = [snap('s1', 1), snap('s2', 3), snap('s3', 10), snap('s4', 40), snap('s5', 100)];

  it('keeps the newest N and plans the rest for deletion, with reasons', () => {
    const plan = planRetention(five, { keepLast: 2, now: NOW });
    assert.deepEqual(actions(plan), { s1: 'keep', s2: 'keep', s3: 'delete', s4: 'delete', s5: 'delete' });
    assert.match(plan.decisions.find((d) => d.label === 's1')!.reasons[0], /#1 of the newest 2/);
    assert.match(plan.decisions.find((d) => d.label === 's3')!.reasons[0], /#3, beyond the newest 2/);
  });

  it('keeps those newer than D days', () => {
    assert.deepEqual(actions(planRetention(five, { keepWithinDays: 30, now: NOW })), { s1: 'keep', s2: 'keep', s3: 'keep', s4: 'delete', s5: 'delete' });
  });

  it('keeps a snapshot that either rule keeps', () => {
    const plan = planRetention(five, { keepLast: 1, keepWithinDays: 5, now: NOW });
    assert.deepEqual(actions(plan), { s1: 'keep', s2: 'keep', s3: 'delete', s4: 'delete', s5: 'delete' });
    assert.match(plan.delete[0].reasons[0], /beyond the newest 1 and .* older than 5 days/);
  });

  it('always keeps the newest snapshot of a group unless told otherwise', () => {
    assert.deepEqual(actions(planRetention(five, { keepWithinDays: 0.5, now: NOW })), { s1: 'keep', s2: 'delete', s3: 'delete', s4: 'delete', s5: 'delete' });
    assert.equal(planRetention(five, { keepWithinDays: 0.5, minKeep: 0, now: NOW }).keep.length, 0);
  });

  it('never plans to delete an incomplete snapshot unless asked, and then only an old one', () => {
    const list = [...five, snap('running', 0.1, false), snap('stale', 30, false)];
    const safe = planRetention(list, { keepLast: 1, now: NOW });
    assert.equal(actions(safe).running, 'keep');
    assert.equal(actions(safe).stale, 'keep');
    assert.match(safe.decisions.find((d) => d.label === 'stale')!.reasons[0], /may be a backup still running/);
    const cleanup = planRetention(list, { keepLast: 1, includeIncomplete: true, now: NOW });
    assert.equal(actions(cleanup).running, 'keep', 'written to 2 h ago: inside the grace period');
    assert.equal(actions(cleanup).stale, 'delete');
  });

  it('does not count incomplete snapshots among the newest N', () => {
    const plan = planRetention([snap('new-incomplete', 0.5, false), snap('old', 10), snap('older', 20)], { keepLast: 1, now: NOW });
    assert.deepEqual(actions(plan), { 'new-incomplete': 'keep', old: 'keep', older: 'delete' });
  });

  it('applies the rules per derived label prefix', () => {
    const list = [snap('sales_20240601_010000', 29), snap('sales_20240615_010000', 15), snap('orders_20240601_010000', 29), snap('orders_20240620_010000', 10)];
    const plan = planRetention(list, { keepLast: 1, groupByPrefix: true, now: NOW });
    assert.deepEqual(actions(plan), { sales_20240601_010000: 'delete', sales_20240615_010000: 'keep', orders_20240601_010000: 'delete', orders_20240620_010000: 'keep' });
    assert.deepEqual([...new Set(plan.decisions.map((d) => d.group))].sort(), ['orders', 'sales']);
  });

  it('applies the rules per explicit prefix, longest match first, and leaves unmatched labels alone', () => {
    const list = [snap('prod_a1', 1), snap('prod_a2', 2), snap('prod_eu_1', 5), snap('prod_eu_2', 6), snap('adhoc', 300)];
    const plan = planRetention(list, { keepLast: 1, prefixes: ['prod_', 'prod_eu_'], now: NOW });
    assert.deepEqual(actions(plan), { prod_a1: 'keep', prod_a2: 'delete', prod_eu_1: 'keep', prod_eu_2: 'delete', adhoc: 'keep' });
    assert.match(plan.decisions.find((d) => d.label === 'adhoc')!.reasons[0], /matches none of the given prefixes/);
  });

  it('derives group prefixes from default labels and numbered labels', () => {
    assert.equal(derivedPrefix('sales_db_20240101_120000'), 'sales_db');
    assert.equal(derivedPrefix('nightly-17'), 'nightly');
    assert.equal(derivedPrefix('adhoc'), 'adhoc');
    assert.equal(groupOf('x_1', {}), '(all snapshots)');
  });

  it('refuses a policy with no rule or a bad number', () => {
    assert.throws(() => planRetention(five, { now: NOW }), /needs/);
    assert.throws(() => planRetention(five, { keepLast: -1, now: NOW }), /whole number/);
    assert.throws(() => planRetention(five, { keepLast: 1.5, now: NOW }), /whole number/);
  });

  it('for any input: one decision per snapshot, incomplete ones kept unless asked, at least min(N, complete) kept per group', () => {
    const candidate = fc.record({
      label: fc.stringMatching(/^[a-c]_[0-9]{1,3}$/),
      ageDays: fc.double({ min: 0, max: 400, noNaN: true }),
      complete: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.label, maxLength: 30 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (items, keepLast, grouped) => {
        const list = items.map((i) => snap(i.label, i.ageDays, i.complete));
        const plan = planRetention(list, { keepLast, groupByPrefix: grouped, now: NOW });
        assert.equal(plan.decisions.length, list.length);
        assert.deepEqual(new Set(plan.decisions.map((d) => d.label)), new Set(list.map((s) => s.label)));
        for (const d of plan.delete) assert.equal(d.complete, true);
        for (const group of new Set(plan.decisions.map((d) => d.group))) {
          const complete = plan.decisions.filter((d) => d.group === group && d.complete);
          const kept = complete.filter((d) => d.action === 'keep');
          assert.ok(kept.length >= Math.min(Math.max(keepLast, 1), complete.length));
          // What is kept is never older than what is deleted.
          const oldestKept = Math.min(...kept.map((d) => d.time!.getTime()));
          for (const d of complete.filter((x) => x.action === 'delete')) assert.ok(d.time!.getTime() <= oldestKept);
        }
      }),
    );
  });
});
