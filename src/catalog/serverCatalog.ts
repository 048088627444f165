import type { ConnectionService, StarRocksSession } from '../connections/types';
import type { PartitionInfo, RepositoryInfo, SnapshotDetail, SnapshotSummary, TableInfo } from '../starrocks/models';
import { readDatabases, readPartitions, readRepositories, readSnapshotDetail, readSnapshots, readTables } from '../starrocks/reads';
import { KnownSnapshots } from './knownSnapshots';
import { LiveNames } from './liveNames';

/** How long a cached lookup may wait for the server before the caller goes on without it. */
const LOOKUP_TIMEOUT_MS = 10_000;

/** What a fresh read found, for observers such as the walkthrough's progress (repositories exist, a snapshot exists…). */
export type CatalogRead =
  | { kind: 'repositories'; profileId: string; count: number }
  | { kind: 'snapshots'; profileId: string; repository: string; count: number }
  | { kind: 'snapshotDetail'; profileId: string; repository: string; found: boolean };

export interface ServerCatalogOptions {
  /** Told when a cached lookup fails (completion stays quiet about it otherwise). */
  onLookupError?: (what: string, error: unknown) => void;
  /** Told after each successful fresh read of repositories and snapshots; must be cheap. */
  onRead?: (read: CatalogRead) => void;
}

/**
 * The one server-data layer: everything the tree, the workflows, the storage commands, the `.sql`
 * runner and completion read from a StarRocks FE, as typed models (`starrocks/reads.ts` sends the
 * SHOW and parses its answer).
 *
 * Two ways to read:
 * - the methods below ask the server every time: what a workflow decides on, and above all what a
 *   destructive action checks right before it acts, must never come from a cache;
 * - `names` serves the same lists from a short-lived cache for callers that must not wait
 *   (completion, diagnostics), refreshed in the background;
 * - `knownSnapshots()` is the list the last fresh `snapshots()` read gave (no query), which the tree
 *   shows at once when a repository is expanded again while it asks the server in the background.
 * `invalidate()` drops both for a connection; it is called when the tree is refreshed and after a
 * statement changed the server. A connection that merely closed or failed keeps its known
 * snapshot lists (they are shown, then refreshed); an edited or removed profile loses them.
 */
export class ServerCatalog {
  readonly names: LiveNames;
  private readonly known = new KnownSnapshots();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly connections: ConnectionService,
    private readonly options: ServerCatalogOptions = {},
  ) {
    this.names = new LiveNames(
      async (profileId, sql) => {
        const profile = connections.getProfile(profileId);
        // A cached lookup never opens a password prompt: an "ask" profile answers once it is connected.
        const session =
          connections.peekSession(profileId) ??
          (profile && profile.passwordMode !== 'ask' ? await connections.getSession(profileId) : undefined);
        if (!session) throw new Error('not connected');
        return (await session.query(sql, { timeoutMs: LOOKUP_TIMEOUT_MS })).rows;
      },
      { onError: options.onLookupError },
    );
    this.subscription = connections.onDidChangeConnections((e) => {
      this.names.invalidate(e.profileId);
      // An edited profile may point at another server: what it listed is no longer what it shows.
      // (A connection that is connecting, opened, closed or failed still lists the same server.)
      if (e.reason === 'profiles') this.known.forget(e.profileId);
    });
  }

  /** Forgets the cached lists of one connection (or of all): names and known snapshot lists. */
  invalidate(profileId?: string): void {
    this.names.invalidate(profileId);
    this.known.forget(profileId);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private session(profileId: string): Promise<StarRocksSession> {
    return this.connections.getSession(profileId);
  }

  async repositories(profileId: string): Promise<RepositoryInfo[]> {
    const repositories = await readRepositories(await this.session(profileId));
    this.options.onRead?.({ kind: 'repositories', profileId, count: repositories.length });
    return repositories;
  }

  async repository(profileId: string, name: string): Promise<RepositoryInfo | undefined> {
    return (await this.repositories(profileId)).find((repo) => repo.name === name);
  }

  /** Asks the server (always); the answer also becomes the repository's known list. */
  async snapshots(profileId: string, repository: string): Promise<SnapshotSummary[]> {
    const started = this.known.begin();
    const list = await readSnapshots(await this.session(profileId), repository);
    this.options.onRead?.({ kind: 'snapshots', profileId, repository, count: list.length });
    return this.known.record(started, profileId, repository, list);
  }

  /**
   * The list the last `snapshots()` read returned, without a query; undefined when none was read
   * since the connection's lists were last invalidated. For showing, never for deciding.
   */
  knownSnapshots(profileId: string, repository: string): SnapshotSummary[] | undefined {
    return this.known.get(profileId, repository);
  }

  async snapshotDetail(profileId: string, repository: string, label: string, timestamp: string): Promise<SnapshotDetail | undefined> {
    const detail = await readSnapshotDetail(await this.session(profileId), repository, label, timestamp);
    this.options.onRead?.({ kind: 'snapshotDetail', profileId, repository, found: detail !== undefined });
    return detail;
  }

  async databases(profileId: string): Promise<string[]> {
    return readDatabases(await this.session(profileId));
  }

  async tables(profileId: string, database: string): Promise<TableInfo[]> {
    return readTables(await this.session(profileId), database);
  }

  async partitions(profileId: string, database: string, table: string): Promise<PartitionInfo[]> {
    return readPartitions(await this.session(profileId), database, table);
  }
}
