/** Parsers face whatever a server (or a proxy, or a future version) sends: they must never throw. */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { parseDatabases, parseTables } from '../../../../src/starrocks/parsers/catalog';
import { parseBackupJobs, parseRestoreJobs } from '../../../../src/starrocks/parsers/jobs';
import { parsePartitions } from '../../../../src/starrocks/parsers/partitions';
import { parseRepositories } from '../../../../src/starrocks/parsers/repositories';
import { compareTimestampsNewestFirst, parseSnapshotDetail, parseSnapshotList } from '../../../../src/starrocks/parsers/snapshots';

const COLUMNS = [
  'JobId',
  'SnapshotName',
  'Label',
  'DbName',
  'State',
  'BackupObjs',
  'RestoreObjs',
  'CreateTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
  'AllowLoad',
  'ReplicationNum',
  'Timestamp',
  'Snapshot',
  'Details',
  'Database',
  'RepoName',
  'IsReadOnly',
  'Location',
  'Broker',
  'ErrMsg',
  'PartitionName',
  'DataSize',
  'TTL',
  'ExpireTime',
  'Tables_in_db',
];
const cell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constant(null),
  fc.integer(),
  fc.constant('[a: 1/2], [b'),
  fc.constant('{"backup_objects": {"t": {"partitions": 5}}}'),
  fc.constant('2024-13-45 99:99:99'),
);
const rows = fc.array(fc.dictionary(fc.constantFrom(...COLUMNS), cell), { maxLength: 5 });

describe('starrocks/parsers robustness', () => {
  it('never throw on arbitrary rows, and keep their promises about types', () => {
    fc.assert(
      fc.property(rows, (input) => {
        for (const job of [...parseBackupJobs(input), ...parseRestoreJobs(input)]) {
          assert.strictEqual(typeof job.label, 'string');
          assert.ok(job.progress === undefined || (Number.isFinite(job.progress.finished) && Number.isFinite(job.progress.total)));
          assert.ok(job.createTime === undefined || !Number.isNaN(job.createTime.getTime()));
        }
        for (const snapshot of parseSnapshotList(input)) {
          assert.ok(snapshot.timestamps.every((t) => typeof t === 'string' && !t.startsWith('Invalid: ')));
        }
        parseSnapshotDetail(input);
        parseRepositories(input);
        parsePartitions(input);
        parseDatabases(input);
        parseTables(input);
      }),
      { numRuns: 400 },
    );
  });

  it('order timestamps like the times they stand for', () => {
    const time = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 0, 1), noInvalidDate: true });
    const format = (d: Date, ms: boolean) => {
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
      return ms ? `${base}-${p(d.getMilliseconds(), 3)}` : base;
    };
    fc.assert(
      fc.property(time, time, fc.boolean(), fc.boolean(), (a, b, msA, msB) => {
        const ta = msA ? a : new Date(Math.floor(a.getTime() / 1000) * 1000);
        const tb = msB ? b : new Date(Math.floor(b.getTime() / 1000) * 1000);
        const expected = Math.sign(tb.getTime() - ta.getTime());
        assert.strictEqual(Math.sign(compareTimestampsNewestFirst(format(ta, msA), format(tb, msB))), expected);
      }),
      { numRuns: 500 },
    );
  });
});
