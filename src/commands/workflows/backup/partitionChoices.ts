import * as vscode from 'vscode';
import type { PartitionInfo } from '../../../starrocks/models';
import { formatDate } from '../../../text/format';

export interface PartitionItem extends vscode.QuickPickItem {
  table: string;
  partition: string;
  changed: boolean;
}

/** A table with a single partition named after itself is not partitioned: it is backed up whole. */
export function isPartitioned(table: string, partitions: readonly PartitionInfo[]): boolean {
  return !(partitions.length <= 1 && (partitions.length === 0 || partitions[0].name === table));
}

/**
 * The partitions to choose from, changed-since-the-last-snapshot first (by VisibleVersionTime).
 * With a last snapshot the changed ones start selected (an incremental-style backup is one click);
 * without one, or when nothing changed, everything starts selected.
 */
export function partitionItems(partitionsByTable: ReadonlyMap<string, readonly PartitionInfo[]>, since: Date | undefined): PartitionItem[] {
  const items: PartitionItem[] = [];
  for (const [table, partitions] of partitionsByTable) {
    for (const p of partitions) {
      const changed = since === undefined || p.visibleVersionTime === undefined || p.visibleVersionTime.getTime() > since.getTime();
      const when = formatDate(p.visibleVersionTime);
      items.push({
        label: p.name,
        description: [table, since && changed ? vscode.l10n.t('changed since the last snapshot') : undefined].filter(Boolean).join(' · '),
        detail:
          [
            when ? vscode.l10n.t('last data change {0}', when) : undefined,
            p.rowCount !== undefined ? vscode.l10n.t('{0} rows', p.rowCount) : undefined,
            p.dataSize,
          ]
            .filter(Boolean)
            .join(' · ') || undefined,
        table,
        partition: p.name,
        changed,
      });
    }
  }
  items.sort((a, b) => Number(b.changed) - Number(a.changed));
  const anyChanged = items.some((i) => i.changed);
  for (const item of items) {
    item.picked = since === undefined || !anyChanged || item.changed;
  }
  return items;
}

/**
 * Turns the chosen partitions back into a per-table selection: all partitions of a table chosen
 * means the whole table (no PARTITION clause); none means the table is left out.
 */
export function selectionFromPartitions(
  partitionsByTable: ReadonlyMap<string, readonly PartitionInfo[]>,
  chosen: readonly PartitionItem[],
): Map<string, string[] | undefined> {
  const result = new Map<string, string[] | undefined>();
  for (const [table, partitions] of partitionsByTable) {
    const mine = chosen.filter((item) => item.table === table).map((item) => item.partition);
    if (mine.length === 0) continue;
    result.set(table, mine.length === partitions.length ? undefined : mine);
  }
  return result;
}
