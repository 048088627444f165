/**
 * The desktop route of the demo: a local `code` opens a new window with the extension under
 * development, in a throw-away profile (user data and extensions folders under the temp dir), so
 * the seeded connection never lands in the user's own VS Code and the window is a separate
 * instance that inherits the seed variable and can be closed on Ctrl+C.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { onCleanup } from '../cleanup';
import { makeTempDir } from '../tempDir';

/** True when a desktop `code` answers on the PATH. */
export function desktopCodeAvailable(): boolean {
  const result = spawnSync('code', ['--version'], { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0 && /^\d+\.\d+\.\d+/.test(result.stdout.trim());
}

export interface DesktopWindow {
  /** Resolves when the window was closed (the `code --wait` process ended). */
  closed: Promise<void>;
}

/** Opens `workspace` in a new VS Code instance with the extension at `extensionPath` loaded. */
export function openDesktopWindow(extensionPath: string, workspace: string, env: Record<string, string>): DesktopWindow {
  const profile = makeTempDir('demo-code-profile');
  const userData = path.join(profile, 'user-data');
  const args = [
    '--new-window',
    '--wait',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    path.join(profile, 'extensions'),
    '--skip-welcome',
    '--skip-release-notes',
    `--extensionDevelopmentPath=${extensionPath}`,
    workspace,
  ];
  const child = spawn('code', args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const closed = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onCleanup(async () => {
    // The window belongs to an Electron main process the CLI detached; VS Code records its pid in
    // `code.lock` of the user data folder, which is ours alone.
    const pid = readLockPid(path.join(userData, 'code.lock'));
    if (pid) signal(pid);
    if (child.exitCode === null && child.pid) signal(child.pid);
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  });
  return { closed };
}

function readLockPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
