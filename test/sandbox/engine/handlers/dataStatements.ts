/**
 * INSERT … VALUES (rows routed to range partitions, strict mode: one bad row fails the load) and
 * SELECT on a table (projection, COUNT/SUM/MIN/MAX, WHERE, ORDER BY, LIMIT).
 */
import type { Partition, Table } from '../../catalog/table';
import { coerceValue, typeFamily, type Row } from '../../catalog/values';
import type { Expr, SelectItem, SelectStmt, Statement } from '../../sql/ast';
import { ColumnTypes, type ColumnDescription } from '../../wire/packetWriter';
import { compare, evaluate, truthy, valueText, type EvalEnv, type Value } from '../evaluator';
import type { ResultSet } from '../resultSet';
import { resolveTable, type ExecContext } from './context';
import { systemEnv } from './systemFunctions';

type InsertStmt = Extract<Statement, { type: 'insert' }>;

let nextTxnId = 1000;

export function insert(ctx: ExecContext, stmt: InsertStmt): ResultSet {
  const { db, table } = resolveTable(ctx, stmt.table);
  ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'INSERT', db: db.name, table: table.name });
  if (!table.isOlap) throw ctx.fe.errors.analyzing(`Table '${table.name}' is not a OLAP table`);
  // A table being restored refuses writes (spec §2.5, "Cannot write RESTORE state table").
  if (table.state === 'RESTORE') throw ctx.fe.errors.handler(`Cannot write RESTORE state table "${table.name}"`);
  const columns = stmt.columns ? stmt.columns.map((name) => table.column(name) ?? failUnknownColumn(ctx, name)) : table.spec.columns;
  const env = systemEnv(ctx);
  const routed: { partition: Partition; row: Row }[] = [];
  const txnId = nextTxnId++;
  for (const values of stmt.rows) {
    if (values.length !== columns.length) throw ctx.fe.errors.analyzing("Column count doesn't match value count");
    const row = buildRow(
      table,
      columns,
      values.map((v) => evaluate(v, env)),
    );
    const partition = row && routeRow(table, row, stmt.partitions);
    if (!row || !partition) throw filtered(ctx, txnId);
    routed.push({ partition, row });
  }
  if (stmt.overwrite) {
    const targets = stmt.partitions ? table.partitions.filter((p) => stmt.partitions?.includes(p.name)) : table.partitions;
    for (const partition of targets) table.replaceRows(partition, []);
  }
  table.insert(routed);
  return { kind: 'ok', affectedRows: routed.length };
}

function failUnknownColumn(ctx: ExecContext, name: string): never {
  throw ctx.fe.errors.analyzing(`Unknown column '${name}'`);
}

/** Coerces each value to its column's type; undefined when one does not fit (the row is filtered). */
function buildRow(table: Table, columns: Table['spec']['columns'], values: Value[]): Row | undefined {
  const row: Row = {};
  for (const column of table.spec.columns) {
    const i = columns.indexOf(column);
    const raw = i >= 0 ? values[i] : (column.defaultValue ?? null);
    const coerced = coerceValue(raw, column.type);
    if ('error' in coerced || (coerced.value === null && !column.nullable)) return undefined;
    row[column.name] = coerced.value;
  }
  return row;
}

function routeRow(table: Table, row: Row, partitions: string[] | undefined): Partition | undefined {
  const partition = table.partitionFor(row);
  if (partition && partitions && !partitions.includes(partition.name)) return undefined;
  return partition;
}

/** What a strict-mode load reports when a row cannot be loaded (no partition, bad value). UNVERIFIED wording details. */
function filtered(ctx: ExecContext, txnId: number) {
  return ctx.fe.errors.handler(
    `Insert has filtered data in strict mode. txn_id = ${txnId} tracking sql = select tracking_log from information_schema.load_tracking_logs where job_id=${txnId}`,
  );
}

const AGGREGATES = new Set(['count', 'sum', 'min', 'max', 'avg']);

export function selectFromTable(ctx: ExecContext, stmt: SelectStmt): ResultSet {
  if (!stmt.from) throw new Error('selectFromTable needs FROM');
  const { db, table } = resolveTable(ctx, stmt.from);
  ctx.fe.accounts.require(ctx.session.user, { on: 'TABLE', privilege: 'SELECT', db: db.name, table: table.name });
  // Views are kept as metadata (for BACKUP / RESTORE); the sandbox does not evaluate their queries.
  if (!table.isOlap) throw ctx.fe.errors.handler(`The sandbox does not query views: ${db.name}.${table.name} is a ${table.spec.kind}`);
  const base = systemEnv(ctx);
  const resolveColumn = (name: string) => {
    const column = table.column(name);
    return column ? { key: column.name, family: typeFamily(column.type) } : undefined;
  };
  const envFor = (row: Row): EvalEnv => ({
    ...base,
    row,
    resolveColumn,
    unknownColumn: (name) => ctx.fe.errors.analyzing(`Column '${name}' cannot be resolved`),
  });
  const checkEnv = envFor(Object.fromEntries(table.spec.columns.map((c) => [c.name, null])));
  for (const item of stmt.items) if (item.expr !== 'star') checkColumns(item.expr, checkEnv);
  let rows = scannedRows(ctx, table, stmt).filter((row) => !stmt.where || truthy(evaluate(stmt.where, envFor(row))));
  const items = expandStar(stmt.items, table);
  if (items.some((item) => isAggregate(item.expr))) return aggregateResult(items, rows, table, envFor);
  rows = sortRows(rows, stmt, items, table, envFor);
  rows = rows.slice(stmt.offset ?? 0, stmt.limit === undefined ? undefined : (stmt.offset ?? 0) + stmt.limit);
  return {
    kind: 'rows',
    columns: items.map((item) => describeItem(item, table, db.name)),
    rows: rows.map((row) => items.map((item) => valueText(evaluate(item.expr as Expr, envFor(row))))),
  };
}

/**
 * The rows a FROM clause reads: every partition, or those its PARTITION (…) names. Partition names
 * are looked up case-insensitively (OlapTable keeps them in a case-insensitive map); an unknown one
 * fails analysis with `Unknown partition 'p' in table 't'` (ErrorCode.ERR_UNKNOWN_PARTITION text;
 * UNVERIFIED that the query analyzer wraps it exactly so). The sandbox keeps no temporary
 * partitions, so every TEMPORARY PARTITION name is unknown.
 */
function scannedRows(ctx: ExecContext, table: Table, stmt: SelectStmt): Row[] {
  if (!stmt.partitions) return table.rows();
  const chosen = stmt.partitions.names.map((name) => {
    const partition = stmt.partitions?.temporary ? undefined : table.partitions.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!partition) throw ctx.fe.errors.analyzing(`Unknown partition '${name}' in table '${table.name}'`);
    return partition;
  });
  return [...new Set(chosen)].flatMap((p) => table.rows(p));
}

/** Fails early on unknown columns, as the analyzer does even for an empty table. */
function checkColumns(expr: Expr, env: EvalEnv): void {
  if (expr.kind === 'call' && AGGREGATES.has(expr.name)) return expr.args.forEach((a) => checkColumns(a, env));
  evaluate(expr, env);
}

function expandStar(items: SelectItem[], table: Table): SelectItem[] {
  return items.flatMap((item) =>
    item.expr === 'star' ? table.spec.columns.map((c) => ({ expr: { kind: 'column', name: c.name } as Expr, text: c.name })) : [item],
  );
}

function isAggregate(expr: SelectItem['expr']): boolean {
  return expr !== 'star' && expr.kind === 'call' && AGGREGATES.has(expr.name);
}

function aggregateResult(items: SelectItem[], rows: Row[], table: Table, envFor: (row: Row) => EvalEnv): ResultSet {
  const values = items.map((item) => {
    const expr = item.expr as Expr;
    if (expr.kind !== 'call' || !AGGREGATES.has(expr.name)) return rows.length > 0 ? valueText(evaluate(expr, envFor(rows[0]))) : null;
    const inputs = expr.star
      ? rows.map(() => 1 as Value)
      : rows.map((row) => evaluate(expr.args[0], envFor(row))).filter((v) => v !== null);
    switch (expr.name) {
      case 'count':
        return String(inputs.length);
      case 'sum':
        if (!inputs.length) return null;
        // SUM of an integer type is a BIGINT: summed exactly (a double would lose digits past 2^53).
        if (isIntegerExpr(expr.args[0], table)) return String(inputs.reduce<bigint>((s, v) => s + BigInt(Number(v)), 0n));
        return String(inputs.reduce<number>((s, v) => s + Number(v), 0));
      case 'avg':
        return inputs.length ? String(inputs.reduce<number>((s, v) => s + Number(v), 0) / inputs.length) : null;
      default: {
        if (!inputs.length) return null;
        const sorted = [...inputs].sort((a, b) => compare(a, b, familyOfExpr(expr.args[0], table)));
        return valueText(expr.name === 'min' ? sorted[0] : sorted[sorted.length - 1]);
      }
    }
  });
  const columns = items.map((item) => {
    const expr = item.expr as Expr;
    const name = item.alias ?? item.text;
    if (expr.kind === 'call' && expr.name === 'count') return { name, type: ColumnTypes.LONGLONG };
    if (expr.kind === 'call' && expr.name === 'sum' && isIntegerExpr(expr.args[0], table)) return { name, type: ColumnTypes.LONGLONG };
    if (expr.kind === 'call' && (expr.name === 'sum' || expr.name === 'avg')) return { name, type: ColumnTypes.DOUBLE };
    return { name };
  });
  return { kind: 'rows', columns, rows: [values] };
}

/** Functions whose result is an integer type (so SUM over them is a BIGINT). */
const INTEGER_FUNCTIONS = new Set(['murmur_hash3_32', 'length', 'connection_id']);

function isIntegerExpr(expr: Expr | undefined, table: Table): boolean {
  if (expr === undefined) return false;
  if (expr.kind === 'call') return INTEGER_FUNCTIONS.has(expr.name);
  if (expr.kind === 'literal') return typeof expr.value === 'number' && Number.isInteger(expr.value);
  const family = familyOfExpr(expr, table);
  return family === 'integer' || family === 'boolean';
}

function familyOfExpr(expr: Expr | undefined, table: Table) {
  const column = expr?.kind === 'column' ? table.column(expr.name) : undefined;
  return column ? typeFamily(column.type) : undefined;
}

function sortRows(rows: Row[], stmt: SelectStmt, items: SelectItem[], table: Table, envFor: (row: Row) => EvalEnv): Row[] {
  if (stmt.orderBy.length === 0) return rows;
  const keys = stmt.orderBy.map((order) => {
    // ORDER BY 2 (ordinal) and ORDER BY alias refer to the select list.
    const byOrdinal = order.expr.kind === 'literal' && typeof order.expr.value === 'number' ? items[order.expr.value - 1]?.expr : undefined;
    const byAlias = order.expr.kind === 'column' ? items.find((i) => i.alias === (order.expr as { name: string }).name)?.expr : undefined;
    const expr = (byOrdinal ?? byAlias ?? order.expr) as Expr;
    return { expr, descending: order.descending, family: familyOfExpr(expr, table) };
  });
  return [...rows].sort((a, b) => {
    for (const key of keys) {
      const c = compare(evaluate(key.expr, envFor(a)), evaluate(key.expr, envFor(b)), key.family);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  });
}

/** Column metadata with the MySQL type of the column, so clients convert values as from a real FE. */
function describeItem(item: SelectItem, table: Table, dbName: string): ColumnDescription {
  const expr = item.expr as Expr;
  const name = item.alias ?? (expr.kind === 'column' ? (table.column(expr.name)?.name ?? expr.name) : item.text);
  const column = expr.kind === 'column' ? table.column(expr.name) : undefined;
  if (!column) return { name };
  const type = MYSQL_TYPES[column.type.name.replace(/ UNSIGNED$/, '')] ?? ColumnTypes.VAR_STRING;
  const decimals = type === ColumnTypes.NEWDECIMAL ? (column.type.args[1] ?? 0) : undefined;
  return { name, type, decimals, schema: dbName, table: table.name };
}

const MYSQL_TYPES: Record<string, number> = {
  TINYINT: ColumnTypes.TINY,
  BOOLEAN: ColumnTypes.TINY,
  SMALLINT: ColumnTypes.SHORT,
  INT: ColumnTypes.LONG,
  INTEGER: ColumnTypes.LONG,
  BIGINT: ColumnTypes.LONGLONG,
  FLOAT: ColumnTypes.FLOAT,
  DOUBLE: ColumnTypes.DOUBLE,
  DECIMAL: ColumnTypes.NEWDECIMAL,
  DECIMALV2: ColumnTypes.NEWDECIMAL,
  DECIMAL32: ColumnTypes.NEWDECIMAL,
  DECIMAL64: ColumnTypes.NEWDECIMAL,
  DECIMAL128: ColumnTypes.NEWDECIMAL,
  DATE: ColumnTypes.DATE,
  DATETIME: ColumnTypes.DATETIME,
};
