/**
 * What changes with the emulated version: the 2.5 grammar and error codes and the ADMIN
 * privilege, 3.3's renumbered codes with the old grammar, 4.2's DROP SNAPSHOT, ttl, retention
 * columns, expiry and SHOW predicates, and shared-data mode.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../src/storage/s3Sdk';
import { columns, connect, eventually, expectError, finishedJob, jobInState, rows, snapshotTimestamp } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

describe('sandbox: version 2.5', function () {
  this.timeout(60_000);
  const suite = useSandbox({
    version: '2.5',
    users: [
      { user: 'operator', password: 'op', privileges: ['ADMIN'] },
      { user: 'analyst', password: 'an', privileges: [] },
    ],
  });

  it('reports its version and seeds with the 2.5 grammar', async () => {
    assert.deepEqual(await rows(suite.conn, 'SELECT current_version() AS v'), [{ v: '2.5.22-sandbox' }]);
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).map((r) => r.Status),
      ['OK', 'OK'],
    );
    assert.equal((await rows(suite.conn, 'SHOW BACKUP FROM demo_sales'))[0].BackupObjs, '[demo_sales.orders]');
  });

  it('knows only the 2.5 grammar, and words syntax errors the 2.x way', async () => {
    const near = (token: string) =>
      `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${token}' at line 1`;
    await expectError(suite.conn, 'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo', near('DATABASE'), 1064, 'HY000');
    await expectError(suite.conn, 'BACKUP SNAPSHOT demo_ops.x TO demo_repo ON (TABLE events)', near('TABLE'), 1064, 'HY000');
    await expectError(suite.conn, 'BACKUP SNAPSHOT demo_ops.x TO demo_repo ON (events AS e)', near('AS'), 1064, 'HY000');
    await expectError(suite.conn, 'CANCEL BACKUP FOR EXTERNAL CATALOG', near('FOR'), 1064, 'HY000');
    await expectError(
      suite.conn,
      `CREATE REPOSITORY r2 WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/r2"`,
      near('<EOF>'),
      1064,
      'HY000',
    );
    await expectError(suite.conn, 'DROP SNAPSHOT demo_sales_base ON demo_repo', near('SNAPSHOT'), 1064, 'HY000');
    await expectError(suite.conn, 'SELECT 1\nFROM', near('<EOF>').replace('at line 1', 'at line 2'), 1064, 'HY000');
    // The 2.x parser stops at the second dot of a label.
    await expectError(suite.conn, 'BACKUP SNAPSHOT a.b.c TO demo_repo', near('.'), 1064, 'HY000');
  });

  it('backs up OLAP tables only: a database-wide BACKUP of a database with a view fails in the handler', async () => {
    await suite.conn.query(
      `CREATE REPOSITORY r25 WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/r25" PROPERTIES ("aws.s3.use_instance_profile" = "true")`,
    );
    await suite.conn.query('CREATE DATABASE with_view');
    await suite.conn.query('CREATE TABLE with_view.t1 (id INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1');
    await suite.conn.query('CREATE TABLE with_view.t2 (id INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1');
    await suite.conn.query('CREATE VIEW with_view.a_view AS SELECT id FROM with_view.t1');
    await expectError(suite.conn, 'BACKUP SNAPSHOT with_view.all1 TO r25', "Table 'a_view' is not a OLAP table", 1064, 'HY000');
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT with_view.one_view TO r25 ON (a_view)',
      "Table 'a_view' is not a OLAP table",
      1064,
      'HY000',
    );
    // Listing the OLAP tables is what a 2.5 FE accepts, and the snapshot holds just them.
    await suite.conn.query('BACKUP SNAPSHOT with_view.tables_only TO r25 ON (t1, t2)');
    assert.equal((await finishedJob(suite.conn, 'BACKUP', 'with_view', 'tables_only')).BackupObjs, '[with_view.t1], [with_view.t2]');
  });

  it('cancels in the session database when FROM is missing', async () => {
    const fresh = await connect(suite.sandbox.info);
    try {
      await expectError(fresh, 'CANCEL BACKUP', "Unknown database ''", 1064, 'HY000');
      await fresh.query('USE demo_ops');
      await expectError(fresh, 'CANCEL BACKUP', 'No backup job is currently running', 1064, 'HY000');
    } finally {
      await fresh.end();
    }
  });

  it('sends failures unwrapped as 1064 / HY000', async () => {
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT demo_ops.x TO demo_repo PROPERTIES ("foo" = "1")',
      'Unknown backup job properties: [foo]',
      1064,
      'HY000',
    );
    await expectError(suite.conn, 'BACKUP SNAPSHOT nope.x TO demo_repo', "Unknown database 'nope'", 1049, '42000');
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT demo_sales.demo_sales_base TO demo_repo',
      "Snapshot with name 'demo_sales_base' already exist in repository",
      1064,
      'HY000',
    );
  });

  it('backs up and restores with the old grammar', async () => {
    await suite.conn.query('BACKUP SNAPSHOT demo_ops.old1 TO demo_repo ON (events PARTITION (p1))');
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'old1');
    const ts = await snapshotTimestamp(suite.conn, 'demo_repo', 'old1');
    await expectError(
      suite.conn,
      `RESTORE SNAPSHOT demo_ops.old1 FROM demo_repo DATABASE demo_ops PROPERTIES ("backup_timestamp" = "${ts}")`,
      "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'DATABASE' at line 1",
      1064,
      'HY000',
    );
    await expectError(
      suite.conn,
      `RESTORE SNAPSHOT missing_db.old1 FROM demo_repo PROPERTIES ("backup_timestamp" = "${ts}")`,
      "Unknown database 'missing_db'",
      1049,
    );
    await suite.conn.query(
      `RESTORE SNAPSHOT demo_ops.old1 FROM demo_repo ON (events AS events_p1) PROPERTIES ("backup_timestamp" = "${ts}")`,
    );
    await finishedJob(suite.conn, 'RESTORE', 'demo_ops');
    const p1 = (await suite.sandbox.control.rows('demo_ops', 'events')).filter((r) => Number(r.bucket) < 100);
    assert.deepEqual(
      (await suite.sandbox.control.rows('demo_ops', 'events_p1')).sort((a, b) => Number(a.event_id) - Number(b.event_id)),
      p1.sort((a, b) => Number(a.event_id) - Number(b.event_id)),
    );
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW PARTITIONS FROM demo_ops.events_p1')).map((p) => p.PartitionName),
      ['p1'],
    );
  });

  it('requires the ADMIN privilege for backup statements', async () => {
    const analyst = await connect(suite.sandbox.info, { user: 'analyst', password: 'an' });
    await expectError(
      analyst,
      'SHOW SNAPSHOT ON demo_repo',
      'Access denied; you need (at least one of) the ADMIN privilege(s) for this operation',
      1227,
      '42000',
    );
    await expectError(
      analyst,
      'BACKUP SNAPSHOT demo_ops.no TO demo_repo',
      'Access denied; you need (at least one of) the ADMIN privilege(s) for this operation',
      1227,
    );
    await analyst.end();
    const operator = await connect(suite.sandbox.info, { user: 'operator', password: 'op' });
    assert.equal((await rows(operator, 'SHOW SNAPSHOT ON demo_repo')).length, 3);
    await operator.end();
  });
});

describe('sandbox: version 3.3', function () {
  this.timeout(30_000);
  const suite = useSandbox({ version: '3.3', seed: 'empty' });

  it('has the old grammar but the new error codes and wrapping', async () => {
    assert.deepEqual(await rows(suite.conn, 'SHOW DATABASES'), [{ Database: 'information_schema' }]);
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT nope.x TO r',
      "Getting analyzing error. Detail message: Unknown database 'nope'.",
      5501,
      '3F000',
    );
    await expectError(
      suite.conn,
      'BACKUP DATABASE d SNAPSHOT x TO r',
      /Unexpected input 'DATABASE', the most similar input is \{'SNAPSHOT'\}/,
      1064,
    );
    await expectError(suite.conn, 'SHOW BACKUP WHERE State = "FINISHED"', /Input 'WHERE' is not valid at this position/, 1064);
    await suite.conn.query('SHOW RESTORE WHERE true');
  });

  it('refuses a label with more than one dot in the AstBuilder, over the name span', async () => {
    // AstBuilder.qualifiedNameToLabelName → PARSER_ERROR_MSG.invalidTableFormat; columns are 0-based
    // and end at the last token's start, as the FE's own `use a.b.c` test shows.
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT a.b.c TO r',
      "Getting syntax error from line 1, column 16 to line 1, column 20. Detail message: Invalid table name format 'a.b.c'.",
      1064,
      '42000',
    );
    await expectError(
      suite.conn,
      'RESTORE SNAPSHOT a.b.c.d FROM r',
      "Getting syntax error from line 1, column 17 to line 1, column 23. Detail message: Invalid table name format 'a.b.c.d'.",
      1064,
      '42000',
    );
  });

  it('refuses views in a BACKUP, database-wide or named, and backs up the listed tables', async () => {
    await suite.conn.query(
      `CREATE REPOSITORY r33 WITH BROKER ON LOCATION "s3a://${suite.sandbox.info.bucket}/r33" PROPERTIES ("aws.s3.use_instance_profile" = "true")`,
    );
    await suite.conn.query('CREATE DATABASE shop');
    await suite.conn.query('CREATE TABLE shop.orders (id INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1');
    await suite.conn.query('CREATE VIEW shop.order_ids AS SELECT id FROM shop.orders');
    await expectError(suite.conn, 'BACKUP SNAPSHOT shop.everything TO r33', "Table 'order_ids' is not a OLAP table", 5503, '42000');
    await expectError(
      suite.conn,
      'BACKUP SNAPSHOT shop.the_view TO r33 ON (order_ids)',
      "Table 'order_ids' is not a OLAP table",
      5503,
      '42000',
    );
    await suite.conn.query('BACKUP SNAPSHOT shop.tables_only TO r33 ON (orders)');
    assert.equal((await finishedJob(suite.conn, 'BACKUP', 'shop', 'tables_only')).BackupObjs, '[shop.orders]');
  });
});

describe('sandbox: version 4.2', function () {
  this.timeout(60_000);
  let s3: S3Client;
  const suite = useSandbox({ version: '4.2' }, () => s3?.destroy());
  let clusterId: string;

  const putInfo = async (label: string, info: Record<string, unknown>) => {
    const body = JSON.stringify(info);
    const key = `demo/__starrocks_repository_demo_repo/__ss_${label}/__info_2024-01-01-00-00-00-000.${createHash('md5').update(body).digest('hex')}`;
    await s3.send(new PutObjectCommand({ Bucket: suite.sandbox.info.bucket, Key: key, Body: body }));
  };

  before(async () => {
    const { info } = suite.sandbox;
    s3 = withoutNodeVersionWarning(
      () =>
        new S3Client({
          endpoint: info.s3Endpoint,
          region: info.region,
          forcePathStyle: true,
          credentials: { accessKeyId: info.accessKey, secretAccessKey: info.secretKey },
        }),
    );
    clusterId = String((await rows(suite.conn, 'SHOW FRONTENDS'))[0].ClusterId);
  });

  afterEach(async () => {
    await suite.sandbox.control.releaseJobs();
  });

  it('refuses a label with more than one dot in the 3.4+ grammar too', async () => {
    await expectError(
      suite.conn,
      'BACKUP DATABASE demo_ops SNAPSHOT x.y.z TO demo_repo',
      "Getting syntax error from line 1, column 34 to line 1, column 38. Detail message: Invalid table name format 'x.y.z'.",
      1064,
      '42000',
    );
  });

  it('adds the retention columns to SHOW SNAPSHOT', async () => {
    assert.deepEqual(await columns(suite.conn, 'SHOW SNAPSHOT ON demo_repo'), [
      'Snapshot',
      'Timestamp',
      'ClusterId',
      'FinishTime',
      'TTL',
      'ExpireTime',
      'Status',
    ]);
    const [base] = await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_base'");
    assert.equal(base.ClusterId, clusterId);
    assert.match(String(base.FinishTime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(base.TTL, null);
    assert.equal(base.ExpireTime, null);
    const ts = String(base.Timestamp);
    assert.deepEqual(await columns(suite.conn, `SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_base' AND TIMESTAMP = '${ts}'`), [
      'Snapshot',
      'Timestamp',
      'Database',
      'Details',
      'ClusterId',
      'FinishTime',
      'TTL',
      'ExpireTime',
      'Status',
    ]);
  });

  it('takes a ttl, validates it, and its daemon deletes expired snapshots', async () => {
    const b = (label: string, ttl: string) => `BACKUP DATABASE demo_ops SNAPSHOT ${label} TO demo_repo PROPERTIES ("ttl" = "${ttl}")`;
    await expectError(
      suite.conn,
      b('t0', 'forever'),
      "Getting analyzing error. Detail message: Invalid ttl: 'forever'. Expected a duration such as '7 DAY' or '12 HOUR', or an empty value to keep the snapshot forever.",
      5064,
    );
    await expectError(
      suite.conn,
      b('t0', '0 DAY'),
      'Getting analyzing error. Detail message: ttl must be a positive duration, but got: 0 DAY.',
      5064,
    );
    await suite.conn.query(b('kept_week', '7 DAY'));
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'kept_week');
    const [week] = await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'kept_week'");
    assert.equal(week.TTL, '7 DAY');
    const finish = new Date(String(week.FinishTime).replace(' ', 'T')).getTime();
    const expire = new Date(String(week.ExpireTime).replace(' ', 'T')).getTime();
    assert.ok(Math.abs(expire - finish - 7 * 86_400_000) <= 1000, `${week.FinishTime} + 7 days = ${week.ExpireTime}`);
    await suite.conn.query(b('short_lived', '1 SECOND'));
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'short_lived');
    await eventually(
      async () => ((await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).some((r) => r.Snapshot === 'short_lived') ? undefined : true),
      'the expired snapshot to be deleted',
      15_000,
      200,
    );
    assert.ok((await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).some((r) => r.Snapshot === 'kept_week'));
  });

  it('drops snapshots with DROP SNAPSHOT, checking ownership unless FORCE', async () => {
    await suite.conn.query('DROP SNAPSHOT demo_sales_orders ON demo_repo');
    assert.equal(
      (await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'demo_sales_orders'"))[0].Status,
      'ERROR: no snapshot',
    );
    await suite.conn.query('BACKUP DATABASE demo_sales SNAPSHOT demo_sales_orders TO demo_repo ON (TABLE orders)');
    await finishedJob(suite.conn, 'BACKUP', 'demo_sales', 'demo_sales_orders');

    await expectError(
      suite.conn,
      'DROP SNAPSHOT nope ON demo_repo',
      'Snapshot does not exist in repository demo_repo: nope',
      5064,
      '42000',
    );
    await expectError(
      suite.conn,
      'DROP SNAPSHOT x ON nope',
      'Getting analyzing error. Detail message: Repository [nope] does not exist.',
      5064,
      '42000',
    );
    await putInfo('legacy', {
      name: 'legacy',
      database: 'demo_sales',
      id: 1,
      backup_time: 0,
      backup_objects: {},
      backup_result: 'succeed',
    });
    await expectError(
      suite.conn,
      'DROP SNAPSHOT legacy ON demo_repo',
      `Snapshot legacy in repository demo_repo does not record which cluster created it, and this cluster is ${clusterId}. Use DROP SNAPSHOT ... FORCE to drop it anyway`,
      5064,
    );
    await suite.conn.query('DROP SNAPSHOT legacy ON demo_repo FORCE');
    await putInfo('foreign', {
      name: 'foreign',
      database: 'demo_sales',
      id: 1,
      backup_time: 0,
      backup_objects: {},
      backup_result: 'succeed',
      cluster_id: '42',
    });
    await expectError(
      suite.conn,
      'DROP SNAPSHOT foreign ON demo_repo',
      `Snapshot foreign in repository demo_repo was created by cluster 42, and this cluster is ${clusterId}. Use DROP SNAPSHOT ... FORCE to drop it anyway`,
    );
    await suite.conn.query('DROP SNAPSHOT foreign ON demo_repo FORCE');
    assert.ok(!(await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).some((r) => r.Snapshot === 'legacy' || r.Snapshot === 'foreign'));

    await suite.sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT in_flight TO demo_repo');
    await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['UPLOADING'], 'in_flight');
    await expectError(suite.conn, 'DROP SNAPSHOT in_flight ON demo_repo', 'Can not drop snapshot in_flight: a backup is writing it', 5064);
    await suite.sandbox.control.releaseJobs();
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'in_flight');

    const { info } = suite.sandbox;
    await suite.conn.query(
      `CREATE READ ONLY REPOSITORY ro WITH BROKER ON LOCATION "s3a://${info.bucket}/demo" PROPERTIES ("aws.s3.access_key" = "${info.accessKey}", "aws.s3.secret_key" = "${info.secretKey}", "aws.s3.endpoint" = "${info.s3Endpoint}")`,
    );
    await expectError(suite.conn, 'DROP SNAPSHOT demo_sales_base ON ro', 'Repository ro is read only', 5064);
  });

  it('runs DropSnapshotAnalyzer before privileges and the handler', async () => {
    const analyzing = (m: string) => `Getting analyzing error. Detail message: ${m}.`;
    await expectError(suite.conn, 'DROP SNAPSHOT x ON `bad-name`', analyzing("Incorrect repository name 'bad-name'"), 1064, 'HY000');
    await expectError(suite.conn, 'DROP SNAPSHOT x ON ``', analyzing('Repository does not empty'), 5064, '42000');
    await expectError(suite.conn, 'DROP SNAPSHOT `` ON nope', analyzing('Repository [nope] does not exist'), 5064, '42000');
    await expectError(suite.conn, 'DROP SNAPSHOT `` ON demo_repo', analyzing('Must specify a snapshot name'), 1064, 'HY000');
  });

  it('filters, orders and limits SHOW BACKUP', async () => {
    const all = await rows(suite.conn, 'SHOW BACKUP');
    assert.ok(all.length >= 2);
    const finished = await rows(suite.conn, "SHOW BACKUP WHERE State = 'FINISHED' ORDER BY DbName DESC LIMIT 1");
    assert.equal(finished.length, 1);
    assert.equal(finished[0].DbName, 'demo_sales');
    assert.deepEqual(await rows(suite.conn, "SHOW BACKUP WHERE DbName = 'none'"), []);
    assert.deepEqual(await rows(suite.conn, 'SELECT current_version() AS v'), [{ v: '4.2.0-sandbox' }]);
  });
});

describe('sandbox: shared-data mode', function () {
  this.timeout(30_000);
  const suite = useSandbox({ sharedData: true, seed: 'empty' });

  it('reports run_mode shared_data', async () => {
    assert.deepEqual(await rows(suite.conn, "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'"), [
      { Key: 'run_mode', AliasNames: '[]', Value: 'shared_data', Type: 'String', IsMutable: 'false', Comment: '' },
    ]);
  });
});
