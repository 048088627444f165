/** SHOW DATABASES / TABLES / PARTITIONS / CREATE TABLE / FUNCTIONS / CATALOGS and DESC. */
import type { Partition, Table } from '../../catalog/table';
import { formatType, typeFamily } from '../../catalog/values';
import type { Statement } from '../../sql/ast';
import { formatDateTime } from '../../util/timeFormat';
import { likeToRegExp } from '../evaluator';
import { tabletDataSize } from '../../repository/snapshotFiles';
import { varcharResult, type ResultSet } from '../resultSet';
import { resolveDatabase, resolveTable, type ExecContext } from './context';

type Stmt<T extends Statement['type']> = Extract<Statement, { type: T }>;

const likeFilter = (like: string | undefined) => (name: string) => like === undefined || likeToRegExp(like).test(name);

export function showDatabases(ctx: ExecContext, stmt: Stmt<'showDatabases'>): ResultSet {
  const names = ['information_schema', ...ctx.fe.catalog.databaseNames()].filter(likeFilter(stmt.like));
  return varcharResult(
    ['Database'],
    names.map((n) => [n]),
  );
}

export function showTables(ctx: ExecContext, stmt: Stmt<'showTables'>): ResultSet {
  const db = resolveDatabase(ctx, stmt.db);
  const tables = [...db.tables.values()].filter((t) => likeFilter(stmt.like)(t.name)).sort((a, b) => a.name.localeCompare(b.name));
  const column = `Tables_in_${db.name}`;
  if (!stmt.full)
    return varcharResult(
      [column],
      tables.map((t) => [t.name]),
    );
  return varcharResult(
    [column, 'Table_type'],
    tables.map((t) => [t.name, t.spec.kind === 'VIEW' ? 'VIEW' : 'BASE TABLE']),
  );
}

const PARTITION_COLUMNS = [
  'PartitionId',
  'PartitionName',
  'VisibleVersion',
  'VisibleVersionTime',
  'VisibleVersionHash',
  'State',
  'PartitionKey',
  'Range',
  'DistributionKey',
  'Buckets',
  'ReplicationNum',
  'StorageMedium',
  'CooldownTime',
  'LastConsistencyCheckTime',
  'DataSize',
  'IsInMemory',
  'RowCount',
];

export function showPartitions(ctx: ExecContext, stmt: Stmt<'showPartitions'>): ResultSet {
  const { table } = resolveTable(ctx, stmt.table);
  if (!table.isOlap) throw ctx.fe.errors.analyzing(`Table[${table.name}] is not a OLAP table`);
  const partitions = stmt.temporary ? [] : table.partitions;
  return varcharResult(
    PARTITION_COLUMNS,
    partitions.map((p) => partitionRow(table, p)),
  );
}

function partitionRow(table: Table, p: Partition): (string | null)[] {
  const rows = table.rows(p);
  return [
    String(p.id),
    p.name,
    String(p.visibleVersion),
    formatDateTime(p.visibleVersionTime),
    '0',
    'NORMAL',
    table.spec.partitionColumn ?? '',
    table.isPartitioned ? rangeText(table, p) : '',
    table.spec.distributionColumns.length ? table.spec.distributionColumns.join(', ') : 'ALL KEY',
    String(table.spec.buckets),
    table.spec.properties.replication_num ?? '3',
    'HDD',
    '9999-12-31 23:59:59',
    null,
    prettyBytes(p.tablets.reduce((sum, t) => sum + tabletDataSize(t.rows), 0)),
    'false',
    String(rows.length),
  ];
}

/** `[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-02-01]; )`, as `Range.toString()` prints a partition key range. */
function rangeText(table: Table, p: Partition): string {
  const column = table.partitionColumnDef();
  const typeName = column.type.name.replace(/ UNSIGNED$/, '');
  const family = typeFamily(column.type);
  const lower = p.lowerBound ?? MIN_VALUES[family] ?? MIN_VALUES[typeName] ?? '';
  const upper = p.upperBound ?? MAX_VALUES[family] ?? MAX_VALUES[typeName] ?? '';
  return `[types: [${typeName}]; keys: [${lower}]; ..types: [${typeName}]; keys: [${upper}]; )`;
}

const MIN_VALUES: Record<string, string> = {
  date: '0000-01-01',
  datetime: '0000-01-01 00:00:00',
  TINYINT: '-128',
  SMALLINT: '-32768',
  INT: '-2147483648',
  BIGINT: '-9223372036854775808',
};
const MAX_VALUES: Record<string, string> = {
  date: '9999-12-31',
  datetime: '9999-12-31 23:59:59',
  TINYINT: '127',
  SMALLINT: '32767',
  INT: '2147483647',
  BIGINT: '9223372036854775807',
};

/** `DebugUtil.getPrettyStringBytes`-style sizes: `0B`, `1.234KB`, `5.678MB`. */
export function prettyBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes}B`;
  let value = bytes;
  let unit = 'B';
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return `${value.toFixed(3)}${unit}`;
}

export function showCreateTable(ctx: ExecContext, stmt: Stmt<'showCreateTable'>): ResultSet {
  const { db, table } = resolveTable(ctx, stmt.table);
  if (table.spec.kind === 'VIEW') {
    return varcharResult(
      ['View', 'Create View', 'character_set_client', 'collation_connection'],
      [[table.name, `CREATE VIEW \`${table.name}\` AS ${table.spec.viewQuery ?? ''}`, 'utf8', 'utf8_general_ci']],
    );
  }
  if (stmt.view) throw ctx.fe.errors.analyzing(`Table '${db.name}.${table.name}' is not a view`);
  return varcharResult(['Table', 'Create Table'], [[table.name, createTableText(table)]]);
}

function createTableText(table: Table): string {
  const spec = table.spec;
  const columns = spec.columns.map((c) => {
    const nullability = c.nullable ? 'NULL' : 'NOT NULL';
    const aggregation = c.aggregation ? ` ${c.aggregation}` : '';
    const dflt = c.defaultValue === undefined ? '' : c.defaultValue === null ? ' DEFAULT NULL' : ` DEFAULT "${c.defaultValue}"`;
    const comment = ` COMMENT "${c.comment ?? ''}"`;
    return `  \`${c.name}\` ${formatType(c.type).toLowerCase()}${aggregation} ${nullability}${dflt}${comment}`;
  });
  const keys = spec.columns.filter((c) => c.isKey).map((c) => `\`${c.name}\``);
  const lines = [`CREATE TABLE \`${table.name}\` (`, columns.join(',\n'), `) ENGINE=OLAP`, `${spec.keysType} KEY(${keys.join(', ')})`];
  if (spec.comment) lines.push(`COMMENT "${spec.comment}"`);
  if (table.isPartitioned) {
    const partitions = table.partitions.map(
      (p) => `PARTITION ${p.name} VALUES [(${quoteBound(p.lowerBound, table, 'min')}), (${quoteBound(p.upperBound, table, 'max')}))`,
    );
    lines.push(`PARTITION BY RANGE(\`${spec.partitionColumn}\`)\n(${partitions.join(',\n')})`);
  }
  lines.push(
    spec.distributionColumns.length
      ? `DISTRIBUTED BY HASH(${spec.distributionColumns.map((c) => `\`${c}\``).join(', ')}) BUCKETS ${spec.buckets}`
      : `DISTRIBUTED BY RANDOM BUCKETS ${spec.buckets}`,
  );
  const properties = Object.entries(spec.properties).map(([k, v]) => `"${k}" = "${v}"`);
  lines.push(`PROPERTIES (\n${properties.join(',\n')}\n);`);
  return lines.join('\n');
}

function quoteBound(value: string | null | undefined, table: Table, side: 'min' | 'max'): string {
  if (value !== undefined && value !== null) return `"${value}"`;
  const family = typeFamily(table.partitionColumnDef().type);
  return side === 'max' ? 'MAXVALUE' : `"${MIN_VALUES[family] ?? MIN_VALUES[table.partitionColumnDef().type.name] ?? ''}"`;
}

export function describeTable(ctx: ExecContext, stmt: Stmt<'describe'>): ResultSet {
  const { table } = resolveTable(ctx, stmt.table);
  return varcharResult(
    ['Field', 'Type', 'Null', 'Key', 'Default', 'Extra'],
    table.spec.columns.map((c) => [
      c.name,
      formatType(c.type).toLowerCase(),
      c.nullable ? 'YES' : 'NO',
      String(c.isKey),
      c.defaultValue ?? null,
      c.aggregation ?? '',
    ]),
  );
}

export function showCreateDatabase(ctx: ExecContext, stmt: Stmt<'showCreateDatabase'>): ResultSet {
  const db = resolveDatabase(ctx, stmt.db);
  return varcharResult(['Database', 'Create Database'], [[db.name, `CREATE DATABASE \`${db.name}\``]]);
}

export function showFunctions(ctx: ExecContext, stmt: Stmt<'showFunctions'>): ResultSet {
  const functions = stmt.global ? [...ctx.fe.catalog.globalFunctions.values()] : [...resolveDatabase(ctx, stmt.db).functions.values()];
  return varcharResult(['Function Name'], functions.map((f) => [f.name]).sort());
}

export function showCatalogs(ctx: ExecContext): ResultSet {
  const rows: (string | null)[][] = [['default_catalog', 'Internal', "An internal catalog contains this cluster's self-managed tables."]];
  for (const c of ctx.fe.catalog.externalCatalogs.values()) rows.push([c.name, c.properties.type ?? 'Unknown', c.comment ?? '']);
  return varcharResult(['Catalog', 'Type', 'Comment'], rows);
}
