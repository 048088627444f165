/**
 * Snapshot sizes for whoever shows them (the tree, the usage report): one cache, one sizing run
 * per repository at a time, and a change event. Pure TypeScript: the VS Code side supplies the
 * S3 client of a repository (credentials live there) and adapts the event.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { throwIfAborted } from './errors';
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

/** A sizing run that several callers wait for; it is aborted when the last of them gives up. */
interface SharedRun {
  promise: Promise<RepositoryUsage>;
  controller: AbortController;
  /** Callers still waiting for it. */
  waiters: number;
}

export class SnapshotSizeService {
  readonly cache: SnapshotSizeCache;
  private readonly listeners = new Set<SizeListener>();
  private readonly running = new Map<string, SharedRun>();
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
    const prefix = `${this.runKey(target)}\u0000`;
    return [...this.running.keys()].some((key) => key.startsWith(prefix));
  }

  /**
   * Measures the repository (complete snapshots measured recently come from the cache unless
   * `force`); info files are read only with `health`. Concurrent calls for the same repository share one run, unless they give their own
   * labels or progress callback. Each caller may give up through its `signal` (it then rejects with
   * an AbortError); when every caller of a shared run has given up, the run is aborted and
   * forgotten, so a later call starts afresh instead of joining a run that may never end. Rejects
   * with a StorageError when no client is available or a request fails (S3 requests have a time limit).
   */
  async sizeRepository(
    target: RepositoryTarget,
    options: Omit<SizingOptions, 'cache'> & { force?: boolean } = {},
  ): Promise<RepositoryUsage> {
    throwIfAborted(options.signal);
    if (options.labels || options.onProgress) return this.run(target, options);
    // A sizes-only run cannot answer a caller that asked for health, so the two are shared apart.
    const key = `${this.runKey(target)}\u0000${options.health ? 'health' : 'sizes'}`;
    let shared = this.running.get(key);
    if (!shared) {
      const controller = new AbortController();
      const run: SharedRun = { promise: this.run(target, { ...options, signal: controller.signal }), controller, waiters: 0 };
      const forget = (): void => {
        if (this.running.get(key) === run) this.running.delete(key);
      };
      run.promise.then(forget, forget);
      this.running.set(key, run);
      shared = run;
    }
    return this.wait(key, shared, options.signal);
  }

  /** One caller's wait for a shared run, ended early by its own signal. */
  private wait(key: string, run: SharedRun, signal: AbortSignal | undefined): Promise<RepositoryUsage> {
    run.waiters++;
    return new Promise<RepositoryUsage>((resolve, reject) => {
      const onAbort = (): void => {
        leave();
        const error = new Error('The operation was cancelled.');
        error.name = 'AbortError';
        reject(error);
      };
      let left = false;
      const leave = (): void => {
        if (left) return;
        left = true;
        signal?.removeEventListener('abort', onAbort);
        if (--run.waiters === 0 && signal?.aborted) {
          // Nobody waits any more: stop its requests, and let the next caller start a new run.
          run.controller.abort();
          if (this.running.get(key) === run) this.running.delete(key);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      run.promise.then(
        (usage) => {
          leave();
          resolve(usage);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
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
