/** `CANCEL BACKUP|RESTORE FROM db`: destructive, so apart from the reading statements. */
import { nameIssue, quoteIdentifier } from '../identifiers';
import { JobKind } from '../models';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';

/**
 * `CANCEL BACKUP|RESTORE FROM db`. Always with FROM: the bare form is rejected by the analyzer (its
 * message is UNVERIFIED). Cancelling a RESTORE after COMMIT can leave tables unusable.
 */
export function cancelJob(kind: JobKind, database: string): BuiltStatement {
  throwIfIssues(collectIssues(nameIssue('database', database, 'database')));
  const notes =
    kind === 'RESTORE'
      ? ['Cancelling a restore that reached COMMIT can leave the restored tables inconsistent.']
      : ['The partial snapshot stays in the repository and keeps its label.'];
  return builtStatement(`CANCEL ${kind} FROM ${quoteIdentifier(database)}`, { destructive: true, notes });
}
