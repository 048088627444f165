import type { S3Client } from '@aws-sdk/client-s3';
import { describeFailure, classifyS3Error, isAbort } from './errors';
import { md5Hex, parseInfoFile, type SnapshotInfoFile } from './infoFile';
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
  health: SnapshotHealth;
  problems: SnapshotProblem[];
  /** The newest info file's content, when it could be read. */
  info?: SnapshotInfoFile;
  /** The best known instant of the backup: `backup_time`, else the timestamp read as UTC, else the newest object. */
  time?: Date;
  newestModified?: Date;
  /** When this was measured (epoch ms), for caches. */
  scannedAt: number;
}

export interface InspectOptions extends OperationOptions {
  /** Skip downloading the info file (sizes only). */
  skipInfo?: boolean;
  pageSize?: number;
}

/** Lists every object under the snapshot's exact prefix (paginated) and reads its newest info file. */
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
  const read = newest && !options.skipInfo ? await readInfoFile(client, repo.bucket, newest, options.signal) : undefined;
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
    info: read?.info,
    time: read?.info?.backupTime ?? (newest ? parseSnapshotTimestamp(newest.timestamp) : undefined) ?? scan.newestModified,
    newestModified: scan.newestModified,
    scannedAt: Date.now(),
  };
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
