/**
 * SHOW SNAPSHOT (list and detail forms, 4.2 retention columns) and DROP SNAPSHOT (4.2), both
 * answered from what is on storage (spec §2.7, §2.9, §3.3).
 */
import type { Repository } from '../../repository/repositoryManager';
import { snapshotPaths } from '../../repository/layout';
import type { JobInfoJson } from '../../repository/snapshotFiles';
import { listSnapshotLabels, readJobInfo, snapshotDetail, snapshotEntry, type SnapshotListEntry } from '../../repository/snapshotListing';
import type { Expr, ShowSnapshotStmt } from '../../sql/ast';
import { formatDateTime } from '../../util/timeFormat';
import { OK, varcharResult, type ResultSet } from '../resultSet';
import type { ExecContext } from './context';
import { isCommonName } from './repositoryStatements';

interface SnapshotFilter {
  snapshot?: string;
  timestamp?: string;
  names?: string[];
}

const WHERE_SHAPE = "Where clause should looks like: SNAPSHOT = 'your_snapshot_name' [AND TIMESTAMP = '2018-04-18-19-19-10']";

export async function showSnapshot(ctx: ExecContext, stmt: ShowSnapshotStmt): Promise<ResultSet> {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  const repo = ctx.fe.repositories.get(stmt.repo);
  if (!repo) throw ctx.fe.errors.analyzing(`Repository [${stmt.repo}] does not exist`, 'commonError');
  const filter = stmt.where ? analyzeWhere(ctx, stmt.where) : {};
  if (filter.snapshot !== undefined && filter.timestamp !== undefined) return detailForm(ctx, repo, filter.snapshot, filter.timestamp);
  return listForm(ctx, repo, filter);
}

/** ShowSnapshotAnalyzer: `SNAPSHOT = 'x' [AND TIMESTAMP = 't']` or `SNAPSHOT IN ('a', ...)`. */
function analyzeWhere(ctx: ExecContext, where: Expr): SnapshotFilter {
  const filter: SnapshotFilter = {};
  let ok = true;
  if (where.kind === 'binary' && where.op === 'AND') {
    ok =
      isComparison(where.left) && isComparison(where.right) && applyComparison(filter, where.left) && applyComparison(filter, where.right);
  } else if (where.kind === 'binary' && where.op !== 'OR') {
    ok = applyComparison(filter, where);
  } else if (where.kind === 'in' && !where.negated) {
    if (where.operand.kind !== 'column' || where.operand.name.toLowerCase() !== 'snapshot')
      throw ctx.fe.errors.analyzing('Left expr of should be snapshot');
    filter.names = [];
    for (const item of where.list) {
      if (item.kind !== 'literal' || typeof item.value !== 'string')
        throw ctx.fe.errors.analyzing('Child of in predicate should be string value');
      if (item.value) filter.names.push(item.value);
    }
  } else {
    ok = false;
  }
  if (ok && filter.snapshot === undefined && filter.timestamp !== undefined) ok = false;
  if (!ok) throw ctx.fe.errors.analyzing(WHERE_SHAPE);
  return filter;
}

function isComparison(expr: Expr): expr is Extract<Expr, { kind: 'binary' }> {
  return expr.kind === 'binary' && expr.op !== 'AND' && expr.op !== 'OR';
}

function applyComparison(filter: SnapshotFilter, expr: Expr): boolean {
  if (!isComparison(expr) || expr.left.kind !== 'column') return false;
  if (expr.right.kind !== 'literal' || typeof expr.right.value !== 'string' || expr.right.value === '') return false;
  const name = expr.left.name.toLowerCase();
  if (name === 'snapshot') filter.snapshot = expr.right.value;
  else if (name === 'timestamp') filter.timestamp = expr.right.value;
  else return false;
  return true;
}

const LIST_COLUMNS = ['Snapshot', 'Timestamp', 'Status'];
/** UNVERIFIED order of the 4.2 retention columns: after Timestamp (list) / Details (detail), per the PR text. */
const RETENTION_COLUMNS = ['ClusterId', 'FinishTime', 'TTL', 'ExpireTime'];

async function listForm(ctx: ExecContext, repo: Repository, filter: SnapshotFilter): Promise<ResultSet> {
  let labels: string[];
  if (filter.snapshot !== undefined) {
    // With SNAPSHOT = 'x' the directory is not listed first: an unknown name still gets a row.
    labels = [filter.snapshot];
  } else {
    try {
      labels = await listSnapshotLabels(repo.storage);
    } catch (e) {
      throw ctx.fe.errors.handler(`Failed to list snapshot in repo: ${repo.name}, err: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (filter.names) labels = labels.filter((l) => filter.names?.includes(l));
  }
  const entries = await Promise.all(labels.map((label) => snapshotEntry(repo.storage, label)));
  const retention = ctx.fe.profile.snapshotRetention;
  const rows = await Promise.all(entries.map(async (entry) => listRow(entry, retention ? await retentionValues(repo, entry) : undefined)));
  const columns = retention ? ['Snapshot', 'Timestamp', ...RETENTION_COLUMNS, 'Status'] : LIST_COLUMNS;
  return varcharResult(columns, rows);
}

function listRow(entry: SnapshotListEntry, retention: (string | null)[] | undefined): (string | null)[] {
  const [timestamp, status] = entry.listingError
    ? [null, `ERROR: Failed to get info: ${entry.listingError}`]
    : [entry.timestampLines.join('\n'), entry.timestampLines.length > 0 ? 'OK' : 'ERROR: no snapshot'];
  return retention ? [entry.label, timestamp, ...retention, status] : [entry.label, timestamp, status];
}

/** ClusterId, FinishTime, TTL, ExpireTime from the newest valid info file (NULLs when none). */
async function retentionValues(repo: Repository, entry: SnapshotListEntry): Promise<(string | null)[]> {
  const newest = [...entry.validTimestamps].sort().pop();
  if (!newest) return [null, null, null, null];
  try {
    return retentionColumns(await readJobInfo(repo.storage, entry.label, newest));
  } catch {
    return [null, null, null, null];
  }
}

function retentionColumns(info: JobInfoJson | undefined): (string | null)[] {
  if (!info) return [null, null, null, null];
  return [
    info.cluster_id ?? null,
    info.finish_time ? formatDateTime(new Date(info.finish_time)) : null,
    info.ttl ? info.ttl : null,
    info.expire_time ? formatDateTime(new Date(info.expire_time)) : null,
  ];
}

async function detailForm(ctx: ExecContext, repo: Repository, label: string, timestamp: string): Promise<ResultSet> {
  const detail = await snapshotDetail(repo.storage, label, timestamp);
  if (!ctx.fe.profile.snapshotRetention) {
    return varcharResult(
      ['Snapshot', 'Timestamp', 'Database', 'Details', 'Status'],
      [[label, timestamp, detail.database, detail.details, detail.status]],
    );
  }
  return varcharResult(
    ['Snapshot', 'Timestamp', 'Database', 'Details', ...RETENTION_COLUMNS, 'Status'],
    [[label, timestamp, detail.database, detail.details, ...retentionColumns(detail.info), detail.status]],
  );
}

/**
 * `DROP SNAPSHOT <label> ON <repo> [FORCE]` (4.2): DropSnapshotAnalyzer's checks, privileges, then
 * BackupHandler.dropSnapshot's, then a recursive delete of `__ss_<label>/`.
 */
export async function dropSnapshot(ctx: ExecContext, stmt: { label: string; repo: string; force: boolean }): Promise<ResultSet> {
  analyzeDropSnapshot(ctx, stmt);
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  const repo = ctx.fe.repositories.get(stmt.repo);
  // Unreachable after the analyzer unless the repository is dropped in between, as in the FE.
  if (!repo) throw ctx.fe.errors.handler(`Repository does not exist: ${stmt.repo}`);
  if (repo.readOnly) throw ctx.fe.errors.handler(`Repository ${repo.name} is read only`);
  if (/[/\\]/.test(stmt.label)) throw ctx.fe.errors.handler(`Snapshot does not exist in repository ${repo.name}: ${stmt.label}`);
  // UNVERIFIED order: a running job is checked first, since a backup may not have written its
  // directory yet when DROP SNAPSHOT arrives.
  const busy = ctx.fe.jobs.runningJobs().find((job) => job.repoName === repo.name && job.label === stmt.label);
  if (busy)
    throw ctx.fe.errors.handler(
      `Can not drop snapshot ${stmt.label}: ${busy.kind === 'BACKUP' ? 'a backup is writing it' : 'a restore is reading it'}`,
    );
  let labels: string[];
  try {
    labels = await listSnapshotLabels(repo.storage);
  } catch (e) {
    throw ctx.fe.errors.handler(`Failed to list snapshots in repository ${repo.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!labels.includes(stmt.label)) throw ctx.fe.errors.handler(`Snapshot does not exist in repository ${repo.name}: ${stmt.label}`);
  if (!stmt.force) await checkOwnership(ctx, repo, stmt.label);
  try {
    await repo.storage.deletePrefix(snapshotPaths.dir(stmt.label));
  } catch (e) {
    throw ctx.fe.errors.handler(
      `Failed to delete snapshot ${stmt.label} in repository ${repo.name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return OK;
}

/**
 * DropSnapshotAnalyzer (4.2): RepositoryAnalyzer.checkRepoName (empty: `Repository does not empty`,
 * sic; not a common name: FeNameFormat's refusal), the repository must exist, then the snapshot
 * name must not be empty.
 */
function analyzeDropSnapshot(ctx: ExecContext, stmt: { label: string; repo: string }): void {
  const { errors } = ctx.fe;
  if (!stmt.repo) throw errors.analyzing('Repository does not empty', 'commonError');
  if (!isCommonName(stmt.repo)) throw errors.analyzing(`Incorrect repository name '${stmt.repo}'`);
  if (!ctx.fe.repositories.get(stmt.repo)) throw errors.analyzing(`Repository [${stmt.repo}] does not exist`, 'commonError');
  if (!stmt.label) throw errors.analyzing('Must specify a snapshot name');
}

/** Without FORCE only this cluster's snapshots may be dropped; older ones record no cluster. */
async function checkOwnership(ctx: ExecContext, repo: Repository, label: string): Promise<void> {
  const entry = await snapshotEntry(repo.storage, label);
  const newest = [...entry.validTimestamps].sort().pop();
  let owner: string | undefined;
  if (newest) {
    try {
      owner = (await readJobInfo(repo.storage, label, newest)).cluster_id;
    } catch {
      owner = undefined;
    }
  }
  const self = ctx.fe.clusterId;
  if (owner === self) return;
  const what = owner === undefined ? 'does not record which cluster created it' : `was created by cluster ${owner}`;
  throw ctx.fe.errors.handler(
    `Snapshot ${label} in repository ${repo.name} ${what}, and this cluster is ${self}. Use DROP SNAPSHOT ... FORCE to drop it anyway`,
  );
}
