/**
 * S3 through an HTTP proxy, in a real VS Code extension host: the sandbox's S3 server reached
 * through a real tinyproxy (Debian's) on loopback, chosen by VS Code's `http.proxy` setting or the
 * `HTTP_PROXY` environment, and bypassed for `http.noProxy` hosts. tinyproxy's own log is the
 * evidence of which requests went through it.
 *
 * The sandbox's S3 endpoint is on 127.0.0.1, which a developer's or CI's `NO_PROXY` often lists:
 * the suite deliberately clears `NO_PROXY`/`no_proxy` in the extension host's environment (and
 * puts them back afterwards), so only what a test sets decides.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DEMO_REPOSITORY, DEMO_SNAPSHOTS } from '../sandbox';
import { plainListing } from '../unit/storage/fixture/repositoryFixture';
import { useSandboxSuite } from './support/sandboxSuite';
import { startTinyproxy, type RunningTinyproxy } from './support/tinyproxy';

type Outcome = { status: string; message?: string; text?: string; [key: string]: unknown };

const ENV_KEYS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'] as const;
const PROXY_SETTINGS = ['proxy', 'noProxy', 'proxyStrictSSL'] as const;

describe('S3 through a proxy', function () {
  this.timeout(180_000);
  const suite = useSandboxSuite({
    main: { options: { seed: 'demo', version: '3.4', jobSpeed: 'fast' }, profile: `proxy ${randomBytes(3).toString('hex')}`, s3: true },
  });
  let proxy: RunningTinyproxy;
  const savedEnv = new Map<string, string | undefined>();

  const http = () => vscode.workspace.getConfiguration('http');
  const setHttp = (key: string, value: unknown) => http().update(key, value, vscode.ConfigurationTarget.Global);
  const target = () => ({ profileId: suite.profile('main').id, repository: DEMO_REPOSITORY });
  const run = async (command: string): Promise<Outcome> => (await vscode.commands.executeCommand(command, target())) as Outcome;
  /** The proxied requests that went to the sandbox's S3 server. */
  const s3Requests = async (): Promise<string[]> => {
    const origin = new URL(suite.sandbox('main').info.s3Endpoint).host;
    return (await proxy.requests()).filter((line) => line.includes(`http://${origin}/`));
  };

  before(async () => {
    proxy = await startTinyproxy();
    for (const key of ENV_KEYS) {
      savedEnv.set(key, process.env[key]);
      delete process.env[key];
    }
    const { info } = suite.sandbox('main');
    const { id } = suite.profile('main');
    await suite.api.connections.setS3Credentials(id, DEMO_REPOSITORY, {
      kind: 'keys',
      accessKeyId: info.accessKey,
      secretAccessKey: info.secretKey,
    });
    await suite.api.connections.setS3Endpoint(id, DEMO_REPOSITORY, {
      endpoint: info.s3Endpoint,
      region: info.region,
      forcePathStyle: true,
    });
  });

  after(async () => {
    for (const key of PROXY_SETTINGS) await setHttp(key, undefined);
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await proxy?.stop();
  });

  beforeEach(async () => {
    for (const key of PROXY_SETTINGS) await setHttp(key, undefined);
    delete process.env.HTTP_PROXY;
    suite.api.storage.sizes.cache.clear();
  });

  it('measures snapshot sizes through the proxy named by http.proxy, with the same result as a direct listing', async () => {
    await setHttp('proxy', proxy.url);
    const before = (await s3Requests()).length;
    const outcome = await run('starrocksBackup.showRepositoryUsage');
    assert.equal(outcome.status, 'done', outcome.message);
    const usage = outcome.usage as { snapshots: { label: string; objects: number; bytes: number }[] };
    assert.deepEqual(usage.snapshots.map((s) => s.label).sort(), [DEMO_SNAPSHOTS.base, DEMO_SNAPSHOTS.orders].sort());
    const { bucket } = suite.sandbox('main').info;
    for (const snapshot of usage.snapshots) {
      const reference = await plainListing(
        suite.s3('main'),
        bucket,
        `demo/__starrocks_repository_${DEMO_REPOSITORY}/__ss_${snapshot.label}/`,
      );
      assert.equal(snapshot.bytes, reference.bytes, `${snapshot.label} bytes`);
    }
    const proxied = (await s3Requests()).slice(before);
    for (const { label } of usage.snapshots) {
      assert.ok(
        proxied.some((line) => line.startsWith('GET http://') && line.includes('list-type=2') && line.includes(`__ss_${label}%2F`)),
        `the listing of ${label} went through tinyproxy; it forwarded:\n${proxied.join('\n') || '(nothing)'}`,
      );
    }
  });

  it('checks S3 access through the proxy named by HTTP_PROXY: list, get, put and delete all pass through it', async () => {
    process.env.HTTP_PROXY = proxy.url;
    // The environment is read when a client is built; a settings change makes the pool build new ones.
    await setHttp('proxyStrictSSL', true);
    const before = (await s3Requests()).length;
    const outcome = await run('starrocksBackup.checkS3Access');
    assert.equal(outcome.status, 'done', outcome.message);
    const report = outcome.report as { ok: boolean; checks: { action: string; outcome: string }[] };
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    const proxied = (await s3Requests()).slice(before);
    const seen = (pattern: RegExp, what: string) =>
      assert.ok(
        proxied.some((line) => pattern.test(line)),
        `${what} went through tinyproxy; it forwarded:\n${proxied.join('\n') || '(nothing)'}`,
      );
    seen(/^GET \S*list-type=2/, 'the listing');
    seen(/^PUT \S*__sr_vscode_access_check_/, 'the probe upload');
    seen(/^GET \S*x-id=GetObject/, 'the object read');
    // The SDK deletes the probe with DeleteObject (DELETE) or DeleteObjects (POST ?delete).
    seen(/^(DELETE \S*__sr_vscode_access_check_|POST \S*\?delete)/, 'the probe deletion');
  });

  it('reaches hosts listed in http.noProxy directly: the proxy sees none of their requests', async () => {
    const endpoint = new URL(suite.sandbox('main').info.s3Endpoint);
    await setHttp('proxy', proxy.url);
    await setHttp('noProxy', [`${endpoint.hostname}:${endpoint.port}`]);
    const before = (await s3Requests()).length;
    const outcome = await run('starrocksBackup.showRepositoryUsage');
    assert.equal(outcome.status, 'done', outcome.message);
    assert.deepEqual((await s3Requests()).slice(before), [], 'nothing went through tinyproxy');
  });

  it('stops with what to fix when the proxy address is not an http(s) URL, without showing its password', async () => {
    await setHttp('proxy', 'socks5://alice:pr0xy-secret@127.0.0.1:1080');
    const outcome = await run('starrocksBackup.showRepositoryUsage');
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message ?? '', /socks5:\/\/127\.0\.0\.1:1080" in the setting http\.proxy is not an http:\/\/ or https:\/\/ URL/);
    assert.ok(!JSON.stringify(outcome).includes('pr0xy-secret'), outcome.message);
  });
});
