/**
 * RESTORE: analyzer checks (properties, table list), privileges, then the handler's checks
 * (repository, info file for the timestamp, objects present in the snapshot, one job per
 * database), auto-creating the target database in 3.4+ (spec §2.5).
 */
import type { Database } from '../../catalog/catalog';
import { RestoreJob, type RestoreTableRequest } from '../../jobs/restoreJob';
import { FILE_META_INFO, snapshotPaths } from '../../repository/layout';
import type { Repository } from '../../repository/repositoryManager';
import { decodeMeta, type JobInfoJson, type SnapshotMeta } from '../../repository/snapshotFiles';
import { readJobInfo } from '../../repository/snapshotListing';
import type { BackupObjectRef, RestoreStmt } from '../../sql/ast';
import { OK, type ResultSet } from '../resultSet';
import type { ExecContext } from './context';
import { parseRestoreProperties } from './jobProperties';
import { positioned } from './positions';

export async function restore(ctx: ExecContext, stmt: RestoreStmt): Promise<ResultSet> {
  const { fe } = ctx;
  if (stmt.externalCatalogs) throw fe.errors.handler(`This is not a snapshot for external catalog restore, snapshot: ${stmt.label.name}`);
  checkTableList(ctx, stmt);
  const properties = parseRestoreProperties(stmt.properties, fe.errors, fe.defaultReplicationNum);
  const sourceDbName = stmt.database ?? stmt.label.db ?? ctx.session.database;
  if (!sourceDbName) throw fe.errors.noDatabaseSelected();
  const targetDbName = stmt.databaseAlias ?? sourceDbName;
  // Before 3.4 the target database must exist; 3.4+ creates it when the job is submitted.
  if (!fe.profile.newBackupGrammar && !fe.catalog.database(targetDbName)) throw fe.errors.unknownDatabase(targetDbName);

  fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  if (!stmt.withOnClause) fe.accounts.require(ctx.session.user, { on: 'CATALOG', privilege: 'CREATE DATABASE' });
  else checkOnClausePrivileges(ctx, stmt, targetDbName);

  const repo = fe.repositories.get(stmt.repo);
  if (!repo) throw fe.errors.handler(`Repository ${stmt.repo} does not exist`);
  const { info, meta } = await readSnapshot(ctx, repo, stmt.label.name, properties.backupTimestamp);
  if (stmt.database && stmt.database !== info.database)
    throw fe.errors.handler(`target database: ${stmt.database} is not existed in snapshot`);
  const tables = selectTables(ctx, stmt, meta);
  const functions = selectFunctions(ctx, stmt, meta);

  const existingDb = fe.catalog.database(targetDbName);
  if (existingDb && fe.jobs.isBusy(existingDb.id))
    throw fe.errors.handler('Can only run one backup or restore job of a database at same time');
  const db: Database = existingDb ?? fe.catalog.createDatabase(targetDbName);
  const job = new RestoreJob(
    {
      label: stmt.label.name,
      backupTimestamp: properties.backupTimestamp,
      db,
      repo,
      catalog: fe.catalog,
      timeoutMs: properties.timeoutMs,
      allowLoad: properties.allowLoad,
      replicationNum: properties.replicationNum,
      info,
      tables,
      functions,
      filesPerStep: () => fe.jobs.filesPerStep,
    },
    () => fe.catalog.ids.next(),
  );
  fe.jobs.submit(job);
  return OK;
}

/** `Duplicated table: t` / `Duplicated alias name: a` (analyzer, before anything else). */
function checkTableList(ctx: ExecContext, stmt: RestoreStmt): void {
  const names = new Set<string>();
  const refs = stmt.objects.filter((o) => !o.all && o.kind !== 'FUNCTION');
  for (const ref of refs) {
    const name = ref.name?.name ?? '';
    if (names.has(name.toLowerCase())) throw positioned(ctx, `Duplicated table: ${name}`, ref.pos);
    names.add(name.toLowerCase());
  }
  // An alias may clash neither with an original name nor with another alias.
  const taken = new Set(refs.map((r) => r.name?.name ?? ''));
  for (const ref of refs) {
    if (ref.alias === undefined) continue;
    if (taken.has(ref.alias)) throw positioned(ctx, `Duplicated alias name: ${ref.alias}`, ref.pos);
    taken.add(ref.alias);
  }
}

/** RESTORE … ON: CREATE TABLE on the target database, INSERT on tables that already exist. */
function checkOnClausePrivileges(ctx: ExecContext, stmt: RestoreStmt, targetDbName: string): void {
  ctx.fe.accounts.require(ctx.session.user, { on: 'DATABASE', privilege: 'CREATE TABLE', db: targetDbName });
  const db = ctx.fe.catalog.database(targetDbName);
  for (const ref of stmt.objects) {
    const target = ref.alias ?? ref.name?.name;
    if (db && target && db.table(target))
      ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'INSERT', db: db.name, table: target });
  }
}

async function readSnapshot(
  ctx: ExecContext,
  repo: Repository,
  label: string,
  timestamp: string,
): Promise<{ info: JobInfoJson; meta: SnapshotMeta }> {
  let info: JobInfoJson;
  try {
    info = await readJobInfo(repo.storage, label, timestamp);
  } catch (e) {
    // UNVERIFIED whether the FE prints the status with brackets; it builds the text from getErrMsg().
    throw ctx.fe.errors.handler(
      `Failed to get info of snapshot '${label}' because: ${e instanceof Error ? e.message : String(e)}. Maybe specified wrong backup timestamp`,
    );
  }
  try {
    const content = await repo.storage.downloadChecksummed(snapshotPaths.meta(label));
    return { info, meta: decodeMeta(content) };
  } catch {
    throw ctx.fe.errors.handler(
      `Failed to read backup meta from file ${repo.storage.displayPath(snapshotPaths.dir(label))}${FILE_META_INFO}`,
    );
  }
}

/** The tables (and views) to restore, under their target names, with their partitions. */
function selectTables(ctx: ExecContext, stmt: RestoreStmt, meta: SnapshotMeta): RestoreTableRequest[] {
  const label = stmt.label.name;
  const request = (source: SnapshotMeta['tables'][number], ref?: BackupObjectRef): RestoreTableRequest => ({
    source,
    targetName: ref?.alias ?? source.name,
    partitions: ref?.partitions ?? source.partitions.map((p) => p.name),
  });
  if (!stmt.withOnClause) return meta.tables.map((t) => request(t));
  const selected = new Map<string, RestoreTableRequest>();
  for (const ref of stmt.objects.filter((o) => o.kind !== 'FUNCTION')) {
    if (ref.all) {
      const kind = ref.kind === 'VIEW' ? 'VIEW' : ref.kind === 'MV' ? 'MATERIALIZED_VIEW' : 'OLAP';
      for (const t of meta.tables.filter((t) => t.kind === kind)) if (!selected.has(t.name)) selected.set(t.name, request(t));
      continue;
    }
    const name = ref.name?.name ?? '';
    const source = meta.tables.find((t) => t.name === name);
    if (!source) throw ctx.fe.errors.handler(`Table ${name} does not exist in snapshot ${label}`);
    if (ref.temporaryPartitions) throw ctx.fe.errors.handler('Do not support restoring temporary partitions');
    for (const p of ref.partitions ?? []) {
      if (!source.partitions.some((sp) => sp.name === p))
        throw ctx.fe.errors.handler(`Partition ${p} of table ${name} does not exist in snapshot ${label}`);
    }
    selected.set(name, request(source, ref));
  }
  return [...selected.values()];
}

function selectFunctions(ctx: ExecContext, stmt: RestoreStmt, meta: SnapshotMeta): SnapshotMeta['functions'] {
  if (!stmt.withOnClause) return meta.functions;
  const functions: SnapshotMeta['functions'] = [];
  for (const ref of stmt.objects.filter((o) => o.kind === 'FUNCTION')) {
    if (ref.all) {
      functions.push(...meta.functions);
      continue;
    }
    const fn = meta.functions.find((f) => f.name === ref.name?.name);
    if (!fn) throw ctx.fe.errors.handler(`Can not find restore function: ${ref.name?.name}`);
    functions.push(ref.alias ? { ...fn, name: ref.alias } : fn);
  }
  return functions;
}
