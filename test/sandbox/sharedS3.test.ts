/**
 * Two sandboxes over one S3 server (`sharedS3`): cluster B reads the snapshots cluster A wrote
 * through a READ ONLY repository of the same name and location (spec §5.3, migration), and B's
 * `stop()` leaves the borrowed server running for A.
 */
import * as assert from 'node:assert/strict';
import type { Connection } from 'mysql2/promise';
import { startSandbox, type RunningSandbox } from './index';
import { demoRepositoryStatement } from './seed/demoSeed';
import { connect, expectError, finishedJob, rows, snapshotTimestamp } from './support/sqlClient';

type DataRow = Record<string, string | null>;
const byKey = (key: string) => (a: DataRow, b: DataRow) => Number(a[key]) - Number(b[key]);

describe('sandbox: two clusters sharing one S3 server', function () {
  this.timeout(60_000);
  let a: RunningSandbox;
  let b: RunningSandbox | undefined;
  let connA: Connection;
  let connB: Connection | undefined;

  before(async () => {
    a = await startSandbox({ version: '3.4', seed: 'demo' });
    b = await startSandbox({ version: '3.4', sharedS3: a.control.s3 });
    [connA, connB] = await Promise.all([connect(a.info), connect(b.info)]);
  });

  after(async () => {
    await Promise.all([connA?.end(), connB?.end()]);
    await b?.stop();
    await a?.stop();
  });

  it('starts the borrower empty, on the lender S3 endpoint and keys', async () => {
    const borrower = b as RunningSandbox;
    assert.equal(borrower.info.s3Endpoint, a.info.s3Endpoint);
    assert.equal(borrower.info.bucket, a.info.bucket);
    assert.deepEqual([borrower.info.accessKey, borrower.info.secretKey], [a.info.accessKey, a.info.secretKey]);
    assert.notEqual(borrower.info.port, a.info.port, 'its own FE');
    assert.deepEqual(await rows(connB as Connection, 'SHOW REPOSITORIES'), []);
    assert.deepEqual(await rows(connB as Connection, "SHOW DATABASES LIKE 'demo%'"), []);
  });

  it("lists A's snapshots on B through a READ ONLY repository of the same name and location", async () => {
    const create = demoRepositoryStatement(a.info).replace(/^CREATE REPOSITORY/, 'CREATE READ ONLY REPOSITORY');
    await (connB as Connection).query(create);
    const [repo] = await rows(connB as Connection, 'SHOW REPOSITORIES');
    assert.deepEqual(
      [repo.RepoName, repo.IsReadOnly, repo.Location, repo.ErrMsg],
      ['demo_repo', 'true', `s3a://${a.info.bucket}/demo`, null],
    );
    const onA = await rows(connA, 'SHOW SNAPSHOT ON demo_repo');
    const onB = await rows(connB as Connection, 'SHOW SNAPSHOT ON demo_repo');
    assert.deepEqual(onA.map((r) => r.Snapshot).sort(), ['demo_sales_base', 'demo_sales_orders']);
    assert.deepEqual(onB, onA, 'same snapshots, timestamps and status');
  });

  it("restores A's snapshot on B with A's rows", async () => {
    const timestamp = await snapshotTimestamp(connA, 'demo_repo', 'demo_sales_base');
    assert.equal(await snapshotTimestamp(connB as Connection, 'demo_repo', 'demo_sales_base'), timestamp);
    await (connB as Connection).query(
      `RESTORE SNAPSHOT demo_sales_base FROM demo_repo DATABASE demo_sales PROPERTIES ("backup_timestamp" = "${timestamp}")`,
    );
    const job = await finishedJob(connB as Connection, 'RESTORE', 'demo_sales', 'demo_sales_base');
    assert.equal(job.Timestamp, timestamp);
    for (const [table, key] of [
      ['orders', 'order_id'],
      ['customers', 'customer_id'],
    ]) {
      const source = (await a.control.rows('demo_sales', table)).sort(byKey(key));
      const restored = (await (b as RunningSandbox).control.rows('demo_sales', table)).sort(byKey(key));
      assert.ok(source.length > 0, `demo_sales.${table} has rows on A`);
      assert.deepEqual(restored, source, `demo_sales.${table} on B`);
    }
    assert.deepEqual(
      await rows(connB as Connection, 'SELECT COUNT(*) AS n FROM demo_sales.orders'),
      await rows(connA, 'SELECT COUNT(*) AS n FROM demo_sales.orders'),
    );
    // B only reads: the restored database cannot be backed up into A's repository.
    await expectError(connB as Connection, 'BACKUP DATABASE demo_sales SNAPSHOT b_write TO demo_repo', 'Repository demo_repo is read only');
  });

  it("refuses what would write into the lender's repository or cannot share the server", async () => {
    await assert.rejects(startSandbox({ seed: 'demo', sharedS3: a.control.s3 }), /cannot use seed 'demo'/);
    await assert.rejects(startSandbox({ sharedS3: a.control.s3, s3Port: 0 }), /exclude each other/);
    await assert.rejects(startSandbox({ sharedS3: a.control.s3, childProcess: true }), /only in this process/);
  });

  it('leaves the shared S3 server running when B stops', async () => {
    await (connB as Connection).end();
    connB = undefined;
    await (b as RunningSandbox).stop();
    b = undefined;
    await a.control.s3.stats();
    await a.control.setS3Unreachable(false); // re-pings A's repositories
    const [repo] = await rows(connA, 'SHOW REPOSITORIES');
    assert.equal(repo.ErrMsg, null, 'A still reaches its repository');
    assert.equal((await rows(connA, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_base'"))[0]?.Status, 'OK');
  });
});
