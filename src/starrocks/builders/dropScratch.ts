/**
 * `DROP DATABASE` / `DROP TABLE` for the scratch objects a restore drill created, and nothing else:
 * both refuse a name that does not carry the drill marker (`_drill_<yyyyMMdd_HHmmss>`), so a
 * mistake upstream cannot turn them on a source database or table.
 */
import { nameIssue, qualifiedName, quoteIdentifier } from '../identifiers';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { DialectError } from '../dialectError';

const DRILL_MARK = /_drill_\d{8}_\d{6}$/;

export function isDrillName(name: string): boolean {
  return DRILL_MARK.test(name);
}

function refuseUnmarked(kind: string, name: string): void {
  if (!isDrillName(name)) {
    throw new DialectError({
      message: `${kind} ${name} is not a restore drill's scratch object (its name does not end in _drill_<yyyyMMdd_HHmmss>)`,
      fix: 'Only the scratch objects a drill created are dropped by the extension; drop anything else yourself.',
    });
  }
}

export function dropScratchDatabase(database: string): BuiltStatement {
  throwIfIssues(collectIssues(nameIssue('database', database, 'database')));
  refuseUnmarked('Database', database);
  return builtStatement(`DROP DATABASE ${quoteIdentifier(database)}`, {
    destructive: true,
    notes: [`The scratch database ${database} and every table in it are dropped.`],
  });
}

export function dropScratchTable(database: string, table: string): BuiltStatement {
  throwIfIssues(collectIssues(nameIssue('database', database, 'database'), nameIssue('table', table, 'table')));
  refuseUnmarked('Table', table);
  return builtStatement(`DROP TABLE ${qualifiedName(database, table)}`, {
    destructive: true,
    notes: [`The scratch table ${table} is dropped.`],
  });
}
