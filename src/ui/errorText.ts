import { redactSql } from '../starrocks/redact';

/**
 * The user-facing text of a failure. Sessions reject with a `ConnectionError` whose message already
 * says what to do (and the dialect's `DialectError` lists every issue), so the message is used as is;
 * it is passed through the redactor once more because it may quote a statement.
 */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSql(message);
}

/** True when the user dismissed something (e.g. the password prompt): not a failure to report. */
export function isUserCancellation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'cancelled';
}

/** True when a command declined to go on for a reason the user should see as a warning, not an error. */
export function isRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'refused';
}
