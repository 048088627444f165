/**
 * The ON (…) table list of BACKUP and RESTORE, checked like BackupRestoreAnalyzer: table names are
 * compared case-insensitively (a TreeMap with CASE_INSENSITIVE_ORDER), aliases case-sensitively
 * against every original name and every earlier alias.
 */
import { nameIssue } from '../identifiers';
import { collectIssues } from '../builtStatement';
import { ValidationIssue } from '../dialectError';

/** A table in an ON clause; `partitions` empty or absent means the whole table. */
export interface TableSelection {
  name: string;
  partitions?: readonly string[];
  /** RESTORE only: restore the table under this name. */
  alias?: string;
}

function describe(table: TableSelection): string {
  return table.alias === undefined ? table.name : `${table.name} AS ${table.alias}`;
}

/** Names of every table, partition and alias, checked with the FE's name rules. */
export function tableNameIssues(tables: readonly TableSelection[]): ValidationIssue[] {
  return tables.flatMap((table) =>
    collectIssues(
      nameIssue('table', table.name, 'tables'),
      ...(table.partitions ?? []).map((p) => nameIssue('partition', p, 'tables')),
      table.alias === undefined ? undefined : nameIssue('table', table.alias, 'tables'),
    ),
  );
}

function duplicateTableIssues(tables: readonly TableSelection[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const table of tables) {
    const key = table.name.toLowerCase();
    if (seen.has(key)) {
      issues.push({
        key: 'tables',
        message: `Duplicated table: ${table.name}`,
        fix: 'List each table once; put all its partitions in one entry.',
      });
    }
    seen.add(key);
  }
  return issues;
}

/** Partitions listed twice for one table (the server tolerates it; it is still a mistake). */
function duplicatePartitionIssues(tables: readonly TableSelection[]): ValidationIssue[] {
  return tables.flatMap((table) => {
    const seen = new Set<string>();
    return (table.partitions ?? []).flatMap((partition) => {
      const key = partition.toLowerCase();
      const duplicate = seen.has(key);
      seen.add(key);
      return duplicate
        ? [{ key: 'tables', message: `Duplicated partition: ${partition} in table ${table.name}`, fix: 'List each partition once.' }]
        : [];
    });
  });
}

export function validateBackupTables(tables: readonly TableSelection[]): ValidationIssue[] {
  const aliasIssues = tables
    .filter((table) => table.alias !== undefined)
    .map((table) => ({
      key: 'tables',
      message: `Can not set alias for table in Backup Stmt: ${describe(table)}`,
      fix: 'Aliases belong to RESTORE; back the table up under its own name.',
    }));
  return [...tableNameIssues(tables), ...aliasIssues, ...duplicateTableIssues(tables), ...duplicatePartitionIssues(tables)];
}

export function validateRestoreTables(tables: readonly TableSelection[]): ValidationIssue[] {
  const names = new Set(tables.map((table) => table.name));
  const aliasIssues: ValidationIssue[] = [];
  for (const table of tables) {
    if (table.alias === undefined) {
      continue;
    }
    if (names.has(table.alias)) {
      const fix =
        table.alias === table.name
          ? "Leave the alias out: it is the table's own name."
          : 'Each alias must differ from every listed table and every other alias.';
      aliasIssues.push({ key: 'tables', message: `Duplicated alias name: ${table.alias}`, fix });
    }
    names.add(table.alias);
  }
  return [...tableNameIssues(tables), ...duplicateTableIssues(tables), ...aliasIssues, ...duplicatePartitionIssues(tables)];
}
