/** Clauses shared by several statements. */
import { quoteIdentifier, quoteString } from '../identifiers';
import { TableSelection } from '../validation/tableSelection';

/** `PROPERTIES ('k' = 'v', …)`, or '' when there are none. */
export function propertiesClause(props: Readonly<Record<string, string>>): string {
  const entries = Object.entries(props);
  if (entries.length === 0) {
    return '';
  }
  return ` PROPERTIES (${entries.map(([key, value]) => `${quoteString(key)} = ${quoteString(value)}`).join(', ')})`;
}

/**
 * `ON (…)` for BACKUP and RESTORE, or '' for the whole database. The 3.4+ grammar names the object
 * type (`TABLE t`); the older one lists bare table names. Aliases are rendered when present (the
 * BACKUP builder refuses them before it gets here).
 */
export function onClause(tables: readonly TableSelection[] | undefined, newGrammar: boolean): string {
  if (!tables || tables.length === 0) {
    return '';
  }
  const items = tables.map((table) => {
    const partitions =
      table.partitions && table.partitions.length > 0 ? ` PARTITION (${table.partitions.map(quoteIdentifier).join(', ')})` : '';
    const alias = table.alias === undefined ? '' : ` AS ${quoteIdentifier(table.alias)}`;
    return `${newGrammar ? 'TABLE ' : ''}${quoteIdentifier(table.name)}${partitions}${alias}`;
  });
  return ` ON (${items.join(', ')})`;
}
