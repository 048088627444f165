import * as assert from 'node:assert/strict';
import { planRetention, type RetentionCandidate, type RetentionPolicy } from '../../../src/storage/retention';
import { recheckPlan } from '../../../src/storage/retentionRecheck';

const NOW = new Date('2024-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const snap = (label: string, ageDays: number, database = 'sales', complete = true): RetentionCandidate => ({
  label,
  time: daysAgo(ageDays),
  complete,
  database,
});

describe('storage/retention re-check before deleting', () => {
  const policy: RetentionPolicy = { keepLast: 1, groupByPrefix: true, now: NOW };
  const previewed = [
    snap('sales_20240601_010000', 29),
    snap('sales_20240615_010000', 15),
    snap('sales_20240625_010000', 5),
    snap('ops_20240620_010000', 10, 'ops'),
  ];
  const preview = planRetention(previewed, policy);

  it('goes on with exactly the previewed deletions when nothing changed', () => {
    const result = recheckPlan(
      preview,
      previewed.map((s) => ({ ...s })),
      policy,
    );
    assert.ok(result.ok);
    assert.deepEqual(
      result.delete.map((d) => d.label),
      ['sales_20240615_010000', 'sales_20240601_010000'],
    );
  });

  it('goes on when only snapshots the preview keeps elsewhere appeared', () => {
    const result = recheckPlan(preview, [...previewed, snap('orders_20240629_010000', 1, 'orders')], policy);
    assert.ok(result.ok);
    assert.deepEqual(
      result.delete.map((d) => d.label),
      preview.delete.map((d) => d.label),
    );
  });

  it('stops when a new snapshot would make the plan delete one the preview kept', () => {
    const result = recheckPlan(preview, [...previewed, snap('sales_20240629_010000', 1)], policy);
    assert.ok(!result.ok);
    assert.deepEqual(result.differences, ['sales_20240625_010000 would now be deleted too, and the preview did not list it.']);
  });

  it('stops when a previewed deletion vanished, changed, or would now be kept', () => {
    const vanished = recheckPlan(
      preview,
      previewed.filter((s) => s.label !== 'sales_20240601_010000'),
      policy,
    );
    assert.ok(!vanished.ok);
    assert.match(vanished.differences.join(' '), /sales_20240601_010000 is no longer in the repository/);

    // The same label now holds another database (deleted and backed up again meanwhile).
    const changed = recheckPlan(
      preview,
      previewed.map((s) => (s.label === 'sales_20240615_010000' ? { ...s, database: 'orders' } : s)),
      policy,
    );
    assert.ok(!changed.ok);
    assert.match(
      changed.differences.join(' '),
      /sales_20240615_010000 changed: complete, database sales, .* in the preview, complete, database orders, .* now/,
    );

    // The newest snapshot of the group vanished: the one after it is now kept.
    const kept = recheckPlan(
      preview,
      previewed.filter((s) => s.label !== 'sales_20240625_010000'),
      policy,
    );
    assert.ok(!kept.ok);
    assert.match(kept.differences.join(' '), /sales_20240615_010000 would now be kept: It is #1 of the newest 1\./);
  });
});
