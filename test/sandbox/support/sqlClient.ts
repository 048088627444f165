/** Helpers the conformance suite uses to talk to a sandbox the way the extension does: mysql2's `query()`. */
import * as assert from 'node:assert/strict';
import * as mysql from 'mysql2/promise';
import type { SandboxInfo } from '../api';

export type Row = Record<string, unknown>;

export async function connect(info: SandboxInfo, overrides: Partial<mysql.ConnectionOptions> = {}): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: info.host,
    port: info.port,
    user: info.user,
    password: info.password,
    dateStrings: true,
    ...overrides,
  });
}

export async function rows(conn: mysql.Connection, sql: string): Promise<Row[]> {
  const [result] = await conn.query(sql);
  return result as Row[];
}

export async function columns(conn: mysql.Connection, sql: string): Promise<string[]> {
  const [, fields] = await conn.query(sql);
  return (fields ?? []).map((f) => f.name);
}

export interface ServerError {
  errno: number;
  sqlState: string;
  message: string;
}

/** Runs a statement that must fail and returns the server's error. */
export async function sqlError(conn: mysql.Connection, sql: string): Promise<ServerError> {
  try {
    await conn.query(sql);
  } catch (e) {
    const err = e as { errno?: number; sqlState?: string; message: string };
    assert.ok(err.errno, `expected a server error for ${sql}, got ${err.message}`);
    return { errno: err.errno, sqlState: err.sqlState ?? '', message: err.message };
  }
  assert.fail(`expected ${sql} to fail`);
}

/** Asserts a statement fails with exactly this message (and code, when given). */
export async function expectError(
  conn: mysql.Connection,
  sql: string,
  message: string | RegExp,
  errno?: number,
  sqlState?: string,
): Promise<ServerError> {
  const error = await sqlError(conn, sql);
  if (typeof message === 'string') assert.equal(error.message, message, `${sql}\n  got: ${error.message}`);
  else assert.match(error.message, message, `${sql}\n  got: ${error.message}`);
  if (errno !== undefined) assert.equal(error.errno, errno, `errno of ${sql}`);
  if (sqlState !== undefined) assert.equal(error.sqlState, sqlState, `sqlState of ${sql}`);
  return error;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits for the last BACKUP/RESTORE job of `db` to reach one of `states`; returns its row. */
export async function jobInState(
  conn: mysql.Connection,
  kind: 'BACKUP' | 'RESTORE',
  db: string,
  states: string[],
  label?: string,
): Promise<Row> {
  return eventually(
    async () => {
      const [row] = await rows(conn, `SHOW ${kind} FROM ${db}`);
      const labelMatches = label === undefined || row?.[kind === 'BACKUP' ? 'SnapshotName' : 'Label'] === label;
      return row && labelMatches && states.includes(String(row.State)) ? row : undefined;
    },
    `${kind} of ${db} to reach ${states.join('/')}`,
  );
}

export async function finishedJob(conn: mysql.Connection, kind: 'BACKUP' | 'RESTORE', db: string, label?: string): Promise<Row> {
  const row = await jobInState(conn, kind, db, ['FINISHED', 'CANCELLED'], label);
  assert.equal(row.State, 'FINISHED', `${kind} ${label ?? ''} on ${db} ended with ${String(row.Status)}`);
  return row;
}

/** The timestamp of a snapshot as SHOW SNAPSHOT reports it. */
export async function snapshotTimestamp(conn: mysql.Connection, repo: string, label: string): Promise<string> {
  const [row] = await rows(conn, `SHOW SNAPSHOT ON ${repo} WHERE SNAPSHOT = '${label}'`);
  assert.equal(row?.Status, 'OK', `snapshot ${label} is complete`);
  return String(row.Timestamp);
}
