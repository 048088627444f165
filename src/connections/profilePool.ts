/**
 * The mysql2 side: one pool per profile, statements over the text protocol (`query()`), a time
 * limit per statement, and a way to start over with fresh connections after the server dropped
 * them. Errors come out as the driver raised them; `StarRocksSessionImpl` translates them.
 */
import type * as mysql from 'mysql2/promise';
import { POOL_WAIT_TIMEOUT } from './connectionError';
import { loadMysql } from './mysqlDriver';
import type { QueryResult } from './types';

/** Anything mysql2 can run a text-protocol statement on: a pooled or a single connection. */
type Queryable = Pick<mysql.Connection, 'query' | 'destroy'>;

/** Runs one statement with a client-side time limit; a connection that timed out is destroyed, since its protocol state is unknown. */
export async function queryWithTimeout(connection: Queryable, sql: string, timeoutMs: number): Promise<QueryResult> {
  let timer: NodeJS.Timeout | undefined;
  const pending = connection.query({ sql });
  // If the timer wins, the statement's own rejection (from destroy) has no listener left.
  pending.catch(() => undefined);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      connection.destroy();
      reject(Object.assign(new Error(`Statement timed out after ${timeoutMs} ms`), { code: 'QUERY_TIMEOUT' }));
    }, timeoutMs);
  });
  try {
    const [rows, fields] = await Promise.race([pending, timeout]);
    return toQueryResult(rows, fields);
  } finally {
    clearTimeout(timer);
  }
}

function toQueryResult(rows: unknown, fields: mysql.FieldPacket[] | undefined): QueryResult {
  // Statements without a result set (BACKUP, CREATE REPOSITORY, …) answer with an OK packet.
  if (!Array.isArray(rows)) return { rows: [], columns: [] };
  return { rows: rows as Record<string, unknown>[], columns: (fields ?? []).map((f) => f.name) };
}

/**
 * Marks a failure that happened before the statement was handed to the server (no pool, no free
 * connection, no connection at all): such a statement certainly did not run.
 */
function notSent(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) Object.assign(error, { statementNotSent: true });
  return error;
}

/** True when the statement failed before it was sent (see `notSent`). */
export function wasNotSent(error: unknown): boolean {
  return (error as { statementNotSent?: unknown } | undefined)?.statementNotSent === true;
}

/**
 * A connection from the pool, waiting at most `waitMs`: mysql2 queues `getConnection()` without a
 * limit while every connection is busy (a long statement, a stalled server). A connection that
 * arrives after the time ran out goes straight back to the pool, so nothing leaks.
 */
export function acquireWithin(pool: Pick<mysql.Pool, 'getConnection'>, waitMs: number): Promise<mysql.PoolConnection> {
  return new Promise((resolve, reject) => {
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      reject(Object.assign(new Error(`No pooled connection became free within ${waitMs} ms`), { code: POOL_WAIT_TIMEOUT }));
    }, waitMs);
    pool.getConnection().then(
      (connection) => {
        if (expired) connection.release();
        else {
          clearTimeout(timer);
          resolve(connection);
        }
      },
      (error: unknown) => {
        if (expired) return;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

interface PoolEntry {
  pool: mysql.Pool;
  active: number;
  retired: boolean;
  ended?: Promise<void>;
}

/** A profile's connection pool, replaceable as a whole after a connection loss. */
export class ProfilePool {
  private current: PoolEntry | undefined;
  private readonly retiring = new Set<PoolEntry>();
  private closed = false;

  /** `onClose` releases what the pool's connections ran over (the SSH tunnel), after the pool closed. */
  constructor(
    private readonly options: mysql.PoolOptions,
    private readonly onClose?: () => Promise<void>,
  ) {}

  /** Runs one statement; waits at most `waitMs` for a free connection (rejecting with `POOL_WAIT_TIMEOUT`). */
  async query(sql: string, timeoutMs: number, waitMs: number): Promise<QueryResult> {
    let entry: PoolEntry;
    try {
      entry = await this.entry();
    } catch (e) {
      throw notSent(e);
    }
    entry.active++;
    try {
      let connection: mysql.PoolConnection;
      try {
        connection = await acquireWithin(entry.pool, waitMs);
      } catch (e) {
        throw notSent(e);
      }
      try {
        const result = await queryWithTimeout(connection, sql, timeoutMs);
        connection.release();
        return result;
      } catch (e) {
        // A server error leaves the connection usable; anything else (timeout, loss) destroyed it or should.
        if (typeof (e as { errno?: unknown }).errno === 'number' && (e as { sqlState?: unknown }).sqlState) connection.release();
        else connection.destroy();
        throw e;
      }
    } finally {
      entry.active--;
      if (entry.retired && entry.active === 0) void this.end(entry);
    }
  }

  /** The current pool, created on first use. */
  private async entry(): Promise<PoolEntry> {
    const driver = await loadMysql();
    // Checked after loading the driver: close() may have run meanwhile, or another query created the pool.
    if (this.closed) throw Object.assign(new Error('The connection was closed.'), { code: 'PROTOCOL_ENQUEUE_AFTER_QUIT' });
    return (this.current ??= { pool: driver.createPool(this.options), active: 0, retired: false });
  }

  /**
   * After the server dropped connections, idle pooled ones may be dead too: later statements get
   * a new pool, and the old one is closed once the statements still running on it are done.
   */
  recycle(): void {
    const entry = this.current;
    if (!entry) return;
    this.current = undefined;
    entry.retired = true;
    this.retiring.add(entry);
    if (entry.active === 0) void this.end(entry);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.recycle();
    await Promise.all([...this.retiring].map((e) => this.end(e)));
    await this.onClose?.();
  }

  private end(entry: PoolEntry): Promise<void> {
    entry.ended ??= entry.pool.end().then(
      () => undefined,
      // The pool's connections are already gone; nothing left to release.
      () => undefined,
    );
    return entry.ended.finally(() => this.retiring.delete(entry));
  }
}

/** Opens one connection, runs `work` on it and closes it: the wizard's test step and Test Connection. */
export async function withSingleConnection<T>(
  options: mysql.ConnectionOptions,
  work: (run: (sql: string, timeoutMs: number) => Promise<QueryResult>) => Promise<T>,
): Promise<T> {
  const connection = await (await loadMysql()).createConnection(options);
  try {
    return await work((sql, timeoutMs) => queryWithTimeout(connection, sql, timeoutMs));
  } finally {
    connection.end().catch(() => connection.destroy());
  }
}
