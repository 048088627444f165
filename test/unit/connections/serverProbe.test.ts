import * as assert from 'assert';
import { ConnectionError } from '../../../src/connections/connectionError';
import { probeServer } from '../../../src/connections/serverProbe';
import type { QueryResult } from '../../../src/connections/types';

/** A fake server: answers from the table, fails like a server (errno + sqlState) otherwise, and records what it was sent. */
function server(answers: Record<string, Record<string, unknown>[]>) {
  const sent: string[] = [];
  const run = async (sql: string): Promise<QueryResult> => {
    sent.push(sql);
    const rows = answers[sql];
    if (!rows) throw Object.assign(new Error(`FUNCTION ${sql} does not exist`), { errno: 1305, sqlState: '42000' });
    return { rows, columns: Object.keys(rows[0] ?? {}) };
  };
  return { run, sent };
}

const quiet = { debug: () => undefined };
const noConnectionFailure = () => false;

describe('connections/serverProbe', () => {
  it('reads the StarRocks version and run mode, without asking VERSION()', async () => {
    const { run, sent } = server({
      'SELECT current_version()': [{ 'current_version()': '3.3.9-abc' }],
      "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'": [{ Key: 'run_mode', Value: 'shared_nothing' }],
    });
    const info = await probeServer(run, quiet, noConnectionFailure);
    assert.strictEqual(info.version?.raw, '3.3.9-abc');
    assert.strictEqual(info.capabilities.backupViews, false);
    assert.ok(!sent.includes('SELECT VERSION()'));
  });

  it('says once, plainly, that a MariaDB server is not StarRocks, and sends nothing after VERSION()', async () => {
    const { run, sent } = server({ 'SELECT VERSION()': [{ 'VERSION()': '10.11.6-MariaDB-0+deb12u1' }] });
    await assert.rejects(probeServer(run, quiet, noConnectionFailure), (e: unknown) => {
      assert.ok(e instanceof ConnectionError);
      assert.strictEqual(e.kind, 'notStarRocks');
      assert.strictEqual(
        e.message,
        'This server is not StarRocks: it reports VERSION() 10.11.6-MariaDB-0+deb12u1 and has no current_version(). The extension needs a StarRocks FE, which takes MySQL-protocol connections on its query port, 9030 by default. Check the host and port of this connection.',
      );
      return true;
    });
    assert.deepStrictEqual(sent, ['SELECT current_version()', 'SELECT VERSION()']);
  });

  it('keeps the unknown-version default when neither function answers', async () => {
    const { run } = server({ "ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'": [] });
    const info = await probeServer(run, quiet, noConnectionFailure);
    assert.strictEqual(info.version, undefined);
    assert.strictEqual(info.sharedData, false);
  });

  it('lets a lost connection through instead of asking VERSION()', async () => {
    const lost = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    const sent: string[] = [];
    const run = async (sql: string): Promise<QueryResult> => {
      sent.push(sql);
      throw lost;
    };
    await assert.rejects(
      probeServer(run, quiet, (e) => e === lost),
      (e: unknown) => e === lost,
    );
    assert.deepStrictEqual(sent, ['SELECT current_version()']);
  });
});
