/**
 * A real HTTP proxy (Debian's `tinyproxy`) for the tests of S3 through a proxy: a generated
 * configuration on a free loopback port, run in the foreground (`-d`), its log in a throwaway
 * directory, stopped and deleted afterwards. The log names every request it forwarded, which is
 * how a test shows that traffic went through it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening, stopProcess } from './localProcess';

export interface RunningTinyproxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The request lines it forwarded so far, such as `GET http://127.0.0.1:4568/bucket?list-type=2 HTTP/1.1`. */
  requests(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startTinyproxy(): Promise<RunningTinyproxy> {
  const dir = await mkdtemp(join(tmpdir(), 'sr-tinyproxy-'));
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  const config = join(dir, 'tinyproxy.conf');
  await writeFile(
    config,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Allow 127.0.0.1',
      'Timeout 60',
      'MaxClients 64',
      // Info level logs each forwarded request line, which the tests count.
      'LogLevel Info',
      `LogFile "${log}"`,
      `PidFile "${join(dir, 'tinyproxy.pid')}"`,
      'DisableViaHeader Yes',
      '',
    ].join('\n'),
  );
  // Not installed: ENOENT, said as such (CI installs Debian's tinyproxy, see .ci/run).
  const child = spawn('tinyproxy', ['-d', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`tinyproxy could not start (${e.message}; is Debian's tinyproxy installed?)`))),
  );
  try {
    await Promise.race([listening('tinyproxy', port, child, () => stderr), spawnError]);
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests: async () => requestLines(await readFile(log, 'utf8').catch(() => '')),
    stop: async () => {
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `CONNECT   Dec 04 17:31:59.742 [13547]: Request (file descriptor 5): GET http://… HTTP/1.1` → the request line. */
function requestLines(log: string): string[] {
  return log
    .split('\n')
    .map((line) => /\]: Request \(file descriptor \d+\): (.*)$/.exec(line)?.[1])
    .filter((request): request is string => request !== undefined);
}
