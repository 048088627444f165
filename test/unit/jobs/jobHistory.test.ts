import * as assert from 'assert';
import { capHistory, HISTORY_KEY, JobHistory, mergeHistories, type HistoryStore } from '../../../src/jobs/core/jobHistory';
import { applyRow, newTrackedJob } from '../../../src/jobs/core/jobRecord';
import { parseJobRow } from '../../../src/jobs/core/serverJobs';
import type { TrackedJob } from '../../../src/jobs/types';
import { observedBackup, submittedBackup } from './support/fixtures';

/** globalState as far as the history uses it, with JSON round trips like the real Memento. */
class JsonStore implements HistoryStore {
  readonly values = new Map<string, string>();
  writes = 0;
  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.values.set(key, JSON.stringify(value));
  }
}

const parse = (kind: 'BACKUP' | 'RESTORE', raw: Record<string, unknown>) => parseJobRow(kind, raw).row;

function ended(label: string, endedAt: number): TrackedJob {
  const job = newTrackedJob(submittedBackup({ label }), endedAt - 1_000);
  job.phase = 'finished';
  job.state = 'FINISHED';
  job.endedAt = endedAt;
  job.updatedAt = endedAt;
  return job;
}

function running(label: string, submittedAt: number): TrackedJob {
  return newTrackedJob(submittedBackup({ label }), submittedAt);
}

describe('jobs/jobHistory', () => {
  describe('capHistory', () => {
    it('keeps the newest ended jobs and every running one', () => {
      const jobs = [ended('a', 1_000), ended('b', 5_000), running('r1', 2_000), ended('c', 3_000), running('r2', 4_000)];
      const kept = capHistory(jobs, 4);
      assert.deepStrictEqual(
        kept.map((j) => j.label),
        ['r2', 'r1', 'b', 'c'],
      );
    });

    it('never drops a running job, even past the cap', () => {
      const jobs = [running('r1', 1), running('r2', 2), running('r3', 3), ended('a', 10)];
      assert.deepStrictEqual(
        capHistory(jobs, 2).map((j) => j.label),
        ['r3', 'r2', 'r1'],
      );
    });

    it('returns at most max records for any mix', () => {
      for (let n = 0; n < 30; n++) {
        const jobs = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? running(`r${i}`, i) : ended(`e${i}`, i)));
        const runningCount = jobs.filter((j) => j.phase === 'running').length;
        const kept = capHistory(jobs, 7);
        assert.strictEqual(kept.length, Math.max(runningCount, Math.min(n, 7)));
      }
    });
  });

  describe('mergeHistories', () => {
    it('keeps the more recently changed record of a job two windows both hold', () => {
      const mine = ended('a', 5_000);
      const theirs = { ...ended('a', 5_000), statusMessage: 'older', updatedAt: 4_000 };
      const other = ended('b', 6_000);
      const merged = mergeHistories([mine], [theirs, other], new Set());
      assert.deepStrictEqual(
        merged.map((j) => [j.label, j.statusMessage]),
        [
          ['a', undefined],
          ['b', undefined],
        ],
      );
      const newer = { ...theirs, updatedAt: 9_000 };
      assert.strictEqual(mergeHistories([mine], [newer], new Set())[0].statusMessage, 'older');
    });

    it('does not bring back records this window removed', () => {
      const theirs = ended('gone', 1_000);
      assert.deepStrictEqual(mergeHistories([], [theirs], new Set([theirs.key])), []);
    });
  });

  describe('JobHistory', () => {
    it('round-trips through JSON and re-parses the last row, Dates included', async () => {
      const store = new JsonStore();
      const history = new JobHistory(store, parse);
      const job = running('snap_1', 1_000);
      applyRow(job, observedBackup({ State: 'UPLOADING', Progress: '[1001: 3/10], [1002: 2/10]' }), 2_000);
      await history.save([job], 10);
      const [loaded] = new JobHistory(store, parse).load();
      assert.strictEqual(loaded.key, job.key);
      assert.deepStrictEqual(loaded.stateTimes, { PENDING: 1_000, UPLOADING: 2_000 });
      assert.deepStrictEqual(loaded.progress, { finished: 5, total: 20 });
      assert.ok(loaded.lastRow?.createTime instanceof Date, 'createTime is a Date again');
      assert.strictEqual(loaded.lastRow?.createTime?.getTime(), job.lastRow?.createTime?.getTime());
      assert.deepStrictEqual(loaded.rawRow, job.rawRow);
    });

    it('caps what it writes and says what it kept', async () => {
      const store = new JsonStore();
      const history = new JobHistory(store, parse);
      const jobs = Array.from({ length: 12 }, (_, i) => ended(`s${i}`, i * 1_000));
      const kept = await history.save(jobs, 5);
      assert.deepStrictEqual(
        kept.map((j) => j.label),
        ['s11', 's10', 's9', 's8', 's7'],
      );
      assert.strictEqual(history.load().length, 5);
    });

    it('merges with what another window wrote in the meantime', async () => {
      const store = new JsonStore();
      await new JobHistory(store, parse).save([ended('theirs', 1_000)], 10);
      const kept = await new JobHistory(store, parse).save([ended('mine', 2_000)], 10);
      assert.deepStrictEqual(kept.map((j) => j.label).sort(), ['mine', 'theirs']);
    });

    it('writes in call order, so an older snapshot never overwrites a newer one', async () => {
      const store = new JsonStore();
      const history = new JobHistory(store, parse);
      const job = running('snap_1', 1_000);
      const first = history.save([{ ...job, state: 'PENDING', updatedAt: 1 }], 10);
      const second = history.save([{ ...job, state: 'UPLOADING', updatedAt: 2 }], 10);
      await Promise.all([first, second]);
      assert.strictEqual(history.load()[0].state, 'UPLOADING');
      assert.strictEqual(store.writes, 2);
    });

    it('ignores a stored value of another format or with broken records', () => {
      const store = new JsonStore();
      store.values.set(HISTORY_KEY, JSON.stringify({ version: 99, jobs: [] }));
      assert.deepStrictEqual(new JobHistory(store, parse).load(), []);
      const good = ended('ok', 1_000);
      store.values.set(HISTORY_KEY, JSON.stringify({ version: 1, jobs: [{ key: 'x' }, null, good] }));
      assert.deepStrictEqual(
        new JobHistory(store, parse).load().map((j) => j.label),
        ['ok'],
      );
    });
  });
});
