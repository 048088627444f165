/**
 * Which partitions a plan run backs up (pure). The rule: a partition is new when its VisibleVersion
 * (SHOW PARTITIONS) is higher than the version the plan's last successful snapshot holding it was
 * taken at, or when no snapshot of the plan holds it. Every load, INSERT, UPDATE or DELETE that
 * commits to a partition raises its VisibleVersion, and nothing lowers it (a restore sets it to the
 * snapshot's version, which the baseline records), so "same version" means "same data".
 */
import type { PartitionVersions } from './planHistory';
import type { PlanMode } from './backupPlan';

/** What SHOW PARTITIONS gives for one partition (a slice of `PartitionInfo`). */
export interface PartitionVersion {
  name: string;
  visibleVersion: number | undefined;
}

export interface PartitionChange {
  table: string;
  partition: string;
  /** The version the plan's snapshots hold; undefined when none holds it. */
  from?: number;
  to: number | undefined;
}

export type ChangeRule =
  /** The plan says full: everything it names, every time. */
  | 'full'
  /** No successful snapshot of this plan on this connection and repository yet: everything. */
  | 'first'
  /** VisibleVersion now against the versions the plan's snapshots hold. */
  | 'versions';

export interface RunSelection {
  rule: ChangeRule;
  /** The ON list: tables with the partitions to back up (undefined: the whole table). Empty: nothing new. */
  tables: { name: string; partitions?: string[] }[];
  /** The versions of everything in `tables`, to record with the run. */
  versions: PartitionVersions;
  changed: PartitionChange[];
  /** `table.partition` names left out because they did not change. */
  unchanged: string[];
}

/** A table that is not partitioned shows one partition named like the table. */
function unpartitioned(table: string, partitions: readonly PartitionVersion[]): boolean {
  return partitions.length <= 1 && (partitions.length === 0 || partitions[0].name === table);
}

/**
 * `current`: table → its partitions now (only the tables the plan backs up, and only the partitions
 * it names when it names some). `baseline`: from `baselineOf` (undefined: no snapshot yet).
 */
export function selectForRun(
  current: ReadonlyMap<string, readonly PartitionVersion[]>,
  mode: PlanMode,
  baseline: PartitionVersions | undefined,
): RunSelection {
  const rule: ChangeRule = mode === 'full' ? 'full' : baseline === undefined ? 'first' : 'versions';
  const selection: RunSelection = { rule, tables: [], versions: {}, changed: [], unchanged: [] };
  for (const [table, partitions] of current) {
    const known = rule === 'versions' ? baseline?.[table] : undefined;
    const changed = partitions.filter((p) => rule !== 'versions' || isNewer(p, known?.[p.name]));
    for (const p of partitions) {
      if (changed.includes(p)) selection.changed.push({ table, partition: p.name, from: known?.[p.name], to: p.visibleVersion });
      else selection.unchanged.push(`${table}.${p.name}`);
    }
    if (changed.length === 0) continue;
    const whole = unpartitioned(table, partitions) || (rule !== 'versions' && changed.length === partitions.length);
    selection.tables.push(whole ? { name: table } : { name: table, partitions: changed.map((p) => p.name) });
    selection.versions[table] = Object.fromEntries(
      changed.filter((p) => p.visibleVersion !== undefined).map((p) => [p.name, p.visibleVersion as number]),
    );
  }
  return selection;
}

/** Unknown versions count as changed: backing up once too often is safe, missing data is not. */
function isNewer(partition: PartitionVersion, baseline: number | undefined): boolean {
  return baseline === undefined || partition.visibleVersion === undefined || partition.visibleVersion > baseline;
}
