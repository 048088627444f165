/**
 * What the diagnostic rules report: pure data with document offsets, turned into VS Code
 * diagnostics and code actions by the thin adapters in `src/language/providers/`.
 */
import type { Capabilities } from '../../starrocks/version';
import type { L10n } from '../l10n';
import type { ParsedStatement, Span } from '../parser';

export type IssueCode =
  | 's3Scheme'
  | 'location'
  | 'unknownProperty'
  | 'propertyValue'
  | 'timeoutTooLow'
  | 'missingBackupTimestamp'
  | 'backupAlias'
  | 'tables'
  | 'materializedView'
  | 'snapshotLabelQuote'
  | 'missingRegion'
  | 'version'
  | 'clearSecret'
  | 'statement';

export type Severity = 'error' | 'warning' | 'information';

export interface TextEdit extends Span {
  text: string;
}

export type QuickFix =
  /** Plain text edits. */
  | { kind: 'edit'; title: string; edits: TextEdit[] }
  /** Insert `before + <timestamp> + after` at `at`; the timestamp is looked up when the fix is offered. */
  | { kind: 'insertBackupTimestamp'; repository?: string; label?: string; at: number; before: string; after: string }
  /** Insert ` ON (<tables>)` at `at`: the tables of `database` (else the editor's database) without its views, looked up when offered. */
  | { kind: 'listBackupTables'; database?: string; at: number }
  /** Move the secret in `value` (a string literal) to SecretStorage and leave a reference. */
  | { kind: 'moveSecret'; repository: string; key: string; value: Span };

export interface LanguageIssue extends Span {
  code: IssueCode;
  severity: Severity;
  /** The server's own words where the server has words for it. */
  message: string;
  /** What to do about it, when there is more to say than the fix. */
  hint?: string;
  fix?: QuickFix;
}

/** What the rules know about the server the document will run on. */
export interface AnalysisEnv {
  /** Undefined when no connection (or no version) is known: version rules stay quiet then. */
  caps?: Capabilities;
  /** The server version as shown to the user, e.g. `3.3.2`. */
  version?: string;
  l10n: L10n;
}

/** One rule: issues of one statement. */
export type Rule = (statement: ParsedStatement, text: string, env: AnalysisEnv) => LanguageIssue[];
