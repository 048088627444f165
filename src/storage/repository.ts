import type { S3Client } from '@aws-sdk/client-s3';
import { REPO_INFO_FILE, SNAPSHOT_DIR_PREFIX, labelOfSnapshotPrefix, repositoryRootKey } from './layout';
import { listPages, type ListedObject } from './listing';
import { repositoryKeyOf, s3LocationOf } from './repositoryLocation';
import type { OperationOptions, RepositoryRef } from './types';

/** A repository located on S3: the bucket and the key prefix its files live under. */
export interface ResolvedRepository {
  ref: RepositoryRef;
  /** `repositoryKeyOf(ref)`: the cache key. */
  key: string;
  bucket: string;
  /** `<prefix>/__starrocks_repository_<name>/` (or the legacy `__palo_repository_` one), ending in `/`. */
  root: string;
  legacy: boolean;
}

/**
 * Finds the repository's root like the FE does when it loads a repository: the legacy
 * `__palo_repository_<name>/` wins when anything exists under it.
 */
export async function resolveRepository(client: S3Client, ref: RepositoryRef, options: OperationOptions = {}): Promise<ResolvedRepository> {
  const { bucket, prefix } = s3LocationOf(ref.location);
  const legacyRoot = repositoryRootKey(prefix, ref.name, true);
  const legacy = await prefixExists(client, bucket, legacyRoot, options.signal);
  return { ref, key: repositoryKeyOf(ref), bucket, root: legacy ? legacyRoot : repositoryRootKey(prefix, ref.name), legacy };
}

async function prefixExists(client: S3Client, bucket: string, prefix: string, signal?: AbortSignal): Promise<boolean> {
  for await (const page of listPages(client, { bucket, prefix, pageSize: 1, signal })) {
    return page.objects.length > 0 || page.commonPrefixes.length > 0;
  }
  return false;
}

/** What lies directly under the repository root. */
export interface RepositoryListing {
  /** Labels of the `__ss_<label>/` folders, in key order. */
  labels: string[];
  /** Folders under the root that are not snapshots (left by other tools). */
  otherFolders: string[];
  /** Plain files under the root: `__repo_info` and anything else. */
  rootFiles: ListedObject[];
  hasRepoInfo: boolean;
}

/** One delimited, paginated listing of the root: the snapshots as `__ss_*` common prefixes (spec §5.5). */
export async function listRepository(
  client: S3Client,
  repo: ResolvedRepository,
  options: OperationOptions = {},
): Promise<RepositoryListing> {
  const listing: RepositoryListing = { labels: [], otherFolders: [], rootFiles: [], hasRepoInfo: false };
  for await (const page of listPages(client, { bucket: repo.bucket, prefix: repo.root, delimiter: '/', signal: options.signal })) {
    for (const folder of page.commonPrefixes) {
      const label = folder.startsWith(repo.root + SNAPSHOT_DIR_PREFIX) ? labelOfSnapshotPrefix(repo.root, folder) : undefined;
      if (label !== undefined) listing.labels.push(label);
      else listing.otherFolders.push(folder);
    }
    listing.rootFiles.push(...page.objects);
  }
  listing.hasRepoInfo = listing.rootFiles.some((o) => o.key === repo.root + REPO_INFO_FILE);
  return listing;
}
