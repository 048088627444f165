/**
 * Restoring onto an existing table requires the same schema (RestoreJob's checks, spec §6.3);
 * this returns the message the job is cancelled with, or undefined when they match.
 */
import type { Column, Table } from '../catalog/table';
import { formatType } from '../catalog/values';
import type { TableMeta } from '../repository/snapshotFiles';

function describeColumn(column: Column): string {
  return `${column.name} ${formatType(column.type)}${column.isKey ? ' KEY' : ''}${column.nullable ? ' NULL' : ' NOT NULL'}`;
}

function sameColumn(a: Column, b: Column): boolean {
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    formatType(a.type) === formatType(b.type) &&
    a.isKey === b.isKey &&
    a.nullable === b.nullable
  );
}

export function schemaMismatch(existing: Table, source: TableMeta): string | undefined {
  const prefix = `Table ${existing.name} already exist but with different schema`;
  if (existing.spec.keysType !== source.keysType) return `${prefix}, errMsg: different key type`;
  const current = existing.spec.columns;
  if (current.length !== source.columns.length) {
    return `${prefix}, errMsg: different column count, existed table has ${current.length} columns, backup snapshot has ${source.columns.length}`;
  }
  for (let i = 0; i < current.length; i++) {
    if (!sameColumn(current[i], source.columns[i])) {
      return `${prefix}, column: ${describeColumn(current[i])} in existed table is different from the column in backup snapshot, column: ${describeColumn(source.columns[i])}`;
    }
  }
  if ((existing.spec.partitionColumn ?? '').toLowerCase() !== (source.partitionColumn ?? '').toLowerCase()) {
    return `${prefix}, errMsg: different partition info`;
  }
  return undefined;
}
