/**
 * An open connection to one profile: statements are logged (secrets masked), time-limited,
 * retried once on a fresh connection when a read lost its connection, and their errors turned
 * into `ConnectionError`s that say what to do.
 */
import { redactSql } from '../starrocks/redact';
import { capabilitiesOf } from '../starrocks/version';
import { unknownOutcomeOf } from '../starrocks/writeOutcome';
import { ConnectionError, isConnectionFailureKind, isConnectionLoss, toConnectionError, type ErrorContext } from './connectionError';
import { wasNotSent, type ProfilePool } from './profilePool';
import type { Translate } from './profileValidation';
import { isReadOnlyStatement } from '../starrocks/statementClass';
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
      /** How long a statement may wait for a free pooled connection; read for every statement. */
      poolWaitSeconds: () => number;
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
    const poolWaitSeconds = this.options.poolWaitSeconds();
    const context = {
      ...this.errorContext,
      caps: this.server.version ? this.server.capabilities : undefined,
      queryTimeoutSeconds: Math.round(timeoutMs / 1000),
      poolWaitSeconds,
    };
    const waitMs = poolWaitSeconds * 1000;
    try {
      const result = await this.runLogged(sql, timeoutMs, waitMs);
      this.events.onSuccess();
      return result as QueryResult<Row>;
    } catch (first) {
      if (!isConnectionLoss(first)) throw this.fail(first, context, sql);
      // Idle pooled connections may be dead as well: start over with a new pool either way.
      this.pool.recycle();
      // Only reads are ever sent again: a write may already have run (see `statementKind.ts`).
      if (!isReadOnlyStatement(sql)) throw this.fail(first, context, sql);
      this.log.info(`Connection to ${this.profile.host}:${this.profile.port} lost; retrying a read once on a fresh connection.`);
      try {
        const result = await this.runLogged(sql, timeoutMs, waitMs);
        this.events.onSuccess();
        return result as QueryResult<Row>;
      } catch (second) {
        if (isConnectionLoss(second)) this.pool.recycle();
        throw this.fail(second, context, sql);
      }
    }
  }

  /** Closes the pool; the manager drops the session. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async runLogged(sql: string, timeoutMs: number, waitMs: number): Promise<QueryResult> {
    const started = Date.now();
    this.log.debug(`[${this.profile.name}] ${redactSql(sql)}`);
    const result = await this.pool.query(sql, timeoutMs, waitMs);
    this.log.trace(`[${this.profile.name}] ${result.rows.length} row(s) in ${Date.now() - started} ms`);
    return result;
  }

  /**
   * A write that was sent and got no answer (time limit, lost connection) may still be running or
   * may have taken effect: the advice says so and where to look, never "try again".
   */
  private unknownOutcome(error: ConnectionError, sql: string): ConnectionError {
    const outcome = unknownOutcomeOf(sql);
    const advice = [
      this.t('The {0} statement was not sent again: it may still be running on the server, or may have taken effect.', outcome.statement),
      this.t(outcome.advice),
      error.kind === 'timeout' ? this.t('If it needs longer, raise the setting {0}.', 'starrocksBackup.queryTimeoutSeconds') : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    return withAdvice(error, advice, true);
  }

  private fail(error: unknown, context: ErrorContext, sql: string): ConnectionError {
    let translated = toConnectionError(error, context, this.t);
    const noAnswer = translated.kind === 'timeout' || translated.kind === 'connectionLost';
    if (noAnswer && !wasNotSent(error) && !isReadOnlyStatement(sql)) translated = this.unknownOutcome(translated, sql);
    this.log.warn(
      `[${this.profile.name}] ${translated.message}${translated.detail && !translated.message.includes(translated.detail) ? ` (${translated.detail})` : ''}`,
    );
    if (isConnectionFailureKind(translated.kind)) this.events.onConnectionFailure(translated);
    return translated;
  }
}

/** The error with `advice` in place of its generic advice (a lost write must not be "tried again" blindly). */
function withAdvice(error: ConnectionError, advice: string, outcomeUnknown: boolean): ConnectionError {
  const summary =
    error.advice && error.message.endsWith(error.advice) ? error.message.slice(0, -error.advice.length).trim() : error.message;
  return new ConnectionError(`${summary} ${advice}`, {
    kind: error.kind,
    errno: error.errno,
    sqlState: error.sqlState,
    code: error.code,
    advice,
    grant: error.grant,
    detail: error.detail,
    outcomeUnknown,
  });
}
