/**
 * SHOW BACKUP (14 columns) and SHOW RESTORE (18 columns). Only the last job per database is kept
 * by the FE, so these lists hold at most one row per database (plus one for external catalogs).
 */
import { BackupJobRow, JobProgress, JobRowBase, JobStatus, RestoreJobRow } from '../models';
import { bracketedEntries, splitTopLevel } from './bracketLists';
import { cellBoolean, cellInteger, cellNonEmpty, cellText, cellTime, Row, TimeOptions } from './cells';

const STATUS = /^\[\s*([A-Za-z_]+)\s*(?:,\s*msg:\s?([\s\S]*))?\]$/;

/**
 * `[OK]` → `{ code: 'OK' }`; `[TIMEOUT, msg: restore job …]` → code and message. The code a user
 * cancel shows (CANCELLED or COMMON_ERROR) is UNVERIFIED, so any code is accepted and kept.
 */
export function parseJobStatus(text: string | undefined): JobStatus {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === '') {
    return { code: 'UNKNOWN', message: undefined };
  }
  const m = STATUS.exec(trimmed);
  if (m) {
    return { code: m[1].toUpperCase(), message: m[2]?.trim() || undefined };
  }
  return trimmed === 'OK' ? { code: 'OK', message: undefined } : { code: 'UNKNOWN', message: trimmed };
}

/** Sums the `[signature: finished/total]` entries of the Progress column; undefined when there are none. */
export function parseJobProgress(text: string | undefined): JobProgress | undefined {
  let finished = 0;
  let total = 0;
  let found = false;
  for (const entry of bracketedEntries(text)) {
    const m = /:\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(entry);
    if (m) {
      finished += Number(m[1]);
      total += Number(m[2]);
      found = true;
    }
  }
  return found ? { finished, total } : undefined;
}

function parseJobBase(row: Row, labelColumn: string, options?: TimeOptions): JobRowBase {
  return {
    jobId: cellText(row, 'JobId') ?? '-1',
    label: cellText(row, labelColumn) ?? '',
    database: cellText(row, 'DbName') ?? '',
    state: (cellText(row, 'State') ?? 'UNKNOWN').trim().toUpperCase(),
    createTime: cellTime(row, 'CreateTime', options),
    finishedTime: cellTime(row, 'FinishedTime', options),
    unfinishedTasks: splitTopLevel(cellNonEmpty(row, 'UnfinishedTasks')),
    progress: parseJobProgress(cellNonEmpty(row, 'Progress')),
    taskErrors: bracketedEntries(cellNonEmpty(row, 'TaskErrMsg')),
    status: parseJobStatus(cellText(row, 'Status')),
    timeoutSeconds: cellInteger(row, 'Timeout'),
  };
}

export function parseBackupJob(row: Row, options?: TimeOptions): BackupJobRow {
  return {
    ...parseJobBase(row, 'SnapshotName', options),
    kind: 'BACKUP',
    // How the newest versions render BackupObjs (catalog prefix or not) is UNVERIFIED: the entries
    // are kept as display text, never parsed for names.
    objects: bracketedEntries(cellNonEmpty(row, 'BackupObjs')),
    snapshotFinishedTime: cellTime(row, 'SnapshotFinishedTime', options),
    uploadFinishedTime: cellTime(row, 'UploadFinishedTime', options),
  };
}

export function parseRestoreJob(row: Row, options?: TimeOptions): RestoreJobRow {
  return {
    ...parseJobBase(row, 'Label', options),
    kind: 'RESTORE',
    timestamp: cellText(row, 'Timestamp') ?? '',
    allowLoad: cellBoolean(row, 'AllowLoad') ?? false,
    replicationNum: cellInteger(row, 'ReplicationNum'),
    objects: splitTopLevel(cellNonEmpty(row, 'RestoreObjs')),
    metaPreparedTime: cellTime(row, 'MetaPreparedTime', options),
    snapshotFinishedTime: cellTime(row, 'SnapshotFinishedTime', options),
    downloadFinishedTime: cellTime(row, 'DownloadFinishedTime', options),
  };
}

export function parseBackupJobs(rows: readonly Row[], options?: TimeOptions): BackupJobRow[] {
  return rows.map((row) => parseBackupJob(row, options));
}

export function parseRestoreJobs(rows: readonly Row[], options?: TimeOptions): RestoreJobRow[] {
  return rows.map((row) => parseRestoreJob(row, options));
}
