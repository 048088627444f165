/**
 * `ConnectionError`: what went wrong talking to StarRocks, phrased as what to do about it.
 *
 * The dialect (`explainServerError`) explains the failure: network and TLS problems, StarRocks'
 * messages, and the GRANT that fixes a missing privilege. This layer classifies it for the rest of
 * the extension (`kind`: may it retry? should the tree show the connection as failed?) and adds what
 * only it knows: which server, which setting or command helps. Pure (no `vscode`).
 */
import { explainServerError, type ErrorKind, type ExplainedError } from '../starrocks/errors';
import { redactSql } from '../starrocks/redact';
import type { Capabilities } from '../starrocks/version';
import { english, formatHostPort, type Translate } from './profileValidation';

export type ConnectionErrorKind =
  /** DNS failure, refused or unreachable. */
  | 'unreachable'
  /** No answer in time (connect or statement). */
  | 'timeout'
  /** Wrong user or password, or an authentication method the profile does not allow. */
  | 'auth'
  /** TLS handshake or certificate problem. */
  | 'tls'
  /** A privilege is missing; `grant` says which GRANT fixes it. */
  | 'permission'
  /** Another BACKUP/RESTORE runs in the database, or the server is otherwise busy. */
  | 'busy'
  /** The connection dropped while a statement ran. */
  | 'connectionLost'
  /** The profile itself is unusable (clear text without TLS, unreadable CA file, …). */
  | 'config'
  /** The user dismissed a password prompt. */
  | 'cancelled'
  /** The server answers MySQL's protocol but is not StarRocks (MySQL, MariaDB): wrong host or port. */
  | 'notStarRocks'
  /** Any other error the server reported. */
  | 'server'
  /** The SSH bastion of the connection's tunnel cannot be reached or does not speak SSH. */
  | 'bastionUnreachable'
  /** The SSH bastion refused the login (user, key, passphrase, password or agent): not the database password. */
  | 'sshAuth'
  /** The bastion presents a host key other than the one accepted before: nothing was sent. */
  | 'hostKeyChanged'
  /** The bastion let the user in but could not open a connection to the FE. */
  | 'forwardFailed';

/** Kinds that mean the connection itself failed (the tree marks it, probes do not swallow it). */
const CONNECTION_FAILURE_KINDS: readonly ConnectionErrorKind[] = [
  'unreachable',
  'timeout',
  'connectionLost',
  'tls',
  'auth',
  'bastionUnreachable',
  'sshAuth',
  'hostKeyChanged',
  'forwardFailed',
];

/** True when an error of this kind means the connection (or its tunnel) failed, not a statement. */
export function isConnectionFailureKind(kind: ConnectionErrorKind): boolean {
  return CONNECTION_FAILURE_KINDS.includes(kind);
}

export interface ConnectionErrorDetails {
  kind: ConnectionErrorKind;
  /** The server's error number (1045, 5203, …) when the server sent one. */
  errno?: number;
  sqlState?: string;
  /** The driver's or the socket's code (`ECONNREFUSED`, `ER_ACCESS_DENIED_ERROR`, …). */
  code?: string;
  /** What to do, already part of `message`. */
  advice?: string;
  /** The GRANT statement that would fix a missing privilege. */
  grant?: string;
  /** The server's or driver's own text (secrets masked), for the log. */
  detail?: string;
  /**
   * A statement that changes the server got no answer (time limit, lost connection): it may still
   * be running or may have taken effect. Set by the session, which alone knows what was sent.
   */
  outcomeUnknown?: boolean;
}

export class ConnectionError extends Error {
  readonly kind: ConnectionErrorKind;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly code?: string;
  readonly advice?: string;
  readonly grant?: string;
  readonly detail?: string;
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: ConnectionErrorDetails) {
    super(message);
    this.name = 'ConnectionError';
    this.kind = details.kind;
    this.errno = details.errno;
    this.sqlState = details.sqlState;
    this.code = details.code;
    this.advice = details.advice;
    this.grant = details.grant;
    this.detail = details.detail;
    this.outcomeUnknown = details.outcomeUnknown === true;
  }

  /** The same error with some details changed (and another message, when given). */
  with(changes: Partial<ConnectionErrorDetails>, message = this.message): ConnectionError {
    const { kind, errno, sqlState, code, advice, grant, detail, outcomeUnknown } = this;
    return new ConnectionError(message, { kind, errno, sqlState, code, advice, grant, detail, outcomeUnknown, ...changes });
  }
}

/** True for a write whose outcome is unknown (see `ConnectionErrorDetails.outcomeUnknown`). */
export function isUnknownWriteOutcome(error: unknown): error is ConnectionError {
  return error instanceof ConnectionError && error.outcomeUnknown;
}

/** The driver-level code of a wait for a pooled connection that ran out of time (`ProfilePool`). */
export const POOL_WAIT_TIMEOUT = 'POOL_WAIT_TIMEOUT';

/** Where the failure happened, for messages that name the server and the setting to change. */
export interface ErrorContext {
  host: string;
  port: number;
  user: string;
  database?: string;
  tls: 'off' | 'on' | 'verify';
  connectTimeoutSeconds: number;
  /** The statement's time limit, when a statement was running. */
  queryTimeoutSeconds?: number;
  /** How long a statement waits for a free pooled connection. */
  poolWaitSeconds?: number;
  /** What the server can do, once known: decides between RBAC grants and ADMIN. */
  caps?: Capabilities;
  /** Values that must never appear in a message (the password in use). */
  secrets?: readonly string[];
}

/** What mysql2 and Node put on their errors. */
interface DriverError {
  message?: string;
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  fatal?: boolean;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENETDOWN',
  'EHOSTDOWN',
]);
const LOST = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_SOCKET_CLOSED',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ERR_STREAM_DESTROYED',
]);
const TIMEOUTS = new Set(['ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT', 'QUERY_TIMEOUT']);
const TLS_CODES =
  /^(HANDSHAKE_NO_SSL_SUPPORT|HANDSHAKE_SSL_ERROR|ERR_TLS_|ERR_SSL_|EPROTO$|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|ERR_OSSL)/;
/** The server wants mysql_clear_password (an LDAP user) and the profile does not allow it. */
const CLEAR_TEXT_CODES = new Set(['MYSQL_CLEAR_PASSWORD_NOT_ENABLED', 'AUTH_SWITCH_PLUGIN_ERROR']);

function asksForClearText(e: DriverError): boolean {
  return CLEAR_TEXT_CODES.has(e.code ?? '') || /mysql_clear_password/i.test(e.message ?? '');
}

/** True when the failure means the connection is gone (the statement may or may not have run). */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof ConnectionError) return error.kind === 'connectionLost';
  const e = error as DriverError;
  if (!e || typeof e !== 'object') return false;
  const code = e.code ?? '';
  if (LOST.has(code)) return true;
  // mysql2 marks errors that killed the connection as fatal (e.g. "Can't add new command when
  // connection is in closed state"); server errors carry an errno, and failures to connect at all
  // (refused, timed out, TLS, authentication) are not losses of a working connection.
  const connectFailure =
    UNREACHABLE.has(code) || TIMEOUTS.has(code) || TLS_CODES.test(code) || code.startsWith('HANDSHAKE_') || asksForClearText(e);
  return e.fatal === true && typeof e.errno !== 'number' && !connectFailure;
}

/** The connection layer's reading of a failure, before the dialect explains it. */
function classify(e: DriverError, serverErrno: number | undefined, explainedKind: ErrorKind): ConnectionErrorKind {
  const code = e.code ?? '';
  if (explainedKind === 'auth') return 'auth';
  if (explainedKind === 'privilege') return 'permission';
  if (explainedKind === 'busy') return 'busy';
  if (serverErrno !== undefined) return 'server';
  // Every pooled connection is busy with other statements: the server is not at fault.
  if (code === POOL_WAIT_TIMEOUT) return 'busy';
  if (asksForClearText(e)) return 'auth';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (TIMEOUTS.has(code)) return 'timeout';
  if (TLS_CODES.test(code) || /\b(ssl|tls|certificate)\b/i.test(e.message ?? '')) return 'tls';
  if (isConnectionLoss(e)) return 'connectionLost';
  return 'server';
}

/** Turns anything thrown while connecting or querying into a `ConnectionError` that says what to do. */
export function toConnectionError(error: unknown, ctx: ErrorContext, t: Translate = english): ConnectionError {
  if (error instanceof ConnectionError) return scrubbed(error, ctx);
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as DriverError;
  // Only errors the server sent have an errno together with a SQLSTATE; Node's socket errors have a negative errno.
  const serverErrno = typeof e.errno === 'number' && e.sqlState ? e.errno : undefined;
  // Only what the server or driver wrote can contain a secret; the extension's own texts never do.
  const raw = mask(redactSql(e.sqlMessage ?? e.message ?? String(error)), ctx);
  const explained = explainServerError(
    { errno: serverErrno, code: e.code, sqlState: e.sqlState, message: raw },
    { caps: ctx.caps, user: ctx.user, database: ctx.database },
  );
  const kind = classify(e, serverErrno, explained.kind);
  const { summary, advice } = phrase(kind, explained, e.code ?? '', raw, ctx, t);
  const grant = explained.grant;
  const fullAdvice = [advice, grant ? t('An administrator can grant it with: {0}', grant) : undefined].filter(Boolean).join(' ');
  return new ConnectionError([summary, fullAdvice].filter(Boolean).join(' '), {
    kind,
    errno: serverErrno,
    sqlState: e.sqlState,
    code: e.code,
    advice: fullAdvice || undefined,
    grant,
    detail: raw,
  });
}

/**
 * The dialect's explanation, with what only the connection layer knows: which server, and which
 * command or setting fixes it. The dialect's texts are English; they are passed through `t` so a
 * translation bundle can carry them.
 */
function phrase(
  kind: ConnectionErrorKind,
  explained: ExplainedError,
  code: string,
  raw: string,
  ctx: ErrorContext,
  t: Translate,
): { summary: string; advice: string } {
  const where = formatHostPort(ctx.host, ctx.port);
  // Fixed texts go through `t`; a summary that quotes the server (privilege names, its message) does not.
  const fixedSummary = explained.kind === 'connection' || explained.kind === 'auth';
  const summary = fixedSummary ? t(explained.summary) : explained.summary;
  const advice = explained.advice ? t(explained.advice) : '';
  switch (kind) {
    case 'auth':
      if (CLEAR_TEXT_CODES.has(code) || /mysql_clear_password/i.test(raw)) {
        // The password is never sent in clear text over a connection whose certificate is not checked.
        return ctx.tls === 'verify'
          ? {
              summary: t('{0} asks for the password in clear text (an LDAP user).', where),
              advice: t('Edit the connection and allow the clear-text password.'),
            }
          : {
              summary: t(
                "{0} asks for the password in clear text (an LDAP user), and this connection does not verify the server's certificate, so the password was not sent: anyone in between could read it.",
                where,
              ),
              advice: t(
                'Edit the connection: choose "TLS with certificate verification" (with the CA file that signed the FE\'s certificate) and allow the clear-text password.',
              ),
            };
      }
      return {
        summary: t('Access denied for user "{0}" on {1}: {2}', ctx.user, where, summary),
        advice: t('Run "Update Password" on the connection, or edit its user name.'),
      };
    case 'unreachable':
      return { summary: t('Cannot connect to {0}: {1}', where, summary), advice };
    case 'timeout':
      return code === 'ETIMEDOUT'
        ? {
            summary: t('No answer from {0} within {1} seconds.', where, ctx.connectTimeoutSeconds),
            advice: `${advice || t('Check the host, the port and any firewall.')} ${t('If the server is only slow, raise the setting {0}.', 'starrocksBackup.connectTimeoutSeconds')}`,
          }
        : {
            summary: t('The statement did not finish within {0} seconds.', ctx.queryTimeoutSeconds ?? 0),
            advice: `${advice || t('The server may be busy; try again.')} ${t('If the statement needs longer, raise the setting {0}.', 'starrocksBackup.queryTimeoutSeconds')}`,
          };
    case 'tls':
      return {
        summary: t('TLS with {0} failed: {1}', where, explained.kind === 'connection' ? summary : raw),
        advice: explained.kind === 'connection' ? advice : t('Check the TLS settings of the connection and of the FE.'),
      };
    case 'connectionLost':
      return { summary: t('The connection to {0} was lost.', where), advice: advice || t('Try again; the extension reconnects.') };
    case 'busy':
      return code === POOL_WAIT_TIMEOUT
        ? {
            summary: t(
              "No connection to {0} became free within {1} seconds: the extension's other statements on this connection still hold them all. The statement was not sent.",
              where,
              ctx.poolWaitSeconds ?? 0,
            ),
            advice: t(
              'Wait for the running statements to finish (or disconnect and connect again), then run it again. To wait longer, raise the setting {0}.',
              'starrocksBackup.poolWaitSeconds',
            ),
          }
        : { summary, advice };
    case 'server':
      return {
        summary: explained.kind === 'other' && serverless(summary) ? t('Talking to {0} failed: {1}', where, summary) : summary,
        advice,
      };
    default:
      return { summary, advice };
  }
}

/** True when a summary does not say which server it came from (driver errors). */
function serverless(summary: string): boolean {
  return !/StarRocks|FE\b/.test(summary);
}

/** Replaces the secrets in use by `***` in text that came from the server or the driver. */
function mask(text: string, ctx: ErrorContext): string {
  return maskSecrets(text, ctx.secrets ?? []);
}

/** `text` with each of `secrets` replaced by `***` where it stands as a whole token. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = maskWhole(out, secret);
  }
  return out;
}

const TOKEN_CHAR = /[\p{L}\p{N}_$]/u;

/**
 * True when the character at `i` continues a token that ends (or starts) next to it: a letter,
 * digit, `_` or `$`, or a `.`/`-` followed (in direction `step`) by one, as inside `127.0.0.1`.
 */
function continuesToken(text: string, i: number, step: 1 | -1): boolean {
  const ch = text[i];
  if (ch === undefined) return false;
  if (TOKEN_CHAR.test(ch)) return true;
  return (ch === '.' || ch === '-') && text[i + step] !== undefined && TOKEN_CHAR.test(text[i + step]);
}

/**
 * `text` with `secret` masked where it stands as a whole token: a short password such as `1` must
 * not turn `127.0.0.1` into `***27.0.0.***`, which would also tell the password. An edge of the
 * secret that is not itself a token character (`!pw!`) is masked wherever it occurs.
 */
function maskWhole(text: string, secret: string): string {
  const checkStart = TOKEN_CHAR.test(secret[0]);
  const checkEnd = TOKEN_CHAR.test(secret[secret.length - 1]);
  let out = '';
  let pos = 0;
  for (let i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + 1)) {
    if (i < pos) continue;
    if ((checkStart && continuesToken(text, i - 1, -1)) || (checkEnd && continuesToken(text, i + secret.length, 1))) continue;
    out += text.slice(pos, i) + '***';
    pos = i + secret.length;
  }
  return out + text.slice(pos);
}

/** An already translated error passing through again: its server text is masked once more. */
function scrubbed(error: ConnectionError, ctx: ErrorContext): ConnectionError {
  const detail = error.detail === undefined ? undefined : mask(error.detail, ctx);
  if (detail === error.detail) return error;
  return error.with({ detail });
}
