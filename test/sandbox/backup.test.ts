/**
 * BACKUP in the 3.4+ grammar: accepted forms, every validation message with its code, the state
 * machine observed state by state, one job per database, SHOW BACKUP, CANCEL, and injected faults.
 */
import * as assert from 'node:assert/strict';
import { columns, connect, eventually, expectError, finishedJob, jobInState, rows } from './support/sqlClient';
import { useSandbox } from './support/sandboxSuite';

const BACKUP_COLUMNS = [
  'JobId',
  'SnapshotName',
  'DbName',
  'State',
  'BackupObjs',
  'CreateTime',
  'SnapshotFinishedTime',
  'UploadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
];
const analyzing = (message: string) => `Getting analyzing error. Detail message: ${message}.`;

describe('sandbox: BACKUP (3.4 grammar)', function () {
  this.timeout(60_000);
  const suite = useSandbox({ version: '3.4' });

  afterEach(async () => {
    await suite.sandbox.control.releaseJobs();
  });

  it('accepts every object form and finishes the jobs', async () => {
    const forms: [string, string][] = [
      ['BACKUP DATABASE demo_ops SNAPSHOT ops_all TO demo_repo', '[demo_ops.events]'],
      ['BACKUP SNAPSHOT demo_ops.ops_p1 TO demo_repo ON (events PARTITION (p1))', '[demo_ops.events PARTITIONS (p1)]'],
      [
        'BACKUP DATABASE demo_ops SNAPSHOT ops_kw TO demo_repo ON (TABLE events PARTITIONS p1, p2) PROPERTIES ("type" = "full", "timeout" = "3600")',
        '[demo_ops.events PARTITIONS (p1, p2)]',
      ],
      ['BACKUP DATABASE demo_ops SNAPSHOT `ops_all_tables` TO demo_repo ON (ALL TABLES, ALL VIEWS, ALL FUNCTIONS)', '[demo_ops.events]'],
    ];
    for (const [sql, objects] of forms) {
      const label = /SNAPSHOT (?:demo_ops\.)?`?(\w+)`?/.exec(sql)?.[1] ?? '';
      const [result] = await suite.conn.query(sql);
      assert.equal((result as { affectedRows: number }).affectedRows, 0);
      const row = await finishedJob(suite.conn, 'BACKUP', 'demo_ops', label);
      assert.equal(row.BackupObjs, objects, sql);
      assert.equal(row.Status, '[OK]');
    }
    const [timed] = await rows(suite.conn, 'SHOW BACKUP FROM demo_ops');
    assert.equal(timed.Timeout, '86400');
    await suite.conn.query('USE demo_ops');
    await suite.conn.query('BACKUP SNAPSHOT ops_session_db TO demo_repo');
    assert.equal((await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'ops_session_db')).DbName, 'demo_ops');
    const labels = (await rows(suite.conn, 'SHOW SNAPSHOT ON demo_repo')).map((r) => r.Snapshot);
    for (const label of ['ops_all', 'ops_p1', 'ops_kw', 'ops_all_tables', 'ops_session_db']) assert.ok(labels.includes(label), label);
  });

  it('rejects bad statements with the analyzer and handler messages', async () => {
    const fresh = await connect(suite.sandbox.info);
    await expectError(fresh, 'BACKUP DATABASE nope SNAPSHOT x TO demo_repo', analyzing("Unknown database 'nope'"), 5501, '3F000');
    await expectError(fresh, 'BACKUP SNAPSHOT x TO demo_repo', analyzing('No database selected'), 1046, '3D000');
    await expectError(fresh, 'BACKUP DATABASE demo_ops SNAPSHOT x TO nope', analyzing('Repository [nope] does not exist'), 5064, '42000');
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (nope)',
      analyzing("Incorrect table name 'nope'"),
      1064,
      'HY000',
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (events, events)',
      /^Getting analyzing error from line 1, column \d+ to line 1, column \d+\. Detail message: Duplicated table: events\.$/,
      1064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (events AS e)',
      /Detail message: Can not set alias for table in Backup Stmt: demo_ops\.events AS e\.$/,
      1064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (events PARTITION (p9))',
      /Detail message: partition\[p9\] does not exist {2}in tableevents\.$/,
      1064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("foo" = "1")',
      analyzing('Unknown backup job properties: [foo]'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("TIMEOUT" = "3600")',
      analyzing('Unknown backup job properties: [TIMEOUT]'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("ttl" = "7 DAY")',
      analyzing('Unknown backup job properties: [ttl]'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("type" = "bogus")',
      analyzing('Invalid backup job type: bogus'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("timeout" = "abc")',
      analyzing('Invalid timeout format: abc'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("timeout" = "599")',
      analyzing('timeout must be at least 10 min'),
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo PROPERTIES ("type" = "Incremental")',
      'Currently does not support incremental backup',
      5064,
      '42000',
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (events TEMPORARY PARTITION (p1))',
      'Do not support backing up temp partitions',
      5064,
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_sales SNAPSHOT demo_sales_base TO demo_repo',
      "Snapshot with name 'demo_sales_base' already exist in repository",
      5064,
      '42000',
    );
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x TO demo_repo ON (FUNCTION nope)',
      'Invalid backup function(s), function name: nope',
      5064,
    );
    await expectError(fresh, 'BACKUP ALL EXTERNAL CATALOGS SNAPSHOT x TO demo_repo', analyzing('No external catalog can be backed up'));
    await expectError(fresh, 'BACKUP EXTERNAL CATALOG (hive1) SNAPSHOT x TO demo_repo', 'external catalog hive1 does not existed.', 5064);
    await expectError(
      fresh,
      'BACKUP DATABASE demo_ops SNAPSHOT x',
      /^Getting syntax error at line 1, column 35\. Detail message: Unexpected input '<EOF>', the most similar input is \{'TO'\}\.$/,
      1064,
      '42000',
    );
    await fresh.end();
  });

  it('refuses BACKUP to a read-only repository', async () => {
    const { info } = suite.sandbox;
    await suite.conn.query(
      `CREATE READ ONLY REPOSITORY ro_repo WITH BROKER ON LOCATION "s3a://${info.bucket}/demo" PROPERTIES ("aws.s3.access_key" = "${info.accessKey}", "aws.s3.secret_key" = "${info.secretKey}", "aws.s3.endpoint" = "${info.s3Endpoint}")`,
    );
    await expectError(suite.conn, 'BACKUP DATABASE demo_ops SNAPSHOT ro1 TO ro_repo', 'Repository ro_repo is read only', 5064);
    await suite.conn.query('DROP REPOSITORY ro_repo');
  });

  it('walks through every state, with JobId, tasks, progress and times as the FE shows them', async () => {
    const db = 'demo_ops';
    await suite.sandbox.control.stickJob(db, 'PENDING');
    await suite.conn.query(`BACKUP DATABASE ${db} SNAPSHOT walk TO demo_repo`);
    const pending = await jobInState(suite.conn, 'BACKUP', db, ['PENDING'], 'walk');
    assert.equal(pending.JobId, '-1');
    assert.match(String(pending.CreateTime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(pending.SnapshotFinishedTime, null);
    assert.equal(pending.FinishedTime, null);
    assert.equal(pending.Status, '[OK]');

    await suite.sandbox.control.stickJob(db, 'SNAPSHOTING');
    const snapshoting = await jobInState(suite.conn, 'BACKUP', db, ['SNAPSHOTING'], 'walk');
    assert.match(String(snapshoting.JobId), /^\d+$/);
    assert.match(String(snapshoting.UnfinishedTasks), /^\d+=\d+(, \d+=\d+)*$/);

    await suite.sandbox.control.stickJob(db, 'UPLOAD_SNAPSHOT');
    const uploadSnapshot = await jobInState(suite.conn, 'BACKUP', db, ['UPLOAD_SNAPSHOT'], 'walk');
    assert.equal(uploadSnapshot.UnfinishedTasks, '');
    assert.match(String(uploadSnapshot.SnapshotFinishedTime), /^\d{4}-/);

    await suite.sandbox.control.stickJob(db, 'UPLOADING');
    const uploading = await jobInState(suite.conn, 'BACKUP', db, ['UPLOADING'], 'walk');
    assert.match(String(uploading.Progress), /^\[\d+: 0\/\d+\](, \[\d+: 0\/\d+\])*$/);
    assert.match(String(uploading.UnfinishedTasks), /^\d+=\d+/);
    assert.equal(uploading.UploadFinishedTime, null);
    // Nothing is complete on storage yet: no info file.
    assert.equal((await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'walk'"))[0].Status, 'ERROR: no snapshot');

    await suite.sandbox.control.stickJob(db, 'SAVE_META');
    const saveMeta = await jobInState(suite.conn, 'BACKUP', db, ['SAVE_META'], 'walk');
    assert.equal(saveMeta.Progress, '');
    assert.match(String(saveMeta.UploadFinishedTime), /^\d{4}-/);

    await suite.sandbox.control.stickJob(db, 'UPLOAD_INFO');
    await jobInState(suite.conn, 'BACKUP', db, ['UPLOAD_INFO'], 'walk');
    await suite.sandbox.control.releaseJobs();
    const finished = await finishedJob(suite.conn, 'BACKUP', db, 'walk');
    assert.equal(finished.JobId, snapshoting.JobId);
    assert.match(String(finished.FinishedTime), /^\d{4}-/);
    assert.equal((await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'walk'"))[0].Status, 'OK');
  });

  it('runs one job per database and keeps only the last job of each', async () => {
    await suite.sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT busy1 TO demo_repo');
    await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['UPLOADING'], 'busy1');
    await expectError(
      suite.conn,
      'BACKUP DATABASE demo_ops SNAPSHOT busy2 TO demo_repo',
      'Can only run one backup or restore job of a database at same time',
      5064,
      '42000',
    );
    await expectError(
      suite.conn,
      'DROP REPOSITORY demo_repo',
      'Backup or restore job is running on this repository. Can not drop it',
      5064,
    );
    // Another database is not blocked.
    await suite.conn.query('BACKUP DATABASE demo_sales SNAPSHOT sales_parallel TO demo_repo ON (TABLE customers)');
    await finishedJob(suite.conn, 'BACKUP', 'demo_sales', 'sales_parallel');
    await suite.sandbox.control.releaseJobs();
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'busy1');

    assert.deepEqual(await columns(suite.conn, 'SHOW BACKUP FROM demo_ops'), BACKUP_COLUMNS);
    const all = await rows(suite.conn, 'SHOW BACKUP');
    assert.deepEqual(all.map((r) => r.DbName).sort(), ['demo_ops', 'demo_sales']);
    assert.deepEqual(
      (await rows(suite.conn, 'SHOW BACKUP IN demo_ops')).map((r) => r.SnapshotName),
      ['busy1'],
    );
    await expectError(suite.conn, 'SHOW BACKUP FROM nope', analyzing("Unknown database 'nope'"), 5501);
  });

  it('cancels a running backup, and says why it cannot cancel otherwise', async () => {
    // The analyzer takes the session's database (none on a fresh connection) and the handler finds
    // no such database.
    const fresh = await connect(suite.sandbox.info);
    await expectError(fresh, 'CANCEL BACKUP', "Unknown database ''", 5501, '3F000');
    await fresh.end();
    await suite.sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT to_cancel TO demo_repo');
    await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['UPLOADING'], 'to_cancel');
    await expectError(suite.conn, 'CANCEL RESTORE FROM demo_ops', 'No restore is currently running', 5064);
    await suite.conn.query('CANCEL BACKUP FROM demo_ops');
    const [row] = await rows(suite.conn, 'SHOW BACKUP FROM demo_ops');
    assert.equal(row.State, 'CANCELLED');
    assert.equal(row.Status, '[COMMON_ERROR, msg: user cancelled]');
    assert.match(String(row.FinishedTime), /^\d{4}-/);
    await expectError(
      suite.conn,
      'CANCEL BACKUP FROM demo_ops',
      'Failed to cancel job: Job with label to_cancel can not be cancelled. state: CANCELLED',
      5064,
    );
    await suite.conn.query('CREATE DATABASE IF NOT EXISTS idle_db');
    await expectError(suite.conn, 'CANCEL BACKUP IN idle_db', 'No backup job is currently running', 5064);
    // The cancelled backup left an incomplete snapshot directory behind.
    assert.equal((await rows(suite.conn, "SHOW SNAPSHOT ON demo_repo WHERE SNAPSHOT = 'to_cancel'"))[0].Status, 'ERROR: no snapshot');
  });

  it('fails or times out the next job on request', async () => {
    await suite.sandbox.control.failNextJob('demo_ops', 'injected upload failure');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT doomed TO demo_repo');
    const failed = await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['CANCELLED', 'FINISHED'], 'doomed');
    assert.equal(failed.State, 'CANCELLED');
    assert.equal(failed.Status, '[COMMON_ERROR, msg: injected upload failure]');

    await suite.sandbox.control.timeoutNextJob('demo_ops');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT too_slow TO demo_repo');
    const timedOut = await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['CANCELLED', 'FINISHED'], 'too_slow');
    assert.equal(timedOut.Status, '[TIMEOUT, msg: ]');

    // Only the next job: the one after succeeds.
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT after_faults TO demo_repo');
    await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'after_faults');
    await assert.rejects(suite.sandbox.control.setJobSpeed('warp' as never), /unknown job speed warp/);
    await suite.sandbox.control.setJobSpeed('fast');
  });

  it('keeps retrying uploads while S3 is unreachable, reporting TaskErrMsg, and finishes after', async () => {
    await suite.sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await suite.conn.query('BACKUP DATABASE demo_ops SNAPSHOT flaky TO demo_repo');
    await jobInState(suite.conn, 'BACKUP', 'demo_ops', ['UPLOADING'], 'flaky');
    await suite.sandbox.control.setS3Unreachable(true);
    try {
      await suite.sandbox.control.releaseJobs();
      const failing = await eventually(async () => {
        const [row] = await rows(suite.conn, 'SHOW BACKUP FROM demo_ops');
        return String(row.TaskErrMsg) !== '' ? row : undefined;
      }, 'an upload error in TaskErrMsg');
      assert.equal(failing.State, 'UPLOADING');
      assert.match(
        String(failing.TaskErrMsg),
        /^\[\d+: software\.amazon\.awssdk\.core\.exception\.SdkClientException: Unable to execute HTTP request: .+\]/,
      );
    } finally {
      await suite.sandbox.control.setS3Unreachable(false);
    }
    const done = await finishedJob(suite.conn, 'BACKUP', 'demo_ops', 'flaky');
    assert.equal(done.TaskErrMsg, '');
  });
});
