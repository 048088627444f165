import type { S3Client } from '@aws-sdk/client-s3';
import { describeFailure, classifyS3Error, isAbort } from './errors';
import { md5Hex, parseInfoFile, type SnapshotInfoFile } from './infoFile';
import type { InfoReadCache } from './infoReadCache';
import { parseSnapshotTimestamp, snapshotPrefix } from './layout';
import { listPages } from './listing';
import type { ResolvedRepository } from './repository';
import { loadS3 } from './s3Sdk';
import { assessSnapshot, type InfoRead, type SnapshotHealth, type SnapshotProblem } from './snapshotHealth';
import { SnapshotScanner, type InfoFileEntry } from './snapshotScan';
import type { OperationOptions } from './types';

/** One snapshot as it is on storage. */
export interface StoredSnapshot {
  label: string;
  /** `root + "__ss_" + label + "/"`. */
  prefix: string;
  objects: number;
  bytes: number;
  /** Valid info timestamps, newest first (what SHOW SNAPSHOT lists). */
  timestamps: string[];
  infoFiles: InfoFileEntry[];
  invalidInfoFiles: string[];
  partFiles: string[];
  hasMeta: boolean;
  /** True when a valid info file exists: the FE lists the snapshot as OK. */
  complete: boolean;
  /** From the listing alone unless `healthChecked`: then the info file's content was checked too. */
  health: SnapshotHealth;
  problems: SnapshotProblem[];
  /** True when health was asked for (the newest info file read and checked) or there was no info file to read. */
  healthChecked: boolean;
  /** The newest info file's content, when it could be read. */
  info?: SnapshotInfoFile;
  /** The best known instant of the backup: `backup_time`, else the timestamp read as UTC, else the newest object. */
  time?: Date;
  newestModified?: Date;
  /** When this was measured (epoch ms), for caches. */
  scannedAt: number;
}

export interface InspectOptions extends OperationOptions {
  /**
   * Also download the newest info file and check it (MD5, backup_result, tablets with files), and
   * learn the database and the backup time from it. Without it: sizes and what the listing alone
   * shows, no GetObject at all.
   */
  health?: boolean;
  pageSize?: number;
  /** Info files read before, reused when the listing reports the same ETag. */
  infoReads?: InfoReadCache;
}

/** Lists every object under the snapshot's exact prefix (paginated) and, when health is asked for, reads its newest info file. */
export async function inspectSnapshot(
  client: S3Client,
  repo: ResolvedRepository,
  label: string,
  options: InspectOptions = {},
): Promise<StoredSnapshot> {
  const prefix = snapshotPrefix(repo.root, label);
  const scanner = new SnapshotScanner(label, prefix);
  for await (const page of listPages(client, { bucket: repo.bucket, prefix, signal: options.signal, pageSize: options.pageSize })) {
    scanner.add(page.objects);
  }
  const scan = scanner.finish();
  const newest = scan.infoFiles[0];
  const read = newest && options.health ? await readInfoFileOnce(client, repo, label, newest, options) : undefined;
  const { health, problems } = assessSnapshot(scan, read);
  return {
    label,
    prefix,
    objects: scan.objects,
    bytes: scan.bytes,
    timestamps: scan.infoFiles.map((f) => f.timestamp),
    infoFiles: scan.infoFiles,
    invalidInfoFiles: scan.invalidInfoFiles,
    partFiles: scan.partFiles,
    hasMeta: scan.hasMeta,
    complete: scan.infoFiles.length > 0,
    health,
    problems,
    healthChecked: !newest || read !== undefined,
    info: read?.info,
    time: read?.info?.backupTime ?? (newest ? parseSnapshotTimestamp(newest.timestamp) : undefined) ?? scan.newestModified,
    newestModified: scan.newestModified,
    scannedAt: Date.now(),
  };
}

/** The cached read of the same content (same key and ETag), else a download that is then cached. */
async function readInfoFileOnce(
  client: S3Client,
  repo: ResolvedRepository,
  label: string,
  file: InfoFileEntry,
  options: InspectOptions,
): Promise<InfoRead> {
  const known = options.infoReads?.get(repo.key, file);
  if (known) return known;
  const read = await readInfoFile(client, repo.bucket, file, options.signal);
  options.infoReads?.set(repo.key, label, file, read);
  return read;
}

/** Downloads an info file, checks its MD5 against the name and parses it; failures become `error`. */
export async function readInfoFile(client: S3Client, bucket: string, entry: InfoFileEntry, signal?: AbortSignal): Promise<InfoRead> {
  const { GetObjectCommand } = await loadS3();
  let bytes: Uint8Array;
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: entry.key }), { abortSignal: signal });
    bytes = await response.Body!.transformToByteArray();
  } catch (error) {
    if (isAbort(error)) throw error;
    return { key: entry.key, error: describeFailure(classifyS3Error(error)) };
  }
  const checksumOk = md5Hex(bytes) === entry.md5.toLowerCase();
  try {
    return { key: entry.key, checksumOk, info: parseInfoFile(Buffer.from(bytes).toString('utf8')) };
  } catch (error) {
    return { key: entry.key, checksumOk, error: (error as Error).message };
  }
}
