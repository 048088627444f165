import * as assert from 'assert';
import { parseBackupJobs, parseJobProgress, parseJobStatus, parseRestoreJobs } from '../../../../src/starrocks/parsers/jobs';

/** The SHOW BACKUP example of spec §3.5, as mysql2 returns it. */
const finishedBackup = {
  JobId: '17891847',
  SnapshotName: 'snapshot_label1',
  DbName: 'example_db',
  State: 'FINISHED',
  BackupObjs: '[example_db.example_tbl]',
  CreateTime: '2023-02-07 11:09:43',
  SnapshotFinishedTime: '2023-02-07 11:09:48',
  UploadFinishedTime: '2023-02-07 11:10:05',
  FinishedTime: '2023-02-07 11:10:12',
  UnfinishedTasks: '',
  Progress: '',
  TaskErrMsg: '',
  Status: '[OK]',
  Timeout: '86400',
};

describe('starrocks/parsers/jobs', () => {
  it('parses the spec §3.5 SHOW BACKUP row', () => {
    const [job] = parseBackupJobs([finishedBackup]);
    assert.deepStrictEqual(job, {
      kind: 'BACKUP',
      jobId: '17891847',
      label: 'snapshot_label1',
      database: 'example_db',
      state: 'FINISHED',
      objects: ['example_db.example_tbl'],
      createTime: new Date(2023, 1, 7, 11, 9, 43),
      snapshotFinishedTime: new Date(2023, 1, 7, 11, 9, 48),
      uploadFinishedTime: new Date(2023, 1, 7, 11, 10, 5),
      finishedTime: new Date(2023, 1, 7, 11, 10, 12),
      unfinishedTasks: [],
      progress: undefined,
      taskErrors: [],
      status: { code: 'OK', message: undefined },
      timeoutSeconds: 86400,
    });
  });

  it('reads times in a given session offset when one is known', () => {
    const [job] = parseBackupJobs([finishedBackup], { utcOffsetMinutes: 480 });
    assert.strictEqual(job.createTime?.toISOString(), '2023-02-07T03:09:43.000Z');
  });

  it('parses a running backup: -1 id, NULL times, tasks, progress and objects with partitions', () => {
    const [job] = parseBackupJobs([
      {
        ...finishedBackup,
        JobId: '-1',
        State: 'UPLOADING',
        FinishedTime: null,
        UploadFinishedTime: null,
        BackupObjs: '[db.t1 PARTITIONS (p1, p2)], [db.t2], [db.t3 PARTITIONS (p3) AS x]',
        UnfinishedTasks: '10011=10002, 10012=10003',
        Progress: '[10011: 3/10], [10012: 5/10]',
        TaskErrMsg: '[10012: upload failed, retry [1/3]], [10013: timeout]',
      },
    ]);
    assert.strictEqual(job.jobId, '-1');
    assert.strictEqual(job.finishedTime, undefined);
    assert.deepStrictEqual(job.objects, ['db.t1 PARTITIONS (p1, p2)', 'db.t2', 'db.t3 PARTITIONS (p3) AS x']);
    assert.deepStrictEqual(job.unfinishedTasks, ['10011=10002', '10012=10003']);
    assert.deepStrictEqual(job.progress, { finished: 8, total: 20 });
    assert.deepStrictEqual(job.taskErrors, ['10012: upload failed, retry [1/3]', '10013: timeout']);
  });

  it('parses SHOW RESTORE rows with RestoreObjs, AllowLoad and ReplicationNum', () => {
    const [job] = parseRestoreJobs([
      {
        JobId: '20001',
        Label: 'snap',
        Timestamp: '2023-02-07-03-09-43-561',
        DbName: 'db2',
        State: 'DOWNLOADING',
        AllowLoad: 'false',
        ReplicationNum: '3',
        RestoreObjs: 't1 PARTITIONS [p1, p2], t2',
        CreateTime: '2023-02-08 10:00:00',
        MetaPreparedTime: '2023-02-08 10:00:05',
        SnapshotFinishedTime: '2023-02-08 10:00:09',
        DownloadFinishedTime: null,
        FinishedTime: null,
        UnfinishedTasks: '1=2',
        Progress: '[1: 0/4]',
        TaskErrMsg: '',
        Status: '[OK]',
        Timeout: '86400',
      },
    ]);
    assert.strictEqual(job.kind, 'RESTORE');
    assert.strictEqual(job.timestamp, '2023-02-07-03-09-43-561');
    assert.strictEqual(job.allowLoad, false);
    assert.strictEqual(job.replicationNum, 3);
    assert.deepStrictEqual(job.objects, ['t1 PARTITIONS [p1, p2]', 't2']);
    assert.deepStrictEqual(job.metaPreparedTime, new Date(2023, 1, 8, 10, 0, 5));
    assert.strictEqual(job.downloadFinishedTime, undefined);
    assert.deepStrictEqual(job.progress, { finished: 0, total: 4 });
  });

  it('splits Status into code and message', () => {
    assert.deepStrictEqual(parseJobStatus('[OK]'), { code: 'OK', message: undefined });
    assert.deepStrictEqual(parseJobStatus('[TIMEOUT, msg: restore job with label: l  timeout.]'), {
      code: 'TIMEOUT',
      message: 'restore job with label: l  timeout.',
    });
    assert.deepStrictEqual(parseJobStatus('[CANCELLED, msg: user cancelled, current state: [SNAPSHOTING]]'), {
      code: 'CANCELLED',
      message: 'user cancelled, current state: [SNAPSHOTING]',
    });
    assert.deepStrictEqual(parseJobStatus('OK'), { code: 'OK', message: undefined });
    assert.deepStrictEqual(parseJobStatus('something odd'), { code: 'UNKNOWN', message: 'something odd' });
    assert.deepStrictEqual(parseJobStatus(undefined), { code: 'UNKNOWN', message: undefined });
  });

  it('sums progress and ignores entries that are not counts', () => {
    assert.deepStrictEqual(parseJobProgress('[a: 1/2], [b: 3/4]'), { finished: 4, total: 6 });
    assert.strictEqual(parseJobProgress(''), undefined);
    assert.strictEqual(parseJobProgress('[a: none]'), undefined);
  });

  it('tolerates NULLs and missing columns everywhere', () => {
    const [backup] = parseBackupJobs([{ SnapshotName: null }]);
    assert.deepStrictEqual(backup, {
      kind: 'BACKUP',
      jobId: '-1',
      label: '',
      database: '',
      state: 'UNKNOWN',
      objects: [],
      createTime: undefined,
      snapshotFinishedTime: undefined,
      uploadFinishedTime: undefined,
      finishedTime: undefined,
      unfinishedTasks: [],
      progress: undefined,
      taskErrors: [],
      status: { code: 'UNKNOWN', message: undefined },
      timeoutSeconds: undefined,
    });
    const [restore] = parseRestoreJobs([{}]);
    assert.strictEqual(restore.allowLoad, false);
    assert.strictEqual(restore.replicationNum, undefined);
    assert.strictEqual(restore.timestamp, '');
  });

  it('accepts lower-case column names, numbers, Buffers and Dates from the driver', () => {
    const created = new Date(2024, 0, 1, 12, 0, 0);
    const [job] = parseBackupJobs([
      { jobid: 5, snapshotname: Buffer.from('l'), dbname: 'd', state: 'pending', createtime: created, timeout: 600 },
    ]);
    assert.strictEqual(job.jobId, '5');
    assert.strictEqual(job.label, 'l');
    assert.strictEqual(job.state, 'PENDING');
    assert.strictEqual(job.createTime, created);
    assert.strictEqual(job.timeoutSeconds, 600);
  });
});
