/**
 * An S3 endpoint that accepts connections and never answers (a stalled load balancer, a hung
 * MinIO): requests end with a clear timeout error instead of hanging, and a shared sizing run ends
 * when every caller gave up. The small time limits only keep the suite short; nothing here
 * asserts on elapsed time.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../../../src/storage/client';
import { StorageError, isAbort } from '../../../src/storage/errors';
import { resolveRepository } from '../../../src/storage/repository';
import { SnapshotSizeService } from '../../../src/storage/sizeService';

/** Accepts TCP connections, reads what is sent, and never writes a byte back. */
class StalledServer {
  private readonly server = net.createServer((socket) => {
    this.open.add(socket);
    this.accepted++;
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => this.open.delete(socket));
  });
  readonly open = new Set<net.Socket>();
  accepted = 0;
  port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function waitUntil(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`never happened: ${what}`);
}

const TARGET = { profileId: 'p1', repository: 'stalled', location: 's3a://starrocks-backups/stalled' };

describe('storage against a stalled S3 endpoint', function () {
  this.timeout(15_000);
  let server: StalledServer;
  const clients: S3Client[] = [];

  async function client(requestTimeoutMs: number): Promise<S3Client> {
    const c = await createS3Client({
      credentials: { kind: 'keys', accessKeyId: 'AK', secretAccessKey: 'SK' },
      endpoint: { endpoint: `http://127.0.0.1:${server.port}`, region: 'us-east-1', forcePathStyle: true },
      maxAttempts: 1,
      requestTimeoutMs,
    });
    clients.push(c);
    return c;
  }

  beforeEach(async () => {
    server = new StalledServer();
    await server.start();
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await server.stop();
  });

  it('a listing ends with an error that says the endpoint did not answer and which setting gives it longer', async () => {
    const c = await client(300);
    const error = await resolveRepository(c, { name: 'stalled', location: TARGET.location }).then(
      () => assert.fail('the listing of a stalled endpoint succeeded'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof StorageError, `expected a StorageError, got ${String(error)}`);
    assert.match(
      error.message,
      /^Listing s3:\/\/starrocks-backups\/stalled\/__(starrocks|palo)_repository_stalled\/ failed: TimeoutError: The S3 endpoint did not answer in time \(the request timed out\)\./,
    );
    assert.match(error.message, /starrocksBackup\.storage\.requestTimeoutSeconds/);
    assert.equal(error.failure?.kind, 'unreachable');
    assert.ok(server.accepted > 0, 'the request reached the stalled server');
  });

  it('a sizing run ends with the timeout error, and the next request starts a new run', async () => {
    const c = await client(300);
    let provided = 0;
    const service = new SnapshotSizeService(async () => {
      provided++;
      return c;
    });
    await assert.rejects(
      service.sizeRepository(TARGET),
      (e: unknown) => e instanceof StorageError && /did not answer in time/.test(e.message),
    );
    assert.equal(service.isSizing(TARGET), false, 'the failed run is not left pending');
    await assert.rejects(service.sizeRepository(TARGET), StorageError);
    assert.equal(provided, 2, 'the second request started a new run');
  });

  it('when every caller of a shared run gave up, the run is aborted and forgotten', async () => {
    const c = await client(60_000);
    let provided = 0;
    const service = new SnapshotSizeService(async () => {
      provided++;
      return c;
    });
    const first = new AbortController();
    const second = new AbortController();
    const a = service.sizeRepository(TARGET, { signal: first.signal });
    const b = service.sizeRepository(TARGET, { signal: second.signal });
    await waitUntil('the run to reach the server', () => server.open.size > 0);
    assert.equal(provided, 1, 'the callers share one run');
    first.abort();
    second.abort();
    await assert.rejects(a, (e: unknown) => isAbort(e));
    await assert.rejects(b, (e: unknown) => isAbort(e));
    assert.equal(service.isSizing(TARGET), false, 'nobody waits: the run is forgotten');
    await waitUntil('the aborted requests to close their connections', () => server.open.size === 0);

    const later = new AbortController();
    const again = service.sizeRepository(TARGET, { signal: later.signal });
    await waitUntil('the new run to reach the server', () => server.open.size > 0);
    assert.equal(provided, 2, 'a later call starts a new run instead of joining the dead one');
    later.abort();
    await assert.rejects(again, (e: unknown) => isAbort(e));
  });
});
