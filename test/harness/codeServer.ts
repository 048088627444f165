import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onCleanup } from './cleanup';
import { freePort } from './freePort';
import { makeTempDir } from './tempDir';

export interface CodeServerOptions {
  /** The launcher returned by ensureCodeServer(). */
  entry: string;
  /** The folder the workbench opens. */
  workspace: string;
  /** Extra environment for the server; its extension host inherits it. */
  env?: Record<string, string>;
  /** A fixed port (the demo's address); a free one when omitted (tests run in parallel). */
  port?: number;
  /** .vsix files installed into the server's fresh extensions folder before it starts (as a user would). */
  install?: string[];
  /** Keep VS Code's workspace trust on (off by default: tests run in a trusted workspace). */
  workspaceTrust?: boolean;
  /** User settings (`User/settings.json` of the server's user-data folder). */
  userSettings?: Record<string, unknown>;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Everything the server printed, for diagnosis when a run fails. */
  readonly logFile: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** True while any process of the group is alive (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return condition();
}

/**
 * Kills the server's whole process group: code-server forks a wrapper, the server, the extension
 * host, a file watcher and a pty host, and none of them may outlive the run.
 */
async function killGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !groupAlive(pgid)) return;
  process.kill(-pgid, 'SIGTERM');
  if (await waitUntil(() => !groupAlive(pgid), STOP_GRACE_MS)) return;
  process.kill(-pgid, 'SIGKILL');
  if (!(await waitUntil(() => !groupAlive(pgid), STOP_GRACE_MS))) {
    throw new Error(`code-server process group ${pgid} survived SIGKILL`);
  }
}

async function answers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts code-server on a free port with throw-away user-data, extensions and config folders, and
 * resolves once it answers HTTP. Registered for cleanup, so it is stopped however the run ends.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const home = makeTempDir('code-server');
  const logFile = path.join(home, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  const configFile = path.join(home, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const folders = ['--user-data-dir', path.join(home, 'user-data'), '--extensions-dir', path.join(home, 'extensions')];
  const env = {
    ...process.env,
    // code-server keeps state under XDG folders too; a fresh set keeps parallel runs apart.
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    ...options.env,
  };
  if (options.userSettings) {
    fs.mkdirSync(path.join(home, 'user-data', 'User'), { recursive: true });
    fs.writeFileSync(path.join(home, 'user-data', 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  }
  for (const vsix of options.install ?? []) {
    execFileSync(process.execPath, [options.entry, '--config', configFile, ...folders, '--install-extension', vsix], {
      env,
      stdio: ['ignore', log, log],
      timeout: 120_000,
    });
  }
  const args = [
    options.entry,
    '--config',
    configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    ...folders,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  const child = spawn(process.execPath, args, {
    // Its own process group, so that stop() reaches every process it forks.
    detached: true,
    stdio: ['ignore', log, log],
    env,
  });
  fs.closeSync(log);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `code-server exited (${code ?? signal})`));
  const stop = () => killGroup(child);
  onCleanup(stop);

  const ready = await waitUntil(async () => exited !== undefined || (await answers(origin)), READY_TIMEOUT_MS, 200);
  if (!ready || exited) {
    throw new Error(`${exited ?? 'code-server did not answer in time'}; its log:\n${fs.readFileSync(logFile, 'utf8')}`);
  }
  return { port, origin, logFile, stop };
}
