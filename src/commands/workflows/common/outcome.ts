/**
 * What a workflow command resolves to. The UI does not need it; integration tests and other
 * commands do (e.g. "the restore was refused, and why").
 */
import type { RestoreSpec } from '../../../starrocks/builders/restore';
import type { VerificationReport } from '../../../starrocks/verification';

export type WorkflowOutcome =
  /** The statement ran (BACKUP/RESTORE submitted, repository created or dropped). `sql` is the display text. */
  | { status: 'submitted'; sql: string; jobKey?: string; restore?: RestoreSpec }
  /** The user chose to open the statement in an editor or to copy it instead of running it. */
  | { status: 'opened' | 'copied'; sql: string }
  /** Something else was produced (a policy document, copied SQL). */
  | { status: 'done'; text?: string; verification?: VerificationReport }
  /** The user dismissed a prompt or declined a confirmation. Nothing ran. */
  | { status: 'cancelled' }
  /** The workflow would not run the statement, for the reason shown to the user. Nothing ran. */
  | { status: 'refused'; reason: string }
  /**
   * A statement or a lookup failed; the message was shown to the user. `outcomeUnknown`: a write got
   * no answer and may still be running or have taken effect (the message offered Refresh).
   */
  | { status: 'failed'; message: string; outcomeUnknown?: boolean };

export const CANCELLED: WorkflowOutcome = { status: 'cancelled' };
