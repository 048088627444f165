/**
 * The wait for a pooled connection is bounded: with every connection held by a long statement, the
 * next statement gives up after its wait, is never sent, and fails with an error that says what
 * timed out and what to do. Against the sandbox FE (mysql2 on both ends); no assertion on time.
 */
import * as assert from 'node:assert/strict';
import { POOL_WAIT_TIMEOUT, toConnectionError } from '../../../src/connections/connectionError';
import { ProfilePool, wasNotSent } from '../../../src/connections/profilePool';
import { startSandbox, type RunningSandbox } from '../../sandbox';

describe('connections/ProfilePool: bounded wait for a pooled connection', function () {
  this.timeout(30_000);
  let sandbox: RunningSandbox;
  let pool: ProfilePool;

  before(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
  });

  after(async () => {
    await pool?.close();
    await sandbox?.stop();
  });

  it('a second statement on a pool of one held connection times out unsent, with a clear error; the late connection goes back to the pool', async () => {
    const { host, port, user, password } = sandbox.info;
    pool = new ProfilePool({ host, port, user, password, connectionLimit: 1, waitForConnections: true, queueLimit: 0 });
    await sandbox.control.slowStatements(/^SELECT 'held'/, 1500);
    await sandbox.control.resetStats();
    const holding = pool.query("SELECT 'held'", 20_000, 20_000);

    const error = await pool.query('SHOW DATABASES', 20_000, 200).then(
      () => assert.fail('the second statement ran although the only connection was held'),
      (e: unknown) => e,
    );
    assert.equal((error as { code?: string }).code, POOL_WAIT_TIMEOUT);
    assert.equal(wasNotSent(error), true, 'the failure is marked as happening before sending');
    const explained = toConnectionError(error, {
      host,
      port,
      user,
      tls: 'off',
      connectTimeoutSeconds: 10,
      queryTimeoutSeconds: 60,
      poolWaitSeconds: 30,
    });
    assert.equal(explained.kind, 'busy', 'the server is not at fault: no connection failure is reported');
    assert.match(
      explained.message,
      new RegExp(
        `^No connection to ${host.replace(/\./g, '\\.')}:${port} became free within 30 seconds: .* The statement was not sent\\. Wait for the running statements to finish .*starrocksBackup\\.poolWaitSeconds`,
      ),
    );
    assert.doesNotMatch(explained.message, /try again/i);

    assert.equal((await holding).rows.length, 1, 'the statement holding the connection finished');
    await sandbox.control.slowStatements(/^SELECT 'held'/, 0);
    // The connection the expired wait received afterwards was released, not kept: the pool of one still serves.
    assert.ok((await pool.query('SHOW DATABASES', 20_000, 5_000)).columns.length > 0);
    const sent = (await sandbox.control.statementLog()).map((e) => e.sql);
    assert.equal(
      sent.filter((s) => /^SHOW DATABASES/.test(s)).length,
      1,
      `the timed-out statement never reached the server: ${sent.join(' | ')}`,
    );
  });
});
