/**
 * Benchmark: what following BACKUP/RESTORE jobs costs the extension, on a sandbox FE with 50
 * databases and 5 running backups, compared in the same run, on the same server, with a naive
 * tracker that asks `SHOW BACKUP FROM db` and `SHOW RESTORE FROM db` for every database on every
 * poll at a fixed interval. Reports ratios (baseline / tracker), never absolute promises.
 *
 * - Per poll: statements sent, CPU time of this process (the sandbox runs in a child process, so
 *   the server's work is not counted) and wall time; median over `ticks` polls.
 * - Per minute: statements the tracker's own scheduler sends in the first minute after the jobs
 *   started (with its back-off, driven by a virtual clock so the minute takes seconds) and once
 *   the back-off reached its ceiling, against the baseline polling every `minMs`.
 * Both trackers must see the same 5 running jobs, or the bench fails: a fast wrong answer is no result.
 *
 * CLI: `node out/test/bench/jobTracker.js [--databases 50] [--jobs 5] [--ticks 30]`.
 */
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import type { Clock } from '../../src/jobs/core/clock';
import type { HistoryStore } from '../../src/jobs/core/jobHistory';
import { parseJobRow, type QuerySession } from '../../src/jobs/core/serverJobs';
import { JobTrackerCore, type CoreSettings } from '../../src/jobs/core/trackerCore';
import { isTerminalState, type JobKind } from '../../src/starrocks/models';
import { buildBackup } from '../../src/starrocks/builders/backup';
import { showBackup, showRestore } from '../../src/starrocks/builders/show';
import { capabilitiesOf, parseServerVersion } from '../../src/starrocks/version';
import { startSandbox } from '../sandbox';
import type { RunningSandbox } from '../sandbox/api';

export interface JobTrackerBenchOptions {
  databases?: number;
  runningJobs?: number;
  /** Polls measured per tracker (after 3 warm-up polls). */
  ticks?: number;
  log?: (line: string) => void;
}

export interface PollCost {
  statementsPerPoll: number;
  cpuMsPerPoll: number;
  wallMsPerPoll: number;
}

export interface JobTrackerBenchResult {
  bench: 'jobTracker';
  databases: number;
  runningJobs: number;
  ticks: number;
  intervals: { minMs: number; maxMs: number };
  tracker: PollCost & { statementsFirstMinute: number; pollsFirstMinute: number; statementsPerMinuteSteady: number };
  baseline: PollCost & { statementsPerMinute: number };
  /** baseline / tracker: above 1 means the tracker is cheaper. */
  ratios: {
    statementsPerPoll: number;
    cpuPerPoll: number;
    wallPerPoll: number;
    statementsFirstMinute: number;
    statementsPerMinuteSteady: number;
  };
}

const REPOSITORY = 'demo_repo';
const SETTINGS: CoreSettings = { intervals: { minMs: 2_000, maxMs: 30_000 }, historySize: 100, stuckAfterMs: 0, unknownAfterMs: 60_000 };
const PROFILE = 'bench';

/** A mysql2 connection as the core's `QuerySession`, counting statements. */
class CountingSession implements QuerySession {
  statements = 0;
  constructor(private readonly connection: mysql.Connection) {}
  async query(sql: string): Promise<{ rows: Record<string, unknown>[] }> {
    this.statements++;
    const [rows] = await this.connection.query(sql);
    return { rows: rows as Record<string, unknown>[] };
  }
}

class MemoryStore implements HistoryStore {
  private readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

/** Virtual time: timers fire only when `runUntil` reaches them, so a minute of polling takes as long as its queries. */
class VirtualClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }
  /** Fires timers in order until `end`; `settle` waits for the work a timer started. */
  async runUntil(end: number, settle: () => Promise<void>): Promise<number> {
    let fired = 0;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      fired++;
      await settle();
    }
    this.time = end;
    return fired;
  }
}

function newCore(session: QuerySession, clock?: Clock): JobTrackerCore {
  return new JobTrackerCore({
    sessions: { connectedProfiles: () => [PROFILE], sessionFor: async () => session, exists: () => true },
    store: new MemoryStore(),
    settings: () => SETTINGS,
    clock,
  });
}

/** The naive way: both SHOW statements for every database, every poll. */
async function naivePoll(session: QuerySession, databases: readonly string[]): Promise<string[]> {
  const running: string[] = [];
  for (const database of databases) {
    for (const [kind, statement] of [
      ['BACKUP', showBackup(database)],
      ['RESTORE', showRestore(database)],
    ] as [JobKind, { sql: string }][]) {
      const { rows } = await session.query(statement.sql);
      for (const raw of rows) {
        const { row } = parseJobRow(kind, raw);
        if (!isTerminalState(row.state)) running.push(`${kind}/${row.database}/${row.label}`);
      }
    }
  }
  return running.sort();
}

function runningOf(core: JobTrackerCore): string[] {
  return core
    .list()
    .filter((job) => job.phase === 'running')
    .map((job) => `${job.kind}/${job.database}/${job.label}`)
    .sort();
}

async function measure(ticks: number, poll: () => Promise<void>, statements: () => number): Promise<PollCost> {
  for (let i = 0; i < 3; i++) await poll(); // warm-up: JIT, connection, first-look baseline
  const cpu: number[] = [];
  const wall: number[] = [];
  const before = statements();
  for (let i = 0; i < ticks; i++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    await poll();
    wall.push(performance.now() - wallStart);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { statementsPerPoll: (statements() - before) / ticks, cpuMsPerPoll: round(median(cpu)), wallMsPerPoll: round(median(wall)) };
}

async function createDatabases(connection: mysql.Connection, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `bench_db_${String(i).padStart(2, '0')}`);
  for (const name of names) {
    await connection.query(`CREATE DATABASE ${name}`);
    await connection.query(`CREATE TABLE ${name}.events (id BIGINT NOT NULL, v INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 2`);
    await connection.query(`INSERT INTO ${name}.events VALUES (1, 1), (2, 2), (3, 3)`);
  }
  return names;
}

/** Starts backups held in UPLOADING (the sandbox's stickJob), so both trackers see the same running jobs. */
async function startRunningBackups(sandbox: RunningSandbox, connection: mysql.Connection, databases: readonly string[]): Promise<string[]> {
  const caps = capabilitiesOf(parseServerVersion(sandbox.info.version));
  const started: string[] = [];
  for (const [i, database] of databases.entries()) {
    const label = `bench_snap_${i}`;
    await sandbox.control.stickJob(database, 'UPLOADING');
    await connection.query(buildBackup({ database, label, repository: REPOSITORY }, caps).sql);
    started.push(`BACKUP/${database}/${label}`);
  }
  return started.sort();
}

export async function runJobTrackerBench(options: JobTrackerBenchOptions = {}): Promise<JobTrackerBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const databaseCount = options.databases ?? 50;
  const jobCount = options.runningJobs ?? 5;
  const ticks = options.ticks ?? 30;
  // A child process: its CPU is the server's and must not count as the tracker's.
  const sandbox = await startSandbox({ childProcess: true, jobSpeed: 'fast' });
  const connection = await mysql.createConnection({
    host: sandbox.info.host,
    port: sandbox.info.port,
    user: sandbox.info.user,
    password: sandbox.info.password,
  });
  try {
    const benchDatabases = await createDatabases(connection, databaseCount);
    const expected = await startRunningBackups(sandbox, connection, benchDatabases.slice(0, jobCount));
    const [allRows] = await connection.query('SHOW DATABASES');
    const databases = (allRows as Record<string, unknown>[])
      .map((r) => String(Object.values(r)[0]))
      .filter((d) => d !== 'information_schema' && d !== '_statistics_');
    log(`Sandbox ${sandbox.info.version}: ${databases.length} databases, ${expected.length} backups held in UPLOADING`);

    const trackerSession = new CountingSession(connection);
    const core = newCore(trackerSession);
    const tracker = await measure(
      ticks,
      () => core.tick(),
      () => trackerSession.statements,
    );
    assertSame('tracker', runningOf(core), expected);
    core.dispose();

    const naiveSession = new CountingSession(connection);
    let naiveSeen: string[] = [];
    const baseline = await measure(
      ticks,
      async () => void (naiveSeen = await naivePoll(naiveSession, databases)),
      () => naiveSession.statements,
    );
    assertSame('baseline', naiveSeen, expected);

    const minute = await trackerFirstMinute(connection, expected);
    const { minMs, maxMs } = SETTINGS.intervals;
    const statementsPerMinuteSteady = tracker.statementsPerPoll * (60_000 / maxMs);
    const baselinePerMinute = baseline.statementsPerPoll * (60_000 / minMs);
    const result: JobTrackerBenchResult = {
      bench: 'jobTracker',
      databases: databases.length,
      runningJobs: expected.length,
      ticks,
      intervals: { minMs, maxMs },
      tracker: { ...tracker, statementsFirstMinute: minute.statements, pollsFirstMinute: minute.polls, statementsPerMinuteSteady },
      baseline: { ...baseline, statementsPerMinute: baselinePerMinute },
      ratios: {
        statementsPerPoll: ratio(baseline.statementsPerPoll, tracker.statementsPerPoll),
        cpuPerPoll: ratio(baseline.cpuMsPerPoll, tracker.cpuMsPerPoll),
        wallPerPoll: ratio(baseline.wallMsPerPoll, tracker.wallMsPerPoll),
        statementsFirstMinute: ratio(baselinePerMinute, minute.statements),
        statementsPerMinuteSteady: ratio(baselinePerMinute, statementsPerMinuteSteady),
      },
    };
    report(result, log);
    return result;
  } finally {
    await connection.end();
    await sandbox.stop();
  }
}

/**
 * The tracker's own scheduler for one (virtual) minute after it was told about the jobs, as when
 * the extension submitted them: the back-off decides how often it polls.
 */
async function trackerFirstMinute(connection: mysql.Connection, expected: string[]): Promise<{ statements: number; polls: number }> {
  const clock = new VirtualClock();
  const session = new CountingSession(connection);
  const core = newCore(session, clock);
  for (const key of expected) {
    const [kind, database, label] = key.split('/');
    core.track({ profileId: PROFILE, kind: kind as JobKind, database, label, repository: REPOSITORY });
  }
  const polls = await clock.runUntil(60_000, () => core.tick());
  assertSame('tracker (scheduled)', runningOf(core), expected);
  core.dispose();
  return { statements: session.statements, polls };
}

function assertSame(who: string, seen: string[], expected: string[]): void {
  if (JSON.stringify(seen) !== JSON.stringify(expected)) {
    throw new Error(`${who} saw running jobs ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`);
  }
}

function report(r: JobTrackerBenchResult, log: (line: string) => void): void {
  const row = (name: string, c: PollCost) =>
    `  ${name.padEnd(44)} ${String(c.statementsPerPoll).padStart(6)} stmts ${c.cpuMsPerPoll.toFixed(2).padStart(8)} ms CPU ${c.wallMsPerPoll.toFixed(2).padStart(8)} ms wall`;
  log(`\nOne poll, ${r.databases} databases, ${r.runningJobs} running jobs (median of ${r.ticks}):`);
  log(row('tracker (SHOW BACKUP + SHOW RESTORE, no FROM)', r.tracker));
  log(row('baseline (both per database)', r.baseline));
  log(`  baseline / tracker: x${r.ratios.statementsPerPoll} statements, x${r.ratios.cpuPerPoll} CPU, x${r.ratios.wallPerPoll} wall time`);
  log(`\nStatements per minute (baseline polls every ${r.intervals.minMs / 1000} s: ${r.baseline.statementsPerMinute}):`);
  log(
    `  tracker, first minute (${r.tracker.pollsFirstMinute} polls with back-off): ${r.tracker.statementsFirstMinute}   x${r.ratios.statementsFirstMinute} fewer`,
  );
  log(
    `  tracker, steady (every ${r.intervals.maxMs / 1000} s): ${r.tracker.statementsPerMinuteSteady}   x${r.ratios.statementsPerMinuteSteady} fewer`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function ratio(baseline: number, tracker: number): number {
  return tracker > 0 ? Math.round((baseline / tracker) * 100) / 100 : Number.POSITIVE_INFINITY;
}

function argValue(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}

if (require.main === module) {
  runJobTrackerBench({ databases: argValue('databases'), runningJobs: argValue('jobs'), ticks: argValue('ticks') })
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
