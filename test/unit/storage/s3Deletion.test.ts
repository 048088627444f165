/**
 * Snapshot deletion against a real S3 API (s3rver): exactly one snapshot's objects go, labels that
 * are prefixes of others are safe, and a delete that dies half-way is reported and finished by a retry.
 */
import * as assert from 'node:assert/strict';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import { createS3Client } from '../../../src/storage/client';
import { resolveRepository, listRepository, type ResolvedRepository } from '../../../src/storage/repository';
import { deleteSnapshotFiles, executeDeletion, planSnapshotDeletion } from '../../../src/storage/deletion';
import { inspectSnapshot } from '../../../src/storage/inspect';
import { plainListing, putObjects, repoInfoObject, snapshotObjects } from './fixture/repositoryFixture';

const BUCKET = 'starrocks-backups';
const ROOT = 'del/__starrocks_repository_r/';

describe('snapshot deletion against a real S3 API (s3rver)', function () {
  this.timeout(60_000);
  let server: RunningS3Server;
  let client: S3Client;
  let repo: ResolvedRepository;

  before(async () => {
    server = await startS3Server();
    client = await createS3Client({
      credentials: { kind: 'keys', accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
      endpoint: { endpoint: server.endpoint, region: server.region, forcePathStyle: true },
    });
    await putObjects(client, BUCKET, [
      repoInfoObject(ROOT, 'r'),
      ...snapshotObjects(ROOT, { label: 'a', tablets: 3 }),
      ...snapshotObjects(ROOT, { label: 'ab', tablets: 2 }),
      ...snapshotObjects(ROOT, { label: 'a-b', tablets: 2 }),
      ...snapshotObjects(ROOT, { label: 'big', tablets: 60 }),
      { key: `${ROOT}__ss_a`, body: Buffer.from('a plain file named like the folder') },
    ]);
    repo = await resolveRepository(client, { name: 'r', location: `s3a://${BUCKET}/del` });
  });

  after(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('plans exactly the objects under __ss_<label>/, info files first', async () => {
    const plan = await planSnapshotDeletion(client, repo, 'a');
    const reference = await plainListing(client, BUCKET, `${ROOT}__ss_a/`);
    assert.equal(plan.objects, reference.count);
    assert.equal(plan.bytes, reference.bytes);
    assert.deepEqual([...plan.keys].sort(), [...reference.keys].sort());
    assert.ok(plan.keys[0].startsWith(`${ROOT}__ss_a/__info_`), 'the info file goes first');
    assert.ok(plan.keys[1].startsWith(`${ROOT}__ss_a/__meta.`), 'then the meta file');
    assert.equal(plan.hadInfoFile, true);
  });

  it('deletes one snapshot and nothing else (a vs ab vs a-b, the repo info, a look-alike file)', async () => {
    const before = await plainListing(client, BUCKET, 'del/');
    const aKeys = new Set((await plainListing(client, BUCKET, `${ROOT}__ss_a/`)).keys);
    const { result } = await deleteSnapshotFiles(client, repo, 'a');
    assert.equal(result.deleted, aKeys.size);
    assert.deepEqual(result.failed, []);
    assert.equal(result.remaining, 0);
    const after = await plainListing(client, BUCKET, 'del/');
    assert.deepEqual(
      after.keys,
      before.keys.filter((k) => !aKeys.has(k)),
      'exactly the snapshot folder went',
    );
    assert.ok(after.keys.includes(`${ROOT}__repo_info`));
    assert.ok(after.keys.includes(`${ROOT}__ss_a`), 'the file __ss_a (no slash) is not part of the snapshot');
    assert.deepEqual((await listRepository(client, repo)).labels.sort(), ['a-b', 'ab', 'big']);
  });

  it('is idempotent: deleting a deleted snapshot deletes nothing and fails nothing', async () => {
    const { plan, result } = await deleteSnapshotFiles(client, repo, 'a');
    assert.equal(plan.objects, 0);
    assert.equal(result.deleted, 0);
    assert.deepEqual(result.failed, []);
  });

  it('refuses labels that could reach outside the snapshot folder', async () => {
    await assert.rejects(planSnapshotDeletion(client, repo, ''), /Not a valid snapshot label/);
    await assert.rejects(planSnapshotDeletion(client, repo, 'ab/../a-b'), /Not a valid snapshot label/);
    const plan = await planSnapshotDeletion(client, repo, 'ab');
    await assert.rejects(executeDeletion(client, { ...plan, keys: [...plan.keys, `${ROOT}__repo_info`] }), /Refusing to delete/);
    await assert.rejects(executeDeletion(client, { ...plan, keys: [...plan.keys, `${ROOT}__ss_a-b/__meta.x`] }), /Refusing to delete/);
    assert.equal((await plainListing(client, BUCKET, `${ROOT}__ss_ab/`)).count, plan.objects, 'nothing was deleted by the refused runs');
  });

  it('reports a failure in the middle of a batch delete, leaves the snapshot incomplete, and a retry finishes it', async () => {
    const total = (await plainListing(client, BUCKET, `${ROOT}__ss_big/`)).count;
    const others = (await plainListing(client, BUCKET, 'del/')).keys.filter((k) => !k.startsWith(`${ROOT}__ss_big/`));
    // The second batch fails after 10 of its keys, on every attempt the SDK makes (3).
    const plan = await planSnapshotDeletion(client, repo, 'big');
    let batches = 0;
    const first = await executeDeletion(client, plan, {
      batchSize: 40,
      onProgress: async () => {
        if (++batches === 1) await server.failNextDelete(10, 3);
      },
    });
    assert.match(first.error ?? '', /InternalError/);
    assert.equal(first.deleted, 40, 'the first batch went through');
    assert.equal(first.failed.length, 40, 'every key of the failed batch is reported');
    assert.equal(first.notAttempted, total - 80);
    assert.equal(first.remaining, total - 50, 'the server deleted 10 keys of the failed batch');
    const halfway = await inspectSnapshot(client, repo, 'big');
    assert.equal(halfway.complete, false, 'the info file went first, so the FE sees an incomplete snapshot');

    const retry = await deleteSnapshotFiles(client, repo, 'big', { batchSize: 40 });
    assert.equal(retry.plan.objects, total - 50);
    assert.equal(retry.result.deleted, total - 50);
    assert.deepEqual(retry.result.failed, []);
    assert.equal(retry.result.remaining, 0);
    assert.deepEqual((await plainListing(client, BUCKET, 'del/')).keys, others, 'no other object was touched');
    assert.ok((await server.stats()).injectedFailures >= 3);
  });

  it('reports a denied delete per request without throwing', async () => {
    const denied = await startS3Server({ extraKeys: [{ accessKeyId: 'READER', secretAccessKey: 'READER-SECRET', policy: 'read' }] });
    try {
      const admin = await createS3Client({
        credentials: { kind: 'keys', accessKeyId: denied.accessKey, secretAccessKey: denied.secretKey },
        endpoint: { endpoint: denied.endpoint, forcePathStyle: true },
      });
      await putObjects(admin, BUCKET, snapshotObjects('x/__starrocks_repository_q/', { label: 's' }));
      const reader = await createS3Client({
        credentials: { kind: 'keys', accessKeyId: 'READER', secretAccessKey: 'READER-SECRET' },
        endpoint: { endpoint: denied.endpoint, forcePathStyle: true },
      });
      const readerRepo = await resolveRepository(reader, { name: 'q', location: `s3a://${BUCKET}/x` });
      const { plan, result } = await deleteSnapshotFiles(reader, readerRepo, 's');
      assert.ok(plan.objects > 0);
      assert.match(result.error ?? '', /AccessDenied/);
      assert.equal(result.deleted, 0);
      assert.equal(result.remaining, plan.objects);
      admin.destroy();
      reader.destroy();
    } finally {
      await denied.stop();
    }
  });
});
