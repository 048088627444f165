import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { derivedPrefix, groupOf, planRetention, prefixMatches, type RetentionCandidate } from '../../../src/storage/retention';

const NOW = new Date('2024-06-30T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
/** `database` is what the snapshot records; labels need not name it. */
const snap = (label: string, ageDays: number, complete = true, database = 'db'): RetentionCandidate => ({
  label,
  time: daysAgo(ageDays),
  complete,
  database,
});

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
    assert.deepEqual(actions(planRetention(five, { keepWithinDays: 30, now: NOW })), {
      s1: 'keep',
      s2: 'keep',
      s3: 'keep',
      s4: 'delete',
      s5: 'delete',
    });
  });

  it('keeps a snapshot that either rule keeps', () => {
    const plan = planRetention(five, { keepLast: 1, keepWithinDays: 5, now: NOW });
    assert.deepEqual(actions(plan), { s1: 'keep', s2: 'keep', s3: 'delete', s4: 'delete', s5: 'delete' });
    assert.match(plan.delete[0].reasons[0], /beyond the newest 1 and .* older than 5 days/);
  });

  it('always keeps the newest snapshot of a group unless told otherwise, and even then the newest of each database', () => {
    assert.deepEqual(actions(planRetention(five, { keepWithinDays: 0.5, now: NOW })), {
      s1: 'keep',
      s2: 'delete',
      s3: 'delete',
      s4: 'delete',
      s5: 'delete',
    });
    const spread = five.map((s, i) => ({ ...s, database: `db${i % 2}` }));
    const plan = planRetention(spread, { keepWithinDays: 0.5, minKeep: 0, now: NOW });
    assert.deepEqual(actions(plan), { s1: 'keep', s2: 'keep', s3: 'delete', s4: 'delete', s5: 'delete' });
    assert.match(plan.decisions.find((d) => d.label === 's2')!.reasons[0], /newest complete snapshot of database db1/);
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
    const list = [
      snap('sales_20240601_010000', 29),
      snap('sales_20240615_010000', 15),
      snap('orders_20240601_010000', 29),
      snap('orders_20240620_010000', 10),
    ];
    const plan = planRetention(list, { keepLast: 1, groupByPrefix: true, now: NOW });
    assert.deepEqual(actions(plan), {
      sales_20240601_010000: 'delete',
      sales_20240615_010000: 'keep',
      orders_20240601_010000: 'delete',
      orders_20240620_010000: 'keep',
    });
    assert.deepEqual([...new Set(plan.decisions.map((d) => d.group))].sort(), ['orders', 'sales']);
  });

  it('applies the rules per explicit prefix, longest match first, and leaves unmatched labels alone', () => {
    const list = [snap('prod_a1', 1), snap('prod_a2', 2), snap('prod_eu_1', 5), snap('prod_eu_2', 6), snap('adhoc', 300)];
    const plan = planRetention(list, { keepLast: 1, prefixes: ['prod_', 'prod_eu_'], now: NOW });
    assert.deepEqual(actions(plan), { prod_a1: 'keep', prod_a2: 'delete', prod_eu_1: 'keep', prod_eu_2: 'delete', adhoc: 'keep' });
    assert.match(plan.decisions.find((d) => d.label === 'adhoc')!.reasons[0], /matches none of the given prefixes/);
  });

  it('groups an explicit prefix only at a label boundary: prefix db1 leaves db10 snapshots alone', () => {
    const list = [
      snap('db1_20240101_010000', 29, true, 'db1'),
      snap('db1_20240102_010000', 28, true, 'db1'),
      snap('db10_20240103_010000', 27, true, 'db10'),
      snap('db10_20240104_010000', 26, true, 'db10'),
    ];
    const plan = planRetention(list, { keepLast: 2, prefixes: ['db1'], now: NOW });
    assert.deepEqual(plan.delete, [], 'the two db1 snapshots are the newest 2 of their group');
    assert.deepEqual(
      plan.decisions.map((d) => [d.label, d.group]),
      [
        ['db10_20240103_010000', '(no matching prefix)'],
        ['db10_20240104_010000', '(no matching prefix)'],
        ['db1_20240102_010000', 'db1'],
        ['db1_20240101_010000', 'db1'],
      ],
    );
    const three = planRetention([...list, snap('db1_20240105_010000', 1, true, 'db1')], { keepLast: 2, prefixes: ['db1'], now: NOW });
    assert.deepEqual(
      three.delete.map((d) => d.label),
      ['db1_20240101_010000'],
    );
  });

  it('matches a prefix as the whole label or followed by a separator', () => {
    for (const label of ['db1', 'db1_20240101_010000', 'db1-nightly-3', 'db1.x']) assert.ok(prefixMatches(label, 'db1'), label);
    for (const label of ['db10_20240101_010000', 'db1a', 'db', 'xdb1_1']) assert.ok(!prefixMatches(label, 'db1'), label);
    assert.ok(prefixMatches('prod_eu_1', 'prod_'), 'a prefix that ends with a separator is its own boundary');
    assert.ok(!prefixMatches('anything', ''), 'an empty prefix names nothing');
    assert.equal(groupOf('db10_20240101_010000', { prefixes: ['db1', 'db10'] }), 'db10');
    assert.equal(groupOf('db1_20240101_010000', { prefixes: ['db1', 'db10'] }), 'db1');
  });

  it('never plans to delete the newest complete snapshot of a database, whatever the labels say', () => {
    // Labels name "sales", but one snapshot holds database orders: the only copy of it.
    const lying = [
      snap('sales_20240601_010000', 29, true, 'sales'),
      snap('sales_20240615_010000', 15, true, 'sales'),
      snap('sales_20240620_010000', 10, true, 'orders'),
      snap('sales_20240625_010000', 5, true, 'sales'),
    ];
    const grouped = planRetention(lying, { keepLast: 1, groupByPrefix: true, now: NOW });
    assert.deepEqual(actions(grouped), {
      sales_20240601_010000: 'delete',
      sales_20240615_010000: 'delete',
      sales_20240620_010000: 'keep',
      sales_20240625_010000: 'keep',
    });
    assert.match(
      grouped.decisions.find((d) => d.label === 'sales_20240620_010000')!.reasons.join(' '),
      /newest complete snapshot of database orders/,
    );

    // Across the whole repository, "keep the newest 1" would drop every other database's last snapshot.
    const whole = planRetention(
      [snap('nightly_1', 1, true, 'a'), snap('nightly_2', 2, true, 'b'), snap('nightly_3', 3, true, 'b'), snap('nightly_4', 4, true, 'c')],
      { keepLast: 1, now: NOW },
    );
    assert.deepEqual(actions(whole), { nightly_1: 'keep', nightly_2: 'keep', nightly_3: 'delete', nightly_4: 'keep' });

    // A label that names a prefixed group but holds another database is still that database's newest.
    const prefixed = planRetention(
      [snap('db1_a', 1, true, 'db1'), snap('db1_b', 2, true, 'db1'), snap('db1_c', 3, true, 'db2'), snap('db2_d', 9, true, 'db2')],
      { keepLast: 1, prefixes: ['db1'], now: NOW },
    );
    assert.deepEqual(actions(prefixed), { db1_a: 'keep', db1_b: 'delete', db1_c: 'keep', db2_d: 'keep' });
  });

  it('keeps a complete snapshot whose database could not be read, and still cleans up incomplete ones', () => {
    const plan = planRetention(
      [snap('x_1', 1), { ...snap('x_2', 2), database: undefined }, snap('x_3', 3), { ...snap('x_4', 40, false), database: undefined }],
      { keepLast: 1, includeIncomplete: true, now: NOW },
    );
    assert.deepEqual(actions(plan), { x_1: 'keep', x_2: 'keep', x_3: 'delete', x_4: 'delete' });
    assert.match(plan.decisions.find((d) => d.label === 'x_2')!.reasons[0], /could not be read/);
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
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => c.label, maxLength: 30 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (items, keepLast, grouped) => {
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
        },
      ),
    );
  });
});
