/**
 * The storage layer against a real S3 API (s3rver in a child process), on repositories written
 * in the real layout. Every expectation is checked against an independent source: the bytes the
 * fixture wrote, or a plain ListObjectsV2 loop written here without the code under test.
 */
import * as assert from 'node:assert/strict';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import { createS3Client } from '../../../src/storage/client';
import { resolveRepository, listRepository, type ResolvedRepository } from '../../../src/storage/repository';
import { inspectSnapshot } from '../../../src/storage/inspect';
import { sizeRepository } from '../../../src/storage/sizing';
import { SnapshotSizeCache } from '../../../src/storage/sizeCache';
import { isAbort } from '../../../src/storage/errors';
import { plainListing, putObjects, repoInfoObject, snapshotObjects, type FixtureObject } from './fixture/repositoryFixture';

const BUCKET = 'starrocks-backups';
const LOCATION = `s3a://${BUCKET}/team/backups`;
const ROOT = 'team/backups/__starrocks_repository_bk/';

function bytesOf(objects: FixtureObject[]): number {
  return objects.reduce((s, o) => s + o.body.length, 0);
}

describe('storage against a real S3 API (s3rver)', function () {
  this.timeout(60_000);
  let server: RunningS3Server;
  let client: S3Client;
  let repo: ResolvedRepository;
  const written = new Map<string, FixtureObject[]>();

  before(async () => {
    server = await startS3Server();
    client = await createS3Client({
      credentials: { kind: 'keys', accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
      endpoint: { endpoint: server.endpoint, region: server.region, forcePathStyle: true },
    });
    const specs = [
      { label: 'a', tablets: 3 },
      { label: 'ab', tablets: 2 },
      { label: 'running', tablets: 2, complete: false },
      { label: 'leftover', tablets: 2, partLeftovers: 2, infoPartLeftover: true },
      { label: 'corrupt', corruptInfoChecksum: true },
      { label: 'failed', backupResult: 'failed' },
      { label: 'holes', tablets: 2, missingTablets: 2 },
      { label: 'paged', tablets: 20 },
    ];
    for (const spec of specs)
      written.set(spec.label, snapshotObjects(ROOT, { ...spec, backupTime: new Date(Date.UTC(2024, 0, 1 + specs.indexOf(spec))) }));
    // Neighbours the code must never count or touch: the repo info, a file beside the repository,
    // and another repository under the same location.
    const neighbours = [
      repoInfoObject(ROOT, 'bk'),
      { key: 'team/backups/readme.txt', body: Buffer.from('hello') },
      ...snapshotObjects('team/backups/__starrocks_repository_other/', { label: 'a' }),
    ];
    await putObjects(client, BUCKET, [...[...written.values()].flat(), ...neighbours]);
    repo = await resolveRepository(client, { name: 'bk', location: LOCATION });
  });

  after(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('finds the repository root and lists every snapshot folder', async () => {
    assert.equal(repo.root, ROOT);
    assert.equal(repo.legacy, false);
    const listing = await listRepository(client, repo);
    assert.deepEqual([...listing.labels].sort(), [...written.keys()].sort());
    assert.equal(listing.hasRepoInfo, true);
  });

  it('prefers the legacy __palo_repository_ root when it exists, like the FE', async () => {
    await putObjects(client, BUCKET, [
      repoInfoObject('old/__palo_repository_legacy/', 'legacy'),
      ...snapshotObjects('old/__palo_repository_legacy/', { label: 's1' }),
    ]);
    const legacy = await resolveRepository(client, { name: 'legacy', location: `s3://${BUCKET}/old` });
    assert.equal(legacy.root, 'old/__palo_repository_legacy/');
    assert.equal(legacy.legacy, true);
    assert.deepEqual((await listRepository(client, legacy)).labels, ['s1']);
  });

  it('sizes every snapshot exactly as a plain listing counts it, across pages', async () => {
    const usage = await sizeRepository(client, repo, { concurrency: 3, pageSize: 7 });
    for (const snapshot of usage.snapshots) {
      const reference = await plainListing(client, BUCKET, `${ROOT}__ss_${snapshot.label}/`);
      assert.equal(snapshot.objects, reference.count, `${snapshot.label} object count`);
      assert.equal(snapshot.bytes, reference.bytes, `${snapshot.label} bytes`);
      const fixture = written.get(snapshot.label)!;
      assert.equal(snapshot.objects, fixture.length, `${snapshot.label} written count`);
      assert.equal(snapshot.bytes, bytesOf(fixture), `${snapshot.label} written bytes`);
    }
    const all = [...written.values()].flat();
    assert.equal(usage.totals.objects, all.length);
    assert.equal(usage.totals.bytes, bytesOf(all));
    assert.ok(written.get('paged')!.length > 7 * 5, 'the paged snapshot spans several pages');
  });

  it('reads the info file, checks its MD5 and reports a healthy snapshot as ok', async () => {
    const snapshot = await inspectSnapshot(client, repo, 'a', { health: true });
    assert.equal(snapshot.health, 'ok', JSON.stringify(snapshot.problems));
    assert.equal(snapshot.complete, true);
    assert.deepEqual(snapshot.timestamps, ['2024-01-01-00-00-00-000']);
    assert.equal(snapshot.info?.database, 'sales');
    assert.deepEqual(snapshot.info?.tables, [{ name: 'orders', partitions: ['p2024'] }]);
    assert.equal(snapshot.time?.toISOString(), '2024-01-01T00:00:00.000Z');
  });

  it('flags a snapshot without an info file as incomplete', async () => {
    const snapshot = await inspectSnapshot(client, repo, 'running');
    assert.equal(snapshot.complete, false);
    assert.equal(snapshot.health, 'incomplete');
    assert.deepEqual(
      snapshot.problems.map((p) => p.kind),
      ['noInfo'],
    );
  });

  it('flags .part leftovers anywhere in the snapshot, and an unchecksummed info file', async () => {
    const snapshot = await inspectSnapshot(client, repo, 'leftover');
    assert.equal(snapshot.health, 'damaged');
    assert.equal(snapshot.partFiles.length, 3);
    assert.ok(snapshot.partFiles.some((k) => k.startsWith('__ss_content/')));
    assert.ok(snapshot.invalidInfoFiles[0].startsWith('__info_') && snapshot.invalidInfoFiles[0].endsWith('.part'));
    assert.deepEqual(snapshot.problems.map((p) => p.kind).sort(), ['invalidInfo', 'partFiles']);
  });

  it('flags a checksum mismatch, a failed backup_result and tablets without files', async () => {
    const [corrupt, failed, holes] = await Promise.all(
      ['corrupt', 'failed', 'holes'].map((l) => inspectSnapshot(client, repo, l, { health: true })),
    );
    assert.deepEqual(
      corrupt.problems.map((p) => p.kind),
      ['checksum'],
    );
    assert.deepEqual(
      failed.problems.map((p) => p.kind),
      ['failedResult'],
    );
    assert.deepEqual(
      holes.problems.map((p) => p.kind),
      ['missingTablets'],
    );
    for (const s of [corrupt, failed, holes]) assert.equal(s.health, 'damaged');
  });

  it('reuses cached complete snapshots and re-measures invalidated and incomplete ones', async () => {
    const cache = new SnapshotSizeCache();
    const first = await sizeRepository(client, repo, { cache });
    assert.equal(first.fromCache, 0);
    cache.invalidate(repo.key, 'a');
    const second = await sizeRepository(client, repo, { cache });
    const completeCount = first.snapshots.filter((s) => s.complete).length;
    assert.equal(second.fromCache, completeCount - 1, 'all complete ones but the invalidated one');
    assert.deepEqual(second.totals, first.totals);
  });

  it('(the S3 server) lists keys in key order across pages, e.g. snap-2/ before snap/, like S3', async () => {
    const keys = ['order/snap/a', 'order/snap-2/a', 'order/snap.x', 'order/snap/b/c', 'order/snap0', 'order/sna'];
    await putObjects(
      client,
      BUCKET,
      keys.map((key) => ({ key, body: Buffer.from(key) })),
    );
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'order/', MaxKeys: 2, ContinuationToken: token }));
      listed.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    assert.deepEqual(listed, [...keys].sort());
    const folders = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'order/', Delimiter: '/' }));
    assert.deepEqual(
      folders.CommonPrefixes?.map((p) => p.Prefix),
      ['order/snap-2/', 'order/snap/'],
    );
    assert.deepEqual(
      folders.Contents?.map((o) => o.Key),
      ['order/sna', 'order/snap.x', 'order/snap0'],
    );
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = sizeRepository(client, repo, {
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.snapshot.label);
        controller.abort();
      },
    });
    await assert.rejects(run, (error) => isAbort(error));
    assert.equal(seen.length, 1, 'no snapshot was measured after the cancel');
  });
});
