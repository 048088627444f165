/** Serves a sandbox's control surface on 127.0.0.1 for a parent process (see adminProtocol). */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxControl } from '../api';
import { CONTROL_METHODS, deserializeArg, S3_METHODS } from './adminProtocol';

export class AdminServer {
  private readonly server: http.Server;

  constructor(private readonly control: SandboxControl) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.url ?? '').replace(/^\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const args = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]') as unknown[]).map(deserializeArg);
      const result = await this.invoke(method, args);
      this.reply(res, 200, { result: result ?? null });
    } catch (e) {
      this.reply(res, 500, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private invoke(method: string, args: unknown[]): Promise<unknown> {
    if ((CONTROL_METHODS as readonly string[]).includes(method)) {
      const fn = this.control[method as (typeof CONTROL_METHODS)[number]] as (...a: unknown[]) => Promise<unknown>;
      return fn(...args);
    }
    if ((S3_METHODS as readonly string[]).includes(method)) {
      const name = method.slice('s3.'.length) as 'setUnreachable' | 'failNextDelete' | 'setLatency' | 'stats';
      const fn = this.control.s3[name] as (...a: unknown[]) => Promise<unknown>;
      return fn(...args);
    }
    return Promise.reject(new Error(`unknown admin method ${method}`));
  }

  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
