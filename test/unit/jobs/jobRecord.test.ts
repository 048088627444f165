import * as assert from 'assert';
import {
  applyRow,
  discoveredJob,
  durationOf,
  isSameJob,
  jobKey,
  needsAttention,
  newTrackedJob,
  outcomeOf,
  resolveVanished,
} from '../../../src/jobs/core/jobRecord';
import { observedBackup, observedRestore, submittedBackup } from './support/fixtures';

describe('jobs/jobRecord', () => {
  it('records when each state was first seen, and ends on FINISHED', () => {
    const job = newTrackedJob(submittedBackup(), 1_000);
    assert.strictEqual(job.key, jobKey('p1', 'demo_sales', 'BACKUP', 'snap_1'));
    for (const [state, at] of [
      ['SNAPSHOTING', 2_000],
      ['UPLOADING', 3_000],
      ['UPLOADING', 4_000],
      ['FINISHED', 5_000],
    ] as const) {
      applyRow(job, observedBackup({ State: state }), at);
    }
    assert.deepStrictEqual(job.stateTimes, { PENDING: 1_000, SNAPSHOTING: 2_000, UPLOADING: 3_000, FINISHED: 5_000 });
    assert.strictEqual(job.phase, 'finished');
    assert.strictEqual(job.endedAt, 5_000);
    assert.strictEqual(outcomeOf(job), 'succeeded');
  });

  it('reports the end once, and a failure with the server Status message', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    const first = applyRow(
      job,
      observedBackup({ State: 'CANCELLED', Status: '[COMMON_ERROR, msg: Table orders is in restore process]' }),
      10,
    );
    const again = applyRow(
      job,
      observedBackup({ State: 'CANCELLED', Status: '[COMMON_ERROR, msg: Table orders is in restore process]' }),
      20,
    );
    assert.deepStrictEqual([first.ended, again.ended], [true, false]);
    assert.strictEqual(job.statusMessage, 'Table orders is in restore process');
    assert.strictEqual(outcomeOf(job), 'failed');
    assert.strictEqual(needsAttention(job), true);
    job.acknowledged = true;
    assert.strictEqual(needsAttention(job), false);
  });

  it('tells a user cancel from a failure', () => {
    const restore = newTrackedJob(submittedBackup({ kind: 'RESTORE' }), 0);
    applyRow(restore, observedRestore({ State: 'CANCELLED', Status: '[CANCELLED, msg: user cancelled, current state: DOWNLOADING]' }), 1);
    assert.strictEqual(outcomeOf(restore), 'cancelled');
    const backup = newTrackedJob(submittedBackup(), 0);
    backup.cancelRequestedAt = 1;
    applyRow(backup, observedBackup({ State: 'CANCELLED', Status: '[COMMON_ERROR, msg: cancelled]' }), 2);
    assert.strictEqual(outcomeOf(backup), 'cancelled');
    assert.strictEqual(needsAttention(backup), false);
  });

  it('matches a row to its job by label, and by JobId once both are known', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    assert.strictEqual(isSameJob(job, observedBackup({ JobId: '-1' }).row), true);
    assert.strictEqual(isSameJob(job, observedBackup({ SnapshotName: 'other' }).row), false);
    applyRow(job, observedBackup({ JobId: '7', State: 'FINISHED' }), 1);
    assert.strictEqual(isSameJob(job, observedBackup({ JobId: '7', State: 'FINISHED' }).row), true);
    assert.strictEqual(isSameJob(job, observedBackup({ JobId: '8', State: 'FINISHED' }).row), false, 'another run of the label');
    assert.strictEqual(
      isSameJob(job, observedBackup({ JobId: '-1', State: 'PENDING' }).row),
      false,
      'an ended job does not come back to life',
    );
  });

  it('keeps finished/total and notes when it moved', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[a: 1/4], [b: 0/4]' }), 10);
    assert.deepStrictEqual([job.progress, job.progressChangedAt], [{ finished: 1, total: 8 }, 10]);
    applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[a: 1/4], [b: 0/4]' }), 20);
    assert.strictEqual(job.progressChangedAt, 10);
    applyRow(job, observedBackup({ State: 'FINISHED', Progress: '' }), 30);
    assert.deepStrictEqual(job.progress, { finished: 8, total: 8 });
  });

  it('resolves a vanished backup by its snapshot, and a vanished restore as unknown', () => {
    const backup = newTrackedJob(submittedBackup(), 0);
    resolveVanished(backup, 'snapshotFound', 50);
    assert.deepStrictEqual([backup.phase, backup.state, backup.endedAt, outcomeOf(backup)], ['finished', 'FINISHED', 50, 'succeeded']);
    const restore = newTrackedJob(submittedBackup({ kind: 'RESTORE' }), 0);
    resolveVanished(restore, 'vanished', 60);
    assert.deepStrictEqual([restore.phase, outcomeOf(restore), needsAttention(restore)], ['unknown', 'unknown', true]);
  });

  it('takes a discovered job as found, marked discovered', () => {
    const job = discoveredJob('p2', observedRestore({ State: 'DOWNLOADING', Progress: '[x: 2/4]' }), 5_000);
    assert.deepStrictEqual(
      [job.key, job.discovered, job.phase, job.state, job.progress],
      ['p2/demo_sales/RESTORE/snap_1', true, 'running', 'DOWNLOADING', { finished: 2, total: 4 }],
    );
    assert.strictEqual(job.timestamp, '2024-03-01-10-00-00-123');
  });

  it('measures duration with the server times once it ended, and with ours while it runs', () => {
    const job = newTrackedJob(submittedBackup(), 1_000);
    assert.strictEqual(durationOf(job, 61_000), 60_000);
    applyRow(job, observedBackup({ State: 'FINISHED', CreateTime: '2024-03-01 10:00:00', FinishedTime: '2024-03-01 10:02:30' }), 999_000);
    assert.strictEqual(durationOf(job, 2_000_000), 150_000);
  });
});
