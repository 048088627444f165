import * as assert from 'assert';
import { dropScratchDatabase, dropScratchTable, isDrillName } from '../../../../src/starrocks/builders/dropScratch';
import { DialectError } from '../../../../src/starrocks/dialectError';
import { drillTarget, drillTargetProblems } from '../../../../src/starrocks/plans/drillNames';

describe('starrocks/plans/drillNames', () => {
  const date = new Date(2026, 11, 4, 18, 5, 9);

  it('3.4+: restores into a scratch database under the same table names', () => {
    const target = drillTarget('demo_sales', ['orders', 'customers'], true, date);
    assert.strictEqual(target.database, 'demo_sales_drill_20261204_180509');
    assert.strictEqual(target.scratchDatabase, target.database);
    assert.strictEqual(target.tables, undefined);
    assert.deepStrictEqual(drillTargetProblems('demo_sales', target), []);
  });

  it('before 3.4: renames every table with AS into the source database', () => {
    const target = drillTarget('demo_sales', ['orders', 'customers'], false, date);
    assert.strictEqual(target.database, 'demo_sales');
    assert.strictEqual(target.scratchDatabase, undefined);
    assert.deepStrictEqual(target.tables, [
      { name: 'orders', alias: 'orders_drill_20261204_180509' },
      { name: 'customers', alias: 'customers_drill_20261204_180509' },
    ]);
    assert.deepStrictEqual(drillTargetProblems('demo_sales', target), []);
  });

  it('every restored name differs from every source name, whatever the names', () => {
    const names = ['t', 'T_drill_20261204_180509', 'x'.repeat(1100), 'orders'];
    for (const newGrammar of [true, false]) {
      for (const db of ['db', 'd'.repeat(300)]) {
        const target = drillTarget(db, names, newGrammar, date);
        for (const [source, restored] of target.names) {
          assert.ok(target.database !== db || restored !== source, `${db}.${source}`);
        }
      }
    }
  });

  it('refuses a target that would write onto a source table', () => {
    const target = drillTarget('db', ['a', 'a_drill_20261204_180509'], false, date);
    assert.match(drillTargetProblems('db', target).join(' '), /would be restored onto the source table db\.a_drill_20261204_180509/);
    assert.match(drillTargetProblems('db', { database: 'db', names: new Map([['t', 't']]) }).join(' '), /onto the source table/);
  });

  it('drops only drill-marked scratch objects', () => {
    assert.strictEqual(dropScratchDatabase('db_drill_20261204_180509').sql, 'DROP DATABASE `db_drill_20261204_180509`');
    assert.strictEqual(dropScratchTable('db', 't_drill_20261204_180509').sql, 'DROP TABLE `db`.`t_drill_20261204_180509`');
    assert.ok(dropScratchDatabase('db_drill_20261204_180509').destructive);
    assert.throws(() => dropScratchDatabase('db'), DialectError);
    assert.throws(() => dropScratchTable('db', 'orders'), DialectError);
    assert.throws(() => dropScratchDatabase('x`; DROP DATABASE y_drill_20261204_180509'), DialectError);
    assert.ok(isDrillName('a_drill_20261204_180509') && !isDrillName('a_drill_2026'));
  });
});
