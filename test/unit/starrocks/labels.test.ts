import * as assert from 'assert';
import { validateName } from '../../../src/starrocks/identifiers';
import { defaultSnapshotLabel, formatLabelTime } from '../../../src/starrocks/labels';

describe('starrocks/labels', () => {
  const date = new Date(2024, 0, 5, 7, 8, 9);

  it('builds <db>_<yyyyMMdd_HHmmss> in local time', () => {
    assert.strictEqual(formatLabelTime(date), '20240105_070809');
    assert.strictEqual(defaultSnapshotLabel('sales', date), 'sales_20240105_070809');
  });

  it('replaces characters a label cannot hold and keeps within 128 characters', () => {
    assert.strictEqual(defaultSnapshotLabel('a~b-c', date), 'a_b-c_20240105_070809');
    const long = defaultSnapshotLabel('d'.repeat(256), date);
    assert.strictEqual(long.length, 128);
    assert.ok(long.endsWith('_20240105_070809'));
  });

  it('always produces a valid label', () => {
    for (const db of ['x', 'a!@#$%^&<>=+', '_1', 'd'.repeat(256), '']) {
      assert.strictEqual(validateName('label', defaultSnapshotLabel(db, date)), undefined, db);
    }
  });
});
