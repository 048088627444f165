/**
 * Where a restore drill puts the data (pure): never on a source name. On 3.4+ the whole snapshot
 * goes to a scratch database `<db>_drill_<yyyyMMdd_HHmmss>` (`RESTORE … DATABASE db AS scratch`);
 * before 3.4 RESTORE cannot change the database, so every table is restored under a new name
 * (`ON (t AS t_drill_<time>)`) into the snapshot's database.
 */
import { validateName } from '../identifiers';
import { formatLabelTime } from '../labels';
import type { TableSelection } from '../validation/tableSelection';

export interface DrillTarget {
  /** The database the restore writes to. */
  database: string;
  /** Set on 3.4+: the scratch database (`DATABASE source AS database`), to drop afterwards. */
  scratchDatabase?: string;
  /** The ON list: each snapshot table with its alias (only before 3.4). Undefined: the whole snapshot. */
  tables?: TableSelection[];
  /** source table → the name it is restored as. */
  names: Map<string, string>;
}

const SUFFIX = '_drill_';

/** Shortens `base` so `base + suffix` stays within `max` characters. */
function fit(base: string, suffix: string, max: number): string {
  return base.slice(0, Math.max(1, max - suffix.length)) + suffix;
}

export function drillTarget(sourceDatabase: string, tables: readonly string[], newGrammar: boolean, date: Date): DrillTarget {
  const suffix = SUFFIX + formatLabelTime(date);
  if (newGrammar) {
    const scratch = fit(sourceDatabase, suffix, 256);
    return { database: scratch, scratchDatabase: scratch, names: new Map(tables.map((t) => [t, t])) };
  }
  const names = new Map(tables.map((t) => [t, fit(t, suffix, 1024)]));
  return { database: sourceDatabase, tables: tables.map((t) => ({ name: t, alias: names.get(t) })), names };
}

/**
 * Every restored (database, table) next to every source one: the drill refuses to run when any
 * is the same, or when a name is not valid. Returns the problems (empty when safe).
 */
export function drillTargetProblems(sourceDatabase: string, target: DrillTarget): string[] {
  const problems: string[] = [];
  const dbInvalid = validateName('database', target.database);
  if (dbInvalid) problems.push(dbInvalid);
  const sources = new Set([...target.names.keys()].map((t) => t.toLowerCase()));
  for (const [source, restored] of target.names) {
    // Compared without case: a server with case-insensitive names would take them as the same table.
    if (target.database.toLowerCase() === sourceDatabase.toLowerCase() && sources.has(restored.toLowerCase())) {
      problems.push(`${source} would be restored onto the source table ${sourceDatabase}.${restored}`);
    }
    const invalid = validateName('table', restored);
    if (invalid) problems.push(invalid);
  }
  return problems;
}
