/**
 * The sandbox in this process: an S3 server (child process), the emulated FE on 127.0.0.1, the
 * demo seed written through the real SQL and BACKUP paths, and the control surface.
 */
import type { RunningSandbox, SandboxControl, SandboxInfo, SandboxOptions } from './api';
import { StatementExecutor } from './engine/executor';
import { Frontend } from './engine/frontend';
import { useDatabase } from './engine/handlers/systemFunctions';
import { Session } from './engine/session';
import { ExpiredSnapshotCleaner } from './repository/expiredSnapshotCleaner';
import { startS3Server, type RunningS3Server } from './s3/s3Server';
import { demoBackupStatements, demoCatalogStatements, demoRepositoryStatement } from './seed/demoSeed';
import { MYSQL_COMPATIBLE_VERSION } from './engine/handlers/systemFunctions';
import { FeServer } from './wire/feServer';
import { isSqlError } from './errors/sqlError';
import { isJobSpeed } from './jobs/jobSpeed';

export const DEMO_BUCKET = 'starrocks-backups';
/** How often the FE pings repositories (`Repository.ping`, about every 10 minutes). */
const PING_INTERVAL_MS = 10 * 60_000;

export interface InProcessSandbox extends RunningSandbox {
  /** Directory of the S3 server's files (reported to a parent process). */
  s3Directory: string;
}

export async function startInProcessSandbox(options: SandboxOptions = {}): Promise<InProcessSandbox> {
  if (options.sharedS3) return startFrontend(checkSharedS3(options), options.sharedS3, false);
  const s3 = await startS3Server({ port: options.s3Port ?? 0, buckets: [DEMO_BUCKET] });
  try {
    return await startFrontend(options, s3, true);
  } catch (e) {
    await s3.stop();
    throw e;
  }
}

/** A borrower starts empty: the demo seed would back up into the owner's `demo_repo` location. */
function checkSharedS3(options: SandboxOptions): SandboxOptions {
  if (options.seed === 'demo')
    throw new Error("a sandbox with sharedS3 cannot use seed 'demo': it would write its snapshots into the owner's demo_repo");
  if (options.s3Port !== undefined) throw new Error('sharedS3 and s3Port exclude each other: the shared server already listens');
  if (!options.sharedS3?.buckets.includes(DEMO_BUCKET)) throw new Error(`the shared S3 server has no bucket ${DEMO_BUCKET}`);
  return { ...options, seed: 'empty' };
}

/** `ownsS3`: whether `stop()` stops the S3 server too (false when it is another sandbox's). */
async function startFrontend(options: SandboxOptions, s3: RunningS3Server, ownsS3: boolean): Promise<InProcessSandbox> {
  const version = options.version ?? '3.4';
  const seed = options.seed ?? 'demo';
  const jobSpeed = options.jobSpeed ?? 'fast';
  const user = options.user ?? 'root';
  const password = options.password ?? 'sandbox';
  const fe = new Frontend({
    version,
    s3: { endpoint: s3.endpoint, port: s3.port, region: s3.region, accessKey: s3.accessKey, secretKey: s3.secretKey },
    jobSpeed: seed === 'demo' ? 'seed' : jobSpeed,
    sharedData: options.sharedData ?? false,
  });
  fe.accounts.add({ user, password }, true);
  for (const account of options.users ?? []) fe.accounts.add(account);
  const executor = new StatementExecutor(fe);
  const server = new FeServer({
    port: options.port ?? 0,
    serverVersion: MYSQL_COMPATIBLE_VERSION,
    findAccount: (name) => fe.accounts.find(name),
    openSession: (name, database, connectionId) => {
      const session = new Session(name, connectionId);
      if (database) useDatabase({ fe, session }, database);
      fe.stats.connectionOpened();
      return {
        run: (sql) => executor.run(session, sql),
        useDatabase: (db) => {
          try {
            return { ok: true, result: useDatabase({ fe, session }, db) };
          } catch (e) {
            if (isSqlError(e)) return { ok: false, error: e };
            throw e;
          }
        },
      };
    },
  });
  await server.start();
  const info: SandboxInfo = {
    host: '127.0.0.1',
    port: server.port,
    user,
    password,
    s3Endpoint: s3.endpoint,
    bucket: DEMO_BUCKET,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    region: s3.region,
    version,
  };
  const cleaner = new ExpiredSnapshotCleaner(fe);
  const pinger = setInterval(() => void fe.repositories.pingAll(), PING_INTERVAL_MS);
  pinger.unref();
  const stop = async () => {
    clearInterval(pinger);
    cleaner.stop();
    await server.stop();
    await fe.jobs.stop();
    if (ownsS3) await s3.stop();
  };
  try {
    if (seed === 'demo') await seedDemo(fe, executor, info);
  } catch (e) {
    await stop();
    throw e;
  }
  fe.jobs.setSpeed(jobSpeed);
  fe.stats.reset();
  cleaner.start();
  return { info, control: inProcessControl(fe, server, s3), stop, s3Directory: s3.directory };
}

/** Builds the demo catalog and snapshots with the administrator's own SQL, through the real paths. */
async function seedDemo(fe: Frontend, executor: StatementExecutor, info: SandboxInfo): Promise<void> {
  const session = new Session(info.user, 0);
  const run = async (sql: string) => {
    const [outcome] = await executor.run(session, sql);
    if (!outcome.ok) throw new Error(`demo seed failed on ${sql.split('\n')[0]}: ${outcome.error.message}`);
  };
  for (const sql of demoCatalogStatements()) await run(sql);
  await run(demoRepositoryStatement(info));
  for (const sql of demoBackupStatements(fe.profile.newBackupGrammar)) {
    await run(sql);
    await fe.jobs.drain();
  }
  const failed = fe.jobs.allLastJobs().filter((j) => j.state !== 'FINISHED');
  if (failed.length > 0) throw new Error(`demo seed backup did not finish: ${failed.map((j) => `${j.label} ${j.state}`).join(', ')}`);
}

function inProcessControl(fe: Frontend, server: FeServer, s3: RunningS3Server): SandboxControl {
  const table = (db: string, name: string) => {
    const found = fe.catalog.database(db)?.table(name);
    if (!found) throw new Error(`no table ${db}.${name}`);
    return found;
  };
  const done = <T>(value: T) => Promise.resolve(value);
  return {
    stats: () => done(fe.stats.snapshot()),
    resetStats: () => done(fe.stats.reset()),
    statementLog: () => done(fe.stats.entries()),
    dropConnections: () => done(server.dropConnections()),
    setS3Unreachable: async (unreachable) => {
      await s3.setUnreachable(unreachable);
      await fe.repositories.pingAll();
    },
    slowStatements: (pattern, delayMs) => {
      const regex = typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
      // A rule is identified by its pattern's source, ignoring case (so 'show x' removes /SHOW X/i).
      const existing = fe.slowStatements.findIndex((r) => r.pattern.source.toLowerCase() === regex.source.toLowerCase());
      if (existing >= 0) fe.slowStatements.splice(existing, 1);
      if (delayMs > 0) fe.slowStatements.push({ pattern: regex, delayMs });
      return done(undefined);
    },
    failStatements: (pattern, fault) => {
      const regex = typeof pattern === 'string' ? new RegExp(pattern, 'i') : pattern;
      const existing = fe.failingStatements.findIndex((r) => r.pattern.source.toLowerCase() === regex.source.toLowerCase());
      if (existing >= 0) fe.failingStatements.splice(existing, 1);
      if (fault) fe.failingStatements.push({ pattern: regex, error: fe.errors.handler(fault.message, fault.kind ?? 'commonError') });
      return done(undefined);
    },
    heldStatements: () => done([...fe.heldStatements]),
    rejectBareShowJobs: (reject) => {
      fe.rejectBareShowJobs = reject;
      return done(undefined);
    },
    failNextJob: (database, message) => done(fe.jobs.failNextJob(database, message)),
    timeoutNextJob: (database) => done(fe.jobs.timeoutNextJob(database)),
    stickJob: (database, state) => done(fe.jobs.stickJob(database, state)),
    releaseJobs: () => done(fe.jobs.releaseJobs()),
    setJobSpeed: (speed) =>
      isJobSpeed(speed) ? done(fe.jobs.setSpeed(speed)) : Promise.reject(new Error(`unknown job speed ${String(speed)}`)),
    rowCount: async (db, name) => table(db, name).rowCount(),
    rows: async (db, name) =>
      table(db, name)
        .rows()
        .map((r) => ({ ...r })),
    s3,
  };
}
