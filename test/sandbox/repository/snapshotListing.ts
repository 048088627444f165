/**
 * SHOW SNAPSHOT derived from storage, as `Repository.getSnapshotInfos` does: labels from the
 * `__ss_*` directories, timestamps from the `__info_*` files in each, details from the info JSON.
 */
import { decodeChecksummedName, PREFIX_JOB_INFO, PREFIX_SNAPSHOT_DIR, snapshotPaths } from './layout';
import type { RepositoryStorage } from './repositoryStorage';
import { briefJobInfo, type JobInfoJson } from './snapshotFiles';

export interface SnapshotListEntry {
  label: string;
  /** Valid timestamps and `Invalid: <file>` lines, in listing order. */
  timestampLines: string[];
  validTimestamps: string[];
  /** Undefined when listing the snapshot's files failed. */
  listingError?: string;
}

export async function listSnapshotLabels(storage: RepositoryStorage): Promise<string[]> {
  const dirs = await storage.listDirectories(PREFIX_SNAPSHOT_DIR);
  return dirs.map((d) => d.slice(PREFIX_SNAPSHOT_DIR.length));
}

/** The info files of one label; errors are kept in the entry, as the FE keeps them per row. */
export async function snapshotEntry(storage: RepositoryStorage, label: string): Promise<SnapshotListEntry> {
  try {
    const files = await storage.list(snapshotPaths.infoPrefix(label), false);
    const timestampLines: string[] = [];
    const validTimestamps: string[] = [];
    for (const file of files) {
      const name = file.key.slice(file.key.lastIndexOf('/') + 1);
      if (file.key.slice(snapshotPaths.dir(label).length).includes('/')) continue;
      const decoded = decodeChecksummedName(name);
      if (!decoded) {
        timestampLines.push(`Invalid: ${name}`);
        continue;
      }
      const timestamp = decoded.name.slice(PREFIX_JOB_INFO.length);
      timestampLines.push(timestamp);
      validTimestamps.push(timestamp);
    }
    return { label, timestampLines, validTimestamps };
  } catch (e) {
    return { label, timestampLines: [], validTimestamps: [], listingError: e instanceof Error ? e.message : String(e) };
  }
}

/** Downloads and parses `__info_<ts>` (listing `__info_<ts>*`, checking the MD5). */
export async function readJobInfo(storage: RepositoryStorage, label: string, timestamp: string): Promise<JobInfoJson> {
  const content = await storage.downloadChecksummed(snapshotPaths.info(label, timestamp));
  return JSON.parse(content.toString('utf8')) as JobInfoJson;
}

export interface SnapshotDetail {
  database: string | null;
  details: string | null;
  status: string;
  info?: JobInfoJson;
}

/** The detail form's values: Database, Details (brief JSON) and Status. */
export async function snapshotDetail(storage: RepositoryStorage, label: string, timestamp: string): Promise<SnapshotDetail> {
  let content: Buffer;
  try {
    content = await storage.downloadChecksummed(snapshotPaths.info(label, timestamp));
  } catch (e) {
    return { database: null, details: null, status: `Failed to get info: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    const info = JSON.parse(content.toString('utf8')) as JobInfoJson;
    return { database: info.database, details: briefJobInfo(info), status: 'OK', info };
  } catch (e) {
    return { database: null, details: null, status: `Failed to read info from local file: ${e instanceof Error ? e.message : String(e)}` };
  }
}
