/**
 * BACKUP: analyzer checks (database, label, repository, objects, properties), then privileges,
 * then the handler's checks at submit time (spec §2.4), then the job is queued and the
 * statement answers OK.
 */
import type { Database, FunctionDef } from '../../catalog/catalog';
import { BackupJob, type BackupTarget } from '../../jobs/backupJob';
import { listSnapshotLabels } from '../../repository/snapshotListing';
import type { BackupObjectRef, BackupStmt } from '../../sql/ast';
import { OK, type ResultSet } from '../resultSet';
import { resolveDatabase, type ExecContext } from './context';
import { parseBackupProperties } from './jobProperties';
import { positioned } from './positions';

export async function backup(ctx: ExecContext, stmt: BackupStmt): Promise<ResultSet> {
  const { fe } = ctx;
  if (stmt.externalCatalogs) return backupExternalCatalogs(ctx, stmt);
  if (stmt.database && stmt.label.db)
    throw fe.errors.analyzing(`Can not specify database ${stmt.label.db} in snapshot name when DATABASE ${stmt.database} is given`);
  const db = resolveDatabase(ctx, stmt.database ?? stmt.label.db);
  if (!stmt.label.name) throw fe.errors.analyzing(`Incorrect label name '${stmt.label.name}'`, 'wrongLabelName');
  const repo = fe.repositories.get(stmt.repo);
  if (!repo) throw fe.errors.analyzing(`Repository [${stmt.repo}] does not exist`, 'commonError');
  const { targets, functions } = resolveObjects(ctx, db, stmt);
  const properties = parseBackupProperties(stmt.properties, fe.errors, fe.profile.snapshotRetention);

  fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'REPOSITORY' });
  if (fe.profile.rbac && targets.length === 0 && functions.length === 0) throw fe.errors.analyzing(`Database: ${db.name} is empty`);
  for (const target of targets)
    fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'EXPORT', db: db.name, table: target.table.name });

  if (repo.readOnly) throw fe.errors.handler(`Repository ${repo.name} is read only`);
  refuseUnsupportedTables(ctx, targets);
  if (properties.type === 'INCREMENTAL') throw fe.errors.handler('Currently does not support incremental backup');
  if (stmt.objects.some((o) => o.temporaryPartitions)) throw fe.errors.handler('Do not support backing up temp partitions');
  let labels: string[];
  try {
    labels = await listSnapshotLabels(repo.storage);
  } catch (e) {
    throw fe.errors.handler(`Failed to list snapshots in repo: ${repo.name}, err: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (labels.includes(stmt.label.name)) throw fe.errors.handler(`Snapshot with name '${stmt.label.name}' already exist in repository`);
  if (fe.jobs.isBusy(db.id)) throw fe.errors.handler('Can only run one backup or restore job of a database at same time');

  const job = new BackupJob(
    {
      label: stmt.label.name,
      db,
      repo,
      timeoutMs: properties.timeoutMs,
      targets,
      functions,
      retention: fe.profile.snapshotRetention ? { clusterId: fe.clusterId, ttl: properties.ttl, ttlMs: properties.ttlMs } : undefined,
      filesPerStep: () => fe.jobs.filesPerStep,
    },
    () => fe.catalog.ids.next(),
  );
  if (properties.ttlMs !== undefined) fe.ttlSnapshots.push({ repo: repo.name, label: stmt.label.name });
  fe.jobs.submit(job);
  return OK;
}

/**
 * BackupHandler.backup walks the analyzer's table list in its order (a case-insensitive TreeMap,
 * so by name) and refuses the first table its version cannot back up. Before 3.4 the analyzer puts
 * every table of the database in that list when there is no ON clause, views included, so a
 * database-wide BACKUP of a database holding a view fails here.
 * Before 3.4 (`!tbl.isOlapTable()`, 3.2–3.3 `!tbl.isOlapTableOrMaterializedView()` → ERR_NOT_OLAP_TABLE):
 * `Table 'v' is not a OLAP table` — copies @014f91e2 (3.0/3.1) and gengjun-git @69b7ab08 (3.2/3.3
 * era: MV backup, no views), and the docs' "logical views (supported from v3.4.0 onwards)".
 * 3.4+ (`!tbl.isSupportBackupRestore()`, ERR_COMMON_ERROR): `Table: v can not support backup restore,
 * type: <TableType>` for what it still cannot back up; views pass.
 * UNVERIFIED: the 3.3 number of ERR_NOT_OLAP_TABLE (5503 after the renumbering, 5000 before it).
 */
function refuseUnsupportedTables(ctx: ExecContext, targets: BackupTarget[]): void {
  const { profile } = ctx.fe;
  const sorted = [...targets].sort((a, b) => a.table.name.toLowerCase().localeCompare(b.table.name.toLowerCase()));
  const refused = sorted.find((t) => !profile.backupTableKinds.includes(t.table.spec.kind));
  if (!refused) return;
  const name = refused.table.name;
  if (!profile.newBackupGrammar) throw ctx.fe.errors.handler(`Table '${name}' is not a OLAP table`, 'notOlapTable');
  throw ctx.fe.errors.handler(`Table: ${name} can not support backup restore, type: ${refused.table.spec.kind}`);
}

/** What a BACKUP covers: the ON list, or every table, view (and 3.4+: function) of the database. */
function resolveObjects(ctx: ExecContext, db: Database, stmt: BackupStmt): { targets: BackupTarget[]; functions: FunctionDef[] } {
  const tables = [...db.tables.values()];
  if (!stmt.withOnClause) {
    // 2.x's analyzer collects materialized views too (and the handler then refuses them); later
    // ones skip them here as a cluster with enable_backup_materialized_view=false does.
    const collected = ctx.fe.profile.backupTableKinds.includes('MATERIALIZED_VIEW')
      ? tables.filter((t) => t.spec.kind !== 'MATERIALIZED_VIEW')
      : tables;
    return { targets: collected.map((table) => ({ table })), functions: ctx.fe.profile.newBackupGrammar ? [...db.functions.values()] : [] };
  }
  const targets: BackupTarget[] = [];
  const functions: FunctionDef[] = [];
  const seen = new Set<string>();
  const add = (target: BackupTarget, ref: BackupObjectRef | undefined) => {
    const key = target.table.name.toLowerCase();
    if (seen.has(key)) {
      if (ref && !ref.all) throw positioned(ctx, `Duplicated table: ${target.table.name}`, ref.pos);
      return;
    }
    seen.add(key);
    targets.push(target);
  };
  // Named objects first, so an explicit partition list wins over a later ALL TABLES.
  for (const ref of [...stmt.objects].sort((a, b) => Number(a.all) - Number(b.all))) {
    if (ref.kind === 'FUNCTION') {
      functions.push(...resolveFunctions(ctx, db, ref));
      continue;
    }
    if (ref.all) {
      const kind = ref.kind === 'VIEW' ? 'VIEW' : ref.kind === 'MV' ? 'MATERIALIZED_VIEW' : 'OLAP';
      for (const table of tables.filter((t) => t.spec.kind === kind)) add({ table }, undefined);
      continue;
    }
    add(resolveNamedTable(ctx, db, ref), ref);
  }
  return { targets, functions };
}

function resolveNamedTable(ctx: ExecContext, db: Database, ref: BackupObjectRef): BackupTarget {
  const name = ref.name?.name ?? '';
  const table = db.table(name);
  const kindMatches =
    table && (ref.kind === 'VIEW' ? table.spec.kind === 'VIEW' : ref.kind === 'MV' ? table.spec.kind === 'MATERIALIZED_VIEW' : true);
  if (!table || !kindMatches) throw ctx.fe.errors.analyzing(`Incorrect table name '${name}'`);
  if (ref.alias !== undefined) {
    throw positioned(ctx, `Can not set alias for table in Backup Stmt: ${db.name}.${table.name} AS ${ref.alias}`, ref.pos);
  }
  for (const partition of ref.partitions ?? []) {
    if (!table.partition(partition)) throw positioned(ctx, `partition[${partition}] does not exist  in table${table.name}`, ref.pos);
  }
  return { table, partitions: ref.partitions };
}

function resolveFunctions(ctx: ExecContext, db: Database, ref: BackupObjectRef): FunctionDef[] {
  if (ref.all) return [...db.functions.values()];
  const fn = db.functions.get(ref.name?.name ?? '');
  if (!fn) throw ctx.fe.errors.handler(`Invalid backup function(s), function name: ${ref.name?.name}`);
  return [fn];
}

/**
 * External-catalog backups (3.4+): the analyzer's and handler's refusals are emulated; a backup of
 * existing external catalogs is not (the sandbox has no catalog metadata to snapshot).
 */
function backupExternalCatalogs(ctx: ExecContext, stmt: BackupStmt): ResultSet {
  const { fe } = ctx;
  if (stmt.database || stmt.label.db || stmt.withOnClause) {
    throw fe.errors.analyzing('Can not specify database, qualified snapshot name or ON clause when backing up external catalogs');
  }
  const catalogs = stmt.externalCatalogs?.all ? [...fe.catalog.externalCatalogs.keys()] : (stmt.externalCatalogs?.names ?? []);
  if (catalogs.length === 0) throw fe.errors.analyzing('No external catalog can be backed up');
  for (const name of catalogs)
    if (!fe.catalog.externalCatalogs.has(name)) throw fe.errors.handler(`external catalog ${name} does not existed.`);
  throw fe.errors.handler('The sandbox does not emulate backups of external catalogs');
}
