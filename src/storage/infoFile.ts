/**
 * The job-info JSON a snapshot's `__info_<ts>.<md5>` file holds (spec §5.4, `BackupJobInfo`).
 * Parsed leniently like the FE's reader: optional fields may be missing, key order is arbitrary.
 */
import { createHash } from 'node:crypto';
import type { SnapshotTable } from '../starrocks/models';

export interface SnapshotInfoFile {
  label: string | undefined;
  database: string | undefined;
  databaseId: string | undefined;
  /** `backup_time`, epoch ms: the instant the backup started (the file name holds it in FE local time). */
  backupTime: Date | undefined;
  tables: SnapshotTable[];
  /** Every tablet id the snapshot should hold files for, from indexes and sub-partitions. */
  tabletIds: string[];
  /** `backup_result`; anything but `succeed` marks a failed snapshot. */
  backupResult: string | undefined;
  succeeded: boolean;
  /** 4.2+ retention fields, when present. */
  clusterId?: string;
  ttl?: string;
  expireTime?: Date;
}

type Json = Record<string, unknown>;

/** Throws a readable error when the text is not the info JSON. */
export function parseInfoFile(text: string): SnapshotInfoFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new Error(`The info file is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(root)) throw new Error('The info file is not a JSON object.');
  const objects = isObject(root.backup_objects) ? root.backup_objects : {};
  const backupResult = asString(root.backup_result);
  return {
    label: asString(root.name),
    database: asString(root.database),
    databaseId: asIdString(root.id),
    backupTime: asDate(root.backup_time),
    tables: Object.entries(objects).map(([name, table]) => ({ name, partitions: partitionNames(table) })),
    tabletIds: Object.values(objects).flatMap(tabletIdsOfTable),
    backupResult,
    succeeded: backupResult === 'succeed',
    ...optional('clusterId', asIdString(root.cluster_id)),
    ...optional('ttl', asIdString(root.ttl)),
    ...optional('expireTime', asDate(root.expire_time)),
  };
}

/** MD5 hex of the downloaded bytes, to compare with the file name's suffix like the FE does. */
export function md5Hex(content: Uint8Array): string {
  return createHash('md5').update(content).digest('hex');
}

function partitionNames(table: unknown): string[] {
  return isObject(table) && isObject(table.partitions) ? Object.keys(table.partitions) : [];
}

function tabletIdsOfTable(table: unknown): string[] {
  if (!isObject(table) || !isObject(table.partitions)) return [];
  return Object.values(table.partitions).flatMap((partition) => {
    if (!isObject(partition)) return [];
    const subPartitions = isObject(partition.subPartitions) ? Object.values(partition.subPartitions) : [];
    return [partition, ...subPartitions].flatMap(tabletIdsOfIndexes);
  });
}

function tabletIdsOfIndexes(holder: unknown): string[] {
  if (!isObject(holder) || !isObject(holder.indexes)) return [];
  return Object.values(holder.indexes).flatMap((index) => (isObject(index) && isObject(index.tablets) ? Object.keys(index.tablets) : []));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asIdString(value: unknown): string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

function asDate(value: unknown): Date | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  return ms !== undefined && ms > 0 ? new Date(ms) : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
