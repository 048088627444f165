import * as assert from 'assert';
import { wholeDatabaseScope } from '../../../src/starrocks/backupScope';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

describe('starrocks/backupScope: what "whole database" means per version', () => {
  const caps = (raw: string) => capabilitiesOf(parseServerVersion(raw));
  const objects = [
    { name: 'orders', type: 'BASE TABLE' },
    { name: 'order_ids', type: 'VIEW' },
    { name: 'customers', type: 'BASE TABLE' },
  ];

  it('keeps the bare statement from 3.4, views and all', () => {
    for (const v of ['3.4.0', '4.0.2', '4.2.0']) assert.deepStrictEqual(wholeDatabaseScope(caps(v), objects), { kind: 'database' }, v);
  });

  it('lists the tables before 3.4 when the database holds a view, naming what is left out', () => {
    for (const v of ['2.5.22', '3.0.9', '3.3.9']) {
      assert.deepStrictEqual(
        wholeDatabaseScope(caps(v), objects),
        { kind: 'tables', tables: ['orders', 'customers'], skipped: ['order_ids'] },
        v,
      );
    }
  });

  it('keeps the bare statement before 3.4 when there is no view, or the types are unknown', () => {
    assert.deepStrictEqual(
      wholeDatabaseScope(
        caps('2.5.22'),
        objects.filter((o) => o.type !== 'VIEW'),
      ),
      { kind: 'database' },
    );
    assert.deepStrictEqual(
      wholeDatabaseScope(
        caps('3.3.9'),
        objects.map((o) => ({ name: o.name, type: undefined })),
      ),
      { kind: 'database' },
    );
    assert.deepStrictEqual(wholeDatabaseScope(caps('3.3.9'), []), { kind: 'database' });
  });

  it('says there is nothing to back up when a pre-3.4 database holds only views', () => {
    assert.deepStrictEqual(wholeDatabaseScope(caps('3.3.9'), [{ name: 'v', type: 'view' }]), { kind: 'nothing', skipped: ['v'] });
  });
});
