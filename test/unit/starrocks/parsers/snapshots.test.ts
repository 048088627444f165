import * as assert from 'assert';
import { compareTimestampsNewestFirst, parseSnapshotDetail, parseSnapshotList } from '../../../../src/starrocks/parsers/snapshots';

describe('starrocks/parsers/snapshots', () => {
  it('parses the spec §3.5 list row', () => {
    assert.deepStrictEqual(parseSnapshotList([{ Snapshot: 'snapshot_label1', Timestamp: '2023-02-07-03-09-43-561', Status: 'OK' }]), [
      { label: 'snapshot_label1', timestamps: ['2023-02-07-03-09-43-561'], invalidFiles: [], status: 'OK', statusText: 'OK' },
    ]);
  });

  it('splits several timestamps and Invalid: lines, newest first, verbatim', () => {
    const [s] = parseSnapshotList([
      {
        Snapshot: 's',
        Timestamp: '2023-01-01-00-00-00-001\nInvalid: __info_2023-01-02-00-00-00-000.part\n2023-01-03-00-00-00-000\n2018-05-04-17-11-01',
        Status: 'OK',
      },
    ]);
    assert.deepStrictEqual(s.timestamps, ['2023-01-03-00-00-00-000', '2023-01-01-00-00-00-001', '2018-05-04-17-11-01']);
    assert.deepStrictEqual(s.invalidFiles, ['__info_2023-01-02-00-00-00-000.part']);
  });

  it('maps ERROR: no snapshot to INCOMPLETE and other errors to ERROR', () => {
    const list = parseSnapshotList([
      { Snapshot: 'running', Timestamp: null, Status: 'ERROR: no snapshot' },
      { Snapshot: 'broken', Timestamp: null, Status: 'ERROR: Failed to get info: boom' },
    ]);
    assert.deepStrictEqual(
      list.map((s) => [s.label, s.status, s.timestamps]),
      [
        ['broken', 'ERROR', []],
        ['running', 'INCOMPLETE', []],
      ],
    );
    assert.strictEqual(list[0].statusText, 'ERROR: Failed to get info: boom');
  });

  it('sorts snapshots newest first, incomplete ones after, by label', () => {
    const list = parseSnapshotList([
      { Snapshot: 'b_old', Timestamp: '2023-01-01-00-00-00-000', Status: 'OK' },
      { Snapshot: 'z_incomplete', Timestamp: null, Status: 'ERROR: no snapshot' },
      { Snapshot: 'a_new', Timestamp: '2024-01-01-00-00-00-000', Status: 'OK' },
      { Snapshot: 'doris', Timestamp: '2023-06-01-00-00-00', Status: 'OK' },
      { Snapshot: 'a_incomplete', Timestamp: '', Status: 'ERROR: no snapshot' },
      { Snapshot: null, Timestamp: null, Status: null },
    ]);
    assert.deepStrictEqual(
      list.map((s) => s.label),
      ['a_new', 'doris', 'b_old', 'a_incomplete', 'z_incomplete'],
    );
  });

  it('compares millisecond and second precision timestamps', () => {
    assert.ok(compareTimestampsNewestFirst('2023-01-01-00-00-01', '2023-01-01-00-00-00-999') < 0);
    assert.ok(compareTimestampsNewestFirst('2023-01-01-00-00-00', '2023-01-01-00-00-00-001') > 0);
    assert.strictEqual(compareTimestampsNewestFirst('2023-01-01-00-00-00', '2023-01-01-00-00-00-000'), 0);
  });

  it('reads the 4.2 retention columns when present', () => {
    const [s] = parseSnapshotList([
      {
        Snapshot: 's',
        Timestamp: '2026-01-01-00-00-00-000',
        ClusterId: 'c-1',
        FinishTime: '2026-01-01 00:10:00',
        TTL: '7 DAY',
        ExpireTime: '2026-01-08 00:10:00',
        Status: 'OK',
      },
    ]);
    assert.strictEqual(s.clusterId, 'c-1');
    assert.strictEqual(s.ttl, '7 DAY');
    assert.deepStrictEqual(s.finishTime, new Date(2026, 0, 1, 0, 10, 0));
    assert.deepStrictEqual(s.expireTime, new Date(2026, 0, 8, 0, 10, 0));
    const [forever] = parseSnapshotList([
      { Snapshot: 's', Timestamp: '2026-01-01-00-00-00-000', ClusterId: null, FinishTime: null, TTL: '', ExpireTime: null, Status: 'OK' },
    ]);
    assert.ok(!('ttl' in forever) && !('clusterId' in forever) && !('expireTime' in forever));
  });

  const details = JSON.stringify(
    {
      name: 'snapshot_label1',
      database: 'example_db',
      backup_time: 1675739383561,
      backup_objects: { example_tbl: { partitions: { p1: {}, p2: {} } }, unpartitioned: { partitions: { unpartitioned: {} } }, odd: {} },
      meta_version: 0,
      starrocks_meta_version: 0,
      backup_result: 'succeed',
    },
    null,
    1,
  );

  it('parses the detail form: database, tables, partitions and backup time', () => {
    const detail = parseSnapshotDetail([
      { Snapshot: 'snapshot_label1', Timestamp: '2023-02-07-03-09-43-561', Database: 'example_db', Details: details, Status: 'OK' },
    ]);
    assert.deepStrictEqual(detail, {
      label: 'snapshot_label1',
      timestamp: '2023-02-07-03-09-43-561',
      database: 'example_db',
      tables: [
        { name: 'example_tbl', partitions: ['p1', 'p2'] },
        { name: 'unpartitioned', partitions: ['unpartitioned'] },
        { name: 'odd', partitions: [] },
      ],
      backupTime: new Date(1675739383561),
      status: 'OK',
      ok: true,
    });
  });

  it('reports a failed detail lookup without tables', () => {
    const detail = parseSnapshotDetail([
      {
        Snapshot: 's',
        Timestamp: '2023-01-01-00-00-00-000',
        Database: null,
        Details: null,
        Status: 'Failed to get info: Expected one file with path: x. get: 0',
      },
    ]);
    assert.strictEqual(detail?.ok, false);
    assert.deepStrictEqual(detail?.tables, []);
    assert.strictEqual(detail?.database, undefined);
    assert.strictEqual(parseSnapshotDetail([]), undefined);
  });

  it('survives broken Details JSON and takes the database from the JSON when the column is missing', () => {
    assert.deepStrictEqual(parseSnapshotDetail([{ Snapshot: 's', Timestamp: 't', Details: '{not json', Status: 'OK' }])?.tables, []);
    assert.strictEqual(parseSnapshotDetail([{ Snapshot: 's', Timestamp: 't', Details: details, Status: 'OK' }])?.database, 'example_db');
  });
});
