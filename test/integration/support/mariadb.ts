/**
 * A real MariaDB server (Debian's `mariadb-server`) for the tests that point the extension at a
 * server that is not StarRocks: its own throwaway data directory, socket and free loopback port,
 * no system service and no defaults files, stopped and deleted afterwards. `--skip-grant-tables`
 * lets any user in without a password, as a fresh install does for root over the socket.
 * The general query log records every statement the server received.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening, stopProcess } from './localProcess';

export interface RunningMariaDb {
  host: string;
  port: number;
  /** Every statement the server has received so far (its general query log). */
  statements(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startMariaDb(): Promise<RunningMariaDb> {
  const dir = await mkdtemp(join(tmpdir(), 'sr-mariadb-'));
  const datadir = join(dir, 'data');
  const generalLog = join(dir, 'general.log');
  // Not installed: ENOENT, said as such (CI installs Debian's mariadb-server, see .ci/run).
  const install = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot()],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `mariadb-install-db failed (${install.error?.message ?? install.status}; is Debian's mariadb-server installed?): ${install.stderr || install.stdout}`,
    );
  }
  const port = await freePort();
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${join(dir, 'mariadb.sock')}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-grant-tables',
      '--general-log=1',
      `--general-log-file=${generalLog}`,
      ...asRoot(),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await listening('mariadbd', port, child, () => stderr);
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    host: '127.0.0.1',
    port,
    statements: async () => queriesOf(await readFile(generalLog, 'utf8')),
    stop: async () => {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** mariadbd refuses to run as root unless told which user to run as. */
function asRoot(): string[] {
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

/** The `Query` lines of a general query log: `<time>\t<id> Query\t<statement>` (time only when it changed). */
function queriesOf(log: string): string[] {
  return log
    .split('\n')
    .map((line) => /\d+\s+Query\t(.*)$/.exec(line)?.[1])
    .filter((sql): sql is string => sql !== undefined);
}
