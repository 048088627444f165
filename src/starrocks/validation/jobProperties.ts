/**
 * BACKUP and RESTORE properties, checked as the FE's BackupRestoreAnalyzer and BackupHandler check
 * them, with the server's own messages. Keys are case-sensitive (`TIMEOUT` is an unknown key), values
 * of `type` and `allow_load` are not. Unlike the server, every issue is reported, not only the first.
 */
import { Capabilities } from '../version';
import { ValidationIssue } from '../dialectError';
import { javaLongMultiply, parseJavaInt, parseJavaLong } from './javaNumbers';
import { validateSnapshotTtl } from './snapshotTtl';

export type PropertyMap = Readonly<Record<string, string>>;

const MIN_TIMEOUT_MS = 600_000n;
const TIMEOUT_FIX = 'Give the timeout in seconds, at least 600 (10 minutes); the server default is 86400 (1 day).';
/** Snapshot timestamps as SHOW SNAPSHOT prints them: millisecond or (older, Doris) second precision. */
export const SNAPSHOT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}(-\d{3})?$/;

/** `timeout` for both BACKUP and RESTORE: seconds, parsed as a Java long, compared in ms like the FE. */
function timeoutIssues(value: string): ValidationIssue[] {
  const seconds = parseJavaLong(value);
  if (seconds === undefined) {
    return [{ key: 'timeout', message: `Invalid timeout format: ${value}`, fix: TIMEOUT_FIX }];
  }
  // The FE multiplies by 1000 in a Java long before comparing; mirror the overflow too.
  if (javaLongMultiply(seconds, 1000n) < MIN_TIMEOUT_MS) {
    return [{ key: 'timeout', message: 'timeout must be at least 10 min', fix: TIMEOUT_FIX }];
  }
  return [];
}

function backupTypeIssues(value: string): ValidationIssue[] {
  const type = value.toUpperCase();
  if (type === 'FULL') {
    return [];
  }
  if (type === 'INCREMENTAL') {
    return [{ key: 'type', message: 'Currently does not support incremental backup', fix: 'Leave type out or set it to FULL.' }];
  }
  return [{ key: 'type', message: `Invalid backup job type: ${value}`, fix: 'The only supported type is FULL.' }];
}

/** One issue per unknown key, each in the server's words (`Unknown backup job properties: [k]`). */
function unknownKeyIssues(kind: 'backup' | 'restore', keys: string[], allowed: string[]): ValidationIssue[] {
  return keys.map((key) => ({
    key,
    message: `Unknown ${kind} job properties: [${key}]`,
    fix: `Property keys are case-sensitive; ${kind.toUpperCase()} accepts ${allowed.join(', ')}.`,
  }));
}

/** The keys BACKUP accepts on a server with these capabilities. */
export function backupPropertyKeys(caps: Capabilities): string[] {
  return caps.dropSnapshot ? ['type', 'timeout', 'ttl'] : ['type', 'timeout'];
}

export const RESTORE_PROPERTY_KEYS = [
  'backup_timestamp',
  'timeout',
  'allow_load',
  'replication_num',
  'meta_version',
  'starrocks_meta_version',
];

export function validateBackupProperties(props: PropertyMap, caps: Capabilities): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (key === 'timeout') {
      issues.push(...timeoutIssues(value));
    } else if (key === 'type') {
      issues.push(...backupTypeIssues(value));
    } else if (key === 'ttl' && caps.dropSnapshot) {
      issues.push(...validateSnapshotTtl(value));
    } else {
      unknown.push(key);
    }
  }
  const unknownIssues = unknownKeyIssues('backup', unknown, backupPropertyKeys(caps)).map((issue) =>
    issue.key === 'ttl'
      ? { ...issue, fix: 'The ttl property needs StarRocks 4.2 or later; on this server delete old snapshots from storage instead.' }
      : issue,
  );
  return [...issues, ...unknownIssues];
}

function allowLoadIssues(value: string): ValidationIssue[] {
  const v = value.toLowerCase();
  return v === 'true' || v === 'false'
    ? []
    : [{ key: 'allow_load', message: `Invalid allow load value: ${value}`, fix: 'Use true or false.' }];
}

/** replication_num, meta_version and starrocks_meta_version: Java ints (the FE's message says "meta version" for all three). */
function intPropertyIssues(key: string, value: string): ValidationIssue[] {
  const n = parseJavaInt(value);
  if (n === undefined) {
    return [{ key, message: `Invalid meta version format: ${value}`, fix: `${key} must be a whole number.` }];
  }
  if (key === 'replication_num' && n < 1) {
    // Not an analyzer check: the job fails later when it creates replicas. Caught here instead.
    return [
      {
        key,
        message: `replication_num must be at least 1, but got: ${value}`,
        fix: 'Use the number of replicas the restored tables should have (3 by default).',
      },
    ];
  }
  return [];
}

function backupTimestampIssues(value: string): ValidationIssue[] {
  if (SNAPSHOT_TIMESTAMP.test(value)) {
    return [];
  }
  // The server only fails later ("Failed to get info of snapshot … Maybe specified wrong backup
  // timestamp"); every real timestamp has one of the two shapes, so anything else is a typo.
  return [
    {
      key: 'backup_timestamp',
      message: `Invalid backup_timestamp: '${value}'`,
      fix: 'Copy the Timestamp exactly as SHOW SNAPSHOT ON <repository> reports it, e.g. 2024-05-01-10-20-30-123.',
    },
  ];
}

export function validateRestoreProperties(props: PropertyMap, _caps: Capabilities): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (key === 'timeout') {
      issues.push(...timeoutIssues(value));
    } else if (key === 'allow_load') {
      issues.push(...allowLoadIssues(value));
    } else if (key === 'replication_num' || key === 'meta_version' || key === 'starrocks_meta_version') {
      issues.push(...intPropertyIssues(key, value));
    } else if (key === 'backup_timestamp') {
      issues.push(...backupTimestampIssues(value));
    } else {
      unknown.push(key);
    }
  }
  if (!Object.prototype.hasOwnProperty.call(props, 'backup_timestamp')) {
    issues.push({
      key: 'backup_timestamp',
      message: 'Missing backup_timestamp property',
      fix: 'Pick the snapshot timestamp from SHOW SNAPSHOT ON <repository>.',
    });
  }
  return [...issues, ...unknownKeyIssues('restore', unknown, RESTORE_PROPERTY_KEYS)];
}
