/**
 * Whether a snapshot's files are whole, decided from its scan and its info file (pure).
 * The rules follow what the FE and the BE do with the files: no valid info file means the
 * backup never reached UPLOAD_INFO; a `.part` next to a whole file makes the restore's
 * "Expected one file" lookup fail; a checksum mismatch makes the FE reject the info file.
 */
import type { SnapshotInfoFile } from './infoFile';
import type { SnapshotScan } from './snapshotScan';

export type SnapshotHealth = 'ok' | 'incomplete' | 'damaged';

export type ProblemKind =
  'noInfo' | 'invalidInfo' | 'partFiles' | 'noMeta' | 'checksum' | 'unreadableInfo' | 'failedResult' | 'missingTablets';

export interface SnapshotProblem {
  kind: ProblemKind;
  message: string;
}

/** The outcome of reading the newest info file. */
export interface InfoRead {
  key: string;
  info?: SnapshotInfoFile;
  checksumOk?: boolean;
  /** Why it could not be read or parsed. */
  error?: string;
}

const SAMPLE = 3;

export function assessSnapshot(scan: SnapshotScan, read: InfoRead | undefined): { health: SnapshotHealth; problems: SnapshotProblem[] } {
  const problems: SnapshotProblem[] = [];
  if (scan.infoFiles.length === 0) {
    problems.push({
      kind: 'noInfo',
      message: 'No valid info file (__info_<timestamp>.<md5>): the backup is still running, failed or was cancelled.',
    });
  }
  if (scan.invalidInfoFiles.length > 0) {
    problems.push({
      kind: 'invalidInfo',
      message: `Info files without a checksum: ${sample(scan.invalidInfoFiles)} (SHOW SNAPSHOT lists them as "Invalid").`,
    });
  }
  if (scan.partFiles.length > 0) {
    problems.push({
      kind: 'partFiles',
      message: `${scan.partFiles.length} leftover .part upload(s), e.g. ${sample(scan.partFiles)}: a restore that meets one fails with "Expected one file".`,
    });
  }
  if (scan.infoFiles.length > 0 && !scan.hasMeta) {
    problems.push({ kind: 'noMeta', message: 'The __meta.<md5> file is missing: the snapshot cannot be restored.' });
  }
  if (read) problems.push(...infoProblems(scan, read));
  const damaged = problems.some((p) => p.kind !== 'noInfo');
  return { health: scan.infoFiles.length === 0 ? 'incomplete' : damaged ? 'damaged' : 'ok', problems };
}

function infoProblems(scan: SnapshotScan, read: InfoRead): SnapshotProblem[] {
  if (read.error !== undefined) return [{ kind: 'unreadableInfo', message: `The info file could not be read: ${read.error}` }];
  const problems: SnapshotProblem[] = [];
  if (read.checksumOk === false) {
    problems.push({
      kind: 'checksum',
      message: 'The info file does not match the MD5 in its name: the FE will refuse it ("md5sum does not equal").',
    });
  }
  const info = read.info;
  if (info && !info.succeeded) {
    problems.push({
      kind: 'failedResult',
      message: `The info file records backup_result ${JSON.stringify(info.backupResult ?? null)}, not "succeed".`,
    });
  }
  const missing = info ? info.tabletIds.filter((id) => !scan.tabletsWithFiles.has(id)) : [];
  if (missing.length > 0) {
    problems.push({
      kind: 'missingTablets',
      message: `${missing.length} of ${info!.tabletIds.length} tablet(s) listed in the info file have no files, e.g. ${sample(missing)}.`,
    });
  }
  return problems;
}

function sample(items: readonly string[]): string {
  const head = items.slice(0, SAMPLE).join(', ');
  return items.length > SAMPLE ? `${head}, …` : head;
}
