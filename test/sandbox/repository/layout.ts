/**
 * Key names of a repository on storage (spec §5.3, constants of `Repository.java`).
 */
import { createHash } from 'node:crypto';

export const STARROCKS_REPOSITORY = '__starrocks_repository_';
export const PALO_REPOSITORY = '__palo_repository_';
export const PREFIX_SNAPSHOT_DIR = '__ss_';
export const PREFIX_JOB_INFO = '__info_';
export const FILE_REPO_INFO = '__repo_info';
export const FILE_META_INFO = '__meta';
export const DIR_SNAPSHOT_CONTENT = '__ss_content';
export const SUFFIX_TMP_FILE = 'part';

export function md5Hex(content: Buffer | string): string {
  return createHash('md5').update(content).digest('hex');
}

/** `<name>.<md5>` — the name a finished upload gets. */
export function withChecksum(name: string, content: Buffer | string): string {
  return `${name}.${md5Hex(content)}`;
}

/**
 * Splits `<name>.<md5>` into its parts; undefined when the text after the last dot is not
 * 32 characters long (`Repository.decodeFileNameWithChecksum`), as for `.part` files.
 */
export function decodeChecksummedName(fileName: string): { name: string; checksum: string } | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const checksum = fileName.slice(dot + 1);
  if (checksum.length !== 32) return undefined;
  return { name: fileName.slice(0, dot), checksum };
}

/** Paths inside one snapshot directory, relative to the repository root. */
export const snapshotPaths = {
  dir: (label: string) => `${PREFIX_SNAPSHOT_DIR}${label}/`,
  meta: (label: string) => `${PREFIX_SNAPSHOT_DIR}${label}/${FILE_META_INFO}`,
  info: (label: string, timestamp: string) => `${PREFIX_SNAPSHOT_DIR}${label}/${PREFIX_JOB_INFO}${timestamp}`,
  infoPrefix: (label: string) => `${PREFIX_SNAPSHOT_DIR}${label}/${PREFIX_JOB_INFO}`,
  /** `__ss_content/__db_<id>/__tbl_<id>/__part_<id>/__idx_<id>/__<tabletId>/` (BE upload destination). */
  tabletDir: (label: string, ids: { dbId: number; tableId: number; partitionId: number; indexId: number; tabletId: number }) =>
    `${PREFIX_SNAPSHOT_DIR}${label}/${DIR_SNAPSHOT_CONTENT}/__db_${ids.dbId}/__tbl_${ids.tableId}/__part_${ids.partitionId}/__idx_${ids.indexId}/__${ids.tabletId}/`,
};
