/** Rows and records for the job unit tests, built through the dialect's own parser. */
import { parseBackupJob, parseRestoreJob } from '../../../../src/starrocks/parsers/jobs';
import type { ObservedJob } from '../../../../src/jobs/core/jobRecord';
import type { SubmittedJob } from '../../../../src/jobs/types';

/** A SHOW BACKUP row as mysql2 returns it (every column a string or null). */
export function backupRow(overrides: Partial<Record<string, string | null>> = {}): Record<string, unknown> {
  return {
    JobId: '10001',
    SnapshotName: 'snap_1',
    DbName: 'demo_sales',
    State: 'PENDING',
    BackupObjs: '[demo_sales.orders]',
    CreateTime: '2024-03-01 10:00:00',
    SnapshotFinishedTime: null,
    UploadFinishedTime: null,
    FinishedTime: null,
    UnfinishedTasks: '',
    Progress: '',
    TaskErrMsg: '',
    Status: '[OK]',
    Timeout: '86400',
    ...overrides,
  };
}

export function restoreRow(overrides: Partial<Record<string, string | null>> = {}): Record<string, unknown> {
  return {
    JobId: '20001',
    Label: 'snap_1',
    Timestamp: '2024-03-01-10-00-00-123',
    DbName: 'demo_sales',
    State: 'PENDING',
    AllowLoad: 'false',
    ReplicationNum: '3',
    RestoreObjs: 'orders',
    CreateTime: '2024-03-01 11:00:00',
    MetaPreparedTime: null,
    SnapshotFinishedTime: null,
    DownloadFinishedTime: null,
    FinishedTime: null,
    UnfinishedTasks: '',
    Progress: '',
    TaskErrMsg: '',
    Status: '[OK]',
    Timeout: '86400',
    ...overrides,
  };
}

export function observedBackup(overrides: Partial<Record<string, string | null>> = {}): ObservedJob {
  const raw = backupRow(overrides);
  return { row: parseBackupJob(raw), raw };
}

export function observedRestore(overrides: Partial<Record<string, string | null>> = {}): ObservedJob {
  const raw = restoreRow(overrides);
  return { row: parseRestoreJob(raw), raw };
}

export function submittedBackup(overrides: Partial<SubmittedJob> = {}): SubmittedJob {
  return {
    profileId: 'p1',
    database: 'demo_sales',
    label: 'snap_1',
    kind: 'BACKUP',
    repository: 'demo_repo',
    sql: 'BACKUP SNAPSHOT ...',
    ...overrides,
  };
}
