/** `DROP SNAPSHOT` (4.2+): deletes a snapshot's files, so apart from the reading statements. */
import { nameIssue, quoteIdentifier } from '../identifiers';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { DialectError } from '../dialectError';
import { Capabilities } from '../version';

/** 4.2+: `DROP SNAPSHOT label ON repo [FORCE]`. FORCE is needed for snapshots another cluster (or a pre-4.2 one) wrote. */
export function dropSnapshot(label: string, repository: string, force: boolean, caps: Capabilities): BuiltStatement {
  if (!caps.dropSnapshot) {
    throw new DialectError({
      message: 'DROP SNAPSHOT needs StarRocks 4.2 or later',
      fix: "Delete the snapshot's files from storage instead (the __ss_<label> directory of the repository).",
    });
  }
  throwIfIssues(collectIssues(nameIssue('snapshot', label, 'label'), nameIssue('repository', repository, 'repository')));
  return builtStatement(`DROP SNAPSHOT ${quoteIdentifier(label)} ON ${quoteIdentifier(repository)}${force ? ' FORCE' : ''}`, {
    destructive: true,
    notes: ["The snapshot's files are deleted from storage; it cannot be restored afterwards."],
  });
}
