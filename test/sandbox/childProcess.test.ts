/**
 * The child-process mode: `startSandbox({ childProcess: true })` runs the CLI, parses its ready
 * line, offers the same control surface over the admin endpoint, and leaves no process behind.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import { randomBytes } from 'node:crypto';
import { startSandbox } from './index';
import { connect, jobInState, rows } from './support/sqlClient';

/** Pids of processes whose command line contains `marker`, with their children. */
function processTree(marker: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const roots = table.filter((p) => p.args.includes(marker) && p.args.includes('cli.js')).map((p) => p.pid);
  const tree = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) if (tree.has(p.ppid) && !tree.has(p.pid)) grew = tree.add(p.pid) !== undefined;
  }
  return [...tree];
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('sandbox: child-process mode', function () {
  this.timeout(60_000);

  it('starts through the CLI, is controllable over HTTP, and stops without leftovers', async () => {
    // A unique user name marks this sandbox's processes in `ps`.
    const user = `child_${randomBytes(4).toString('hex')}`;
    const sandbox = await startSandbox({
      childProcess: true,
      version: '4.2',
      user,
      password: 'pw',
      jobSpeed: 'fast',
      users: [{ user: 'reader', password: 'r', privileges: [] }],
    });
    const { info } = sandbox;
    assert.equal(info.user, user);
    assert.equal(info.version, '4.2');
    const pids = processTree(user);
    assert.equal(pids.length, 2, 'the CLI and its S3 server process');
    try {
      const conn = await connect(info);
      assert.deepEqual(await rows(conn, 'SELECT current_version() AS v'), [{ v: '4.2.0-sandbox' }]);
      const reader = await connect(info, { user: 'reader', password: 'r' });
      await assert.rejects(
        reader.query('SHOW SNAPSHOT ON demo_repo'),
        /Access denied; you need \(at least one of\) the REPOSITORY privilege/,
      );
      await reader.end();
      await sandbox.control.resetStats();
      await sandbox.control.slowStatements(/SHOW DATABASES/i, 200);
      const started = Date.now();
      await conn.query('SHOW DATABASES');
      assert.ok(Date.now() - started >= 180);
      assert.equal((await sandbox.control.stats()).byKind['SHOW DATABASES'], 1);
      assert.equal((await sandbox.control.statementLog())[0].sql, 'SHOW DATABASES');
      assert.equal(await sandbox.control.rowCount('demo_sales', 'orders'), 30);
      await sandbox.control.stickJob('demo_ops', 'UPLOADING');
      await conn.query('BACKUP DATABASE demo_ops SNAPSHOT from_child TO demo_repo');
      await jobInState(conn, 'BACKUP', 'demo_ops', ['UPLOADING'], 'from_child');
      await sandbox.control.releaseJobs();
      await jobInState(conn, 'BACKUP', 'demo_ops', ['FINISHED'], 'from_child');
      assert.ok((await sandbox.control.s3.stats()).requests > 0);
      await assert.rejects(sandbox.control.rows('demo_sales', 'nope'), /no table demo_sales\.nope/);
      await conn.end();
    } finally {
      await sandbox.stop();
    }
    for (const pid of pids) assert.ok(!alive(pid), `process ${pid} is gone`);
    assert.ok(await refusesConnections(info.port), 'the FE port is closed');
    assert.ok(await refusesConnections(Number(new URL(info.s3Endpoint).port)), 'the S3 port is closed');
  });
});
