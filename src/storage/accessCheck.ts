/**
 * Tests, with the repository's own credentials, the S3 actions the extension needs, and says for
 * each whether it is allowed, denied or failed for another reason, with the policy statement
 * that would fix a denial. Writing is tested with one probe object under the repository root,
 * named `__sr_vscode_access_check_<random>` so it can never be mistaken for a StarRocks file,
 * and deleted again straight away.
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { classifyS3Error, describeFailure, isAbort, type FailureKind } from './errors';
import { REPO_INFO_FILE, repositoryRootKey } from './layout';
import { listPages } from './listing';
import {
  actionsFor,
  policyForTarget,
  statementFor,
  type AccessPurpose,
  type PolicyDocument,
  type PolicyOptions,
  type PolicyStatement,
  type S3Action,
} from './iamPolicy';
import { resolveRepository } from './repository';
import { s3LocationOf } from './repositoryLocation';
import { loadS3 } from './s3Sdk';
import type { OperationOptions, RepositoryRef } from './types';

export const PROBE_PREFIX = '__sr_vscode_access_check_';

export type CheckOutcome = 'allowed' | 'denied' | 'error' | 'skipped';

export interface AccessCheck {
  action: S3Action;
  /** The request made, e.g. `ListObjectsV2 s3://bucket/prefix/…`. */
  request: string;
  outcome: CheckOutcome;
  detail: string;
  /** The statement to add when the outcome is `denied`. */
  fix?: PolicyStatement;
}

export interface AccessReport {
  location: string;
  bucket: string;
  prefix: string;
  root: string;
  checks: AccessCheck[];
  /** The whole policy the purposes need, to copy. */
  policy: PolicyDocument;
  /** True when every check was allowed. */
  ok: boolean;
  /** Set when the probe object could not be removed again. */
  leftoverProbe?: string;
}

export interface AccessCheckOptions extends OperationOptions, PolicyOptions {
  purposes?: readonly AccessPurpose[];
}

/** Kinds of failure after which further requests cannot tell anything new. */
const STOPPING: ReadonlySet<FailureKind> = new Set(['unreachable', 'credentials']);

export async function checkAccess(client: S3Client, ref: RepositoryRef, options: AccessCheckOptions = {}): Promise<AccessReport> {
  const purposes = options.purposes ?? ['browse'];
  const target = s3LocationOf(ref.location);
  const actions = actionsFor(purposes).filter((a) => a !== 's3:AbortMultipartUpload'); // cannot be probed without a real upload
  const run = new CheckRun(client, target.bucket, options, target);
  const root = await run.listCheck(ref, repositoryRootKey(target.prefix, ref.name));
  await run.getCheck(root);
  const probeKey = `${root}${PROBE_PREFIX}${randomBytes(8).toString('hex')}`;
  const wrote = actions.includes('s3:PutObject') ? await run.putCheck(probeKey) : false;
  if (actions.includes('s3:DeleteObject')) await run.deleteCheck(probeKey, wrote);
  const checks = run.checks;
  return {
    location: ref.location,
    bucket: target.bucket,
    prefix: target.prefix,
    root,
    checks,
    policy: policyForTarget(target, purposes, options),
    ok: checks.every((c) => c.outcome === 'allowed'),
    ...(run.leftoverProbe ? { leftoverProbe: run.leftoverProbe } : {}),
  };
}

/** One access check in progress: the checks so far, and whether further requests are pointless. */
class CheckRun {
  readonly checks: AccessCheck[] = [];
  leftoverProbe: string | undefined;
  private stopped: string | undefined;
  private existingKey: string | undefined;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly options: AccessCheckOptions,
    private readonly target: { bucket: string; prefix: string },
  ) {}

  /** ListBucket: resolving the root lists under the location, then one page of the root. */
  async listCheck(ref: RepositoryRef, fallbackRoot: string): Promise<string> {
    const request = `ListObjectsV2 s3://${this.bucket}/${fallbackRoot}`;
    return (
      (await this.attempt('s3:ListBucket', request, async () => {
        const repo = await resolveRepository(this.client, ref, this.options);
        for await (const page of listPages(this.client, {
          bucket: this.bucket,
          prefix: repo.root,
          pageSize: 10,
          signal: this.options.signal,
        })) {
          this.existingKey = page.objects.find((o) => o.key === repo.root + REPO_INFO_FILE)?.key ?? page.objects[0]?.key;
          break;
        }
        const found = this.existingKey ? 'the repository folder exists' : 'nothing is stored under the repository folder yet';
        return {
          value: repo.root,
          detail: `Listed s3://${this.bucket}/${repo.root}: ${found}${repo.legacy ? ' (legacy __palo_repository_ folder)' : ''}.`,
        };
      })) ?? fallbackRoot
    );
  }

  async getCheck(root: string): Promise<void> {
    const key = this.existingKey ?? root + REPO_INFO_FILE;
    const { GetObjectCommand } = await loadS3();
    await this.attempt('s3:GetObject', `GetObject s3://${this.bucket}/${key}`, async () => {
      try {
        const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: 'bytes=0-0' }), {
          abortSignal: this.options.signal,
        });
        await response.Body?.transformToByteArray();
        return { value: true, detail: `Read ${key}.` };
      } catch (error) {
        // A 404 is only ever answered to callers allowed to read: a forbidden read is a 403.
        const failure = classifyS3Error(error);
        if (failure.code === 'InvalidRange') return { value: true, detail: `Read ${key} (an empty object).` };
        if (failure.kind !== 'notFound') throw error;
        return { value: true, detail: `${key} does not exist (404), which S3 answers only to callers that may read.` };
      }
    });
  }

  async putCheck(probeKey: string): Promise<boolean> {
    const { PutObjectCommand } = await loadS3();
    const wrote = await this.attempt('s3:PutObject', `PutObject s3://${this.bucket}/${probeKey}`, async () => {
      const body = `Written by the StarRocks Backup extension to test write access; deleted right after. ${new Date().toISOString()}\n`;
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: probeKey, Body: body, ContentType: 'text/plain' }), {
        abortSignal: this.options.signal,
      });
      return { value: true, detail: `Wrote the probe object ${probeKey}.` };
    });
    return wrote === true;
  }

  /** Deletes the probe; when it was never written this still tests the permission, harmlessly. */
  async deleteCheck(probeKey: string, wrote: boolean): Promise<void> {
    const { DeleteObjectsCommand } = await loadS3();
    const deleted = await this.attempt('s3:DeleteObject', `DeleteObjects s3://${this.bucket}/${probeKey}`, async () => {
      const response = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: [{ Key: probeKey }], Quiet: false } }),
        {
          abortSignal: this.options.signal,
        },
      );
      const keyError = response.Errors?.find((e) => e.Key === probeKey);
      if (keyError) throw Object.assign(new Error(keyError.Message ?? keyError.Code ?? 'Error'), { name: keyError.Code ?? 'Error' });
      return { value: true, detail: wrote ? 'Deleted the probe object again.' : 'Deleting a key that does not exist was accepted.' };
    });
    if (wrote && deleted !== true) this.leftoverProbe = probeKey;
  }

  /** Runs one check, recording allowed / denied / error; returns the value, or undefined when it failed. */
  private async attempt<T>(action: S3Action, request: string, body: () => Promise<{ value: T; detail: string }>): Promise<T | undefined> {
    if (this.stopped) {
      this.checks.push({ action, request, outcome: 'skipped', detail: `Not tried: ${this.stopped}` });
      return undefined;
    }
    try {
      const { value, detail } = await body();
      this.checks.push({ action, request, outcome: 'allowed', detail });
      return value;
    } catch (error) {
      if (isAbort(error)) throw error;
      const failure = classifyS3Error(error);
      if (failure.kind === 'denied') {
        this.checks.push({
          action,
          request,
          outcome: 'denied',
          detail: `Denied: ${describeFailure(failure)}`,
          fix: statementFor(action, this.target, this.options),
        });
      } else {
        this.checks.push({ action, request, outcome: 'error', detail: explain(failure.kind, describeFailure(failure)) });
        if (STOPPING.has(failure.kind)) this.stopped = `an earlier request failed (${describeFailure(failure)}).`;
      }
      return undefined;
    }
  }
}

function explain(kind: FailureKind, text: string): string {
  switch (kind) {
    case 'credentials':
      return `The credentials were rejected (${text}): check the access key, the secret key and the session token.`;
    case 'unreachable':
      return `The S3 endpoint could not be reached (${text}): check the endpoint, the network and the proxy.`;
    case 'notFound':
      return `Not found (${text}): check the bucket name in the repository location.`;
    default:
      return text;
  }
}
