import * as vscode from 'vscode';
import type { PartitionInfo, SnapshotDetail, TableInfo } from '../starrocks/models';
import { pastCommitNote } from '../starrocks/usageNotes';
import { errorText } from '../ui/errorText';
import type { Prompter } from '../ui/prompter';

/**
 * The one overwrite check of a RESTORE, shared by the Restore Snapshot wizard and RESTORE run from
 * a `.sql` file: which existing tables it would land on, read from the server right before the
 * statement is sent. When that cannot be found out (no answer, a lost connection, a missing
 * privilege, a snapshot whose contents cannot be read) the result says so, and the callers ask
 * the user instead of going on as if nothing were overwritten.
 */

/** What the check reads; `ServerCatalog` provides it (each call a fresh SHOW, nothing cached). */
export interface CatalogReader {
  databases(profileId: string): Promise<string[]>;
  tables(profileId: string, database: string): Promise<TableInfo[]>;
  partitions(profileId: string, database: string, table: string): Promise<PartitionInfo[]>;
  snapshotDetail(profileId: string, repository: string, label: string, timestamp: string): Promise<SnapshotDetail | undefined>;
}

/** A table of the snapshot that would land on an existing table. */
export interface Overwrite {
  /** The name in the snapshot. */
  source: string;
  /** The existing table it would overwrite. */
  target: string;
  /** What could be compared, in words. */
  findings: string[];
}

/** One restored table: its name in the snapshot, the name it lands under, the partitions it brings. */
export interface LandingTable {
  source: string;
  target: string;
  /** Undefined: the partitions the snapshot holds for it (read from SHOW SNAPSHOT). */
  partitions?: string[];
}

/** Where a RESTORE writes. */
export interface RestoreLanding {
  profileId: string;
  /** Undefined when neither the statement nor the connection names one. */
  database: string | undefined;
  /** Undefined: every table of the snapshot, read from SHOW SNAPSHOT (the whole-snapshot form). */
  tables: LandingTable[] | undefined;
  /** The snapshot, for SHOW SNAPSHOT … WHERE SNAPSHOT = … AND TIMESTAMP = …. */
  snapshot: { repository?: string; label?: string; timestamp?: string };
}

export type OverwriteCheck =
  | { status: 'checked'; database: string; databaseExists: boolean; overwrites: Overwrite[] }
  /** `problem` names what could not be read and why. */
  | { status: 'unchecked'; database: string | undefined; problem: string };

/**
 * The existing tables a restore would overwrite, each compared with the snapshot as far as the
 * server allows. SHOW SNAPSHOT reports tables and partitions but no column definitions (those are
 * only in the binary meta file), so columns cannot be compared; partitions can, through SHOW
 * PARTITIONS on the existing table. Names are compared case-insensitively: a check that errs
 * towards asking is the safe one.
 */
export async function checkOverwrites(reader: CatalogReader, landing: RestoreLanding): Promise<OverwriteCheck> {
  const { profileId, database } = landing;
  if (!database) {
    return {
      status: 'unchecked',
      database,
      problem: vscode.l10n.t(
        'The statement names no target database (no DATABASE clause, no db.label) and the connection has no default database, so the tables it writes cannot be looked up.',
      ),
    };
  }
  let databases: string[];
  try {
    databases = await reader.databases(profileId);
  } catch (error) {
    return {
      status: 'unchecked',
      database,
      problem: vscode.l10n.t(
        'The databases could not be listed (SHOW DATABASES), so it is not known whether {0} exists: {1}',
        database,
        reasonOf(error),
      ),
    };
  }
  const listed = databases.find((d) => d === database) ?? databases.find((d) => d.toLowerCase() === database.toLowerCase());
  // No such database yet: the RESTORE creates it (3.4+) or fails; nothing is overwritten.
  if (listed === undefined) return { status: 'checked', database, databaseExists: false, overwrites: [] };
  let existing: TableInfo[];
  try {
    existing = await reader.tables(profileId, listed);
  } catch (error) {
    return {
      status: 'unchecked',
      database,
      problem: vscode.l10n.t('The tables of database {0} could not be listed (SHOW TABLES): {1}', listed, reasonOf(error)),
    };
  }
  if (existing.length === 0) return { status: 'checked', database, databaseExists: true, overwrites: [] };
  let detail: SnapshotDetail | undefined;
  let detailProblem: string | undefined;
  if (landing.tables === undefined || landing.tables.some((t) => t.partitions === undefined)) {
    const read = await readSnapshot(reader, landing);
    detail = read.detail;
    detailProblem = read.problem;
  }
  let tables = landing.tables;
  if (tables === undefined) {
    if (!detail) return { status: 'unchecked', database, problem: detailProblem ?? '' };
    tables = detail.tables.map((t) => ({ source: t.name, target: t.name, partitions: t.partitions }));
  }
  const byName = new Map(existing.map((t) => [t.name.toLowerCase(), t.name]));
  const overwrites: Overwrite[] = [];
  for (const table of tables) {
    const target = byName.get(table.target.toLowerCase());
    if (target === undefined) continue;
    const partitions = table.partitions ?? detail?.tables.find((t) => t.name.toLowerCase() === table.source.toLowerCase())?.partitions;
    const findings = partitions
      ? await comparePartitions(reader, profileId, listed, table.source, partitions, target)
      : [
          vscode.l10n.t(
            'The partitions it brings could not be read from the snapshot ({0}), so they cannot be compared.',
            detailProblem ?? '',
          ),
        ];
    overwrites.push({ source: table.source, target, findings });
  }
  return { status: 'checked', database, databaseExists: true, overwrites };
}

async function readSnapshot(reader: CatalogReader, landing: RestoreLanding): Promise<{ detail?: SnapshotDetail; problem?: string }> {
  const { repository, label, timestamp } = landing.snapshot;
  const name = label ?? '?';
  if (!repository || !label || !timestamp) {
    return {
      problem: vscode.l10n.t(
        'The tables of snapshot {0} could not be read: the statement names no repository, snapshot or "backup_timestamp", which SHOW SNAPSHOT needs.',
        name,
      ),
    };
  }
  let detail: SnapshotDetail | undefined;
  try {
    detail = await reader.snapshotDetail(landing.profileId, repository, label, timestamp);
  } catch (error) {
    return {
      problem: vscode.l10n.t(
        'The tables of snapshot {0} ({1}) in repository {2} could not be read (SHOW SNAPSHOT): {3}',
        label,
        timestamp,
        repository,
        reasonOf(error),
      ),
    };
  }
  if (!detail?.ok) {
    return {
      problem: vscode.l10n.t(
        'SHOW SNAPSHOT lists no complete snapshot {0} with timestamp {1} in repository {2}, so the tables it holds are not known.',
        label,
        timestamp,
        repository,
      ),
    };
  }
  return { detail };
}

async function comparePartitions(
  reader: CatalogReader,
  profileId: string,
  database: string,
  source: string,
  restored: readonly string[],
  name: string,
): Promise<string[]> {
  let current: string[];
  try {
    current = (await reader.partitions(profileId, database, name)).map((p) => p.name);
  } catch {
    return [vscode.l10n.t('Its partitions could not be read, so they cannot be compared.')];
  }
  const snapshotUnpartitioned = restored.length === 1 && restored[0] === source;
  const tableUnpartitioned = current.length === 1 && current[0] === name;
  if (snapshotUnpartitioned || tableUnpartitioned) {
    return snapshotUnpartitioned === tableUnpartitioned
      ? [vscode.l10n.t('All of its data is replaced.')]
      : [
          vscode.l10n.t(
            'One of them is partitioned and the other is not: their schemas differ, and the restore will be cancelled by the server.',
          ),
        ];
  }
  const replaced = restored.filter((p) => current.includes(p));
  const added = restored.filter((p) => !current.includes(p));
  const kept = current.filter((p) => !restored.includes(p));
  const findings: string[] = [];
  if (replaced.length) findings.push(vscode.l10n.t('partitions replaced: {0}', replaced.join(', ')));
  if (added.length) findings.push(vscode.l10n.t('partitions added: {0}', added.join(', ')));
  if (kept.length) findings.push(vscode.l10n.t('partitions kept as they are: {0}', kept.join(', ')));
  return findings;
}

/** The server's or the connection's explanation, redacted like every failure shown, on one line. */
function reasonOf(error: unknown): string {
  return errorText(error).replace(/\s*\n\s*/g, ' ');
}

/** What cancelling cannot undo; said in both confirmations. */
function pastCommitWarning(): string {
  return pastCommitNote(vscode.l10n.t);
}

/** The modal's text: what is overwritten, what was compared, and what cannot be. */
export function describeOverwrites(overwrites: readonly Overwrite[], database: string): { message: string; detail: string } {
  const names = overwrites.map((o) => o.target).join(', ');
  const message = vscode.l10n.t('Restoring overwrites {0} existing table(s) in {1}: {2}', overwrites.length, database, names);
  const lines = overwrites.map(
    (o) => `• ${o.target}${o.source !== o.target ? ` (${vscode.l10n.t('from {0}', o.source)})` : ''}: ${o.findings.join('; ')}`,
  );
  lines.push(
    '',
    pastCommitWarning(),
    '',
    vscode.l10n.t(
      'The snapshot records no column definitions, so the schemas cannot be compared here. If they differ, StarRocks cancels the restore ("already exist but with different schema"). While the restore runs, these tables cannot be used.',
    ),
    '',
    vscode.l10n.t('Restoring under new names (<table>_restored) leaves the existing tables untouched.'),
  );
  return { message, detail: lines.join('\n') };
}

/** What the user decided once the check ran: go on (with what it found), or not. */
export type OverwriteDecision = { go: true; check: OverwriteCheck } | { go: false };

/**
 * Runs the check; when it cannot run, says what could not be checked and why in a modal whose
 * first (default) action only checks again: going on without the check takes the explicit
 * "Restore Without Checking", and dismissing cancels. `statement` is shown below, when given.
 */
export async function checkOverwritesOrAsk(
  reader: CatalogReader,
  landing: RestoreLanding,
  prompter: Prompter,
  where: string,
  statement?: string,
): Promise<OverwriteDecision> {
  for (;;) {
    const check = await checkOverwrites(reader, landing);
    if (check.status === 'checked') return { go: true, check };
    const retry = vscode.l10n.t('Check Again');
    const proceed = vscode.l10n.t('Restore Without Checking');
    const message = check.database
      ? vscode.l10n.t('Could not check which existing tables this restore overwrites in database {0} on {1}.', check.database, where)
      : vscode.l10n.t('Could not check which existing tables this restore overwrites on {0}.', where);
    const detail = [
      check.problem,
      '',
      vscode.l10n.t('If you go on, existing tables may be overwritten without a further question. {0}', pastCommitWarning()),
      vscode.l10n.t('Cancel, fix the cause and check again, or restore under new names.'),
      ...(statement ? ['', statement] : []),
    ].join('\n');
    const answer = await prompter.confirm(message, detail, retry, proceed);
    if (answer === proceed) return { go: true, check };
    if (answer !== retry) return { go: false };
  }
}
