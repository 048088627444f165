/**
 * SHOW SNAPSHOT, list form (`Snapshot, Timestamp, Status` [+ 4.2 `ClusterId, FinishTime, TTL,
 * ExpireTime`]) and detail form (`Snapshot, Timestamp, Database, Details, Status` [+ 4.2 columns]).
 * Timestamps are kept exactly as reported: RESTORE needs the string verbatim.
 */
import { SnapshotDetail, SnapshotStatus, SnapshotSummary, SnapshotTable } from '../models';
import { cellNonEmpty, cellText, cellTime, Row, TimeOptions } from './cells';

const INVALID_PREFIX = 'Invalid: ';

/**
 * Orders timestamps, newest first. Millisecond (`yyyy-MM-dd-HH-mm-ss-SSS`) and second precision
 * (`yyyy-MM-dd-HH-mm-ss`, Doris and old releases) compare as if the latter ended in `-000`.
 */
export function compareTimestampsNewestFirst(a: string, b: string): number {
  const key = (ts: string): string => (/^\d{4}(-\d{2}){5}$/.test(ts) ? ts + '-000' : ts);
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}

function snapshotStatus(text: string): SnapshotStatus {
  if (text === 'OK') {
    return 'OK';
  }
  // `ERROR: no snapshot`: no info file yet (still running, failed or aborted).
  return /^ERROR:\s*no snapshot/i.test(text) ? 'INCOMPLETE' : 'ERROR';
}

/**
 * 4.2 retention columns, when the server sends them. Their order is UNVERIFIED (spec §3.3); they are
 * read by name, so the order does not matter, and servers before 4.2 simply do not have them.
 */
function retention(row: Row, options?: TimeOptions): Pick<SnapshotSummary, 'clusterId' | 'finishTime' | 'ttl' | 'expireTime'> {
  const result: Pick<SnapshotSummary, 'clusterId' | 'finishTime' | 'ttl' | 'expireTime'> = {};
  const clusterId = cellNonEmpty(row, 'ClusterId');
  const finishTime = cellTime(row, 'FinishTime', options);
  const ttl = cellNonEmpty(row, 'TTL');
  const expireTime = cellTime(row, 'ExpireTime', options);
  if (clusterId !== undefined) result.clusterId = clusterId;
  if (finishTime !== undefined) result.finishTime = finishTime;
  if (ttl !== undefined) result.ttl = ttl;
  if (expireTime !== undefined) result.expireTime = expireTime;
  return result;
}

export function parseSnapshotRow(row: Row, options?: TimeOptions): SnapshotSummary {
  const lines = (cellText(row, 'Timestamp') ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const statusText = cellText(row, 'Status') ?? '';
  return {
    label: cellText(row, 'Snapshot') ?? '',
    timestamps: lines.filter((line) => !line.startsWith(INVALID_PREFIX)).sort(compareTimestampsNewestFirst),
    invalidFiles: lines.filter((line) => line.startsWith(INVALID_PREFIX)).map((line) => line.slice(INVALID_PREFIX.length).trim()),
    status: snapshotStatus(statusText),
    statusText,
    ...retention(row, options),
  };
}

/**
 * Snapshots newest first (by their newest timestamp). Snapshots without a valid timestamp
 * (incomplete or unreadable) follow, by label, so an old aborted backup does not sit on top forever.
 */
export function parseSnapshotList(rows: readonly Row[], options?: TimeOptions): SnapshotSummary[] {
  const snapshots = rows.map((row) => parseSnapshotRow(row, options)).filter((s) => s.label !== '');
  return snapshots.sort((a, b) => {
    const ta = a.timestamps[0];
    const tb = b.timestamps[0];
    if (ta !== undefined && tb !== undefined) {
      return compareTimestampsNewestFirst(ta, tb) || a.label.localeCompare(b.label);
    }
    return ta !== undefined ? -1 : tb !== undefined ? 1 : a.label.localeCompare(b.label);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tables and partitions from the Details JSON's `backup_objects` (`{tbl: {partitions: {p: {}}}}`). */
function snapshotTables(details: Record<string, unknown>): SnapshotTable[] {
  const objects = details.backup_objects;
  if (!isObject(objects)) {
    return [];
  }
  return Object.entries(objects).map(([name, table]) => ({
    name,
    partitions: isObject(table) && isObject(table.partitions) ? Object.keys(table.partitions) : [],
  }));
}

function parseDetails(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The detail form's first row, or undefined when there is none. */
export function parseSnapshotDetail(rows: readonly Row[], options?: TimeOptions): SnapshotDetail | undefined {
  const row = rows[0];
  if (row === undefined) {
    return undefined;
  }
  const details = parseDetails(cellNonEmpty(row, 'Details'));
  const backupTime = typeof details?.backup_time === 'number' ? new Date(details.backup_time) : undefined;
  const status = cellText(row, 'Status') ?? '';
  const fromDetails = typeof details?.database === 'string' ? details.database : undefined;
  return {
    label: cellText(row, 'Snapshot') ?? (typeof details?.name === 'string' ? details.name : ''),
    timestamp: cellText(row, 'Timestamp') ?? '',
    database: cellNonEmpty(row, 'Database') ?? fromDetails,
    tables: details ? snapshotTables(details) : [],
    backupTime,
    status,
    ok: status === 'OK',
    ...retention(row, options),
  };
}
