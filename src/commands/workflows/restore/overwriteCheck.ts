import * as vscode from 'vscode';
import type { SnapshotTable } from '../../../starrocks/models';
import type { WorkflowDeps } from '../common/deps';

/** A table of the snapshot that would land on an existing table. */
export interface Overwrite {
  /** The name in the snapshot. */
  source: string;
  /** The existing table it would overwrite. */
  target: string;
  /** What could be compared, in words. */
  findings: string[];
}

/** Where the restored tables land and under which names. */
export interface RestoreLanding {
  profileId: string;
  database: string;
  /** Restored tables: the snapshot's table (with the partitions restored) → the name it gets. */
  tables: { table: SnapshotTable; name: string }[];
}

/**
 * The existing tables a restore would overwrite, each compared with the snapshot as far as the
 * server allows. SHOW SNAPSHOT reports tables and partitions but no column definitions (those are
 * only in the binary meta file), so columns cannot be compared; partitions can, through SHOW
 * PARTITIONS on the existing table.
 */
export async function findOverwrites(deps: WorkflowDeps, landing: RestoreLanding): Promise<Overwrite[]> {
  const existing = new Set((await deps.explorer.catalog.tables(landing.profileId, landing.database)).map((t) => t.name));
  const overwrites: Overwrite[] = [];
  for (const { table, name } of landing.tables) {
    if (!existing.has(name)) continue;
    overwrites.push({ source: table.name, target: name, findings: await comparePartitions(deps, landing, table, name) });
  }
  return overwrites;
}

async function comparePartitions(deps: WorkflowDeps, landing: RestoreLanding, table: SnapshotTable, name: string): Promise<string[]> {
  let current: string[];
  try {
    current = (await deps.explorer.catalog.partitions(landing.profileId, landing.database, name)).map((p) => p.name);
  } catch {
    return [vscode.l10n.t('Its partitions could not be read, so they cannot be compared.')];
  }
  const restored = table.partitions;
  const snapshotUnpartitioned = restored.length === 1 && restored[0] === table.name;
  const tableUnpartitioned = current.length === 1 && current[0] === name;
  if (snapshotUnpartitioned || tableUnpartitioned) {
    return snapshotUnpartitioned === tableUnpartitioned
      ? [vscode.l10n.t('All of its data is replaced.')]
      : [vscode.l10n.t('One of them is partitioned and the other is not: their schemas differ, and the restore will be cancelled by the server.')];
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

/** The modal's text: what is overwritten, what was compared, and what cannot be. */
export function describeOverwrites(overwrites: readonly Overwrite[], database: string): { message: string; detail: string } {
  const names = overwrites.map((o) => o.target).join(', ');
  const message = vscode.l10n.t('Restoring overwrites {0} existing table(s) in {1}: {2}', overwrites.length, database, names);
  const lines = overwrites.map((o) => `• ${o.target}${o.source !== o.target ? ` (${vscode.l10n.t('from {0}', o.source)})` : ''}: ${o.findings.join('; ')}`);
  lines.push(
    '',
    vscode.l10n.t('The snapshot records no column definitions, so the schemas cannot be compared here. If they differ, StarRocks cancels the restore ("already exist but with different schema"). While the restore runs, these tables cannot be loaded into or altered.'),
    '',
    vscode.l10n.t('Restoring under new names (<table>_restored) leaves the existing tables untouched.'),
  );
  return { message, detail: lines.join('\n') };
}
