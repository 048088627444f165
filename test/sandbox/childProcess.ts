/**
 * Runs the sandbox through its CLI in a child process and talks to it over the admin endpoint.
 * The child is forked with an IPC channel, so it also shuts down if this process dies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { AdminClient } from './admin/adminClient';
import { READY_PREFIX, type ReadyLine } from './admin/adminProtocol';
import type { RunningSandbox, SandboxInfo, SandboxOptions } from './api';
import { EXTRA_USERS_ENV, toCliArgs } from './cliArgs';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startChildProcessSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const env = { ...process.env, [EXTRA_USERS_ENV]: options.users?.length ? JSON.stringify(options.users) : '' };
  const child = fork(path.join(__dirname, 'cli.js'), toCliArgs(options), { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
  let ready: ReadyLine;
  try {
    ready = await waitForReady(child);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopChild(child));
  return {
    info: sandboxInfo(ready),
    control: new AdminClient(ready.adminPort, ready, stop),
    stop,
  };
}

/** What the tests see: the ready line without the child's own endpoints. */
function sandboxInfo(ready: ReadyLine): SandboxInfo {
  const { adminPort: _adminPort, s3Port: _s3Port, s3Directory: _s3Directory, ...info } = ready;
  return info;
}

function waitForReady(child: ChildProcess): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`sandbox did not start within ${START_TIMEOUT_MS / 1000} s:\n${errors}`)),
      START_TIMEOUT_MS,
    );
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((l) => l.startsWith(READY_PREFIX));
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ReadyLine);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with code ${code} before it was ready:\n${errors}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
