/**
 * What every statement builder returns, and the error it throws when its input is invalid.
 * Builders validate everything before they build, so a `BuiltStatement` is always one the
 * extension believes the server will accept as meant.
 */
import { DialectError, type ValidationIssue } from './dialectError';
import { redactSql } from './redact';

export interface BuiltStatement {
  /** The statement to send to the server. */
  sql: string;
  /** `sql` with secret property values shown as `***`: safe for logs, previews and history. */
  display: string;
  /** Things the user should see before running it, e.g. "s3:// was changed to s3a://". */
  notes: string[];
  /** True when running it can lose data or interrupt work (DROP, CANCEL, RESTORE). */
  destructive: boolean;
}

/** Throws a `DialectError` when there is at least one issue. */
export function throwIfIssues(issues: ValidationIssue[]): void {
  if (issues.length > 0) {
    throw new DialectError(issues);
  }
}

/**
 * Wraps finished SQL text. The display text is derived from the SQL by the same redactor that
 * masks logs, so a builder cannot forget to mask a secret it emits.
 */
export function builtStatement(sql: string, options: { destructive?: boolean; notes?: string[] } = {}): BuiltStatement {
  return { sql, display: redactSql(sql), notes: options.notes ?? [], destructive: options.destructive ?? false };
}

/** Flattens single issues, lists and `undefined` (no issue) into one list. */
export function collectIssues(...items: (ValidationIssue | readonly ValidationIssue[] | undefined)[]): ValidationIssue[] {
  return items.flatMap((item) => (item === undefined ? [] : Array.isArray(item) ? [...item] : [item as ValidationIssue]));
}
