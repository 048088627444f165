/**
 * A loopback model of an S3 service that works in parallel: several sandbox S3 server processes
 * over the same store folder, behind one proxy process (proxyProcess.ts) that spreads requests
 * among them and adds a per-request latency. One s3rver process serves one request at a time
 * (its listing is synchronous file-system work), so a single server cannot show what listing in
 * parallel gains against real S3; a farm can, up to the machine's cores.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { startS3Server, type RunningS3Server } from '../../sandbox/s3/s3Server';
import type { ProxyCommand } from './proxyProcess';

/** What a client needs to reach an S3 endpoint (a single server or a farm's proxy). */
export interface S3Endpoint {
  endpoint: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

export interface S3Farm extends S3Endpoint {
  servers: number;
  setLatency(ms: number): Promise<void>;
  /** Requests each backend served so far: shows that the load was spread. */
  served(): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startS3Farm(options: { directory: string; buckets: string[]; servers: number; latencyMs?: number }): Promise<S3Farm> {
  const backends: RunningS3Server[] = [];
  let proxy: ChildProcess | undefined;
  const stop = async () => {
    if (proxy && proxy.exitCode === null && proxy.signalCode === null) {
      const exited = new Promise((resolve) => proxy!.once('exit', resolve));
      proxy.kill('SIGTERM');
      await exited;
    }
    await Promise.all(backends.map((b) => b.stop()));
  };
  try {
    for (let i = 0; i < options.servers; i++)
      backends.push(await startS3Server({ directory: options.directory, buckets: options.buckets }));
    proxy = fork(path.join(__dirname, 'proxyProcess.js'), [], {
      env: {
        ...process.env,
        SANDBOX_S3_PROXY: JSON.stringify({ backends: backends.map((b) => b.port), latencyMs: options.latencyMs ?? 0 }),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await reply<{ port: number }>(proxy, 'ready');
    const child = proxy;
    const first = backends[0];
    return {
      endpoint: `http://127.0.0.1:${port.port}`,
      region: first.region,
      accessKey: first.accessKey,
      secretKey: first.secretKey,
      servers: backends.length,
      setLatency: async (ms) => {
        const acked = reply(child, 'ack');
        child.send({ type: 'setLatency', ms } satisfies ProxyCommand);
        await acked;
      },
      served: async () => {
        const stats = reply<{ served: number[] }>(child, 'stats');
        child.send({ type: 'stats' } satisfies ProxyCommand);
        return (await stats).served;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function reply<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the S3 proxy did not answer "${type}" within 30 s`)), 30_000);
    const onExit = (code: number | null) => reject(new Error(`the S3 proxy exited (${code}) before answering "${type}"`));
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
