/** The size service the tree and the commands share, against a real S3 API (s3rver). */
import * as assert from 'node:assert/strict';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import { createS3Client } from '../../../src/storage/client';
import { NoCredentialsError, SnapshotSizeService, type SizeChange } from '../../../src/storage/sizeService';
import { isAbort } from '../../../src/storage/errors';
import { putObjects, snapshotObjects } from './fixture/repositoryFixture';

const BUCKET = 'starrocks-backups';
const TARGET = { profileId: 'p1', repository: 'svc', location: `s3a://${BUCKET}/svc` };
const ROOT = 'svc/__starrocks_repository_svc/';
/** A repository of many small snapshots, for the cancel test. */
const MANY = { profileId: 'p1', repository: 'many', location: `s3a://${BUCKET}/many` };
const MANY_ROOT = 'many/__starrocks_repository_many/';
const MANY_SNAPSHOTS = 30;

/** How long to wait for requests already on their way to reach the server's counters. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('storage/SnapshotSizeService against a real S3 API (s3rver)', function () {
  this.timeout(60_000);
  let server: RunningS3Server;
  let client: S3Client;

  before(async () => {
    server = await startS3Server();
    client = await createS3Client({
      credentials: { kind: 'keys', accessKeyId: server.accessKey, secretAccessKey: server.secretKey },
      endpoint: { endpoint: server.endpoint, forcePathStyle: true },
    });
    await putObjects(client, BUCKET, [
      ...snapshotObjects(ROOT, { label: 'one', tablets: 3 }),
      ...snapshotObjects(ROOT, { label: 'two', tablets: 1 }),
      ...snapshotObjects(ROOT, { label: 'partial', complete: false }),
      ...Array.from({ length: MANY_SNAPSHOTS }, (_, i) => snapshotObjects(MANY_ROOT, { label: `s${i}`, tablets: 1 })).flat(),
    ]);
  });

  after(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('measures a repository once for concurrent callers, caches it, and tells listeners', async () => {
    let clientRequests = 0;
    const service = new SnapshotSizeService(async () => {
      clientRequests++;
      return client;
    });
    const changes: SizeChange[] = [];
    service.onDidChange((c) => changes.push(c));
    const before = (await server.stats()).requests;
    const [a, b] = await Promise.all([service.sizeRepository(TARGET), service.sizeRepository(TARGET)]);
    assert.equal(a, b, 'the second caller shares the first run');
    assert.equal(clientRequests, 1);
    const key = service.repositoryKey(TARGET);
    assert.equal(service.getCached(key, 'one')?.objects, snapshotObjects(ROOT, { label: 'one', tablets: 3 }).length);
    assert.equal(service.getCached(key, 'partial')?.health, 'incomplete');
    assert.deepEqual(changes, [{ repoKey: key }]);
    const firstRun = (await server.stats()).requests - before;

    const again = await service.sizeRepository(TARGET);
    assert.equal(again.fromCache, 2, 'the two complete snapshots come from the cache');
    const secondRun = (await server.stats()).requests - before - firstRun;
    assert.ok(secondRun < firstRun, `the cached run sent fewer requests (${secondRun} < ${firstRun})`);
  });

  it('forgets a snapshot on invalidate and on a finished backup, telling listeners which', async () => {
    const service = new SnapshotSizeService(async () => client);
    await service.sizeRepository(TARGET);
    const key = service.repositoryKey(TARGET);
    const changes: SizeChange[] = [];
    service.onDidChange((c) => changes.push(c));
    service.invalidate(TARGET, 'one');
    assert.equal(service.getCached(key, 'one'), undefined);
    assert.ok(service.getCached(key, 'two'));
    service.forgetLabel('two');
    assert.equal(service.getCached(key, 'two'), undefined);
    assert.deepEqual(changes, [
      { repoKey: key, labels: ['one'] },
      { repoKey: key, labels: ['two'] },
    ]);
  });

  it('rejects with NoCredentialsError when the repository has no client', async () => {
    const service = new SnapshotSizeService(async () => undefined);
    await assert.rejects(service.sizeRepository(TARGET), (e) => e instanceof NoCredentialsError && e.target === TARGET);
    assert.equal(service.isSizing(TARGET), false, 'a failed run is not left behind as running');
  });

  it('downloads no info file unless health is asked for, and reads each one once per ETag', async () => {
    const service = new SnapshotSizeService(async () => client);
    const key = service.repositoryKey(TARGET);
    const gets = async () => (await server.stats()).objectGets;
    const lists = async () => (await server.stats()).bucketGets;

    const listsBefore = await lists();
    let getsBefore = await gets();
    const sizes = await service.sizeRepository(TARGET);
    assert.equal(sizes.totals.snapshots, 3);
    assert.equal((await gets()) - getsBefore, 0, 'sizes alone downloaded no info file');
    assert.ok((await lists()) - listsBefore >= 3, 'yet every snapshot was listed');
    assert.equal(service.getCached(key, 'one')?.healthChecked, false);
    assert.equal(service.getCached(key, 'one')?.info, undefined);

    getsBefore = await gets();
    const health = await service.sizeRepository(TARGET, { health: true, force: true });
    assert.equal((await gets()) - getsBefore, 2, 'one info file per complete snapshot (one, two)');
    assert.equal(health.snapshots.find((s) => s.label === 'one')?.info?.database, 'sales');
    assert.equal(service.getCached(key, 'one')?.healthChecked, true);

    getsBefore = await gets();
    await service.sizeRepository(TARGET, { health: true, force: true });
    assert.equal((await gets()) - getsBefore, 0, 'a fresh listing with the same ETags reuses the reads');

    // New content under the same name: another ETag, so it is read again, and its checksum no longer matches.
    const info = snapshotObjects(ROOT, { label: 'two', tablets: 1 }).find((o) => o.key.includes('/__info_'))!;
    await putObjects(client, BUCKET, [{ key: info.key, body: Buffer.from('{"backup_result":"succeed"}') }]);
    getsBefore = await gets();
    const changed = await service.sizeRepository(TARGET, { health: true, force: true });
    assert.equal((await gets()) - getsBefore, 1, 'only the changed info file is downloaded');
    const two = changed.snapshots.find((s) => s.label === 'two')!;
    assert.ok(
      two.problems.some((p) => p.kind === 'checksum'),
      JSON.stringify(two.problems),
    );
    await putObjects(client, BUCKET, [info]);
  });

  it('sends no further request once cancelled', async () => {
    const service = new SnapshotSizeService(async () => client, { concurrency: 2 });
    const latencyMs = 40;
    await server.setLatency(latencyMs);
    try {
      const controller = new AbortController();
      const before = (await server.stats()).requests;
      let measured = 0;
      const run = service.sizeRepository(MANY, {
        signal: controller.signal,
        onProgress: () => {
          measured++;
          controller.abort();
        },
      });
      await assert.rejects(run, (error) => isAbort(error));
      // Requests sent before the cancel reach the counter after the added latency.
      await sleep(latencyMs * 5);
      const afterCancel = (await server.stats()).requests;
      await sleep(latencyMs * 10);
      assert.equal((await server.stats()).requests, afterCancel, 'nothing was sent after the run ended');
      assert.equal(measured, 1);
      // The resolve probe, the root listing, and at most the two snapshot listings in flight plus the one that ended.
      const sent = afterCancel - before;
      assert.ok(sent <= 2 + 3, `${sent} requests for a repository of ${MANY_SNAPSHOTS} snapshots`);
    } finally {
      await server.setLatency(0);
    }
  });
});
