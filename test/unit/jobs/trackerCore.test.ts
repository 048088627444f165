/**
 * The polling core in plain Node against the real sandbox FE, reached through a TCP proxy that
 * can be taken down like an FE restart. Covers what the VS Code suite cannot stage quickly:
 * servers that stop answering, deleted connections, jobs that start and end between two polls,
 * servers that reject SHOW BACKUP / RESTORE without FROM.
 */
import * as assert from 'assert';
import mysql from 'mysql2/promise';
import { isSameJob, needsAttention } from '../../../src/jobs/core/jobRecord';
import type { HistoryStore } from '../../../src/jobs/core/jobHistory';
import type { QuerySession } from '../../../src/jobs/core/serverJobs';
import { JobTrackerCore, type CoreSettings, type JobEvent } from '../../../src/jobs/core/trackerCore';
import { buildBackup } from '../../../src/starrocks/builders/backup';
import { showBackup } from '../../../src/starrocks/builders/show';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';
import { DEMO_REPOSITORY, startSandbox, type RunningSandbox } from '../../sandbox';
import { TcpProxy } from './support/tcpProxy';

const PROFILE = 'p1';

class MemoryStore implements HistoryStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

/** A mysql2 pool through the proxy, as the core's session. */
function poolSession(port: number, sandbox: RunningSandbox): QuerySession & { end(): Promise<void> } {
  const pool = mysql.createPool({
    host: '127.0.0.1',
    port,
    user: sandbox.info.user,
    password: sandbox.info.password,
    connectTimeout: 2_000,
    connectionLimit: 2,
  });
  return {
    async query(sql) {
      const [rows] = await pool.query(sql);
      return { rows: rows as Record<string, unknown>[] };
    },
    end: () => pool.end(),
  };
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs/trackerCore (against the sandbox)', function () {
  this.timeout(60_000);
  let sandbox: RunningSandbox;
  let proxy: TcpProxy;
  let session: ReturnType<typeof poolSession>;
  let direct: mysql.Connection;
  let core: JobTrackerCore | undefined;
  let profileExists = true;
  const events: JobEvent[] = [];
  const settings: CoreSettings = { intervals: { minMs: 200, maxMs: 400 }, historySize: 50, stuckAfterMs: 0, unknownAfterMs: 500 };

  function newCore(store: HistoryStore = new MemoryStore()): JobTrackerCore {
    core = new JobTrackerCore({
      sessions: { connectedProfiles: () => [PROFILE], sessionFor: async () => session, exists: () => profileExists },
      store,
      settings: () => settings,
    });
    core.onJobEvent((e) => events.push(e));
    return core;
  }

  async function backup(database: string, label: string): Promise<void> {
    const caps = capabilitiesOf(parseServerVersion(sandbox.info.version));
    await until(`${database} idle`, async () => {
      const [rows] = await direct.query(showBackup(database).sql);
      const state = (rows as { State?: string }[])[0]?.State;
      return state === undefined || state === 'FINISHED' || state === 'CANCELLED';
    });
    await direct.query(buildBackup({ database, label, repository: DEMO_REPOSITORY }, caps).sql);
  }

  before(async () => {
    sandbox = await startSandbox({ seed: 'demo', jobSpeed: 'fast' });
    proxy = new TcpProxy(sandbox.info.host, sandbox.info.port);
    await proxy.start();
    session = poolSession(proxy.port, sandbox);
    direct = await mysql.createConnection({
      host: sandbox.info.host,
      port: sandbox.info.port,
      user: sandbox.info.user,
      password: sandbox.info.password,
    });
  });

  afterEach(async () => {
    core?.dispose();
    core = undefined;
    events.length = 0;
    profileExists = true;
    await sandbox.control.rejectBareShowJobs(false);
    await sandbox.control.releaseJobs();
  });

  after(async () => {
    await session?.end();
    await direct?.end();
    await proxy?.stop();
    await sandbox?.stop();
  });

  it('shows running jobs as unknown once polls failed for a while, and recovers without losing them', async () => {
    const tracker = newCore();
    await sandbox.control.stickJob('demo_ops', 'UPLOADING');
    tracker.track({ profileId: PROFILE, database: 'demo_ops', label: 'core_unreachable', kind: 'BACKUP', repository: DEMO_REPOSITORY });
    await backup('demo_ops', 'core_unreachable');
    await until('UPLOADING', () => tracker.list()[0]?.state === 'UPLOADING');

    await proxy.stop();
    await tracker.refresh();
    assert.equal(tracker.list()[0].unreachable, undefined, 'one failed poll is not yet "unknown"');
    await new Promise((resolve) => setTimeout(resolve, settings.unknownAfterMs + 100));
    await tracker.refresh();
    const unknown = tracker.list()[0];
    assert.equal(unknown.phase, 'running', 'still followed');
    assert.ok(unknown.unreachable && unknown.unreachable.message.length > 0, 'marked unknown, with the error');
    assert.ok(tracker.stats.failures >= 2);
    assert.ok(tracker.isPolling(), 'keeps retrying');

    await proxy.start(proxy.port);
    await sandbox.control.releaseJobs();
    const ended = await until('the job to finish after the server came back', () => tracker.list().find((j) => j.phase === 'finished'));
    assert.equal(ended.unreachable, undefined);
    assert.deepEqual(
      events.map((e) => e.type),
      ['ended'],
    );
  });

  it('records a job that started and ended elsewhere between two polls, without announcing it', async () => {
    const tracker = newCore();
    await tracker.refresh(); // the first look: what ended before it is history, not news
    const before = tracker.list().length;
    await backup('demo_ops', 'core_between_polls');
    const [rows] = await until('the outside backup to finish', async () => {
      const result = await direct.query(showBackup('demo_ops').sql);
      return (result[0] as { State: string }[])[0]?.State === 'FINISHED' ? result : undefined;
    });
    assert.ok(rows);
    await tracker.refresh();
    const found = tracker.list().find((j) => j.label === 'core_between_polls');
    assert.ok(
      found,
      `discovered; list: ${tracker
        .list()
        .map((j) => j.label)
        .join(', ')}`,
    );
    assert.deepEqual([found.discovered, found.phase, needsAttention(found)], [true, 'finished', false]);
    assert.equal(tracker.list().length, before + 1, 'older finished jobs (the demo seed) are not listed');
    assert.deepEqual(events, [], 'nobody was waiting for it');
  });

  it('ends the running jobs of a deleted connection quietly', async () => {
    const tracker = newCore();
    await sandbox.control.stickJob('demo_ops', 'SNAPSHOTING');
    await backup('demo_ops', 'core_removed');
    tracker.track({ profileId: PROFILE, database: 'demo_ops', label: 'core_removed', kind: 'BACKUP' });
    await tracker.refresh();
    profileExists = false;
    await tracker.refresh();
    const [job] = tracker.list();
    assert.deepEqual([job.phase, job.resolution, needsAttention(job)], ['unknown', 'connectionRemoved', false]);
    assert.equal(tracker.isPolling(), false, 'nothing left to poll');
  });

  it('polls only while a job runs or a jobs view is visible, and sends nothing otherwise', async () => {
    const tracker = newCore();
    assert.equal(tracker.isPolling(), false);
    await new Promise((resolve) => setTimeout(resolve, 3 * settings.intervals.maxMs));
    assert.equal(tracker.stats.queries, 0, 'idle: no statement');
    tracker.nudge();
    assert.equal(tracker.isPolling(), false, 'a nudge does not wake an idle tracker');

    tracker.setViewVisible('view', true);
    await until('a poll for the view', () => tracker.stats.queries >= 2);
    tracker.setViewVisible('view', false);
    await until('polling to stop with the view hidden', () => !tracker.isPolling());
    const after = tracker.stats.queries;
    await new Promise((resolve) => setTimeout(resolve, 3 * settings.intervals.maxMs));
    assert.equal(tracker.stats.queries, after);

    await backup('demo_ops', 'core_idle_again');
    tracker.track({ profileId: PROFILE, database: 'demo_ops', label: 'core_idle_again', kind: 'BACKUP', repository: DEMO_REPOSITORY });
    assert.equal(tracker.isPolling(), true);
    await until('the job to end', () => tracker.list().find((j) => j.label === 'core_idle_again' && j.phase === 'finished'));
    await until('polling to stop once nothing runs', () => !tracker.isPolling());
  });

  it('falls back to one query per database with a running job when the server rejects SHOW BACKUP without FROM', async () => {
    await sandbox.control.rejectBareShowJobs(true);
    await sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await backup('demo_ops', 'core_bare_rejected');
    // From here on only the tracker talks to the sandbox, so the log is exactly its traffic.
    await sandbox.control.resetStats();
    const tracker = newCore();
    tracker.track({ profileId: PROFILE, database: 'demo_ops', label: 'core_bare_rejected', kind: 'BACKUP', repository: DEMO_REPOSITORY });
    await until('UPLOADING through the fallback', () => tracker.list()[0]?.state === 'UPLOADING');
    await sandbox.control.releaseJobs();
    const ended = await until('the job to finish', () => tracker.list().find((j) => j.phase === 'finished'));
    await until('polling to stop once nothing runs', () => !tracker.isPolling());

    assert.deepEqual([ended.label, ended.state, ended.unreachable], ['core_bare_rejected', 'FINISHED', undefined]);
    assert.ok(
      'UPLOADING' in ended.stateTimes && 'FINISHED' in ended.stateTimes,
      `states seen: ${Object.keys(ended.stateTimes).join(', ')}`,
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['ended'],
    );
    assert.equal(tracker.stats.failures, 0, 'a rejected bare form is not a failed poll');
    // Every poll: the bare form (rejected), then the one database with a running job. Never
    // SHOW RESTORE (no restore is followed), never demo_sales (it has a job, but not ours).
    const { ticks } = tracker.stats;
    assert.ok(ticks >= 2, `polled while the job ran and when it ended (${ticks} polls)`);
    const log = await sandbox.control.statementLog();
    const perPoll = [
      [showBackup().sql, 'SYNTAX ERROR'],
      [showBackup('demo_ops').sql, 'SHOW BACKUP'],
    ];
    assert.deepEqual(
      log.map((e) => [e.sql, e.kind]),
      Array.from({ length: ticks }, () => perPoll).flat(),
    );
    assert.equal(tracker.stats.queries, 2 * ticks);
    const stats = await sandbox.control.stats();
    assert.deepEqual(
      [stats.byKind['SYNTAX ERROR'], stats.byKind['SHOW BACKUP'], stats.byKind['SHOW RESTORE'], stats.errors],
      [ticks, ticks, undefined, ticks],
    );
  });

  it('picks running jobs up from the history store, as after a reload', async () => {
    const store = new MemoryStore();
    const first = newCore(store);
    await sandbox.control.stickJob('demo_ops', 'SNAPSHOTING');
    await backup('demo_ops', 'core_reload');
    first.track({ profileId: PROFILE, database: 'demo_ops', label: 'core_reload', kind: 'BACKUP', repository: DEMO_REPOSITORY });
    await until('SNAPSHOTING', () => first.list()[0]?.state === 'SNAPSHOTING');
    first.dispose();

    const second = newCore(store);
    assert.equal(second.isPolling(), true, 'a running job in the history starts polling');
    const [restored] = second.list();
    assert.deepEqual([restored.label, restored.phase, restored.state], ['core_reload', 'running', 'SNAPSHOTING']);
    assert.ok(restored.lastRow && isSameJob(restored, restored.lastRow), 'the last row is parsed again');
    await sandbox.control.releaseJobs();
    await until('the job to finish in the new tracker', () => second.list()[0]?.phase === 'finished');
    assert.deepEqual(Object.keys(second.list()[0].stateTimes).slice(0, 2), ['PENDING', 'SNAPSHOTING'], 'state times survive the reload');
  });
});
