import * as assert from 'assert';
import { aggregateProgress, jobFraction, statesOf } from '../../../src/jobs/core/progress';
import type { TrackedJob } from '../../../src/jobs/types';
import { newTrackedJob } from '../../../src/jobs/core/jobRecord';
import { submittedBackup } from './support/fixtures';

function job(kind: 'BACKUP' | 'RESTORE', state: string, progress?: { finished: number; total: number }): TrackedJob {
  const j = newTrackedJob(submittedBackup({ kind, label: `${kind}_${state}` }), 0);
  j.state = state;
  j.progress = progress;
  j.phase = state === 'FINISHED' ? 'finished' : state === 'CANCELLED' ? 'cancelled' : 'running';
  return j;
}

describe('jobs/progress', () => {
  for (const kind of ['BACKUP', 'RESTORE'] as const) {
    it(`${kind}: moves forward through every state, 0 at PENDING and 1 at FINISHED`, () => {
      const fractions = statesOf(kind).map((state) => jobFraction(job(kind, state)) ?? -1);
      assert.strictEqual(fractions[0], 0);
      assert.strictEqual(fractions[fractions.length - 1], 1);
      for (let i = 1; i < fractions.length; i++)
        assert.ok(fractions[i] > fractions[i - 1], `${statesOf(kind)[i]} is further along than ${statesOf(kind)[i - 1]}`);
    });
  }

  it('spends most of the bar on the transfer, by its finished/total', () => {
    assert.strictEqual(jobFraction(job('BACKUP', 'UPLOADING', { finished: 0, total: 10 })), 0.1);
    assert.strictEqual(jobFraction(job('BACKUP', 'UPLOADING', { finished: 5, total: 10 })), 0.5);
    assert.strictEqual(jobFraction(job('RESTORE', 'DOWNLOADING', { finished: 10, total: 10 })), 0.9);
    assert.ok(Math.abs((jobFraction(job('BACKUP', 'SAVE_META')) ?? 0) - 0.9333) < 0.001);
  });

  it('has nothing to say about a failed job and claims nothing for a state it does not know', () => {
    assert.strictEqual(jobFraction(job('BACKUP', 'CANCELLED')), undefined);
    assert.strictEqual(jobFraction(job('BACKUP', 'SOME_NEW_STATE')), 0);
  });

  it('averages the running jobs, each weighing the same, floored and below 100 while running', () => {
    const jobs = [
      job('BACKUP', 'UPLOADING', { finished: 5, total: 10 }),
      job('RESTORE', 'DOWNLOADING', { finished: 0, total: 4 }),
      job('BACKUP', 'FINISHED'),
    ];
    assert.deepStrictEqual(aggregateProgress(jobs), { running: 2, percent: 30 });
    assert.deepStrictEqual(aggregateProgress([job('BACKUP', 'UPLOAD_INFO')]), { running: 1, percent: 96 });
    assert.deepStrictEqual(aggregateProgress([job('RESTORE', 'COMMITTING', { finished: 4, total: 4 })]).percent, 96);
    assert.deepStrictEqual(aggregateProgress([]), { running: 0, percent: undefined });
  });
});
