import * as vscode from 'vscode';
import { wholeDatabaseScope } from '../../../starrocks/backupScope';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { readFullTables } from '../../../starrocks/reads';
import type { TableSelection } from '../../../starrocks/validation/tableSelection';
import type { StarRocksSession } from '../../../connections/types';
import { WorkflowRefusal } from '../common/guard';

/** What "Whole database" becomes on this server: no ON clause, or the tables it can back up and why. */
export interface WholeDatabaseChoice {
  /** Undefined: the bare statement. */
  tables?: TableSelection[];
  /** Why the statement lists tables, for the preview. */
  note?: string;
}

/**
 * Reads the database's objects right before the preview (fresh: a view created since the wizard
 * started counts) and decides with `wholeDatabaseScope`. Only asked before 3.4, where views matter.
 */
export async function wholeDatabaseChoice(session: StarRocksSession, database: string): Promise<WholeDatabaseChoice> {
  const caps = session.server.capabilities;
  if (caps.backupViews) return {};
  const objects = await readFullTables(session, database);
  const scope = wholeDatabaseScope(caps, objects);
  const version = session.server.version?.raw ?? '?';
  if (scope.kind === 'nothing') {
    throw new WorkflowRefusal(
      vscode.l10n.t(
        'Database {0} holds only views ({1}), and StarRocks {2} cannot back up views (3.4 can). There is nothing to back up.',
        database,
        scope.skipped.join(', '),
        version,
      ),
    );
  }
  if (scope.kind === 'database') return {};
  return {
    tables: scope.tables.map((name) => ({ name })),
    note: vscode.l10n.t(
      "StarRocks {0} cannot back up views (3.4 can): a BACKUP of the whole database would fail on {1}. The statement lists the database's tables instead; the views are not backed up.",
      version,
      scope.skipped.join(', '),
    ),
  };
}

/** The statement with the choice's note added to the ones the preview shows. */
export function withChoiceNote(statement: BuiltStatement, choice: WholeDatabaseChoice | undefined): BuiltStatement {
  return choice?.note ? { ...statement, notes: [...statement.notes, choice.note] } : statement;
}
