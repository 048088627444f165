import * as assert from 'assert';
import { LiveNames, type Rows } from '../../../src/catalog/liveNames';

/** A scripted server: answers per SQL text, counts calls, and can be made slow or failing. */
class FakeServer {
  calls: string[] = [];
  delayMs = 0;
  failing = false;
  constructor(private readonly answers: Record<string, Rows>) {}
  query = async (profileId: string, sql: string): Promise<Rows> => {
    this.calls.push(`${profileId}: ${sql}`);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failing) throw new Error('server down');
    const rows = this.answers[sql];
    if (!rows) throw new Error(`unexpected SQL ${sql}`);
    return rows;
  };
}

const REPOS: Rows = [
  {
    RepoId: '1',
    RepoName: 'demo_repo',
    CreateTime: '2024-01-01 00:00:00',
    IsReadOnly: 'false',
    Location: 's3a://b/p',
    Broker: '',
    ErrMsg: null,
  },
];
const SNAPSHOT: Rows = [{ Snapshot: 'demo_sales_base', Timestamp: '2024-01-02-00-00-00-000\n2024-03-04-05-06-07-089', Status: 'OK' }];

describe('catalog/liveNames', () => {
  it('caches per connection for the TTL, then refreshes in the background while serving the stale list', async () => {
    let now = 0;
    const server = new FakeServer({ 'SHOW REPOSITORIES': REPOS });
    const names = new LiveNames(server.query, { ttlMs: 30_000, now: () => now });
    assert.deepStrictEqual(
      (await names.repositories('p1', 1000))?.map((r) => r.name),
      ['demo_repo'],
    );
    assert.deepStrictEqual(
      (await names.repositories('p1', 1000))?.map((r) => r.name),
      ['demo_repo'],
    );
    assert.strictEqual(server.calls.length, 1, 'second lookup served from the cache');
    await names.repositories('p2', 1000);
    assert.strictEqual(server.calls.length, 2, 'another connection has its own cache');
    now = 31_000;
    server.delayMs = 50;
    const stale = await names.repositories('p1', 1000);
    assert.deepStrictEqual(
      stale?.map((r) => r.name),
      ['demo_repo'],
      'stale value returned at once',
    );
    assert.strictEqual(server.calls.length, 3, 'and a refresh started');
  });

  it('waits at most the budget when nothing is cached, and the late answer fills the cache', async () => {
    const server = new FakeServer({ 'SHOW REPOSITORIES': REPOS });
    server.delayMs = 200;
    const names = new LiveNames(server.query);
    const started = Date.now();
    assert.strictEqual(await names.repositories('p', 20), undefined);
    assert.ok(Date.now() - started < 150, 'gave up within the budget');
    await new Promise((r) => setTimeout(r, 250));
    assert.deepStrictEqual(
      (await names.repositories('p', 0))?.map((r) => r.name),
      ['demo_repo'],
    );
    assert.strictEqual(server.calls.length, 1, 'one fetch only, shared by both lookups');
  });

  it('remembers a failure briefly instead of asking the server on every keystroke', async () => {
    let now = 0;
    const server = new FakeServer({ 'SHOW REPOSITORIES': REPOS });
    server.failing = true;
    const names = new LiveNames(server.query, { errorTtlMs: 5_000, now: () => now });
    assert.strictEqual(await names.repositories('p', 500), undefined);
    assert.strictEqual(await names.repositories('p', 500), undefined);
    assert.strictEqual(server.calls.length, 1);
    now = 6_000;
    server.failing = false;
    assert.deepStrictEqual(
      (await names.repositories('p', 500))?.map((r) => r.name),
      ['demo_repo'],
    );
  });

  it("reads one snapshot's timestamps, newest first, with the dialect's SHOW SNAPSHOT … WHERE", async () => {
    const server = new FakeServer({ "SHOW SNAPSHOT ON `demo_repo` WHERE SNAPSHOT = 'demo_sales_base'": SNAPSHOT });
    const names = new LiveNames(server.query);
    const snapshot = await names.snapshot('p', 'demo_repo', 'demo_sales_base', 1000);
    assert.deepStrictEqual(snapshot?.timestamps, ['2024-03-04-05-06-07-089', '2024-01-02-00-00-00-000']);
  });

  it('does not query for a name the dialect refuses, and forgets a connection on invalidate', async () => {
    const server = new FakeServer({ 'SHOW DATABASES': [{ Database: 'demo_sales' }, { Database: 'information_schema' }] });
    const names = new LiveNames(server.query);
    assert.strictEqual(await names.tables('p', 'bad`\0name', 100), undefined);
    assert.deepStrictEqual(server.calls, []);
    assert.deepStrictEqual(await names.databases('p', 100), ['demo_sales'], 'system databases left out');
    names.invalidate('p');
    await names.databases('p', 100);
    assert.strictEqual(server.calls.length, 2);
  });
});
