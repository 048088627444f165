import * as assert from 'assert';
import { selectForRun, type PartitionVersion } from '../../../../src/starrocks/plans/changedPartitions';
import { addRun, baselineOf, updateRun, emptyPlanState, type PlanRun } from '../../../../src/starrocks/plans/planHistory';

const parts = (entries: [string, number | undefined][]): PartitionVersion[] =>
  entries.map(([name, visibleVersion]) => ({ name, visibleVersion }));

describe('starrocks/plans/changedPartitions', () => {
  const current = new Map<string, PartitionVersion[]>([
    [
      'orders',
      parts([
        ['p2024', 3],
        ['p2025', 5],
      ]),
    ],
    ['customers', parts([['customers', 2]])],
  ]);

  it('backs up everything the first time, whole tables, recording the versions', () => {
    const s = selectForRun(current, 'newPartitions', undefined);
    assert.strictEqual(s.rule, 'first');
    assert.deepStrictEqual(s.tables, [{ name: 'orders' }, { name: 'customers' }]);
    assert.deepStrictEqual(s.versions, { orders: { p2024: 3, p2025: 5 }, customers: { customers: 2 } });
  });

  it('backs up only the partitions whose VisibleVersion moved', () => {
    const s = selectForRun(current, 'newPartitions', { orders: { p2024: 3, p2025: 4 }, customers: { customers: 2 } });
    assert.strictEqual(s.rule, 'versions');
    assert.deepStrictEqual(s.tables, [{ name: 'orders', partitions: ['p2025'] }]);
    assert.deepStrictEqual(s.changed, [{ table: 'orders', partition: 'p2025', from: 4, to: 5 }]);
    assert.deepStrictEqual(s.unchanged, ['orders.p2024', 'customers.customers']);
    assert.deepStrictEqual(s.versions, { orders: { p2025: 5 } });
  });

  it('finds nothing new when no version moved, and backs up everything when the plan says full', () => {
    const baseline = { orders: { p2024: 3, p2025: 5 }, customers: { customers: 2 } };
    assert.deepStrictEqual(selectForRun(current, 'newPartitions', baseline).tables, []);
    const full = selectForRun(current, 'full', baseline);
    assert.strictEqual(full.rule, 'full');
    assert.deepStrictEqual(full.tables, [{ name: 'orders' }, { name: 'customers' }]);
  });

  it('counts new partitions, new tables and unknown versions as changed (never misses data)', () => {
    const now = new Map<string, PartitionVersion[]>([
      [
        'orders',
        parts([
          ['p2024', 3],
          ['p2026', 1],
        ]),
      ],
      ['events', parts([['e1', 1]])],
      ['logs', parts([['l1', undefined]])],
    ]);
    const s = selectForRun(now, 'newPartitions', { orders: { p2024: 3 }, logs: { l1: 9 } });
    assert.deepStrictEqual(s.tables, [
      { name: 'orders', partitions: ['p2026'] },
      { name: 'events', partitions: ['e1'] },
      { name: 'logs', partitions: ['l1'] },
    ]);
  });

  it('builds the baseline from the newest successful run holding each partition, per connection and repository', () => {
    const run = (at: number, versions: PlanRun['versions'], result: PlanRun['result'] = 'finished', repository = 'repo'): PlanRun => ({
      at,
      profileId: 'c1',
      label: `l${at}`,
      repository,
      database: 'db',
      scope: 'changed',
      versions,
      result,
    });
    let state = emptyPlanState();
    assert.strictEqual(baselineOf(state, 'c1', 'repo'), undefined);
    state = addRun(state, run(1, { orders: { a: 1, b: 1 } }));
    state = addRun(state, run(2, { orders: { b: 2 } }));
    state = addRun(state, run(3, { orders: { a: 9 } }, 'failed'));
    state = addRun(state, run(4, { orders: { a: 7 } }, 'finished', 'other'));
    assert.deepStrictEqual(baselineOf(state, 'c1', 'repo'), { orders: { a: 1, b: 2 } });
    assert.strictEqual(baselineOf(state, 'c2', 'repo'), undefined);
    state = updateRun(state, 3, { result: 'finished' });
    assert.deepStrictEqual(baselineOf(state, 'c1', 'repo'), { orders: { a: 9, b: 2 } });
  });
});
