/**
 * Evaluates expressions: constants and system functions for SELECT without FROM, column values
 * for WHERE / ORDER BY on a table's rows, and literals for INSERT.
 */
import { compareValues, type Row, type TypeFamily } from '../catalog/values';
import type { Expr } from '../sql/ast';

export type Value = string | number | boolean | null;

export interface EvalEnv {
  /** The current row and how a column name maps into it; undefined outside a FROM clause. */
  row?: Row;
  resolveColumn?(name: string): { key: string; family: TypeFamily } | undefined;
  variable(name: string, system: boolean): Value;
  call(name: string, args: Value[]): Value;
  /** Thrown for names the sandbox does not know (the analyzer's error). */
  unknownColumn(name: string): Error;
}

export function evaluate(expr: Expr, env: EvalEnv): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'variable':
      return env.variable(expr.name.toLowerCase(), expr.system);
    case 'column':
      return columnValue(expr.name, env);
    case 'call':
      return env.call(
        expr.name,
        expr.args.map((a) => evaluate(a, env)),
      );
    case 'unary':
      return evaluateUnary(expr.op, evaluate(expr.operand, env));
    case 'binary':
      return evaluateBinary(expr, env);
    case 'in': {
      const value = evaluate(expr.operand, env);
      if (value === null) return null;
      const found = expr.list.some((item) => compare(value, evaluate(item, env), familyOf(expr.operand, env)) === 0);
      return expr.negated ? !found : found;
    }
    case 'isNull': {
      const isNull = evaluate(expr.operand, env) === null;
      return expr.negated ? !isNull : isNull;
    }
    case 'cast':
      return castValue(evaluate(expr.operand, env), expr.type);
    case 'like': {
      const value = evaluate(expr.operand, env);
      const pattern = evaluate(expr.pattern, env);
      if (value === null || pattern === null) return null;
      const matches = likeToRegExp(String(pattern)).test(String(value));
      return expr.negated ? !matches : matches;
    }
  }
}

const TEXT_TYPES = new Set(['VARCHAR', 'CHAR', 'STRING']);
const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INT', 'INTEGER', 'BIGINT', 'LARGEINT']);

/**
 * CAST to text gives the value as the server prints it (the text protocol's form); to an integer,
 * the number truncated toward zero, NULL when it is not a number (StarRocks' CAST returns NULL for
 * text that does not parse). Other targets are not emulated and fail as an unknown type would.
 */
export function castValue(value: Value, type: string): Value {
  if (value === null) return null;
  if (TEXT_TYPES.has(type)) return valueText(value);
  if (INTEGER_TYPES.has(type)) {
    const n = typeof value === 'boolean' ? Number(value) : Number(String(value).trim());
    return String(value).trim() === '' || !Number.isFinite(n) ? null : Math.trunc(n);
  }
  throw new Error(`The sandbox does not emulate CAST to ${type}`);
}

function columnValue(name: string, env: EvalEnv): Value {
  const column = env.resolveColumn?.(name);
  if (!column || !env.row) throw env.unknownColumn(name);
  return env.row[column.key] ?? null;
}

function evaluateUnary(op: string, value: Value): Value {
  if (op === 'NOT') return value === null ? null : !truthy(value);
  if (value === null) return null;
  return op === '-' ? -Number(value) : Number(value);
}

function evaluateBinary(expr: Extract<Expr, { kind: 'binary' }>, env: EvalEnv): Value {
  if (expr.op === 'AND') {
    const left = evaluate(expr.left, env);
    if (left !== null && !truthy(left)) return false;
    const right = evaluate(expr.right, env);
    if (right !== null && !truthy(right)) return false;
    return left === null || right === null ? null : true;
  }
  if (expr.op === 'OR') {
    const left = evaluate(expr.left, env);
    if (left !== null && truthy(left)) return true;
    const right = evaluate(expr.right, env);
    if (right !== null && truthy(right)) return true;
    return left === null || right === null ? null : false;
  }
  const left = evaluate(expr.left, env);
  const right = evaluate(expr.right, env);
  if (expr.op === '<=>') return left === null || right === null ? left === right : compare(left, right, familyOf(expr.left, env)) === 0;
  if (left === null || right === null) return null;
  switch (expr.op) {
    case '+':
      return Number(left) + Number(right);
    case '-':
      return Number(left) - Number(right);
    case '*':
      return Number(left) * Number(right);
    case '/':
      return Number(right) === 0 ? null : Number(left) / Number(right);
    case '%':
      return Number(right) === 0 ? null : Number(left) % Number(right);
    default:
      return compareOp(expr.op, compare(left, right, familyOf(expr.left, env) ?? familyOf(expr.right, env)));
  }
}

function compareOp(op: string, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    default:
      throw new Error(`unknown operator ${op}`);
  }
}

/** The type family of a column reference, so '10' < '9' compares numerically for numbers. */
function familyOf(expr: Expr, env: EvalEnv): TypeFamily | undefined {
  return expr.kind === 'column' ? env.resolveColumn?.(expr.name)?.family : undefined;
}

export function compare(a: Value, b: Value, family?: TypeFamily): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const numeric =
    family === 'integer' ||
    family === 'decimal' ||
    family === 'float' ||
    family === 'boolean' ||
    (typeof a === 'number' && typeof b === 'number');
  if (numeric || (family === undefined && isNumeric(a) && isNumeric(b))) return Math.sign(Number(a) - Number(b));
  return compareValues(String(a), String(b), 'string');
}

function isNumeric(value: Value): boolean {
  return typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
}

export function truthy(value: Value): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  return Number(value) !== 0 && value !== '';
}

export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Text form of a value as the text protocol sends it. */
export function valueText(value: Value): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
