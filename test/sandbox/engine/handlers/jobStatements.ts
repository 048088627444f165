/** SHOW BACKUP / SHOW RESTORE (spec §2.6, §3.1, §3.2) and CANCEL BACKUP / RESTORE (§2.8). */
import type { AbstractJob } from '../../jobs/abstractJob';
import type { CancelJobStmt, ShowJobsStmt } from '../../sql/ast';
import { compare, evaluate, truthy, type EvalEnv } from '../evaluator';
import { OK, varcharResult, type ResultSet } from '../resultSet';
import { resolveDatabase, type ExecContext } from './context';
import { systemEnv } from './systemFunctions';

export const BACKUP_COLUMNS = [
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

export const RESTORE_COLUMNS = [
  'JobId',
  'Label',
  'Timestamp',
  'DbName',
  'State',
  'AllowLoad',
  'ReplicationNum',
  'RestoreObjs',
  'CreateTime',
  'MetaPreparedTime',
  'SnapshotFinishedTime',
  'DownloadFinishedTime',
  'FinishedTime',
  'UnfinishedTasks',
  'Progress',
  'TaskErrMsg',
  'Status',
  'Timeout',
];

/**
 * The last job of the database (or of every database without FROM), if it is of the asked kind.
 * SHOW BACKUP hides jobs on tables the user may not EXPORT (3.0+).
 */
export function showJobs(ctx: ExecContext, stmt: ShowJobsStmt): ResultSet {
  const kind = stmt.type === 'showBackup' ? 'BACKUP' : 'RESTORE';
  const columns = kind === 'BACKUP' ? BACKUP_COLUMNS : RESTORE_COLUMNS;
  let jobs: AbstractJob[];
  if (stmt.db !== undefined) {
    const db = resolveDatabase(ctx, stmt.db);
    ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
    const job = ctx.fe.jobs.lastJob(db.id);
    jobs = job ? [job] : [];
  } else {
    ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
    jobs = ctx.fe.jobs.allLastJobs();
  }
  jobs = jobs.filter((job) => job.kind === kind && (kind === 'RESTORE' || mayExport(ctx, job)));
  let rows = jobs.map((job) => job.showRow());
  rows = applyPredicates(ctx, stmt, columns, rows);
  return varcharResult(columns, rows);
}

function mayExport(ctx: ExecContext, job: AbstractJob): boolean {
  if (!ctx.fe.profile.rbac) return true;
  const tables = (job as AbstractJob & { tableNames: string[] }).tableNames;
  return tables.every((table) => ctx.fe.accounts.allows(ctx.session.user, { on: 'TABLE', privilege: 'EXPORT', db: job.dbName, table }));
}

/**
 * WHERE is applied to the result's columns in 4.2 (showPredicateClauses); before that SHOW
 * RESTORE … WHERE is accepted and, as far as known, ignored (UNVERIFIED, spec §2.6).
 */
function applyPredicates(ctx: ExecContext, stmt: ShowJobsStmt, columns: string[], rows: (string | null)[][]): (string | null)[][] {
  if (!ctx.fe.profile.snapshotRetention) return rows;
  const base = systemEnv(ctx);
  const resolveColumn = (name: string) => {
    const found = columns.find((c) => c.toLowerCase() === name.toLowerCase());
    return found ? { key: found, family: 'string' as const } : undefined;
  };
  const envFor = (row: (string | null)[]): EvalEnv => ({
    ...base,
    row: Object.fromEntries(columns.map((c, i) => [c, row[i]])),
    resolveColumn,
  });
  const where = stmt.where;
  let result = where ? rows.filter((row) => truthy(evaluate(where, envFor(row)))) : rows;
  if (stmt.orderBy.length > 0) {
    result = [...result].sort((a, b) => {
      for (const order of stmt.orderBy) {
        const c = compare(evaluate(order.expr, envFor(a)), evaluate(order.expr, envFor(b)));
        if (c !== 0) return order.descending ? -c : c;
      }
      return 0;
    });
  }
  return stmt.limit === undefined ? result : result.slice(0, stmt.limit);
}

export function cancelJob(ctx: ExecContext, stmt: CancelJobStmt): ResultSet {
  if (stmt.externalCatalog) throw ctx.fe.errors.handler(`No ${stmt.kind === 'RESTORE' ? 'restore' : 'backup job'} is currently running`);
  // Every version's analyzer (BackupRestoreAnalyzer.getDbName) takes the session's database when
  // FROM is missing (the grammar has `((FROM | IN) identifier)?` from 2.x on), and
  // BackupHandler.cancel, finding no database by that name, reports ERR_BAD_DB_ERROR:
  // `Unknown database ''` when no database is in use (a bare DDL error, 1064 / HY000, on 2.x).
  if (stmt.db === undefined) {
    const name = ctx.session.database ?? '';
    if (!ctx.fe.catalog.database(name))
      throw ctx.fe.errors.handler(`Unknown database '${name}'`, ctx.fe.profile.legacyErrorCodes ? 'commonError' : 'badDb');
  }
  const db = resolveDatabase(ctx, stmt.db);
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  const job = ctx.fe.jobs.lastJob(db.id);
  if (job && job.kind === 'BACKUP' && ctx.fe.profile.rbac) {
    for (const table of (job as AbstractJob & { tableNames: string[] }).tableNames) {
      ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'EXPORT', db: db.name, table });
    }
  }
  if (!job || job.kind !== stmt.kind)
    throw ctx.fe.errors.handler(`No ${stmt.kind === 'RESTORE' ? 'restore' : 'backup job'} is currently running`);
  if (job.isDone())
    throw ctx.fe.errors.handler(`Failed to cancel job: Job with label ${job.label} can not be cancelled. state: ${job.state}`);
  job.cancel(job.userCancelStatus());
  return OK;
}
