/**
 * The repository's on-storage layout (spec §5.3, `Repository.java`), as pure functions on keys.
 * Nothing here talks to S3: callers list keys and ask these functions what they are.
 */

export const STARROCKS_REPOSITORY_PREFIX = '__starrocks_repository_';
export const PALO_REPOSITORY_PREFIX = '__palo_repository_';
export const SNAPSHOT_DIR_PREFIX = '__ss_';
export const SNAPSHOT_CONTENT_DIR = '__ss_content';
export const REPO_INFO_FILE = '__repo_info';
export const META_FILE = '__meta';
export const JOB_INFO_PREFIX = '__info_';
/** Every upload is written as `<name>.part` first and renamed to `<name>.<md5>` when whole. */
export const TEMP_SUFFIX = 'part';

export type KeyKind = 'info' | 'meta' | 'content' | 'part' | 'other';

/** What one object key under a repository root is. */
export interface DecodedKey {
  /** The snapshot label, when the key lies inside `__ss_<label>/`. */
  label?: string;
  kind: KeyKind;
  /** Info files: `yyyy-MM-dd-HH-mm-ss[-SSS]`, verbatim from the name. */
  timestamp?: string;
  /** The 32-hex MD5 suffix of a checksummed file name. */
  md5?: string;
  dbId?: string;
  tableId?: string;
  partitionId?: string;
  indexId?: string;
  tabletId?: string;
}

/**
 * Splits `<name>.<md5>` like `Repository.decodeFileNameWithChecksum`: valid only when the text
 * after the last `.` is exactly 32 characters (the FE does not check that they are hex).
 */
export function decodeChecksumName(fileName: string): { name: string; md5: string } | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot === -1) return undefined;
  const md5 = fileName.slice(dot + 1);
  return md5.length === 32 ? { name: fileName.slice(0, dot), md5 } : undefined;
}

function isTempFile(fileName: string): boolean {
  return fileName.endsWith(`.${TEMP_SUFFIX}`);
}

/** `__info_<ts>.<md5>` → timestamp and md5; `.part` and other suffixes are not valid info files. */
export function decodeInfoFileName(fileName: string): { timestamp: string; md5: string } | undefined {
  if (!fileName.startsWith(JOB_INFO_PREFIX)) return undefined;
  const decoded = decodeChecksumName(fileName);
  if (!decoded || !decoded.name.startsWith(JOB_INFO_PREFIX)) return undefined;
  return { timestamp: decoded.name.slice(JOB_INFO_PREFIX.length), md5: decoded.md5 };
}

/** The content path's `__<prefix><id>` segments, in the order the BE writes them. */
const CONTENT_SEGMENTS: readonly (readonly [string, keyof DecodedKey])[] = [
  ['__db_', 'dbId'],
  ['__tbl_', 'tableId'],
  ['__part_', 'partitionId'],
  ['__idx_', 'indexId'],
  ['__', 'tabletId'],
];

/**
 * Decodes a key relative to the repository root (`__ss_<label>/…`, `__repo_info`, …).
 * A label is the directory name after `__ss_`; labels cannot contain `/`, so the first `/`
 * ends it.
 */
export function decodeKey(relativeKey: string): DecodedKey {
  if (!relativeKey.startsWith(SNAPSHOT_DIR_PREFIX)) return { kind: 'other' };
  const slash = relativeKey.indexOf('/');
  if (slash === -1) return { kind: 'other' };
  const label = relativeKey.slice(SNAPSHOT_DIR_PREFIX.length, slash);
  const rest = relativeKey.slice(slash + 1);
  const parts = rest.split('/');
  const fileName = parts[parts.length - 1];
  if (isTempFile(fileName)) return { label, kind: 'part', ...contentIds(parts) };
  if (parts.length === 1) return { label, ...decodeTopLevelFile(fileName) };
  const ids = contentIds(parts);
  // Tablet files sit exactly at __ss_content/__db_/__tbl_/__part_/__idx_/__<tablet>/<file>.
  if (ids.tabletId === undefined || parts.length !== 7) return { label, kind: 'other', ...ids };
  const checksum = decodeChecksumName(fileName);
  return { label, kind: 'content', ...ids, ...(checksum ? { md5: checksum.md5 } : {}) };
}

function decodeTopLevelFile(fileName: string): Omit<DecodedKey, 'label'> {
  const info = decodeInfoFileName(fileName);
  if (info) return { kind: 'info', timestamp: info.timestamp, md5: info.md5 };
  const checksum = decodeChecksumName(fileName);
  if (checksum && checksum.name === META_FILE) return { kind: 'meta', md5: checksum.md5 };
  return { kind: 'other' };
}

/** Reads `__db_<id>/__tbl_<id>/__part_<id>/__idx_<id>/__<tablet>/` from the directory segments. */
function contentIds(parts: string[]): Partial<DecodedKey> {
  if (parts[0] !== SNAPSHOT_CONTENT_DIR) return {};
  const ids: Partial<DecodedKey> = {};
  const dirs = parts.slice(1, -1);
  for (let i = 0; i < CONTENT_SEGMENTS.length && i < dirs.length; i++) {
    const [prefix, field] = CONTENT_SEGMENTS[i];
    if (!dirs[i].startsWith(prefix)) break;
    (ids as Record<string, string>)[field] = dirs[i].slice(prefix.length);
  }
  return ids;
}

/** `<prefix>/__starrocks_repository_<name>/` (or the legacy name), as an S3 key prefix. */
export function repositoryRootKey(locationPrefix: string, repositoryName: string, legacy = false): string {
  const base = legacy ? PALO_REPOSITORY_PREFIX : STARROCKS_REPOSITORY_PREFIX;
  return joinKey(locationPrefix, `${base}${repositoryName}/`);
}

/**
 * The exact key prefix of one snapshot, ending in `/` so that label `a` never matches the
 * objects of label `ab`.
 */
export function snapshotPrefix(root: string, label: string): string {
  assertValidLabel(label);
  return `${root}${SNAPSHOT_DIR_PREFIX}${label}/`;
}

/** Labels come from directory names; one with a `/` or nothing in it could reach other snapshots. */
export function assertValidLabel(label: string): void {
  if (label.length === 0 || label.includes('/') || label.includes('\\')) {
    throw new Error(`Not a valid snapshot label: ${JSON.stringify(label)}`);
  }
}

/** Joins a location prefix (no leading/trailing `/` needed) and a relative key. */
export function joinKey(prefix: string, relative: string): string {
  const clean = prefix.replace(/^\/+|\/+$/g, '');
  return clean ? `${clean}/${relative}` : relative;
}

/** The label of a `CommonPrefixes` entry `root + "__ss_<label>/"`, or undefined for anything else. */
export function labelOfSnapshotPrefix(root: string, commonPrefix: string): string | undefined {
  const head = root + SNAPSHOT_DIR_PREFIX;
  if (!commonPrefix.startsWith(head) || !commonPrefix.endsWith('/')) return undefined;
  const label = commonPrefix.slice(head.length, -1);
  return label && !label.includes('/') ? label : undefined;
}

/**
 * Parses `yyyy-MM-dd-HH-mm-ss[-SSS]` as UTC. The FE writes it in its JVM time zone, which the
 * client cannot know; callers prefer the info file's `backup_time` (epoch ms) when they have it.
 */
export function parseSnapshotTimestamp(timestamp: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?$/.exec(timestamp);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
