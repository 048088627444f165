/**
 * Deleting one snapshot's files, for servers without DROP SNAPSHOT (before 4.2). Mirrors what
 * 4.2's DROP SNAPSHOT does server-side: a recursive delete of `__ss_<label>/`.
 *
 * Safety rests on three rules: the plan is the listing of the exact prefix `root + "__ss_" +
 * label + "/"` (the trailing `/` keeps label `a` away from label `ab`), every key is checked
 * against that prefix again before it is sent, and the info files go first — once they are gone
 * the FE sees the snapshot as incomplete, so a delete that stops half-way never leaves a
 * snapshot that looks restorable but is not. Re-planning and re-running finishes the job.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { classifyS3Error, describeFailure, isAbort, throwIfAborted } from './errors';
import { JOB_INFO_PREFIX, META_FILE, REPO_INFO_FILE, decodeInfoFileName, snapshotPrefix } from './layout';
import { listPages } from './listing';
import type { ResolvedRepository } from './repository';
import { loadS3 } from './s3Sdk';
import type { OperationOptions } from './types';

/** S3's limit for one DeleteObjects request. */
export const MAX_DELETE_BATCH = 1000;

export interface DeletionPlan {
  bucket: string;
  root: string;
  label: string;
  prefix: string;
  /** In deletion order: info files, then `__meta`, then everything else. */
  keys: string[];
  objects: number;
  bytes: number;
  /** Whether a valid info file is among the keys (the FE lists the snapshot as OK). */
  hadInfoFile: boolean;
}

export interface KeyFailure {
  key: string;
  code: string;
  message: string;
}

export interface DeletionResult {
  label: string;
  requested: number;
  deleted: number;
  failed: KeyFailure[];
  /** Keys never sent because an earlier request failed as a whole or the user cancelled. */
  notAttempted: number;
  /** The request-level failure that stopped the run, if any. */
  error?: string;
  cancelled: boolean;
  /** Objects still under the prefix after the run (a fresh listing), when verified. */
  remaining?: number;
}

export interface DeletionProgress {
  deleted: number;
  total: number;
}

export interface ExecuteOptions extends OperationOptions {
  batchSize?: number;
  /** Called after each batch; the next batch waits for a returned promise. */
  onProgress?: (progress: DeletionProgress) => void | Promise<void>;
  /** List the prefix again afterwards and report what is left (default true). */
  verify?: boolean;
}

/** Lists every object under the snapshot's exact prefix: what a delete would remove. */
export async function planSnapshotDeletion(
  client: S3Client,
  repo: ResolvedRepository,
  label: string,
  options: OperationOptions = {},
): Promise<DeletionPlan> {
  const prefix = snapshotPrefix(repo.root, label);
  const keys: string[] = [];
  let bytes = 0;
  for await (const page of listPages(client, { bucket: repo.bucket, prefix, signal: options.signal })) {
    for (const object of page.objects) {
      assertInside(repo.root, prefix, object.key);
      keys.push(object.key);
      bytes += object.size;
    }
  }
  const ordered = orderForDeletion(prefix, keys);
  const hadInfoFile = ordered.some((k) => decodeInfoFileName(k.slice(prefix.length)) !== undefined);
  return { bucket: repo.bucket, root: repo.root, label, prefix, keys: ordered, objects: keys.length, bytes, hadInfoFile };
}

/** Info files first, then `__meta`, then the rest in key order: see the module comment. */
export function orderForDeletion(prefix: string, keys: readonly string[]): string[] {
  const rank = (key: string): number => {
    const name = key.slice(prefix.length);
    if (name.startsWith(JOB_INFO_PREFIX) && !name.includes('/')) return 0;
    if (name.startsWith(META_FILE) && !name.includes('/')) return 1;
    return 2;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Splits keys into DeleteObjects batches of at most `size` (≤ 1000). */
export function batchesOf<T>(items: readonly T[], size = MAX_DELETE_BATCH): T[][] {
  const limit = Math.max(1, Math.min(size, MAX_DELETE_BATCH));
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += limit) batches.push(items.slice(i, i + limit));
  return batches;
}

function assertInside(root: string, prefix: string, key: string): void {
  if (!key.startsWith(prefix) || key === root + REPO_INFO_FILE) {
    throw new Error(`Refusing to delete ${key}: it is not inside ${prefix}`);
  }
}

/** Deletes the plan's keys in batches, reporting per-key errors; stops at a request-level failure. */
export async function executeDeletion(client: S3Client, plan: DeletionPlan, options: ExecuteOptions = {}): Promise<DeletionResult> {
  // Checked again here: a plan is plain data and may have been built or edited elsewhere.
  if (plan.prefix !== snapshotPrefix(plan.root, plan.label))
    throw new Error(`The plan's prefix ${plan.prefix} is not the folder of snapshot ${plan.label}`);
  for (const key of plan.keys) assertInside(plan.root, plan.prefix, key);
  const result: DeletionResult = {
    label: plan.label,
    requested: plan.keys.length,
    deleted: 0,
    failed: [],
    notAttempted: 0,
    cancelled: false,
  };
  const batches = batchesOf(plan.keys, options.batchSize);
  for (let i = 0; i < batches.length; i++) {
    const stop = await runBatch(client, plan.bucket, batches[i], result, options.signal);
    await options.onProgress?.({ deleted: result.deleted, total: result.requested });
    if (stop) {
      result.notAttempted = batches.slice(i + 1).reduce((n, b) => n + b.length, 0);
      break;
    }
  }
  if (options.verify ?? true) result.remaining = await countRemaining(client, plan);
  return result;
}

/** Sends one DeleteObjects; returns true when the run must stop (request failed or cancelled). */
async function runBatch(client: S3Client, bucket: string, keys: string[], result: DeletionResult, signal?: AbortSignal): Promise<boolean> {
  const { DeleteObjectsCommand } = await loadS3();
  try {
    throwIfAborted(signal);
    const response = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: false } }),
      { abortSignal: signal },
    );
    const errors = response.Errors ?? [];
    result.failed.push(...errors.map((e) => ({ key: e.Key ?? '?', code: e.Code ?? 'Error', message: e.Message ?? e.Code ?? 'Error' })));
    result.deleted += response.Deleted?.length ?? keys.length - errors.length;
    return false;
  } catch (error) {
    if (isAbort(error)) {
      result.cancelled = true;
      result.notAttempted += keys.length;
      return true;
    }
    // We cannot know which keys of this batch went: the retry's fresh plan will tell.
    const failure = classifyS3Error(error);
    result.error = describeFailure(failure);
    result.failed.push(...keys.map((key) => ({ key, code: failure.code, message: failure.message })));
    return true;
  }
}

async function countRemaining(client: S3Client, plan: DeletionPlan): Promise<number | undefined> {
  try {
    let remaining = 0;
    for await (const page of listPages(client, { bucket: plan.bucket, prefix: plan.prefix })) remaining += page.objects.length;
    return remaining;
  } catch {
    return undefined; // the deletion result stands on its own; the count is a courtesy
  }
}

/** Plans and deletes one snapshot: the whole safe path in one call. */
export async function deleteSnapshotFiles(
  client: S3Client,
  repo: ResolvedRepository,
  label: string,
  options: ExecuteOptions = {},
): Promise<{ plan: DeletionPlan; result: DeletionResult }> {
  const plan = await planSnapshotDeletion(client, repo, label, options);
  return { plan, result: await executeDeletion(client, plan, options) };
}
