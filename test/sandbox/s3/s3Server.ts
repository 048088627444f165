import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { S3KeyPolicy, S3ServerCommand, S3ServerStats } from './protocol';

export interface S3ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where objects are kept; a fresh temporary folder when omitted (removed on stop). */
  directory?: string;
  buckets?: string[];
  /** Extra key pairs besides the main one, each with what it may do. */
  extraKeys?: { accessKeyId: string; secretAccessKey: string; policy: S3KeyPolicy }[];
  /** Delay before each request is handled, like the round trip to a remote region (benchmarks). */
  latencyMs?: number;
}

export interface RunningS3Server {
  endpoint: string;
  port: number;
  region: string;
  accessKey: string;
  secretKey: string;
  buckets: string[];
  directory: string;
  /** Drops every connection while true, as an unreachable endpoint would. */
  setUnreachable(value: boolean): Promise<void>;
  /**
   * The next DeleteObjects deletes only its first `afterKeys` keys and then fails with HTTP 500.
   * With `requests` > 1 the next that many DeleteObjects fail the same way, so a client's
   * automatic retries (the AWS SDK makes 3 attempts) see the failure too.
   */
  failNextDelete(afterKeys: number, requests?: number): Promise<void>;
  /** Changes the per-request delay. */
  setLatency(ms: number): Promise<void>;
  stats(): Promise<S3ServerStats>;
  stop(): Promise<void>;
}

export const S3_ACCESS_KEY = 'S3RVER';
export const S3_SECRET_KEY = 'S3RVER';
export const S3_REGION = 'us-east-1';

/** Starts s3rver in a child process on 127.0.0.1 and resolves once it listens. */
export async function startS3Server(options: S3ServerOptions = {}): Promise<RunningS3Server> {
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sr-sandbox-s3-'));
  const buckets = options.buckets ?? ['starrocks-backups'];
  const child = fork(path.join(__dirname, 's3ServerProcess.js'), [], {
    execArgv: ['--openssl-legacy-provider'],
    env: {
      ...process.env,
      SANDBOX_S3_OPTIONS: JSON.stringify({
        port: options.port ?? 0,
        directory,
        buckets,
        keys: options.extraKeys ?? [],
        latencyMs: options.latencyMs ?? 0,
      }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await waitForReady(child);
  const request = <T>(command: S3ServerCommand, reply: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; stats?: S3ServerStats }) => {
        if (m.type !== reply) return;
        child.off('message', onMessage);
        resolve((m.stats ?? undefined) as T);
      };
      child.on('message', onMessage);
      child.send(command, (err) => err && reject(err));
    });
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    region: S3_REGION,
    accessKey: S3_ACCESS_KEY,
    secretKey: S3_SECRET_KEY,
    buckets,
    directory,
    setUnreachable: (value) => request({ type: 'setUnreachable', value }, 'ack'),
    failNextDelete: (afterKeys, requests = 1) => request({ type: 'failNextDelete', afterKeys, requests }, 'ack'),
    setLatency: (ms) => request({ type: 'setLatency', ms }, 'ack'),
    stats: () => request<S3ServerStats>({ type: 'stats' }, 'stats'),
    stop: () => {
      stopped ??= stopChild(child).then(() => {
        if (ownDirectory) fs.rmSync(directory, { recursive: true, force: true });
      });
      return stopped;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('S3 server did not start within 30 s')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`S3 server exited with code ${code} before it was ready`));
    });
    child.on('message', (m: { type: string; port?: number }) => {
      if (m.type === 'ready' && m.port) {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
