/**
 * CREATE / DROP of databases, tables, views, functions and external catalogs. Views, functions
 * and catalogs are metadata only; tables get their partitions and tablets.
 */
import { columnsFromDefs, propertiesToRecord, type TableSpec } from '../../catalog/table';
import { coerceValue, type CellValue } from '../../catalog/values';
import type { CreateTableStmt, Statement } from '../../sql/ast';
import { OK, type ResultSet } from '../resultSet';
import { resolveDatabase, resolveTable, type ExecContext } from './context';

type Stmt<T extends Statement['type']> = Extract<Statement, { type: T }>;

/** Default bucket count when DISTRIBUTED BY omits BUCKETS (the FE picks one automatically). */
const DEFAULT_BUCKETS = 3;

export function createDatabase(ctx: ExecContext, stmt: Stmt<'createDatabase'>): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'CATALOG', privilege: 'CREATE DATABASE' });
  if (ctx.fe.catalog.database(stmt.name) || stmt.name === 'information_schema') {
    if (stmt.ifNotExists) return OK;
    throw ctx.fe.errors.handler(`Can't create database '${stmt.name}'; database exists`, 'dbExists');
  }
  ctx.fe.catalog.createDatabase(stmt.name);
  return OK;
}

export function dropDatabase(ctx: ExecContext, stmt: Stmt<'dropDatabase'>): ResultSet {
  const db = ctx.fe.catalog.database(stmt.name);
  if (!db) {
    if (stmt.ifExists) return OK;
    throw ctx.fe.errors.handler(`Can't drop database '${stmt.name}'; database doesn't exist`, 'badDb');
  }
  ctx.fe.accounts.require(ctx.session.user, { on: 'DATABASE', privilege: 'DROP', db: db.name });
  ctx.fe.jobs.forgetDatabase(db.id);
  ctx.fe.catalog.dropDatabase(stmt.name);
  if (ctx.session.database === stmt.name) ctx.session.database = undefined;
  return OK;
}

export function createTable(ctx: ExecContext, stmt: CreateTableStmt): ResultSet {
  const db = resolveDatabase(ctx, stmt.name.db);
  ctx.fe.accounts.require(ctx.session.user, { on: 'DATABASE', privilege: 'CREATE TABLE', db: db.name });
  if (db.table(stmt.name.name)) {
    if (stmt.ifNotExists) return OK;
    throw ctx.fe.errors.handler(`Table '${stmt.name.name}' already exists`, 'tableExists');
  }
  const spec = tableSpec(ctx, stmt);
  const table = ctx.fe.catalog.createTable(db, spec);
  if (!stmt.partitionBy) {
    // An unpartitioned table has one partition named like the table.
    table.addPartition(table.name, undefined, undefined);
    return OK;
  }
  const column = table.partitionColumnDef();
  let lower: CellValue | undefined;
  for (const def of stmt.partitionBy.partitions) {
    const raw = def.lessThan[0];
    let upper: CellValue | undefined;
    if (raw !== undefined) {
      const coerced = coerceValue(raw, column.type);
      if ('error' in coerced) {
        db.tables.delete(table.name);
        throw ctx.fe.errors.analyzing(`Invalid range value format: ${coerced.error}`);
      }
      upper = coerced.value;
    }
    table.addPartition(def.name, lower, upper);
    lower = upper;
  }
  return OK;
}

function tableSpec(ctx: ExecContext, stmt: CreateTableStmt): TableSpec {
  const names = new Set(stmt.columns.map((c) => c.name.toLowerCase()));
  const keysType = stmt.keys?.type ?? 'DUPLICATE';
  const keyColumns = stmt.keys?.columns ?? [stmt.columns[0].name];
  const partitionColumn = stmt.partitionBy?.columns[0];
  const distributionColumns = stmt.distribution?.random ? [] : (stmt.distribution?.columns ?? [keyColumns[0]]);
  for (const column of [...keyColumns, ...(partitionColumn ? [partitionColumn] : []), ...distributionColumns]) {
    if (!names.has(column.toLowerCase())) throw ctx.fe.errors.analyzing(`Unknown column '${column}' in '${stmt.name.name}'`);
  }
  const properties = propertiesToRecord(stmt.properties);
  properties.replication_num ??= String(ctx.fe.defaultReplicationNum);
  return {
    name: stmt.name.name,
    kind: 'OLAP',
    columns: columnsFromDefs(stmt.columns, keyColumns),
    keysType,
    partitionColumn,
    distributionColumns,
    buckets: stmt.distribution?.buckets ?? DEFAULT_BUCKETS,
    properties,
    comment: stmt.comment,
  };
}

export function dropTable(ctx: ExecContext, stmt: Stmt<'dropTable'>): ResultSet {
  const db = resolveDatabase(ctx, stmt.name.db);
  const table = db.table(stmt.name.name);
  if (!table || (stmt.view && table.spec.kind !== 'VIEW')) {
    if (stmt.ifExists) return OK;
    throw ctx.fe.errors.handler(`Unknown table '${stmt.name.name}'`, 'badTable');
  }
  ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'DROP', db: db.name, table: table.name });
  db.tables.delete(table.name);
  return OK;
}

export function createView(ctx: ExecContext, stmt: Stmt<'createView'>): ResultSet {
  const db = resolveDatabase(ctx, stmt.name.db);
  ctx.fe.accounts.require(ctx.session.user, { on: 'DATABASE', privilege: 'CREATE VIEW', db: db.name });
  const existing = db.table(stmt.name.name);
  if (existing && !stmt.orReplace) {
    if (stmt.ifNotExists) return OK;
    throw ctx.fe.errors.handler(`Table '${stmt.name.name}' already exists`, 'tableExists');
  }
  if (existing) db.tables.delete(existing.name);
  ctx.fe.catalog.createTable(db, {
    name: stmt.name.name,
    kind: 'VIEW',
    columns: [],
    keysType: 'DUPLICATE',
    distributionColumns: [],
    buckets: 0,
    properties: {},
    viewQuery: stmt.query,
  });
  return OK;
}

export function createFunction(ctx: ExecContext, stmt: Stmt<'createFunction'>): ResultSet {
  const fn = {
    name: stmt.name.name,
    signature: stmt.signature,
    returns: stmt.returns,
    aggregate: stmt.aggregate,
    properties: propertiesToRecord(stmt.properties),
  };
  if (stmt.global) {
    ctx.fe.catalog.globalFunctions.set(fn.name, fn);
    return OK;
  }
  const db = resolveDatabase(ctx, stmt.name.db);
  ctx.fe.accounts.require(ctx.session.user, { on: 'DATABASE', privilege: 'CREATE FUNCTION', db: db.name });
  if (db.functions.has(fn.name)) throw ctx.fe.errors.handler(`function already exists: ${fn.name}(${fn.signature})`);
  db.functions.set(fn.name, fn);
  return OK;
}

export function dropFunction(ctx: ExecContext, stmt: Stmt<'dropFunction'>): ResultSet {
  const db = resolveDatabase(ctx, stmt.name.db);
  if (!db.functions.delete(stmt.name.name) && !stmt.ifExists)
    throw ctx.fe.errors.handler(`Unknown function ${stmt.name.name}(${stmt.signature})`);
  return OK;
}

export function createCatalog(ctx: ExecContext, stmt: Stmt<'createCatalog'>): ResultSet {
  ctx.fe.accounts.require(ctx.session.user, { on: 'SYSTEM', privilege: 'CREATE EXTERNAL CATALOG' });
  if (ctx.fe.catalog.externalCatalogs.has(stmt.name) || stmt.name === 'default_catalog') {
    if (stmt.ifNotExists) return OK;
    throw ctx.fe.errors.handler(`Can't create catalog '${stmt.name}'; catalog exists`);
  }
  if (!stmt.properties.get('type')) throw ctx.fe.errors.analyzing("Missing properties 'type'");
  ctx.fe.catalog.externalCatalogs.set(stmt.name, {
    name: stmt.name,
    comment: stmt.comment,
    properties: propertiesToRecord(stmt.properties),
  });
  return OK;
}

export function dropCatalog(ctx: ExecContext, stmt: Stmt<'dropCatalog'>): ResultSet {
  if (!ctx.fe.catalog.externalCatalogs.delete(stmt.name) && !stmt.ifExists) throw ctx.fe.errors.handler(`Unknown catalog '${stmt.name}'`);
  return OK;
}

export function truncateTable(ctx: ExecContext, stmt: Stmt<'truncate'>): ResultSet {
  const { db, table } = resolveTable(ctx, stmt.table);
  ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'DELETE', db: db.name, table: table.name });
  if (table.state !== 'NORMAL') throw ctx.fe.errors.handler(`Table[${table.name}]'s state is not NORMAL. Do not allow doing ALTER ops`);
  for (const partition of table.partitions) table.replaceRows(partition, []);
  return OK;
}
