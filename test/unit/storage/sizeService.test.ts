/** The size service the tree and the commands share, against a real S3 API (s3rver). */
import * as assert from 'node:assert/strict';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import { createS3Client } from '../../../src/storage/client';
import { NoCredentialsError, SnapshotSizeService, type SizeChange } from '../../../src/storage/sizeService';
import { putObjects, snapshotObjects } from './fixture/repositoryFixture';

const BUCKET = 'starrocks-backups';
const TARGET = { profileId: 'p1', repository: 'svc', location: `s3a://${BUCKET}/svc` };
const ROOT = 'svc/__starrocks_repository_svc/';

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
});
