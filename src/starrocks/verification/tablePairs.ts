/** Which tables a restore produced, under which names: the name mapping a verification compares. */
import type { SnapshotDetail } from '../models';
import type { TableSelection } from '../validation/tableSelection';
import type { TablePair } from './types';

/**
 * A snapshot lists an unpartitioned table with one partition named after the table; comparing it
 * as a whole table says the same with a simpler statement.
 */
function partitionsToCompare(table: string, partitions: readonly string[] | undefined): readonly string[] | undefined {
  if (partitions === undefined || partitions.length === 0) return undefined;
  if (partitions.length === 1 && partitions[0] === table) return undefined;
  return partitions;
}

/**
 * The pairs for a RESTORE: its ON list (with `AS` renames and PARTITION lists) when it has one,
 * else every table of the snapshot under its own name. The partitions compared are the ones the
 * restore brought back: the ON list's, else the snapshot's (a snapshot of some partitions restores
 * only those). Undefined when neither is known: then every base table of the source is compared.
 */
export function tablePairsOfRestore(
  restoreTables: readonly TableSelection[] | undefined,
  snapshot?: Pick<SnapshotDetail, 'tables'>,
): TablePair[] | undefined {
  const inSnapshot = (name: string) => snapshot?.tables.find((t) => t.name === name)?.partitions;
  if (restoreTables !== undefined && restoreTables.length > 0) {
    return restoreTables.map((t) => ({
      source: t.name,
      target: t.alias ?? t.name,
      partitions: partitionsToCompare(t.name, t.partitions?.length ? t.partitions : inSnapshot(t.name)),
    }));
  }
  if (snapshot !== undefined && snapshot.tables.length > 0) {
    return snapshot.tables.map((t) => ({ source: t.name, target: t.name, partitions: partitionsToCompare(t.name, t.partitions) }));
  }
  return undefined;
}
