/**
 * RESTORE: data really round-trips (drop → restore, AS rename, DATABASE x AS y, overwrite of a
 * partition), the state machine, tables in state RESTORE, schema mismatches, validation messages,
 * SHOW RESTORE, cancel and timeout.
 */
import * as assert from 'node:assert/strict';
import { columns, expectError, finishedJob, jobInState, rows, snapshotTimestamp } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

const RESTORE_COLUMNS = [
  'JobId',
  'Label',
  'Timestamp',
  'DbName',
  'State',
  'AllowLoad',
  'ReplicationNum',
  'RestoreObjs',
  'CreateTime',
  'MetaPreparedTime',
  'SnapshotFinishedTime',
  'DownloadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
];
const analyzing = (message: string) => `Getting analyzing error. Detail message: ${message}.`;

type DataRow = Record<string, string | null>;
const byKey = (key: string) => (a: DataRow, b: DataRow) => Number(a[key]) - Number(b[key]);

describe('sandbox: RESTORE', function () {
  this.timeout(60_000);
  const suite = useSandbox({ version: '3.4' });
  let baseTs: string;
  let ordersBefore: DataRow[];
  let customersBefore: DataRow[];

  before(async () => {
    baseTs = await snapshotTimestamp(suite.conn, 'demo_repo', 'demo_sales_base');
    ordersBefore = (await suite.sandbox.control.rows('demo_sales', 'orders')).sort(byKey('order_id'));
    customersBefore = (await suite.sandbox.control.rows('demo_sales', 'customers')).sort(byKey('customer_id'));
  });

  afterEach(async () => {
    await suite.sandbox.control.releaseJobs();
  });

  const restoreBase = (clause = '', props = '') =>
    `RESTORE SNAPSHOT demo_sales_base FROM demo_repo ${clause} PROPERTIES ("backup_timestamp" = "${baseTs}"${props})`;

  it('brings dropped tables back with the same rows (backup → drop → restore)', async () => {
    assert.equal(ordersBefore.length, 30);
    await suite.conn.query('DROP TABLE demo_sales.orders');
    await suite.conn.query('DROP TABLE demo_sales.customers');
    await suite.conn.query(restoreBase('DATABASE demo_sales'));
    const row = await finishedJob(suite.conn, 'RESTORE', 'demo_sales', 'demo_sales_base');
    assert.equal(row.RestoreObjs, 'orders PARTITIONS [p202401, p202402, p202403], customers');
    assert.equal(row.Timestamp, baseTs);
    assert.equal(row.AllowLoad, 'false');
    assert.equal(row.ReplicationNum, '3');
    assert.deepEqual((await suite.sandbox.control.rows('demo_sales', 'orders')).sort(byKey('order_id')), ordersBefore);
    assert.deepEqual((await suite.sandbox.control.rows('demo_sales', 'customers')).sort(byKey('customer_id')), customersBefore);
    assert.deepEqual(await rows(suite.conn, 'SELECT COUNT(*) AS n FROM demo_sales.orders'), [{ n: 30 }]);
    const partitions = await rows(suite.conn, 'SHOW PARTITIONS FROM demo_sales.orders');
    assert.deepEqual(
      partitions.map((p) => [p.PartitionName, p.RowCount]),
      [
        ['p202401', '8'],
        ['p202402', '10'],
        ['p202403', '12'],
      ],
    );
    // SHOW BACKUP no longer lists demo_sales: only the last job of a database is kept.
    assert.deepEqual(await rows(suite.conn, 'SHOW BACKUP FROM demo_sales'), []);
  });

  it('restores under another name with AS, leaving the original alone', async () => {
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE orders AS orders_copy)'));
    await finishedJob(suite.conn, 'RESTORE', 'demo_sales');
    assert.deepEqual((await suite.sandbox.control.rows('demo_sales', 'orders_copy')).sort(byKey('order_id')), ordersBefore);
    assert.equal(await suite.sandbox.control.rowCount('demo_sales', 'orders'), 30);
    assert.deepEqual(
      await rows(suite.conn, 'SELECT order_id, amount FROM demo_sales.orders_copy WHERE order_id <= 2 ORDER BY order_id DESC'),
      [
        { order_id: 2, amount: ordersBefore[1].amount },
        { order_id: 1, amount: ordersBefore[0].amount },
      ],
    );
  });

  it('restores into a new database with DATABASE x AS y (created automatically)', async () => {
    await suite.conn.query(restoreBase('DATABASE demo_sales AS sales_copy'));
    const row = await finishedJob(suite.conn, 'RESTORE', 'sales_copy');
    assert.equal(row.DbName, 'sales_copy');
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW TABLES FROM sales_copy')).map((r) => r.Tables_in_sales_copy),
      ['customers', 'orders'],
    );
    assert.deepEqual((await suite.sandbox.control.rows('sales_copy', 'customers')).sort(byKey('customer_id')), customersBefore);
  });

  it('overwrites only the restored partitions of an existing table', async () => {
    await suite.conn.query("INSERT INTO demo_sales.orders VALUES (1001, '2024-01-15', 100, 1.00), (1002, '2024-03-15', 101, 2.00)");
    assert.equal(await suite.sandbox.control.rowCount('demo_sales', 'orders'), 32);
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (orders PARTITION (p202401))'));
    const row = await finishedJob(suite.conn, 'RESTORE', 'demo_sales');
    assert.equal(row.RestoreObjs, 'orders PARTITIONS [p202401]');
    const ids = (await suite.sandbox.control.rows('demo_sales', 'orders')).map((r) => Number(r.order_id));
    assert.ok(!ids.includes(1001), 'the row added to p202401 is gone');
    assert.ok(ids.includes(1002), 'p202403 was not touched');
    await suite.conn.query('TRUNCATE TABLE demo_sales.orders');
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (orders)'));
    await finishedJob(suite.conn, 'RESTORE', 'demo_sales');
    assert.deepEqual((await suite.sandbox.control.rows('demo_sales', 'orders')).sort(byKey('order_id')), ordersBefore);
  });

  it('walks through every restore state; the target refuses writes meanwhile', async () => {
    const states = ['PENDING', 'SNAPSHOTING', 'DOWNLOAD', 'DOWNLOADING', 'COMMIT', 'COMMITTING'];
    await suite.sandbox.control.stickJob('demo_sales', 'PENDING');
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE customers)'));
    const seen: Record<string, Record<string, unknown>> = {};
    for (const state of states) {
      await suite.sandbox.control.stickJob('demo_sales', state);
      seen[state] = await jobInState(suite.conn, 'RESTORE', 'demo_sales', [state]);
    }
    assert.equal(seen.PENDING.JobId, '-1');
    assert.equal(seen.PENDING.MetaPreparedTime, null);
    assert.match(String(seen.SNAPSHOTING.MetaPreparedTime), /^\d{4}-/);
    assert.match(String(seen.SNAPSHOTING.UnfinishedTasks), /^\d+=\d+/);
    assert.match(String(seen.DOWNLOADING.Progress), /^\[\d+: 0\/\d+\]/);
    assert.match(String(seen.COMMIT.DownloadFinishedTime), /^\d{4}-/);
    await expectError(
      suite.conn,
      "INSERT INTO demo_sales.customers VALUES (999, 'x', 'DE')",
      'Cannot write RESTORE state table "customers"',
      5064,
    );
    await expectError(
      suite.conn,
      'TRUNCATE TABLE demo_sales.customers',
      "Table[customers]'s state is not NORMAL. Do not allow doing ALTER ops",
      5064,
    );
    await suite.sandbox.control.releaseJobs();
    const done = await finishedJob(suite.conn, 'RESTORE', 'demo_sales');
    assert.equal(done.JobId, seen.SNAPSHOTING.JobId);
    await suite.conn.query("INSERT INTO demo_sales.customers VALUES (999, 'x', 'DE')");
    assert.deepEqual(await columns(suite.conn, 'SHOW RESTORE FROM demo_sales'), RESTORE_COLUMNS);
  });

  it('cancels the job when an existing table has a different schema', async () => {
    await suite.conn.query(
      'CREATE TABLE demo_sales.orders_other (order_id BIGINT NOT NULL, note VARCHAR(10)) DUPLICATE KEY(order_id) DISTRIBUTED BY HASH(order_id) BUCKETS 1',
    );
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE orders AS orders_other)'));
    const row = await jobInState(suite.conn, 'RESTORE', 'demo_sales', ['CANCELLED', 'FINISHED']);
    assert.equal(row.State, 'CANCELLED');
    assert.match(String(row.Status), /^\[COMMON_ERROR, msg: Table orders_other already exist but with different schema, /);
    assert.deepEqual(await rows(suite.conn, 'SELECT COUNT(*) AS n FROM demo_sales.orders_other'), [{ n: 0 }]);
  });

  it('cancels on request and drops the tables it had created', async () => {
    await suite.sandbox.control.stickJob('demo_sales', 'DOWNLOADING');
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE customers AS customers_tmp)'));
    await jobInState(suite.conn, 'RESTORE', 'demo_sales', ['DOWNLOADING']);
    assert.ok((await rows(suite.conn, 'SHOW TABLES FROM demo_sales')).some((r) => r.Tables_in_demo_sales === 'customers_tmp'));
    await expectError(suite.conn, 'CANCEL BACKUP FROM demo_sales', 'No backup job is currently running', 5064);
    await suite.conn.query('CANCEL RESTORE FROM demo_sales');
    const [row] = await rows(suite.conn, 'SHOW RESTORE FROM demo_sales');
    assert.equal(row.State, 'CANCELLED');
    assert.equal(row.Status, '[COMMON_ERROR, msg: user cancelled, current state: DOWNLOADING]');
    assert.ok(!(await rows(suite.conn, 'SHOW TABLES FROM demo_sales')).some((r) => r.Tables_in_demo_sales === 'customers_tmp'));
  });

  it('times out with the restore timeout message', async () => {
    await suite.sandbox.control.timeoutNextJob('demo_sales');
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE customers AS customers_late)', ', "timeout" = "3600"'));
    const row = await jobInState(suite.conn, 'RESTORE', 'demo_sales', ['CANCELLED', 'FINISHED']);
    assert.equal(row.Status, '[TIMEOUT, msg: restore job with label: demo_sales_base  timeout.]');
    assert.equal(row.Timeout, '3600');
  });

  it('rejects bad RESTORE statements with the FE messages', async () => {
    const r = (rest: string) => `RESTORE SNAPSHOT demo_sales_base FROM demo_repo DATABASE demo_sales ${rest}`;
    await expectError(suite.conn, r(''), analyzing('Missing backup_timestamp property'), 5064, '42000');
    await expectError(
      suite.conn,
      r(`PROPERTIES ("backup_timestamp" = "${baseTs}", "color" = "red")`),
      analyzing('Unknown restore job properties: [color]'),
      5064,
    );
    await expectError(
      suite.conn,
      r(`PROPERTIES ("backup_timestamp" = "${baseTs}", "allow_load" = "maybe")`),
      analyzing('Invalid allow load value: maybe'),
      5064,
    );
    await expectError(
      suite.conn,
      r(`PROPERTIES ("backup_timestamp" = "${baseTs}", "replication_num" = "three")`),
      analyzing('Invalid meta version format: three'),
      5064,
    );
    await expectError(
      suite.conn,
      r(`PROPERTIES ("backup_timestamp" = "${baseTs}", "timeout" = "60")`),
      analyzing('timeout must be at least 10 min'),
      5064,
    );
    await expectError(
      suite.conn,
      r(`ON (orders, orders) PROPERTIES ("backup_timestamp" = "${baseTs}")`),
      /Detail message: Duplicated table: orders\.$/,
      1064,
    );
    await expectError(
      suite.conn,
      r(`ON (orders AS customers, customers) PROPERTIES ("backup_timestamp" = "${baseTs}")`),
      /Detail message: Duplicated alias name: customers\.$/,
      1064,
    );
    await expectError(
      suite.conn,
      r(`ON (nope) PROPERTIES ("backup_timestamp" = "${baseTs}")`),
      'Table nope does not exist in snapshot demo_sales_base',
      5064,
    );
    await expectError(
      suite.conn,
      r(`ON (orders PARTITION (p9)) PROPERTIES ("backup_timestamp" = "${baseTs}")`),
      'Partition p9 of table orders does not exist in snapshot demo_sales_base',
      5064,
    );
    await expectError(
      suite.conn,
      r('PROPERTIES ("backup_timestamp" = "2020-01-01-00-00-00-000")'),
      "Failed to get info of snapshot 'demo_sales_base' because: Expected one file with path: s3a://starrocks-backups/demo/__starrocks_repository_demo_repo/__ss_demo_sales_base/__info_2020-01-01-00-00-00-000. get: 0. Maybe specified wrong backup timestamp",
      5064,
    );
    await expectError(
      suite.conn,
      `RESTORE SNAPSHOT demo_sales_base FROM demo_repo DATABASE demo_ops PROPERTIES ("backup_timestamp" = "${baseTs}")`,
      'target database: demo_ops is not existed in snapshot',
      5064,
    );
    await expectError(
      suite.conn,
      `RESTORE SNAPSHOT demo_sales_base FROM nope DATABASE demo_sales PROPERTIES ("backup_timestamp" = "${baseTs}")`,
      'Repository nope does not exist',
      5064,
    );
    await suite.sandbox.control.stickJob('demo_sales', 'DOWNLOADING');
    await suite.conn.query(restoreBase('DATABASE demo_sales ON (TABLE customers AS customers_busy)'));
    await jobInState(suite.conn, 'RESTORE', 'demo_sales', ['DOWNLOADING']);
    await expectError(
      suite.conn,
      'BACKUP DATABASE demo_sales SNAPSHOT during_restore TO demo_repo',
      'Can only run one backup or restore job of a database at same time',
      5064,
    );
    await suite.sandbox.control.releaseJobs();
    await finishedJob(suite.conn, 'RESTORE', 'demo_sales');
  });
});
