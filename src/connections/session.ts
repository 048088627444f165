/**
 * An open connection to one profile: statements are logged (secrets masked), time-limited,
 * retried once on a fresh connection when a read lost its connection, and their errors turned
 * into `ConnectionError`s that say what to do.
 */
import { redactSql } from '../starrocks/redact';
import { capabilitiesOf } from '../starrocks/version';
import { ConnectionError, isConnectionLoss, toConnectionError, type ErrorContext } from './connectionError';
import type { ProfilePool } from './profilePool';
import type { Translate } from './profileValidation';
import { isReadOnlyStatement, leadingKeywords } from '../starrocks/statementClass';
import type { ConnectionProfile, QueryResult, ServerInfo, StarRocksSession } from './types';

/** The part of a LogOutputChannel a session writes to. */
export interface SessionLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export interface SessionEvents {
  /** A statement failed because the server could not be reached or the connection broke. */
  onConnectionFailure(error: ConnectionError): void;
  /** A statement succeeded (after failures, the connection is healthy again). */
  onSuccess(): void;
}

export class StarRocksSessionImpl implements StarRocksSession {
  /** Set by the manager once the probes ran; until then, what an unknown server can do. */
  server: ServerInfo = { version: undefined, capabilities: capabilitiesOf(undefined), sharedData: false };

  constructor(
    readonly profile: ConnectionProfile,
    private readonly pool: ProfilePool,
    private readonly errorContext: ErrorContext,
    private readonly options: {
      log: SessionLog;
      events: SessionEvents;
      t: Translate;
      /** Read for every statement, so a changed setting applies at once. */
      queryTimeoutSeconds: () => number;
    },
  ) {}

  private get log(): SessionLog {
    return this.options.log;
  }

  private get events(): SessionEvents {
    return this.options.events;
  }

  private get t(): Translate {
    return this.options.t;
  }

  async query<Row = Record<string, unknown>>(sql: string, options?: { timeoutMs?: number }): Promise<QueryResult<Row>> {
    const timeoutMs = options?.timeoutMs ?? this.options.queryTimeoutSeconds() * 1000;
    // Known capabilities pick the right GRANT (RBAC or ADMIN) in permission errors.
    const context = { ...this.errorContext, caps: this.server.version ? this.server.capabilities : undefined, queryTimeoutSeconds: Math.round(timeoutMs / 1000) };
    try {
      const result = await this.runLogged(sql, timeoutMs);
      this.events.onSuccess();
      return result as QueryResult<Row>;
    } catch (first) {
      if (!isConnectionLoss(first)) throw this.fail(first, context);
      // Idle pooled connections may be dead as well: start over with a new pool either way.
      this.pool.recycle();
      if (!isReadOnlyStatement(sql)) throw this.fail(first, context, this.notRetried(sql));
      this.log.info(`Connection to ${this.profile.host}:${this.profile.port} lost; retrying a read once on a fresh connection.`);
      try {
        const result = await this.runLogged(sql, timeoutMs);
        this.events.onSuccess();
        return result as QueryResult<Row>;
      } catch (second) {
        if (isConnectionLoss(second)) this.pool.recycle();
        throw this.fail(second, context);
      }
    }
  }

  /** Closes the pool; the manager drops the session. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async runLogged(sql: string, timeoutMs: number): Promise<QueryResult> {
    const started = Date.now();
    this.log.debug(`[${this.profile.name}] ${redactSql(sql)}`);
    const result = await this.pool.query(sql, timeoutMs);
    this.log.trace(`[${this.profile.name}] ${result.rows.length} row(s) in ${Date.now() - started} ms`);
    return result;
  }

  private notRetried(sql: string): string {
    const statement = leadingKeywords(sql).join(' ');
    return this.t('The {0} statement was not sent again, because it may already have run on the server. Check its state (for BACKUP/RESTORE: SHOW BACKUP / SHOW RESTORE) before running it again.', statement);
  }

  private fail(error: unknown, context: ErrorContext, extra?: string): ConnectionError {
    let translated = toConnectionError(error, context, this.t);
    if (extra) translated = withAdvice(translated, extra);
    this.log.warn(`[${this.profile.name}] ${translated.message}${translated.detail && !translated.message.includes(translated.detail) ? ` (${translated.detail})` : ''}`);
    if (['unreachable', 'timeout', 'connectionLost', 'tls', 'auth'].includes(translated.kind)) this.events.onConnectionFailure(translated);
    return translated;
  }
}

/** The error with `advice` in place of its generic advice (a lost write must not be "tried again" blindly). */
function withAdvice(error: ConnectionError, advice: string): ConnectionError {
  const summary = error.advice && error.message.endsWith(error.advice) ? error.message.slice(0, -error.advice.length).trim() : error.message;
  return new ConnectionError(`${summary} ${advice}`, {
    kind: error.kind,
    errno: error.errno,
    sqlState: error.sqlState,
    code: error.code,
    advice,
    grant: error.grant,
    detail: error.detail,
  });
}
