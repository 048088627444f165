import { Capabilities } from '../version';

export type ErrorKind = 'auth' | 'privilege' | 'busy' | 'syntax' | 'notFound' | 'storage' | 'connection' | 'other';

/** An error as `mysql2` (or Node's net/tls layer) reports it. */
export interface ServerErrorInput {
  errno?: number;
  code?: string;
  sqlState?: string;
  message: string;
}

/** What went wrong, in a sentence, and what to do about it. Plain text, not localized. */
export interface ExplainedError {
  summary: string;
  advice: string;
  /** For a missing privilege: the GRANT statement that fixes it. */
  grant?: string;
  kind: ErrorKind;
}

/** What the caller knows that makes the explanation more precise. */
export interface ErrorContext {
  /** Decides between 3.0+ RBAC grants and the older ADMIN privilege. */
  caps?: Capabilities;
  /** The connection's user, for the GRANT statement. */
  user?: string;
  /** The current database, to qualify table names in a GRANT. */
  database?: string;
}
