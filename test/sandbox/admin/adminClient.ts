/** SandboxControl for a sandbox in another process, over its loopback admin endpoint. */
import * as http from 'node:http';
import type { SandboxControl, SandboxStats, StatementFault, StatementLogEntry } from '../api';
import type { JobSpeed } from '../jobs/jobSpeed';
import type { RunningS3Server } from '../s3/s3Server';
import type { S3ServerStats } from '../s3/protocol';
import { serializeArg, type ReadyLine } from './adminProtocol';

function post<T>(port: number, method: string, args: unknown[]): Promise<T> {
  const body = JSON.stringify(args.map(serializeArg));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: `/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: T; error?: string };
            if (reply.error !== undefined) reject(new Error(reply.error));
            else resolve(reply.result as T);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export class AdminClient implements SandboxControl {
  readonly s3: RunningS3Server;

  constructor(
    private readonly adminPort: number,
    ready: ReadyLine,
    stopSandbox: () => Promise<void>,
  ) {
    const call = <T>(method: string, ...args: unknown[]) => post<T>(adminPort, method, args);
    this.s3 = {
      endpoint: ready.s3Endpoint,
      port: ready.s3Port,
      region: ready.region,
      accessKey: ready.accessKey,
      secretKey: ready.secretKey,
      buckets: [ready.bucket],
      directory: ready.s3Directory,
      setUnreachable: (value) => call('s3.setUnreachable', value),
      failNextDelete: (afterKeys) => call('s3.failNextDelete', afterKeys),
      setLatency: (ms) => call('s3.setLatency', ms),
      stats: () => call<S3ServerStats>('s3.stats'),
      // The S3 server belongs to the child: stopping it stops the sandbox.
      stop: stopSandbox,
    };
  }

  private call<T>(method: string, ...args: unknown[]): Promise<T> {
    return post<T>(this.adminPort, method, args);
  }

  stats(): Promise<SandboxStats> {
    return this.call('stats');
  }
  resetStats(): Promise<void> {
    return this.call('resetStats');
  }
  statementLog(): Promise<StatementLogEntry[]> {
    return this.call('statementLog');
  }
  dropConnections(): Promise<number> {
    return this.call('dropConnections');
  }
  setS3Unreachable(unreachable: boolean): Promise<void> {
    return this.call('setS3Unreachable', unreachable);
  }
  slowStatements(pattern: string | RegExp, delayMs: number): Promise<void> {
    return this.call('slowStatements', pattern, delayMs);
  }
  failStatements(pattern: string | RegExp, fault: StatementFault | undefined): Promise<void> {
    return this.call('failStatements', pattern, fault);
  }

  heldStatements(): Promise<string[]> {
    return this.call('heldStatements');
  }
  rejectBareShowJobs(reject: boolean): Promise<void> {
    return this.call('rejectBareShowJobs', reject);
  }
  failNextJob(database: string, message: string): Promise<void> {
    return this.call('failNextJob', database, message);
  }
  timeoutNextJob(database: string): Promise<void> {
    return this.call('timeoutNextJob', database);
  }
  stickJob(database: string, state: string): Promise<void> {
    return this.call('stickJob', database, state);
  }
  releaseJobs(): Promise<void> {
    return this.call('releaseJobs');
  }
  setJobSpeed(speed: JobSpeed): Promise<void> {
    return this.call('setJobSpeed', speed);
  }
  rowCount(db: string, table: string): Promise<number> {
    return this.call('rowCount', db, table);
  }
  rows(db: string, table: string): Promise<Record<string, string | null>[]> {
    return this.call('rows', db, table);
  }
}
