/**
 * PROPERTIES of BACKUP and RESTORE as `BackupRestoreAnalyzer` checks them: allowed keys only,
 * matched case-sensitively, with the analyzer's messages (spec §2.4, §2.5).
 */
import type { ErrorReporter } from '../../errors/errorReporter';
import type { PropertyList } from '../../sql/ast';

/** `Config.backup_job_default_timeout_ms`. */
export const DEFAULT_TIMEOUT_MS = 86_400_000;
const MIN_TIMEOUT_MS = 600_000;

export interface BackupProperties {
  timeoutMs: number;
  type: 'FULL' | 'INCREMENTAL';
  /** 4.2: `'7 DAY'` etc., '' for "keep forever"; with its length in ms. */
  ttl?: string;
  ttlMs?: number;
}

export interface RestoreProperties {
  timeoutMs: number;
  allowLoad: boolean;
  replicationNum: number;
  backupTimestamp: string;
  metaVersion: number;
  starrocksMetaVersion: number;
}

export function parseBackupProperties(properties: PropertyList, errors: ErrorReporter, retention: boolean): BackupProperties {
  const result: BackupProperties = { timeoutMs: DEFAULT_TIMEOUT_MS, type: 'FULL' };
  const unknown: string[] = [];
  for (const [key, value] of properties) {
    if (key === 'timeout') result.timeoutMs = parseTimeout(value, errors);
    else if (key === 'type') {
      const type = value.toUpperCase();
      if (type !== 'FULL' && type !== 'INCREMENTAL') throw errors.analyzing(`Invalid backup job type: ${value}`, 'commonError');
      result.type = type;
    } else if (key === 'ttl' && retention) {
      result.ttl = value;
      result.ttlMs = parseTtl(value, errors);
    } else unknown.push(key);
  }
  if (unknown.length > 0) throw errors.analyzing(`Unknown backup job properties: [${unknown.join(', ')}]`, 'commonError');
  return result;
}

export function parseRestoreProperties(properties: PropertyList, errors: ErrorReporter, defaultReplicationNum: number): RestoreProperties {
  const result: Partial<RestoreProperties> & Omit<RestoreProperties, 'backupTimestamp'> = {
    timeoutMs: DEFAULT_TIMEOUT_MS,
    allowLoad: false,
    replicationNum: defaultReplicationNum,
    metaVersion: -1,
    starrocksMetaVersion: -1,
  };
  const unknown: string[] = [];
  for (const [key, value] of properties) {
    switch (key) {
      case 'timeout':
        result.timeoutMs = parseTimeout(value, errors);
        break;
      case 'allow_load':
        if (!/^(true|false)$/i.test(value)) throw errors.analyzing(`Invalid allow load value: ${value}`, 'commonError');
        result.allowLoad = value.toLowerCase() === 'true';
        break;
      // Quirk kept from the FE: a bad replication_num reports "Invalid meta version format".
      case 'replication_num':
        result.replicationNum = parseJavaInt(value, errors);
        break;
      case 'backup_timestamp':
        result.backupTimestamp = value;
        break;
      case 'meta_version':
        result.metaVersion = parseJavaInt(value, errors);
        break;
      case 'starrocks_meta_version':
        result.starrocksMetaVersion = parseJavaInt(value, errors);
        break;
      default:
        unknown.push(key);
    }
  }
  if (result.backupTimestamp === undefined) throw errors.analyzing('Missing backup_timestamp property', 'commonError');
  if (unknown.length > 0) throw errors.analyzing(`Unknown restore job properties: [${unknown.join(', ')}]`, 'commonError');
  return { ...result, backupTimestamp: result.backupTimestamp };
}

/** Seconds as a Java long; below ten minutes is refused. */
function parseTimeout(value: string, errors: ErrorReporter): number {
  if (!/^[-+]?\d{1,18}$/.test(value)) throw errors.analyzing(`Invalid timeout format: ${value}`, 'commonError');
  const ms = Number(value) * 1000;
  if (ms < MIN_TIMEOUT_MS) throw errors.analyzing('timeout must be at least 10 min', 'commonError');
  return ms;
}

function parseJavaInt(value: string, errors: ErrorReporter): number {
  const n = Number(value);
  if (!/^[-+]?\d+$/.test(value) || n > 2147483647 || n < -2147483648)
    throw errors.analyzing(`Invalid meta version format: ${value}`, 'commonError');
  return n;
}

const TTL_UNITS: Record<string, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000, WEEK: 7 * 86_400_000 };

/**
 * `SnapshotTtl`: `'<n> <unit>'` or '' (keep forever). UNVERIFIED which units 4.2 accepts beyond
 * DAY and HOUR; SECOND, MINUTE and WEEK are accepted here too.
 */
function parseTtl(value: string, errors: ErrorReporter): number | undefined {
  if (value.trim() === '') return undefined;
  const m = /^\s*(-?\d+)\s*([A-Za-z]+?)S?\s*$/i.exec(value);
  const unit = m ? TTL_UNITS[m[2].toUpperCase()] : undefined;
  if (!m || unit === undefined) {
    throw errors.analyzing(
      `Invalid ttl: '${value}'. Expected a duration such as '7 DAY' or '12 HOUR', or an empty value to keep the snapshot forever`,
      'commonError',
    );
  }
  const amount = Number(m[1]);
  if (amount <= 0) throw errors.analyzing(`ttl must be a positive duration, but got: ${value}`, 'commonError');
  return amount * unit;
}
