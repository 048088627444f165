/**
 * `npm run demo`: try the extension in two commands (`npm ci`, `npm run demo`).
 *
 * Starts the StarRocks sandbox (emulated 3.4 FE + S3 server, demo databases, `demo_repo` with two
 * snapshots) in a child process, then opens VS Code with the extension loaded and a connection to
 * the sandbox already configured (handed over through STARROCKS_BACKUP_SEED_CONNECTIONS; the
 * extension puts its password into SecretStorage). With a desktop `code` on the PATH that is a new
 * window with a throw-away profile; otherwise, or with `--browser`, the workbench is served by
 * code-server on http://127.0.0.1:<port> (the route the integration tests use) and its address is
 * printed. Ctrl+C (SIGINT/SIGTERM) stops every process it started.
 */
import * as net from 'node:net';
import { startSandbox } from '../sandbox';
import type { RunningSandbox } from '../sandbox/api';
import { DEMO_REPOSITORY } from '../sandbox/seed/demoSeed';
import { exitAfterCleanup, onCleanup } from './cleanup';
import { demoUsage, parseDemoArgs, type DemoOptions } from './demo/args';
import { desktopCodeAvailable, openDesktopWindow } from './demo/desktop';
import { createDemoWorkspace } from './demo/workspace';
import { projectRoot } from './paths';
import { sandboxConnectionName, sandboxSeed, seedEnv } from './sandboxSeed';
import { startSession } from './session';
import { workbenchUrl } from './workbench';

async function main(): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${demoUsage()}`);
    return 2;
  }
  if (options.help) {
    console.log(demoUsage());
    return 0;
  }
  const desktop = !options.browser && desktopCodeAvailable();
  // Checked first, so a taken port fails in a second rather than after the sandbox started.
  if (!desktop && !(await portFree(options.port))) {
    console.error(`[demo] port ${options.port} on 127.0.0.1 is in use; choose another with --port <n>.`);
    return 1;
  }
  console.log(`[demo] starting the StarRocks ${options.version} sandbox (job speed ${options.jobSpeed})…`);
  const sandbox = await startSandbox({ childProcess: true, version: options.version, seed: 'demo', jobSpeed: options.jobSpeed });
  onCleanup(() => sandbox.stop());
  const env = seedEnv(sandboxSeed(sandbox.info));
  const workspace = createDemoWorkspace();
  if (desktop) {
    console.log('[demo] opening a VS Code window (a separate, throw-away profile)…');
    const window = openDesktopWindow(projectRoot, workspace, env);
    printBanner(sandbox, options, undefined);
    await window.closed;
    console.log('[demo] the VS Code window was closed; stopping.');
    return 0;
  }
  console.log('[demo] starting code-server (VS Code in the browser)…');
  const session = await startSession(env, { port: options.port, workspace });
  const url = workbenchUrl(session.server, { workspace, extensionDevelopmentPath: projectRoot });
  printBanner(sandbox, options, url);
  // Runs until Ctrl+C: cleanup.ts stops the servers and removes the temp folders on SIGINT/SIGTERM.
  await new Promise<never>(() => undefined);
  return 0;
}

function printBanner(sandbox: RunningSandbox, options: DemoOptions, url: string | undefined): void {
  const { info } = sandbox;
  const lines = [
    '',
    'StarRocks Backup & Restore demo is ready.',
    url ? `  Open in a browser:  ${url}` : '  VS Code:            a new window with the extension loaded',
    `  Connection:         "${sandboxConnectionName(info)}" (${info.host}:${info.port}, user ${info.user}; password in the secret storage)`,
    `  Try:                StarRocks Backup view → the connection → ${DEMO_REPOSITORY} → a snapshot → right-click → Restore Snapshot…`,
    `  Jobs:               ${options.jobSpeed === 'normal' ? 'a restore takes about 30 s' : `job speed ${options.jobSpeed}`}; progress in the status bar and under Jobs`,
    `  SQL client:         mysql -h${info.host} -P${info.port} -u${info.user} -p   (the sandbox's default password: see npm run sandbox -- --help)`,
    '  Stop:               Ctrl+C (stops the sandbox and VS Code; the workspace is a scratch folder and is removed)',
    '',
  ];
  console.log(lines.join('\n'));
}

/** True when nothing listens on 127.0.0.1:<port> yet. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

main().then(exitAfterCleanup, (error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return exitAfterCleanup(1);
});
