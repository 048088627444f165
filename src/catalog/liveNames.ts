/**
 * Names from the server for completion — repositories, snapshots and their timestamps, databases,
 * tables, partitions — cached briefly per connection so typing never waits on the network twice.
 *
 * A lookup with a time budget returns what is cached at once (refreshing it in the background
 * once it is older than the TTL) and otherwise waits for the server at most that long; a fetch that
 * outlives the budget keeps going and fills the cache for the next keystroke. Failures are
 * remembered for a few seconds so a server that is down is not asked on every keystroke.
 *
 * Pure (no `vscode`): the SQL runs through an injected query function; what is sent and how its
 * answer is parsed is `starrocks/reads.ts`, as for every other reader of the server.
 */
import type { RepositoryInfo, SnapshotDetail, SnapshotSummary, TableInfo } from '../starrocks/models';
import { isSystemDatabase } from '../starrocks/parsers/catalog';
import {
  readDatabases,
  readFullTables,
  readPartitions,
  readRepositories,
  readSnapshot,
  readSnapshotDetail,
  readSnapshots,
  type QuerySession,
  type Rows,
} from '../starrocks/reads';

export type { Rows } from '../starrocks/reads';
export type QueryFn = (profileId: string, sql: string) => Promise<Rows>;

export interface LiveNamesOptions {
  /** How long a fetched list counts as fresh. */
  ttlMs?: number;
  /** How long a failure is remembered before the server is asked again. */
  errorTtlMs?: number;
  now?: () => number;
  /** Told about failed lookups (they are otherwise silent: completion just has fewer names). */
  onError?: (what: string, error: unknown) => void;
}

interface Entry<T> {
  /** True once a fetch succeeded (its value may legitimately be undefined: "no such snapshot"). */
  loaded: boolean;
  value?: T;
  fetchedAt: number;
  failedAt?: number;
  pending?: Promise<T | undefined>;
}

export class LiveNames {
  private readonly entries = new Map<string, Entry<unknown>>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly now: () => number;
  private readonly onError: (what: string, error: unknown) => void;

  constructor(
    private readonly query: QueryFn,
    options: LiveNamesOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.errorTtlMs = options.errorTtlMs ?? 5_000;
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
  }

  repositories(profileId: string, budgetMs: number): Promise<RepositoryInfo[] | undefined> {
    return this.lookup(profileId, ['repositories'], budgetMs, (session) => readRepositories(session));
  }

  snapshots(profileId: string, repository: string, budgetMs: number): Promise<SnapshotSummary[] | undefined> {
    return this.lookup(profileId, ['snapshots', repository], budgetMs, (session) => readSnapshots(session, repository));
  }

  /** One snapshot with its timestamps (`SHOW SNAPSHOT ON repo WHERE SNAPSHOT = 'label'`). */
  snapshot(profileId: string, repository: string, label: string, budgetMs: number): Promise<SnapshotSummary | undefined> {
    return this.lookup(
      profileId,
      ['snapshot', repository, label],
      budgetMs,
      async (session) => (await readSnapshot(session, repository, label))[0],
    );
  }

  /** What a snapshot holds: its database, tables and partitions (the detail form of SHOW SNAPSHOT). */
  snapshotDetail(
    profileId: string,
    repository: string,
    label: string,
    timestamp: string,
    budgetMs: number,
  ): Promise<SnapshotDetail | undefined> {
    return this.lookup(profileId, ['detail', repository, label, timestamp], budgetMs, (session) =>
      readSnapshotDetail(session, repository, label, timestamp),
    );
  }

  databases(profileId: string, budgetMs: number): Promise<string[] | undefined> {
    return this.lookup(profileId, ['databases'], budgetMs, async (session) =>
      (await readDatabases(session)).filter((d) => !isSystemDatabase(d)),
    );
  }

  /** Tables with their `Table_type` (SHOW FULL TABLES): completion shows it, the BACKUP quick fix leaves views out. */
  tables(profileId: string, database: string, budgetMs: number): Promise<TableInfo[] | undefined> {
    // SHOW FULL TABLES: the table types tell views apart (a BACKUP before 3.4 must leave them out).
    return this.lookup(profileId, ['tables', database], budgetMs, (session) => readFullTables(session, database));
  }

  partitions(profileId: string, database: string, table: string, budgetMs: number): Promise<string[] | undefined> {
    return this.lookup(profileId, ['partitions', database, table], budgetMs, async (session) =>
      (await readPartitions(session, database, table)).map((p) => p.name),
    );
  }

  /** Forgets what is cached for one connection (or all), e.g. after a statement changed the server. */
  invalidate(profileId?: string): void {
    for (const key of [...this.entries.keys()]) {
      if (profileId === undefined || key.startsWith(JSON.stringify(profileId) + '|')) this.entries.delete(key);
    }
  }

  private async lookup<T>(
    profileId: string,
    parts: string[],
    budgetMs: number,
    read: (session: QuerySession) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const session: QuerySession = { query: async (sql) => ({ rows: await this.query(profileId, sql) }) };
    const load = (): Promise<T | undefined> => read(session);
    const key = JSON.stringify(profileId) + '|' + JSON.stringify(parts);
    const entry = (this.entries.get(key) ?? { loaded: false, fetchedAt: 0 }) as Entry<T>;
    this.entries.set(key, entry);
    const now = this.now();
    const fresh = entry.loaded && now - entry.fetchedAt < this.ttlMs;
    const recentlyFailed = entry.failedAt !== undefined && now - entry.failedAt < this.errorTtlMs;
    if (!fresh && !recentlyFailed && !entry.pending) this.fetch(entry, parts.join(' '), load);
    // Stale beats waiting: the refresh started above serves the next keystroke.
    if (entry.loaded || recentlyFailed || !entry.pending || budgetMs <= 0) return entry.value;
    return withBudget(entry.pending, budgetMs);
  }

  private fetch<T>(entry: Entry<T>, what: string, load: () => Promise<T | undefined>): void {
    entry.pending = (async () => {
      try {
        // Building the statement can throw for a name the dialect refuses (a half-typed one).
        const value = await load();
        entry.value = value;
        entry.loaded = true;
        entry.fetchedAt = this.now();
        entry.failedAt = undefined;
        return value;
      } catch (error) {
        entry.failedAt = this.now();
        this.onError(what, error);
        return undefined;
      } finally {
        entry.pending = undefined;
      }
    })();
  }
}

/** `promise`'s value if it settles within `ms`, else undefined (the promise keeps running). */
function withBudget<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
