import type { S3Client } from '@aws-sdk/client-s3';
import { AdaptiveLimit } from './adaptiveLimit';
import { mapWithConcurrency } from './concurrency';
import { inspectSnapshot, type InspectOptions, type StoredSnapshot } from './inspect';
import { listRepository, type RepositoryListing, type ResolvedRepository } from './repository';
import type { SnapshotSizeCache } from './sizeCache';
import type { OperationOptions } from './types';

/** The most snapshot listings in flight; fewer while the server shows no parallel capacity (AdaptiveLimit). */
export const DEFAULT_SIZING_CONCURRENCY = 16;

/** ListObjectsV2's page size when none is asked for. */
const S3_PAGE_SIZE = 1000;

export interface SizingProgress {
  done: number;
  total: number;
  /** The snapshot just measured. */
  snapshot: StoredSnapshot;
}

export interface SizingOptions extends OperationOptions, Pick<InspectOptions, 'health' | 'pageSize'> {
  /**
   * The most snapshots measured at once; each one is a paginated listing (plus one info download
   * with `health`). Within it, as many as the server answers without slowing down (AdaptiveLimit).
   */
  concurrency?: number;
  cache?: SnapshotSizeCache;
  /** Measure only these labels (still validated against the listing). */
  labels?: readonly string[];
  onProgress?: (progress: SizingProgress) => void;
}

export interface RepositoryUsage {
  repository: ResolvedRepository;
  listing: RepositoryListing;
  /** In label order. */
  snapshots: StoredSnapshot[];
  totals: { snapshots: number; objects: number; bytes: number; incomplete: number; damaged: number };
  /** Bytes of the plain files directly under the root (`__repo_info`…). */
  rootBytes: number;
  /** How many snapshots came from the cache instead of a new listing. */
  fromCache: number;
  /** The most snapshot listings that were in flight at once. */
  peakConcurrency: number;
}

/**
 * Lists the repository's snapshots and measures each, several at a time (one listing per
 * snapshot prefix, at most `concurrency` in flight, fewer while more would only queue at the
 * server), using the cache when allowed. Info files are
 * downloaded only with `health`. A cancel (`signal`) starts no further request and aborts the
 * ones in flight.
 */
export async function sizeRepository(client: S3Client, repo: ResolvedRepository, options: SizingOptions = {}): Promise<RepositoryUsage> {
  const listing = await listRepository(client, repo, options);
  const wanted = options.labels ? new Set(options.labels) : undefined;
  const labels = listing.labels.filter((l) => !wanted || wanted.has(l));
  if (!wanted) options.cache?.retainOnly(repo.key, listing.labels);
  let done = 0;
  let fromCache = 0;
  const limit = new AdaptiveLimit(options.concurrency ?? DEFAULT_SIZING_CONCURRENCY);
  const measure = async (label: string): Promise<StoredSnapshot> => {
    const started = Date.now();
    const snapshot = await inspectSnapshot(client, repo, label, {
      health: options.health,
      pageSize: options.pageSize,
      signal: options.signal,
      infoReads: options.cache?.infoReads,
    });
    limit.sample(Date.now() - started, snapshot.objects, Math.ceil(snapshot.objects / (options.pageSize ?? S3_PAGE_SIZE)));
    return snapshot;
  };
  const snapshots = await mapWithConcurrency(
    labels,
    limit,
    async (label) => {
      const cached = options.cache?.getReusable(repo.key, label, options.health);
      if (cached) fromCache++;
      const snapshot = cached ?? (await measure(label));
      options.cache?.set(repo.key, snapshot);
      options.onProgress?.({ done: ++done, total: labels.length, snapshot });
      return snapshot;
    },
    options.signal,
  );
  return {
    repository: repo,
    listing,
    snapshots,
    totals: totalsOf(snapshots),
    rootBytes: listing.rootFiles.reduce((s, o) => s + o.size, 0),
    fromCache,
    peakConcurrency: limit.peak,
  };
}

export function totalsOf(snapshots: readonly StoredSnapshot[]): RepositoryUsage['totals'] {
  return {
    snapshots: snapshots.length,
    objects: snapshots.reduce((s, x) => s + x.objects, 0),
    bytes: snapshots.reduce((s, x) => s + x.bytes, 0),
    incomplete: snapshots.filter((x) => x.health === 'incomplete').length,
    damaged: snapshots.filter((x) => x.health === 'damaged').length,
  };
}
