/**
 * The access check against a real S3 API (s3rver behind the sandbox's policy gate), with keys
 * that may do everything, only read, read and write but not delete, or nothing.
 */
import * as assert from 'node:assert/strict';
import type { S3Client } from '@aws-sdk/client-s3';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import { createS3Client } from '../../../src/storage/client';
import { checkAccess, PROBE_PREFIX, type AccessReport } from '../../../src/storage/accessCheck';
import type { S3KeyPolicy } from '../../sandbox/s3/protocol';
import { plainListing, putObjects, repoInfoObject } from './fixture/repositoryFixture';

const BUCKET = 'starrocks-backups';
const REF = { name: 'acc', location: `s3a://${BUCKET}/perm` };
const ROOT = 'perm/__starrocks_repository_acc/';

function outcomes(report: AccessReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.action, c.outcome]));
}

describe('S3 access check against a real S3 API (s3rver)', function () {
  this.timeout(60_000);
  let server: RunningS3Server;
  let admin: S3Client;
  const clients: S3Client[] = [];
  const policies: S3KeyPolicy[] = ['read', 'readWrite', 'none'];

  const clientFor = async (accessKeyId: string, secretAccessKey = `${accessKeyId}-secret`): Promise<S3Client> => {
    const client = await createS3Client({
      credentials: { kind: 'keys', accessKeyId, secretAccessKey },
      endpoint: { endpoint: server.endpoint, region: server.region, forcePathStyle: true },
    });
    clients.push(client);
    return client;
  };

  before(async () => {
    server = await startS3Server({
      extraKeys: policies.map((p) => ({ accessKeyId: p.toUpperCase(), secretAccessKey: `${p.toUpperCase()}-secret`, policy: p })),
    });
    admin = await clientFor(server.accessKey, server.secretKey);
    await putObjects(admin, BUCKET, [repoInfoObject(ROOT, 'acc')]);
  });

  after(async () => {
    for (const c of clients) c.destroy();
    await server?.stop();
  });

  async function probesLeft(): Promise<string[]> {
    return (await plainListing(admin, BUCKET, ROOT)).keys.filter((k) => k.includes(PROBE_PREFIX));
  }

  it('allows everything for a full key and removes its probe object', async () => {
    const report = await checkAccess(admin, REF, { purposes: ['browse', 'backup', 'delete'] });
    assert.deepEqual(outcomes(report), {
      's3:ListBucket': 'allowed',
      's3:GetObject': 'allowed',
      's3:PutObject': 'allowed',
      's3:DeleteObject': 'allowed',
    });
    assert.equal(report.ok, true);
    assert.equal(report.root, ROOT);
    assert.equal(report.leftoverProbe, undefined);
    assert.deepEqual(await probesLeft(), []);
    const put = report.checks.find((c) => c.action === 's3:PutObject')!;
    assert.match(put.request, new RegExp(`${ROOT}${PROBE_PREFIX}[0-9a-f]{16}$`), 'the probe is a unique key under the repository root');
  });

  it('reports write and delete as denied for a read-only key, with the statements that fix them', async () => {
    const report = await checkAccess(await clientFor('READ'), REF, { purposes: ['browse', 'backup', 'delete'] });
    assert.deepEqual(outcomes(report), {
      's3:ListBucket': 'allowed',
      's3:GetObject': 'allowed',
      's3:PutObject': 'denied',
      's3:DeleteObject': 'denied',
    });
    assert.equal(report.ok, false);
    const put = report.checks.find((c) => c.action === 's3:PutObject')!;
    assert.deepEqual(put.fix, {
      Sid: 'WriteBackups',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `arn:aws:s3:::${BUCKET}/perm/*`,
    });
    assert.match(put.detail, /AccessDenied/);
    assert.deepEqual(report.checks.find((c) => c.action === 's3:DeleteObject')!.fix?.Action, ['s3:DeleteObject']);
    assert.deepEqual(await probesLeft(), []);
  });

  it('reports the probe it could write but not delete', async () => {
    const report = await checkAccess(await clientFor('READWRITE'), REF, { purposes: ['backup'] });
    assert.equal(outcomes(report)['s3:PutObject'], 'allowed');
    assert.equal(outcomes(report)['s3:DeleteObject'], 'denied');
    assert.ok(report.leftoverProbe?.startsWith(ROOT + PROBE_PREFIX));
    assert.deepEqual(await probesLeft(), [report.leftoverProbe]);
    await admin.send(new (await import('@aws-sdk/client-s3')).DeleteObjectCommand({ Bucket: BUCKET, Key: report.leftoverProbe }));
  });

  it('reports every action as denied for a key that may do nothing, without throwing', async () => {
    const report = await checkAccess(await clientFor('NONE'), REF, { purposes: ['browse', 'backup', 'delete'] });
    assert.deepEqual(outcomes(report), {
      's3:ListBucket': 'denied',
      's3:GetObject': 'denied',
      's3:PutObject': 'denied',
      's3:DeleteObject': 'denied',
    });
    const list = report.checks.find((c) => c.action === 's3:ListBucket')!;
    assert.deepEqual(list.fix?.Condition, { StringLike: { 's3:prefix': ['perm/*'] } });
    assert.equal(list.fix?.Resource, `arn:aws:s3:::${BUCKET}`);
  });

  it('only checks reading when only browsing is asked for', async () => {
    const report = await checkAccess(await clientFor('READ'), REF, { purposes: ['browse'] });
    assert.deepEqual(outcomes(report), { 's3:ListBucket': 'allowed', 's3:GetObject': 'allowed' });
    assert.equal(report.ok, true);
  });

  it('says the credentials are wrong for an unknown key, and skips what cannot tell more', async () => {
    const report = await checkAccess(await clientFor('NOBODY'), REF, { purposes: ['browse', 'backup'] });
    assert.equal(report.checks[0].outcome, 'error');
    assert.match(report.checks[0].detail, /credentials were rejected/);
    assert.ok(report.checks.slice(1).every((c) => c.outcome === 'skipped'));
    assert.ok(!JSON.stringify(report).includes('NOBODY-secret'), 'the secret never appears in the report');
  });

  it('says the endpoint is unreachable when it is', async () => {
    await server.setUnreachable(true);
    try {
      const report = await checkAccess(admin, REF, { purposes: ['browse'] });
      assert.equal(report.checks[0].outcome, 'error');
      assert.match(report.checks[0].detail, /could not be reached/);
      assert.equal(report.checks[1].outcome, 'skipped');
    } finally {
      await server.setUnreachable(false);
    }
  });
});
