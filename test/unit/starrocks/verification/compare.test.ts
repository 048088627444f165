import * as assert from 'assert';
import { compareReadings, sumReadings, tablePairsOfRestore, worstVerdict } from '../../../../src/starrocks/verification';

describe('starrocks/verification: comparing readings and naming pairs', () => {
  const rows = (n: number, checksum?: string) => ({ kind: 'rows' as const, rows: n, checksum });

  it('says equal, differs (rows or contents), missing on either side, or unreadable', () => {
    assert.strictEqual(compareReadings(rows(3), rows(3), false).verdict, 'equal');
    assert.deepStrictEqual(compareReadings(rows(3), rows(4), false).differsIn, ['rows']);
    assert.deepStrictEqual(compareReadings(rows(3, '10'), rows(3, '11'), true).differsIn, ['checksum']);
    assert.deepStrictEqual(compareReadings(rows(3, '10'), rows(4, '11'), true).differsIn, ['rows', 'checksum']);
    assert.strictEqual(compareReadings(rows(3, '10'), rows(3, '11'), false).verdict, 'equal', 'checksums ignored when not asked for');
    assert.strictEqual(compareReadings(rows(3), { kind: 'missing' }, false).verdict, 'missingOnTarget');
    assert.strictEqual(compareReadings({ kind: 'missing' }, rows(1), false).verdict, 'missingOnSource');
    assert.strictEqual(compareReadings(rows(1), { kind: 'error', reason: 'denied' }, false).verdict, 'unreadable');
  });

  it('does not call counts equal when an asked-for checksum could not be read', () => {
    const noChecksum = { kind: 'rows' as const, rows: 3, checksumError: 'No matching function' };
    assert.strictEqual(compareReadings(rows(3, '1'), noChecksum, true).verdict, 'unreadable');
    assert.strictEqual(compareReadings(rows(2, '1'), noChecksum, true).verdict, 'differs', 'a count difference still shows');
  });

  it('sums partitions exactly (BIGINT checksums past 2^53), and reports the worst verdict', () => {
    const big = '9007199254740993';
    assert.deepStrictEqual(sumReadings([rows(1, big), rows(2, big), { kind: 'missing' }], true), {
      kind: 'rows',
      rows: 3,
      checksum: '18014398509481986',
    });
    assert.deepStrictEqual(sumReadings([{ kind: 'missing' }], false), { kind: 'missing' });
    assert.deepStrictEqual(sumReadings([rows(1), { kind: 'error', reason: 'x' }], false), { kind: 'error', reason: 'x' });
    assert.strictEqual(worstVerdict(['equal', 'differs', 'missingOnSource']), 'missingOnSource');
    assert.strictEqual(worstVerdict([]), 'equal');
  });

  it('names the pairs of a restore: ON list with AS and partitions, else the snapshot, else every table', () => {
    const snapshot = {
      tables: [
        { name: 'orders', partitions: ['p1', 'p2'] },
        { name: 'customers', partitions: ['customers'] },
      ],
    };
    assert.deepStrictEqual(
      tablePairsOfRestore(
        [
          { name: 'orders', alias: 'orders_r' },
          { name: 'customers', partitions: [] },
        ],
        snapshot,
      ),
      [
        { source: 'orders', target: 'orders_r', partitions: ['p1', 'p2'] },
        { source: 'customers', target: 'customers', partitions: undefined },
      ],
    );
    assert.deepStrictEqual(tablePairsOfRestore([{ name: 'orders', partitions: ['p2'] }], snapshot), [
      { source: 'orders', target: 'orders', partitions: ['p2'] },
    ]);
    assert.deepStrictEqual(tablePairsOfRestore(undefined, snapshot), [
      { source: 'orders', target: 'orders', partitions: ['p1', 'p2'] },
      { source: 'customers', target: 'customers', partitions: undefined },
    ]);
    assert.strictEqual(tablePairsOfRestore([], undefined), undefined);
  });
});
