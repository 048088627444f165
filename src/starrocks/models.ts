/**
 * Typed models of what a StarRocks FE reports about repositories, snapshots and jobs.
 * Parsers in this folder turn SHOW result rows into these; every other layer speaks only these types.
 */

/** One row of SHOW REPOSITORIES (spec §3.4). */
export interface RepositoryInfo {
  id: string;
  name: string;
  createTime: Date | undefined;
  readOnly: boolean;
  /** Location without trailing slash, as the FE reports it (e.g. `s3a://bucket/path`). */
  location: string;
  /** Broker name; undefined when none (the FE sends "" or NULL). */
  broker: string | undefined;
  /** Last ping failure, `"<time>: <message>"`, or undefined when the last ping succeeded. */
  errorMessage: string | undefined;
}

export type SnapshotStatus = 'OK' | 'INCOMPLETE' | 'ERROR';

/** One row of SHOW SNAPSHOT ON repo (list form, spec §3.3). */
export interface SnapshotSummary {
  label: string;
  /** Valid timestamps (`yyyy-MM-dd-HH-mm-ss-SSS`, kept verbatim), newest first. */
  timestamps: string[];
  /** Lines of the Timestamp column that the FE reported as `Invalid: <file>`. */
  invalidFiles: string[];
  status: SnapshotStatus;
  /** The raw Status column, e.g. `OK`, `ERROR: no snapshot`. */
  statusText: string;
  /** 4.2+ retention columns, when present. */
  clusterId?: string;
  finishTime?: Date;
  ttl?: string;
  expireTime?: Date;
}

/** A table inside a snapshot with the partitions it holds. */
export interface SnapshotTable {
  name: string;
  partitions: string[];
}

/** The detail form of SHOW SNAPSHOT (…WHERE SNAPSHOT = … AND TIMESTAMP = …). */
export interface SnapshotDetail {
  label: string;
  timestamp: string;
  database: string | undefined;
  tables: SnapshotTable[];
  /** `backup_time` in epoch ms from the Details JSON. */
  backupTime: Date | undefined;
  status: string;
  ok: boolean;
  /** 4.2+ retention columns, when present. */
  clusterId?: string;
  finishTime?: Date;
  ttl?: string;
  expireTime?: Date;
}

export type BackupState =
  'PENDING' | 'SNAPSHOTING' | 'UPLOAD_SNAPSHOT' | 'UPLOADING' | 'SAVE_META' | 'UPLOAD_INFO' | 'FINISHED' | 'CANCELLED';

export type RestoreState = 'PENDING' | 'SNAPSHOTING' | 'DOWNLOAD' | 'DOWNLOADING' | 'COMMIT' | 'COMMITTING' | 'FINISHED' | 'CANCELLED';

export type JobKind = 'BACKUP' | 'RESTORE';

/** `[OK]` or `[<ERRCODE>, msg: <text>]` split into its parts. */
export interface JobStatus {
  code: string;
  message: string | undefined;
}

/** Finished/total summed over the Progress column's `[sig: f/t]` entries. */
export interface JobProgress {
  finished: number;
  total: number;
}

/** Fields common to a row of SHOW BACKUP and SHOW RESTORE. */
export interface JobRowBase {
  /** -1 until the job leaves its first PENDING step. */
  jobId: string;
  label: string;
  database: string;
  state: string;
  createTime: Date | undefined;
  finishedTime: Date | undefined;
  unfinishedTasks: string[];
  progress: JobProgress | undefined;
  taskErrors: string[];
  status: JobStatus;
  timeoutSeconds: number | undefined;
}

/** One row of SHOW BACKUP (spec §3.1). */
export interface BackupJobRow extends JobRowBase {
  kind: 'BACKUP';
  state: BackupState | string;
  /** BackupObjs entries without their brackets, e.g. `db.tbl PARTITIONS (p1, p2)`. */
  objects: string[];
  snapshotFinishedTime: Date | undefined;
  uploadFinishedTime: Date | undefined;
}

/** One row of SHOW RESTORE (spec §3.2). */
export interface RestoreJobRow extends JobRowBase {
  kind: 'RESTORE';
  state: RestoreState | string;
  timestamp: string;
  allowLoad: boolean;
  replicationNum: number | undefined;
  /** RestoreObjs entries, e.g. `tbl PARTITIONS [p1, p2]`. */
  objects: string[];
  metaPreparedTime: Date | undefined;
  snapshotFinishedTime: Date | undefined;
  downloadFinishedTime: Date | undefined;
}

export type JobRow = BackupJobRow | RestoreJobRow;

/** One row of SHOW PARTITIONS (columns vary by version and run mode; absent ones are undefined). */
export interface PartitionInfo {
  id: string;
  name: string;
  state: string | undefined;
  visibleVersion: number | undefined;
  visibleVersionTime: Date | undefined;
  partitionKey: string | undefined;
  /** The range or list values as the FE prints them. */
  range: string | undefined;
  distributionKey: string | undefined;
  buckets: number | undefined;
  replicationNum: number | undefined;
  storageMedium: string | undefined;
  /** DataSize as printed, e.g. `1.234 MB`. */
  dataSize: string | undefined;
  /** DataSize in bytes, when it could be read. */
  dataSizeBytes: number | undefined;
  rowCount: number | undefined;
}

/** One row of SHOW TABLES (or SHOW FULL TABLES, which adds the type). */
export interface TableInfo {
  name: string;
  /** `BASE TABLE` or `VIEW` with SHOW FULL TABLES; undefined otherwise. */
  type: string | undefined;
}

export const TERMINAL_STATES: ReadonlySet<string> = new Set(['FINISHED', 'CANCELLED']);

export function isTerminalState(state: string): boolean {
  return TERMINAL_STATES.has(state);
}
