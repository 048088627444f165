/**
 * Repository locations: `scheme://bucket/prefix`. StarRocks and CelerData read S3 through the
 * Hadoop s3a client, and CelerData accepts only `s3a://`, so `s3://` and `s3n://` are rewritten
 * to `s3a://` with a note the user sees.
 */
import { DialectError, ValidationIssue } from './dialectError';

export interface ParsedLocation {
  /** Lower-case scheme without `://`, e.g. `s3a`. */
  scheme: string;
  /** The bucket (S3-style stores) or the authority (`namenode:8020` for HDFS). */
  bucket: string;
  /** The key prefix inside the bucket, without leading or trailing `/`; `''` for the bucket root. */
  prefix: string;
}

/** Schemes the FE's file systems handle (HdfsFsManager and the cloud configurations). */
const SUPPORTED_SCHEMES = ['s3a', 's3', 's3n', 'oss', 'cosn', 'ks3', 'obs', 'gs', 'hdfs', 'viewfs', 'wasb', 'wasbs', 'abfs', 'abfss'];
const S3_SCHEMES = new Set(['s3', 's3a', 's3n']);
const LOCATION = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/;
const EXAMPLE = 's3a://my-bucket/backups';

export function isS3Scheme(scheme: string): boolean {
  return S3_SCHEMES.has(scheme.toLowerCase());
}

/** S3 bucket naming rules; Hadoop's s3a parses the bucket as a host name and fails on others. */
function bucketIssue(bucket: string): ValidationIssue | undefined {
  const valid = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);
  if (valid) {
    return undefined;
  }
  return {
    key: 'location',
    message: `Invalid S3 bucket name '${bucket}'`,
    fix: 'S3 bucket names are 3 to 63 lower-case letters, digits, dots and hyphens, and start and end with a letter or digit (with other names the FE reports "bucket is null/empty").',
  };
}

function pathIssues(path: string): ValidationIssue[] {
  // One leading '/' separates the bucket from the path; trailing ones are dropped by the FE.
  const segments = path.replace(/^\//, '').replace(/\/+$/, '').split('/');
  if (segments.length === 1 && segments[0] === '') {
    return [];
  }
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return [
      {
        key: 'location',
        message: `The location path '${path}' has an empty, '.' or '..' segment`,
        fix: `Write the path without '//', '.' or '..', e.g. ${EXAMPLE}.`,
      },
    ];
  }
  return [];
}

function isControlCharacter(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** Every problem with `location`; empty when it can be used as a repository location. */
export function validateLocation(location: string): ValidationIssue[] {
  if (location.length === 0) {
    return [{ key: 'location', message: 'You must specify a location on the repository', fix: `Enter a location such as ${EXAMPLE}.` }];
  }
  if (/\s/.test(location) || Array.from(location).some(isControlCharacter)) {
    return [
      {
        key: 'location',
        message: 'The location contains spaces or control characters',
        fix: 'Remove them; object keys with spaces are not supported by the FE file systems.',
      },
    ];
  }
  const m = LOCATION.exec(location);
  if (!m) {
    return [
      { key: 'location', message: `The location '${location}' has no scheme`, fix: `Write it as scheme://bucket/path, e.g. ${EXAMPLE}.` },
    ];
  }
  const scheme = m[1].toLowerCase();
  if (!SUPPORTED_SCHEMES.includes(scheme)) {
    return [
      {
        key: 'location',
        message: `Unsupported location scheme '${m[1]}://'`,
        fix: `Use one of ${SUPPORTED_SCHEMES.map((s) => s + '://').join(', ')}.`,
      },
    ];
  }
  if (m[2] === '') {
    return [{ key: 'location', message: `The location '${location}' has no bucket`, fix: `Write it as ${scheme}://bucket/path.` }];
  }
  const issues = pathIssues(m[3] ?? '');
  const bucket = isS3Scheme(scheme) ? bucketIssue(m[2]) : undefined;
  return bucket ? [bucket, ...issues] : issues;
}

/** Splits a location into scheme, bucket and prefix. Throws a `DialectError` when it is invalid. */
export function parseLocation(location: string): ParsedLocation {
  const issues = validateLocation(location);
  if (issues.length > 0) {
    throw new DialectError(issues);
  }
  const m = LOCATION.exec(location) as RegExpExecArray;
  return { scheme: m[1].toLowerCase(), bucket: m[2], prefix: (m[3] ?? '').replace(/^\/+/, '').replace(/\/+$/, '') };
}

/** The location as it is stored by the FE: `s3a://` for S3, no trailing slash. */
export function formatLocation(parsed: ParsedLocation): string {
  return `${parsed.scheme}://${parsed.bucket}${parsed.prefix ? '/' + parsed.prefix : ''}`;
}

/**
 * The location to put in CREATE REPOSITORY, with a note when it differs from the input in a way the
 * server would not have applied itself (the FE strips one trailing `/` on its own).
 * Throws a `DialectError` when the location is invalid.
 */
export function normalizeLocation(location: string): { location: string; note?: string } {
  const parsed = parseLocation(location);
  const notes: string[] = [];
  if (parsed.scheme === 's3' || parsed.scheme === 's3n') {
    notes.push(`${parsed.scheme}:// was changed to s3a://: StarRocks and CelerData read S3 repositories through s3a://.`);
    parsed.scheme = 's3a';
  }
  if (/\/\/+$/.test(location)) {
    notes.push('The extra trailing slashes were removed from the location.');
  }
  const normalized = formatLocation(parsed);
  return notes.length > 0 ? { location: normalized, note: notes.join(' ') } : { location: normalized };
}

/** Locations compare after the FE's own normalisation (s3:// = s3a://, no trailing slash). */
export function sameLocation(a: string, b: string): boolean {
  const normal = (location: string): string => {
    try {
      return normalizeLocation(location).location;
    } catch {
      return location.replace(/\/+$/, '');
    }
  };
  return normal(a) === normal(b);
}
