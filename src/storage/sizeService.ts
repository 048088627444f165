/**
 * Snapshot sizes for whoever shows them (the tree, the usage report): one cache, one sizing run
 * per repository at a time, and a change event. Pure TypeScript: the VS Code side supplies the
 * S3 client of a repository (credentials live there) and adapts the event.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { StoredSnapshot } from './inspect';
import { resolveRepository } from './repository';
import { repositoryKeyOf } from './repositoryLocation';
import { SnapshotSizeCache } from './sizeCache';
import { sizeRepository, type RepositoryUsage, type SizingOptions } from './sizing';

/** A repository of one connection, as the tree and the commands know it. */
export interface RepositoryTarget {
  profileId: string;
  repository: string;
  /** `s3a://bucket/prefix` as SHOW REPOSITORIES reports it. */
  location: string;
}

/** Gives the S3 client for a repository, or undefined when no credentials are configured for it. */
export type ClientProvider = (target: RepositoryTarget) => Promise<S3Client | undefined>;

export interface SizeChange {
  repoKey: string;
  /** The labels that changed; undefined means the whole repository. */
  labels?: string[];
}

export interface Disposable {
  dispose(): void;
}

export type SizeListener = (change: SizeChange) => void;

export class SnapshotSizeService {
  readonly cache: SnapshotSizeCache;
  private readonly listeners = new Set<SizeListener>();
  private readonly running = new Map<string, Promise<RepositoryUsage>>();
  private readonly concurrency: number | undefined;

  constructor(
    private readonly clients: ClientProvider,
    options: { cache?: SnapshotSizeCache; concurrency?: number } = {},
  ) {
    this.cache = options.cache ?? new SnapshotSizeCache();
    this.concurrency = options.concurrency;
  }

  /** Same signature shape as `vscode.Event`, so the VS Code side can pass it on directly. */
  onDidChange = (listener: SizeListener): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  repositoryKey(target: Pick<RepositoryTarget, 'repository' | 'location'>): string {
    return repositoryKeyOf({ name: target.repository, location: target.location });
  }

  /** What is known about one snapshot, without any request. */
  getCached(repoKey: string, label: string): StoredSnapshot | undefined {
    return this.cache.get(repoKey, label);
  }

  /** True while a sizing of the repository is under way. */
  isSizing(target: RepositoryTarget): boolean {
    return this.running.has(this.runKey(target));
  }

  /**
   * Measures the repository (complete snapshots measured recently come from the cache unless
   * `force`). Concurrent calls for the same repository share one run, unless they give their own
   * signal or labels. Rejects with a StorageError when no client is available.
   */
  async sizeRepository(target: RepositoryTarget, options: Omit<SizingOptions, 'cache'> & { force?: boolean } = {}): Promise<RepositoryUsage> {
    const key = this.runKey(target);
    const shared = !options.signal && !options.labels && !options.onProgress;
    const existing = shared ? this.running.get(key) : undefined;
    if (existing) return existing;
    const run = this.run(target, options);
    if (shared) {
      this.running.set(key, run);
      void run.then(
        () => this.running.delete(key),
        () => this.running.delete(key),
      );
    }
    return run;
  }

  private async run(target: RepositoryTarget, options: Omit<SizingOptions, 'cache'> & { force?: boolean }): Promise<RepositoryUsage> {
    const client = await this.clients(target);
    if (!client) throw new NoCredentialsError(target);
    const repoKey = this.repositoryKey(target);
    if (options.force) this.cache.invalidate(repoKey);
    const repo = await resolveRepository(client, { name: target.repository, location: target.location }, options);
    const usage = await sizeRepository(client, repo, { concurrency: this.concurrency, ...options, cache: this.cache });
    this.fire({ repoKey });
    return usage;
  }

  /** Forgets a snapshot (after a delete or a backup) or a whole repository, and tells listeners. */
  invalidate(target: Pick<RepositoryTarget, 'repository' | 'location'>, label?: string): void {
    const repoKey = this.repositoryKey(target);
    this.cache.invalidate(repoKey, label);
    this.fire({ repoKey, labels: label === undefined ? undefined : [label] });
  }

  /** Forgets a label in every repository (a backup that just ended may reuse a deleted label). */
  forgetLabel(label: string): void {
    for (const repoKey of this.cache.repositoriesWith(label)) {
      this.cache.invalidate(repoKey, label);
      this.fire({ repoKey, labels: [label] });
    }
  }

  private fire(change: SizeChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private runKey(target: RepositoryTarget): string {
    return `${target.profileId}\u0000${this.repositoryKey(target)}`;
  }

  dispose(): void {
    this.listeners.clear();
  }
}

/** No S3 credentials are stored for the repository: the caller offers to set them. */
export class NoCredentialsError extends Error {
  constructor(readonly target: RepositoryTarget) {
    super(`No S3 credentials are set for repository ${target.repository}.`);
    this.name = 'NoCredentialsError';
  }
}
