/**
 * What a partitions step answered, per table it offered (an empty list: none of that table's
 * partitions). Kept in the flow's state so that going Back to the step shows the same choice
 * instead of the defaults, as the flow's other steps prefill their earlier answers.
 */
export type PartitionPicks = ReadonlyMap<string, readonly string[]>;

/** Whether the step's last answer chose `partition` of `table`; undefined when that table was not offered then. */
export function pickedBefore(picks: PartitionPicks | undefined, table: string, partition: string): boolean | undefined {
  return picks?.get(table)?.includes(partition);
}

/** The answer to remember: every offered table with the partitions chosen of it. */
export function recordPicks(offered: readonly string[], chosen: readonly { table: string; partition: string }[]): PartitionPicks {
  return new Map(offered.map((table) => [table, chosen.filter((c) => c.table === table).map((c) => c.partition)]));
}
