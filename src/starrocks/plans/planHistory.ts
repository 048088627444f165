/**
 * What happened when a plan ran and when it was drilled (pure). The records are not secret; the
 * extension keeps them in workspaceState (see `src/plans/planState.ts` for why not in the file).
 */

/** Partition versions a snapshot holds: table → partition → VisibleVersion. */
export type PartitionVersions = Record<string, Record<string, number>>;

export type RunResult = 'running' | 'finished' | 'failed' | 'cancelled' | 'unknown' | 'nothingNew';

export interface PlanRun {
  /** Epoch ms when the run started. */
  at: number;
  profileId: string;
  label: string;
  repository: string;
  database: string;
  /** `full`: everything the plan names; `changed`: only changed partitions; `nothingNew`: no BACKUP was sent. */
  scope: 'full' | 'changed' | 'nothingNew';
  /**
   * The VisibleVersion of each partition the BACKUP included, read right before it was sent. The
   * snapshot holds at least these versions (a load between the read and the snapshot only makes
   * it newer), so comparing against them can back a partition up once too often, never miss one.
   */
  versions: PartitionVersions;
  jobKey?: string;
  result: RunResult;
  message?: string;
  endedAt?: number;
}

export type DrillResult = 'verified' | 'differs' | 'failed';

export interface DrillRecord {
  at: number;
  profileId: string;
  repository: string;
  label: string;
  timestamp: string;
  /** Where it was restored (the scratch database, or the source database with renamed tables before 3.4). */
  targetDatabase: string;
  /** The restored tables' names there. */
  restoredTables: string[];
  durationMs: number;
  result: DrillResult;
  /** Tables whose counts differed from the source (with partitions when known). */
  differing: string[];
  message?: string;
  /** Whether the scratch objects were dropped afterwards. */
  dropped: boolean;
}

export interface PlanState {
  runs: PlanRun[];
  drills: DrillRecord[];
}

/** How many runs and drills a plan keeps. */
export const HISTORY_LIMIT = 50;

export function emptyPlanState(): PlanState {
  return { runs: [], drills: [] };
}

/** Newest first, trimmed to the limit. */
export function addRun(state: PlanState, run: PlanRun): PlanState {
  return { ...state, runs: [run, ...state.runs.filter((r) => !(r.at === run.at && r.label === run.label))].slice(0, HISTORY_LIMIT) };
}

export function updateRun(state: PlanState, at: number, change: Partial<PlanRun>): PlanState {
  return { ...state, runs: state.runs.map((r) => (r.at === at ? { ...r, ...change } : r)) };
}

export function addDrill(state: PlanState, drill: DrillRecord): PlanState {
  return { ...state, drills: [drill, ...state.drills].slice(0, HISTORY_LIMIT) };
}

/** Runs that produced a complete snapshot, newest first. */
export function successfulRuns(state: PlanState): PlanRun[] {
  return state.runs.filter((r) => r.result === 'finished' && r.scope !== 'nothingNew');
}

/**
 * What the plan's snapshots hold together, newest version per partition: a `changed` run holds only
 * the partitions that changed, so the baseline of a partition is the newest successful snapshot
 * that holds it. Undefined when the plan has no successful snapshot (the next run is full).
 * Only runs on the same connection and repository count: another cluster's versions mean nothing here.
 */
export function baselineOf(state: PlanState, profileId: string, repository: string): PartitionVersions | undefined {
  const runs = successfulRuns(state).filter((r) => r.profileId === profileId && r.repository === repository);
  if (runs.length === 0) return undefined;
  const merged: PartitionVersions = {};
  for (const run of [...runs].reverse()) {
    for (const [table, partitions] of Object.entries(run.versions)) {
      merged[table] = { ...merged[table], ...partitions };
    }
  }
  return merged;
}

export function lastSuccessfulRun(state: PlanState, profileId?: string): PlanRun | undefined {
  return successfulRuns(state).find((r) => profileId === undefined || r.profileId === profileId);
}
