/**
 * Contents of a snapshot's files: the job-info JSON (`__info_<ts>`, spec §5.4), the catalog
 * metadata (`__meta`) and the tablet files a BE would upload. Tablet data files carry the rows as
 * JSON lines followed by padding, so sizes grow with the data like real segment files do.
 */
import type { TableSpec } from '../catalog/table';
import type { CellValue, Row } from '../catalog/values';

/** `FeConstants.META_VERSION` / `STARROCKS_META_VERSION` the sandbox writes and reports. */
export const META_VERSION = 92;
export const STARROCKS_META_VERSION = 4;

export interface IndexInfo {
  id: number;
  schema_hash: number;
  tablets: Record<string, string[]>;
  tablets_order: string[];
}

export interface PartitionInfo {
  id: number;
  version: number;
  version_hash: number;
  indexes: Record<string, IndexInfo>;
  subPartitions: Record<string, unknown>;
}

export interface JobInfoJson {
  name: string;
  database: string;
  id: number;
  backup_time: number;
  backup_objects: Record<string, { id: number; partitions: Record<string, PartitionInfo> }>;
  meta_version: number;
  starrocks_meta_version: number;
  backup_result: string;
  /** 4.2 retention fields. */
  cluster_id?: string;
  finish_time?: number;
  ttl?: string;
  expire_time?: number;
}

/** `BackupJobInfo.getBrief()` — what SHOW SNAPSHOT's Details column shows (`toJson(false)`, indent 1). */
export function briefJobInfo(info: JobInfoJson): string {
  const objects: Record<string, { partitions: Record<string, Record<string, never>> }> = {};
  for (const [table, t] of Object.entries(info.backup_objects)) {
    objects[table] = { partitions: Object.fromEntries(Object.keys(t.partitions).map((p) => [p, {}])) };
  }
  const brief = {
    name: info.name,
    database: info.database,
    backup_time: info.backup_time,
    backup_objects: objects,
    // Quirk kept from the FE: the *reading* FE's constants, not the file's (spec §5.4).
    meta_version: META_VERSION,
    starrocks_meta_version: STARROCKS_META_VERSION,
    backup_result: info.backup_result,
  };
  return JSON.stringify(brief, null, 1);
}

export interface PartitionMeta {
  id: number;
  name: string;
  lowerBound?: CellValue;
  upperBound?: CellValue;
  version: number;
  tabletIds: number[];
}

/** A table in `__meta`: its definition as created, plus the ids and partitions it had when backed up. */
export interface TableMeta extends TableSpec {
  id: number;
  indexId: number;
  schemaHash: number;
  partitions: PartitionMeta[];
}

export interface FunctionMeta {
  name: string;
  signature: string;
  returns: string;
  aggregate: boolean;
  properties: Record<string, string>;
}

/** The `__meta` file: the sandbox's stand-in for the FE's binary BackupMeta. */
export interface SnapshotMeta {
  format: 'starrocks-sandbox-backup-meta/1';
  database: string;
  tables: TableMeta[];
  functions: FunctionMeta[];
}

export function encodeMeta(meta: SnapshotMeta): Buffer {
  return Buffer.from(JSON.stringify(meta), 'utf8');
}

export function decodeMeta(content: Buffer): SnapshotMeta {
  const meta = JSON.parse(content.toString('utf8')) as SnapshotMeta;
  if (meta.format !== 'starrocks-sandbox-backup-meta/1') throw new Error('Failed to read backup meta from file');
  return meta;
}

/** Bytes of padding per row and per file, standing in for column encodings, indexes and footers. */
const PADDING_PER_ROW = 384;
const PADDING_PER_FILE = 8 * 1024;
const PADDING_MARKER = '#padding ';

export interface TabletFile {
  /** File name without checksum, e.g. `10123.hdr`, `0200000000000001_0.dat`. */
  name: string;
  content: Buffer;
}

/**
 * The files a BE uploads for one tablet: a header, and a data file holding the rows (none for an
 * empty tablet, which has no segment).
 */
export function encodeTablet(tabletId: number, schemaHash: number, version: number, rows: Row[]): TabletFile[] {
  const header = { tablet_id: tabletId, schema_hash: schemaHash, version, num_rows: rows.length };
  const files: TabletFile[] = [{ name: `${tabletId}.hdr`, content: Buffer.from(JSON.stringify(header), 'utf8') }];
  if (rows.length === 0) return files;
  const lines = rows.map((row) => JSON.stringify(row)).join('\n');
  const padding = PADDING_MARKER + '0'.repeat(PADDING_PER_FILE + rows.length * PADDING_PER_ROW);
  const rowsetId = `02000000000000${String(tabletId).padStart(6, '0')}`;
  files.push({ name: `${rowsetId}_0.dat`, content: Buffer.from(`${lines}\n${padding}\n`, 'utf8') });
  return files;
}

/** Bytes of a tablet's data files: what SHOW PARTITIONS reports as DataSize. */
export function tabletDataSize(rows: Row[]): number {
  return encodeTablet(0, 0, 0, rows)
    .filter((f) => f.name.endsWith('.dat'))
    .reduce((sum, f) => sum + f.content.length, 0);
}

/** Rows of a tablet data file (padding skipped); header files hold none. */
export function decodeTabletRows(fileName: string, content: Buffer): Row[] {
  if (!/\.dat$/.test(fileName)) return [];
  return content
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith(PADDING_MARKER))
    .map((line) => JSON.parse(line) as Row);
}
