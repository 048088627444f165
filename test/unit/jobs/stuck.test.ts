import * as assert from 'assert';
import { applyRow, newTrackedJob } from '../../../src/jobs/core/jobRecord';
import { isStuck, quietFor, shouldNotifyStuck } from '../../../src/jobs/core/stuck';
import { observedBackup, submittedBackup } from './support/fixtures';

const MINUTE = 60_000;

describe('jobs/stuck', () => {
  it('counts quiet time from entering the current state', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    applyRow(job, observedBackup({ State: 'SNAPSHOTING' }), 5 * MINUTE);
    assert.strictEqual(quietFor(job, 20 * MINUTE), 15 * MINUTE);
    assert.strictEqual(isStuck(job, 20 * MINUTE, 30 * MINUTE), false);
    assert.strictEqual(isStuck(job, 35 * MINUTE, 30 * MINUTE), true);
  });

  it('does not call a transfer stuck while its progress moves', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[1: 1/10]' }), 0);
    applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[1: 5/10]' }), 25 * MINUTE);
    assert.strictEqual(isStuck(job, 40 * MINUTE, 30 * MINUTE), false);
    // The same progress again is no sign of life.
    applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[1: 5/10]' }), 50 * MINUTE);
    assert.strictEqual(isStuck(job, 56 * MINUTE, 30 * MINUTE), true);
  });

  it('is off for a threshold of 0, for ended jobs and for unreachable servers', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    assert.strictEqual(isStuck(job, 100 * MINUTE, 0), false);
    job.unreachable = { since: 1, message: 'gone' };
    assert.strictEqual(isStuck(job, 100 * MINUTE, MINUTE), false);
    job.unreachable = undefined;
    applyRow(job, observedBackup({ State: 'CANCELLED', Status: '[TIMEOUT, msg: timeout]' }), MINUTE);
    assert.strictEqual(isStuck(job, 100 * MINUTE, MINUTE), false);
  });

  it('asks for one notification per stuck state', () => {
    const job = newTrackedJob(submittedBackup(), 0);
    assert.strictEqual(shouldNotifyStuck(job, 31 * MINUTE, 30 * MINUTE), true);
    job.notified = { stuckState: 'PENDING' };
    assert.strictEqual(shouldNotifyStuck(job, 90 * MINUTE, 30 * MINUTE), false);
    applyRow(job, observedBackup({ State: 'SNAPSHOTING' }), 91 * MINUTE);
    assert.strictEqual(shouldNotifyStuck(job, 122 * MINUTE, 30 * MINUTE), true);
  });
});
