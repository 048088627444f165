/**
 * Session statements and constant queries: SELECT without FROM (system variables and functions,
 * including what mysql2 and the mariadb CLI send on connect), SET, USE, SHOW VARIABLES.
 */
import { formatDateTime } from '../../util/timeFormat';
import type { Expr, SelectStmt, Statement } from '../../sql/ast';
import { ColumnTypes, type ColumnDescription } from '../../wire/packetWriter';
import { evaluate, likeToRegExp, truthy, valueText, type EvalEnv, type Value } from '../evaluator';
import { murmurHash3_32 } from '../murmurHash';
import { OK, varcharResult, type ResultSet } from '../resultSet';
import type { ExecContext } from './context';

/** What `SELECT @@version` answers: StarRocks reports a MySQL 5.1 compatible server. */
export const MYSQL_COMPATIBLE_VERSION = '5.1.0';

function defaultVariables(ctx: ExecContext): Record<string, string> {
  return {
    version: MYSQL_COMPATIBLE_VERSION,
    version_comment: `StarRocks version ${ctx.fe.profile.currentVersion}`,
    autocommit: '1',
    auto_increment_increment: '1',
    character_set_client: 'utf8',
    character_set_connection: 'utf8',
    character_set_results: 'utf8',
    character_set_server: 'utf8',
    collation_connection: 'utf8_general_ci',
    collation_database: 'utf8_general_ci',
    collation_server: 'utf8_general_ci',
    init_connect: '',
    interactive_timeout: '3600',
    language: '/starrocks/share/english/',
    license: 'Apache License 2.0',
    lower_case_table_names: '0',
    max_allowed_packet: '33554432',
    net_buffer_length: '16384',
    net_write_timeout: '60',
    performance_schema: '0',
    query_cache_size: '1048576',
    query_cache_type: '0',
    query_timeout: '300',
    sql_mode: 'ONLY_FULL_GROUP_BY',
    sql_select_limit: '9223372036854775807',
    system_time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    transaction_isolation: 'REPEATABLE-READ',
    tx_isolation: 'REPEATABLE-READ',
    tx_read_only: '0',
    transaction_read_only: '0',
    wait_timeout: '28800',
  };
}

function variableValue(ctx: ExecContext, name: string): string | undefined {
  return ctx.session.variables.get(name) ?? defaultVariables(ctx)[name];
}

/** The evaluation environment for constant expressions (no row). */
export function systemEnv(ctx: ExecContext): EvalEnv {
  return {
    variable: (name, system) => {
      if (!system) return ctx.session.userVariables.get(name) ?? null;
      const value = variableValue(ctx, name);
      if (value === undefined) throw ctx.fe.errors.handler(`Unknown system variable '${name}'`, 'unknownSystemVariable');
      return /^-?\d+$/.test(value) ? Number(value) : value;
    },
    call: (name, args) => callFunction(ctx, name, args),
    unknownColumn: (name) => ctx.fe.errors.analyzing(`Column '${name}' cannot be resolved`),
  };
}

function callFunction(ctx: ExecContext, name: string, args: Value[]): Value {
  switch (name) {
    case 'current_version':
      return ctx.fe.profile.currentVersion;
    case 'version':
      return MYSQL_COMPATIBLE_VERSION;
    case 'database':
    case 'schema':
      return ctx.session.database ?? null;
    case 'user':
    case 'session_user':
      return `'${ctx.session.user}'@'127.0.0.1'`;
    case 'current_user':
      return `'${ctx.session.user}'@'%'`;
    case 'connection_id':
      return ctx.session.connectionId;
    case 'now':
    case 'current_timestamp':
      return formatDateTime(new Date());
    case 'concat':
      return args.some((a) => a === null) ? null : args.map((a) => valueText(a)).join('');
    case 'lower':
    case 'lcase':
      return args[0] === null ? null : String(args[0]).toLowerCase();
    case 'upper':
    case 'ucase':
      return args[0] === null ? null : String(args[0]).toUpperCase();
    case 'length':
      return args[0] === null ? null : Buffer.byteLength(String(args[0]));
    case 'ifnull':
    case 'coalesce':
      return args.find((a) => a !== null) ?? null;
    case 'if':
      return truthy(args[0]) ? args[1] : args[2];
    case 'murmur_hash3_32':
      if (args.length === 0) throw ctx.fe.errors.analyzing('No matching function with signature: murmur_hash3_32()');
      return murmurHash3_32(args.map((a) => valueText(a)));
    default:
      throw ctx.fe.errors.analyzing(`No matching function with signature: ${name}(${args.map(typeName).join(', ')})`);
  }
}

function typeName(value: Value): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'tinyint' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  return value === null ? 'null_type' : 'varchar';
}

export function selectConstants(ctx: ExecContext, stmt: SelectStmt): ResultSet {
  const env = systemEnv(ctx);
  if (stmt.where && !truthy(evaluate(stmt.where, env)))
    return { kind: 'rows', columns: stmt.items.map((i) => ({ name: i.alias ?? i.text })), rows: [] };
  const values = stmt.items.map((item) => {
    if (item.expr === 'star') throw ctx.fe.errors.analyzing('No tables used');
    return evaluate(item.expr, env);
  });
  const columns: ColumnDescription[] = stmt.items.map((item, i) => ({ name: item.alias ?? item.text, type: columnType(values[i]) }));
  const rows = stmt.limit === 0 ? [] : [values.map(valueText)];
  return { kind: 'rows', columns, rows };
}

function columnType(value: Value): number {
  if (typeof value === 'number') return Number.isInteger(value) ? ColumnTypes.LONGLONG : ColumnTypes.DOUBLE;
  if (typeof value === 'boolean') return ColumnTypes.TINY;
  return ColumnTypes.VAR_STRING;
}

export function setVariables(ctx: ExecContext, stmt: Extract<Statement, { type: 'set' }>): ResultSet {
  const env = systemEnv(ctx);
  for (const assignment of stmt.assignments) {
    const value = evaluate(assignment.value, env);
    if (assignment.scope === 'USER') ctx.session.userVariables.set(assignment.name, valueText(value));
    else if (assignment.name === 'names') {
      ctx.session.variables.set('character_set_client', String(value));
      ctx.session.variables.set('character_set_results', String(value));
    } else ctx.session.variables.set(assignment.name, valueText(value) ?? '');
  }
  return OK;
}

export function useDatabase(ctx: ExecContext, db: string): ResultSet {
  if (db !== 'information_schema' && !ctx.fe.catalog.database(db)) throw ctx.fe.errors.unknownDatabase(db);
  ctx.session.database = db;
  return OK;
}

export function showVariables(ctx: ExecContext, stmt: Extract<Statement, { type: 'showVariables' }>): ResultSet {
  const all = { ...defaultVariables(ctx), ...Object.fromEntries(stmt.global ? [] : ctx.session.variables) };
  const like = stmt.like !== undefined ? likeToRegExp(stmt.like) : undefined;
  const rows = Object.entries(all)
    .filter(([name, value]) => (!like || like.test(name)) && (!stmt.where || matchesVariableWhere(ctx, stmt.where, name, value)))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => [name, value]);
  return varcharResult(['Variable_name', 'Value'], rows);
}

/** `SHOW VARIABLES WHERE Variable_name = 'x'` — the columns are the only names in scope. */
function matchesVariableWhere(ctx: ExecContext, where: Expr, name: string, value: string): boolean {
  const env: EvalEnv = {
    ...systemEnv(ctx),
    call: (fn, args) => systemEnv(ctx).call(fn, args),
  };
  const substituted = substituteColumns(where, { variable_name: name, value });
  return truthy(evaluate(substituted, env));
}

function substituteColumns(expr: Expr, values: Record<string, string>): Expr {
  switch (expr.kind) {
    case 'column':
      return { kind: 'literal', value: values[expr.name.toLowerCase()] ?? null };
    case 'binary':
      return { ...expr, left: substituteColumns(expr.left, values), right: substituteColumns(expr.right, values) };
    case 'unary':
      return { ...expr, operand: substituteColumns(expr.operand, values) };
    case 'in':
      return { ...expr, operand: substituteColumns(expr.operand, values), list: expr.list.map((e) => substituteColumns(e, values)) };
    case 'like':
      return { ...expr, operand: substituteColumns(expr.operand, values), pattern: substituteColumns(expr.pattern, values) };
    case 'isNull':
      return { ...expr, operand: substituteColumns(expr.operand, values) };
    default:
      return expr;
  }
}
