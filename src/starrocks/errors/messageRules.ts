/**
 * What the FE's backup, restore and repository messages mean and what to do about them. Matched on
 * message text, not error codes: 2.x sends most errors as 1064, 3.x as 5064, and analyzer errors
 * arrive wrapped, so the text is the only stable part (spec §6).
 */
import { ErrorKind } from './types';

export interface MessageRule {
  pattern: RegExp;
  kind: ErrorKind;
  advice: string;
}

const IAM_ACTIONS = 's3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject';

export const MESSAGE_RULES: readonly MessageRule[] = [
  // Another job holds the database or repository.
  {
    pattern: /Can only run one backup or restore job of a database at same time/i,
    kind: 'busy',
    advice: 'Wait for the running BACKUP or RESTORE of this database to finish (SHOW BACKUP / SHOW RESTORE), or cancel it.',
  },
  {
    pattern: /Can only run one backup or restore job of external catalog/i,
    kind: 'busy',
    advice: 'Wait for the running external catalog job to finish, or cancel it.',
  },
  { pattern: /Another backup or restore job is being submitted/i, kind: 'busy', advice: 'Try again in a moment.' },
  {
    pattern: /Backup or restore job is running on this repository/i,
    kind: 'busy',
    advice: 'Wait for the running job to finish before dropping the repository.',
  },
  {
    pattern: /is in restore process|Cannot write RESTORE state table|state is not NORMAL/i,
    kind: 'busy',
    advice: 'A RESTORE is writing this table; try again when it has finished.',
  },
  {
    pattern: /Can not drop snapshot .*: a (backup is writing|restore is reading) it/i,
    kind: 'busy',
    advice: 'Wait for the job that uses the snapshot to finish.',
  },
  // The statement text.
  {
    pattern: /syntax error|You have an error in your SQL syntax|mismatched input|no viable alternative|extraneous input|Unexpected input/i,
    kind: 'syntax',
    advice: 'Check the statement against the grammar of this server version (the BACKUP/RESTORE syntax changed in 3.4).',
  },
  // Wrong names or timestamps.
  // How the status inside this message is rendered is UNVERIFIED; only its two ends are matched.
  {
    pattern: /Failed to get info of snapshot .* Maybe specified wrong backup timestamp/i,
    kind: 'notFound',
    advice:
      "Copy the timestamp exactly from SHOW SNAPSHOT. If it is right, a leftover .part file next to the snapshot's info file can cause this too.",
  },
  {
    pattern: /Unknown database|Incorrect database name/i,
    kind: 'notFound',
    advice: 'Check the database name (names are case-sensitive) with SHOW DATABASES.',
  },
  // Before 3.4 BackupHandler refuses views (2.x: everything but OLAP tables); a BACKUP without ON meets every view of the database.
  {
    pattern: /Table '.*' is not a OLAP table|can not support backup restore, type: \w*VIEW/i,
    kind: 'other',
    advice:
      'This StarRocks version cannot back up views (3.4 can; 2.x also no materialized views). Back up the tables with an ON (…) list that leaves the views out; a BACKUP without ON includes them.',
  },
  // DropSnapshotAnalyzer (4.2) words a missing or malformed name its own way.
  { pattern: /Must specify a snapshot name/i, kind: 'other', advice: 'Name the snapshot: DROP SNAPSHOT <snapshot> ON <repository>.' },
  {
    pattern: /Repository does not empty|Incorrect repository name/i,
    kind: 'other',
    advice: 'Repository names start with a letter and hold letters, digits and _ only (at most 64).',
  },
  {
    pattern: /Unknown table|Incorrect table name|Table .* does not exist in snapshot/i,
    kind: 'notFound',
    advice: 'Check the table names: they must exist in the database (BACKUP) or in the snapshot (RESTORE).',
  },
  {
    pattern: /partition\[.*\] does not exist|Unknown partition|Partition .* does not exist in snapshot/i,
    kind: 'notFound',
    advice: 'Check the partition names with SHOW PARTITIONS, or in the snapshot details.',
  },
  {
    pattern: /Repository .*does not exist|Repository does not exist/i,
    kind: 'notFound',
    advice: 'Check the repository name with SHOW REPOSITORIES (names are case-sensitive).',
  },
  {
    pattern: /Snapshot does not exist in repository/i,
    kind: 'notFound',
    advice: 'Refresh the snapshot list: it may have been deleted already.',
  },
  {
    pattern: /target database: .* is not existed in snapshot/i,
    kind: 'notFound',
    advice: 'Use the database name the snapshot was taken of (see the snapshot details).',
  },
  {
    pattern: /No backup job is currently running|No restore is currently running/i,
    kind: 'notFound',
    advice: 'There is nothing to cancel: the job already ended, or the last job of the database is of the other kind.',
  },
  { pattern: /Job with label .* can not be cancelled/i, kind: 'other', advice: 'The job has already finished or been cancelled.' },
  // Storage.
  {
    pattern: /bucket is null\/empty/i,
    kind: 'storage',
    advice:
      "The location's bucket could not be read: use s3a://bucket/path with a DNS-compatible bucket name (no underscores or capitals).",
  },
  {
    pattern: /AccessDenied|Access Denied \(Service|Status Code: 403|\b403\b.*Forbidden/i,
    kind: 'storage',
    advice: `The storage refused access: check the credentials, and that the IAM policy allows ${IAM_ACTIONS} on the bucket and prefix.`,
  },
  {
    pattern: /InvalidAccessKeyId|SignatureDoesNotMatch|security token .* invalid|ExpiredToken/i,
    kind: 'storage',
    advice: 'The S3 credentials are wrong or expired: check the access key, secret key and session token.',
  },
  {
    pattern: /NoSuchBucket|specified bucket does not exist/i,
    kind: 'storage',
    advice: 'The bucket does not exist, or is in another region: check the location and aws.s3.region.',
  },
  {
    pattern: /S3 must provide access_key\/secret_key\/endpoint/i,
    kind: 'storage',
    advice: 'Give the repository credentials: access keys, or an instance profile with a region.',
  },
  {
    pattern: /Unable to execute HTTP request|UnknownHost|Connect to .* failed|connection timed out/i,
    kind: 'storage',
    advice: 'The FE or BEs cannot reach the storage endpoint: check aws.s3.endpoint, the region, and the network from the cluster to S3.',
  },
  {
    pattern: /md5sum does not equal|Expected one file with path|file name should contains checksum/i,
    kind: 'storage',
    advice:
      'The snapshot directory holds unexpected files (often a leftover .part file from an aborted upload); remove them or take a new backup.',
  },
  {
    pattern: /capacity limit reached/i,
    kind: 'storage',
    advice: 'A BE ran out of disk space while downloading: free space or add capacity, then restore again.',
  },
  {
    pattern:
      /Failed to create repository|Failed to list snapshot|failed to list remote path|Failed to get info|Failed to delete snapshot|Failed to drop repository|File does not exist/i,
    kind: 'storage',
    advice:
      "The FE could not use the repository's storage: check the location, the credentials and the network from the cluster to the storage.",
  },
  // Mistakes the server refuses.
  {
    pattern: /Snapshot with name '.*' already exist in repository/i,
    kind: 'other',
    advice: 'Snapshot labels are unique per repository: choose another label, or delete the old snapshot.',
  },
  {
    pattern: /repository with same name already exist/i,
    kind: 'other',
    advice: 'Choose another repository name, or use the existing repository.',
  },
  {
    pattern: /Repository .* is read only/i,
    kind: 'other',
    advice: 'Read-only repositories accept RESTORE only: back up to a writable repository.',
  },
  {
    pattern: /already exist but with different schema|different key type/i,
    kind: 'other',
    advice: 'A table of the same name exists with another schema: restore under an alias, into another database, or drop the table first.',
  },
  {
    pattern: /has different replication num|has different range with partition|has conflict range/i,
    kind: 'other',
    advice: "The existing table's partitions differ from the snapshot's: restore under an alias or into another database.",
  },
  {
    pattern: /timeout must be at least 10 min|Invalid timeout format/i,
    kind: 'other',
    advice: 'Give the timeout in seconds, at least 600.',
  },
  {
    pattern: /Currently does not support incremental backup|Invalid backup job type/i,
    kind: 'other',
    advice: 'Only FULL backups are supported: leave the type out.',
  },
  {
    pattern:
      /Unknown (backup|restore) job properties|Missing backup_timestamp|Invalid allow load value|Invalid meta version format|Invalid ttl|ttl must be a positive/i,
    kind: 'other',
    advice: 'Fix the PROPERTIES of the statement (keys are case-sensitive).',
  },
  {
    pattern: /Can not set alias for table in Backup Stmt|Duplicated table|Duplicated alias name|table \[.*\] existed/i,
    kind: 'other',
    advice: 'Fix the table list: each table once, aliases only in RESTORE, and aliases that differ from every other name.',
  },
  {
    pattern: /timeout\.?$|\[TIMEOUT/i,
    kind: 'other',
    advice: 'The job ran out of time: run it again with a larger "timeout" property (seconds).',
  },
  {
    pattern: /shared.data (mode|cluster)|not supported in shared.data|lake table/i,
    kind: 'other',
    advice: 'This cluster runs in shared-data mode, where BACKUP and RESTORE are not supported by every version.',
  },
];
