/**
 * The tracker's own memory of jobs. StarRocks keeps only the last job per database (a restore
 * hides the backup before it) and forgets finished ones after a while, so how a job ended lives
 * here, in globalState, capped in size.
 */
import type { JobKind, JobRow } from '../../starrocks/models';
import type { TrackedJob } from '../types';
import { HISTORY_KEY } from './historyKey';

/** The part of `vscode.Memento` the history needs; a Map-backed object in unit tests. */
export interface HistoryStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Rebuilds a parsed row from its raw columns (the dialect's parsers), since Dates do not survive JSON. */
export type RowParser = (kind: JobKind, raw: Record<string, unknown>) => JobRow | undefined;

export { HISTORY_KEY };
const FORMAT_VERSION = 1;

type StoredJob = Omit<TrackedJob, 'lastRow'>;

interface StoredHistory {
  version: number;
  jobs: StoredJob[];
}

/** Running jobs first (newest submitted first), then ended ones by when they ended, newest first. */
export function byRecency(a: TrackedJob, b: TrackedJob): number {
  const aRunning = a.phase === 'running';
  const bRunning = b.phase === 'running';
  if (aRunning !== bRunning) return aRunning ? -1 : 1;
  if (aRunning) return b.submittedAt - a.submittedAt;
  return (b.endedAt ?? b.submittedAt) - (a.endedAt ?? a.submittedAt);
}

/**
 * At most `max` records, newest first. Running jobs are never dropped (the tracker still needs
 * them), even when there are more of them than `max`.
 */
export function capHistory(jobs: readonly TrackedJob[], max: number): TrackedJob[] {
  const sorted = [...jobs].sort(byRecency);
  const running = sorted.filter((job) => job.phase === 'running');
  const ended = sorted.filter((job) => job.phase !== 'running');
  const room = Math.max(0, Math.floor(max) - running.length);
  return [...running, ...ended.slice(0, room)];
}

export function mergeHistories(mine: readonly TrackedJob[], theirs: readonly TrackedJob[], removed: ReadonlySet<string>): TrackedJob[] {
  const merged = new Map<string, TrackedJob>();
  for (const job of theirs) {
    if (!removed.has(job.key)) merged.set(job.key, job);
  }
  for (const job of mine) {
    const other = merged.get(job.key);
    if (!other || (job.updatedAt ?? 0) >= (other.updatedAt ?? 0)) merged.set(job.key, job);
  }
  return [...merged.values()];
}

export class JobHistory {
  /** Writes run one after another so that an older snapshot never overwrites a newer one. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: HistoryStore,
    private readonly parseRow: RowParser,
    private readonly key = HISTORY_KEY,
  ) {}

  load(): TrackedJob[] {
    const stored = this.store.get<StoredHistory>(this.key);
    if (!stored || stored.version !== FORMAT_VERSION || !Array.isArray(stored.jobs)) return [];
    return stored.jobs.filter(isStoredJob).map((job) => this.revive(job));
  }

  /**
   * Merges `jobs` with what is stored (another window may have written since), caps the result
   * and writes it. Resolves to the records kept, newest first.
   */
  save(jobs: readonly TrackedJob[], max: number, removed: ReadonlySet<string> = new Set()): Promise<TrackedJob[]> {
    const result = this.writing.then(async () => {
      const kept = capHistory(mergeHistories(jobs, this.load(), removed), max);
      const value: StoredHistory = { version: FORMAT_VERSION, jobs: kept.map(toStored) };
      await this.store.update(this.key, value);
      return kept;
    });
    this.writing = result.catch(() => undefined);
    return result;
  }

  private revive(stored: StoredJob): TrackedJob {
    const job: TrackedJob = { ...stored, stateTimes: { ...stored.stateTimes } };
    if (stored.rawRow) {
      try {
        job.lastRow = this.parseRow(stored.kind, stored.rawRow);
      } catch {
        // A row this version cannot parse only costs the details view its parsed fields.
        job.lastRow = undefined;
      }
    }
    return job;
  }
}

function toStored(job: TrackedJob): StoredJob {
  // The parsed row holds Dates that JSON would turn into strings; the raw row re-parses exactly.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { lastRow, ...rest } = job;
  return rest;
}

function isStoredJob(value: unknown): value is StoredJob {
  const job = value as Partial<StoredJob> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    typeof job.key === 'string' &&
    typeof job.profileId === 'string' &&
    typeof job.database === 'string' &&
    typeof job.label === 'string' &&
    (job.kind === 'BACKUP' || job.kind === 'RESTORE') &&
    typeof job.phase === 'string' &&
    typeof job.state === 'string' &&
    typeof job.submittedAt === 'number' &&
    typeof job.stateTimes === 'object'
  );
}
