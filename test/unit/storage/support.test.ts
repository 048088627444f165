import * as assert from 'node:assert/strict';
import { mapWithConcurrency } from '../../../src/storage/concurrency';
import { classifyS3Error, describeFailure, isAbort } from '../../../src/storage/errors';
import { SnapshotSizeCache } from '../../../src/storage/sizeCache';
import { actionsFor, iamPolicyForLocation, partitionOf, policyJson } from '../../../src/storage/iamPolicy';
import type { StoredSnapshot } from '../../../src/storage/inspect';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('storage support: concurrency, errors, cache, IAM policy', () => {
  it('never runs more than the limit at once and keeps results in input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 2, 1], 3, async (ms, i) => {
      peak = Math.max(peak, ++running);
      await sleep(ms * 3);
      running--;
      return i;
    });
    assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6, 7]);
    assert.equal(peak, 3);
  });

  it('stops starting work after a failure or a cancel and rethrows', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapWithConcurrency([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        await sleep(5);
      }),
      /boom/,
    );
    assert.ok(started.length <= 3, `started ${started.join(',')}`);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      mapWithConcurrency([1], 1, async () => 1, controller.signal),
      (e) => isAbort(e),
    );
  });

  it('classifies S3 failures by code before status', () => {
    const sdk = (name: string, status: number, message = name) =>
      Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
    assert.equal(classifyS3Error(sdk('AccessDenied', 403)).kind, 'denied');
    assert.equal(classifyS3Error(sdk('InvalidAccessKeyId', 403)).kind, 'credentials');
    assert.equal(classifyS3Error(sdk('SignatureDoesNotMatch', 403)).kind, 'credentials');
    assert.equal(classifyS3Error(sdk('NoSuchBucket', 404)).kind, 'notFound');
    assert.equal(
      classifyS3Error(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind,
      'unreachable',
    );
    assert.equal(classifyS3Error(sdk('InternalError', 500)).kind, 'other');
    assert.equal(describeFailure(classifyS3Error(sdk('AccessDenied', 403, 'Access Denied'))), 'AccessDenied (HTTP 403): Access Denied');
  });

  it('caches complete snapshots until invalidated or too old, and never incomplete ones', () => {
    let now = 1_000;
    const cache = new SnapshotSizeCache(100, () => now);
    const stored = (label: string, complete: boolean) => ({ label, complete, scannedAt: now }) as StoredSnapshot;
    cache.set('r', stored('a', true));
    cache.set('r', stored('b', false));
    assert.ok(cache.getReusable('r', 'a'));
    assert.equal(cache.getReusable('r', 'b'), undefined);
    assert.ok(cache.get('r', 'b'), 'still shown');
    now += 101;
    assert.equal(cache.getReusable('r', 'a'), undefined);
    cache.retainOnly('r', ['a']);
    assert.deepEqual(
      cache.list('r').map((s) => s.label),
      ['a'],
    );
    cache.invalidate('r', 'a');
    assert.equal(cache.get('r', 'a'), undefined);
  });

  it('writes the IAM policy for a location: List restricted by prefix, objects under the prefix', () => {
    const policy = iamPolicyForLocation('s3a://my-bucket/backups/prod');
    assert.deepEqual(policy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ListRepositoryLocation',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: 'arn:aws:s3:::my-bucket',
          Condition: { StringLike: { 's3:prefix': ['backups/prod/*'] } },
        },
        {
          Sid: 'RepositoryObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
          Resource: 'arn:aws:s3:::my-bucket/backups/prod/*',
        },
      ],
    });
    assert.deepEqual(JSON.parse(policyJson(policy)), policy);
  });

  it('grants only reading for browsing, has no prefix condition at the bucket root, and knows other partitions', () => {
    const read = iamPolicyForLocation('s3://b-1', ['browse'], { region: 'cn-north-1' });
    assert.equal(read.Statement[0].Condition, undefined);
    assert.equal(read.Statement[0].Resource, 'arn:aws-cn:s3:::b-1');
    assert.deepEqual(read.Statement[1], {
      Sid: 'ReadSnapshots',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: 'arn:aws-cn:s3:::b-1/*',
    });
    assert.deepEqual(actionsFor(['delete']), ['s3:ListBucket', 's3:GetObject', 's3:DeleteObject']);
    assert.equal(partitionOf({ region: 'us-gov-west-1' }), 'aws-us-gov');
  });
});
