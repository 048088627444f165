/**
 * Child process that runs s3rver on loopback. It is a separate process because s3rver's
 * pagination tokens use a cipher that OpenSSL 3 only allows with `--openssl-legacy-provider`,
 * a flag that must not leak into the rest of the sandbox or the tests.
 *
 * In front of s3rver sits a small policy gate, so tests can hold keys that may only read, or
 * that are denied everything, and can inject failures into batch deletes. The parent talks to
 * it over the IPC channel (`S3ServerCommand`).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { installKeyOrderListing } from './keyOrderListing';
import type { S3KeyPolicy, S3ServerCommand, S3ServerReady, S3ServerStats } from './protocol';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AWSAccount = require('s3rver/lib/models/account');
// eslint-disable-next-line @typescript-eslint/no-require-imports
installKeyOrderListing(require('s3rver/lib/stores/filesystem'), require('s3rver/lib/models/object'));

interface Options {
  port: number;
  directory: string;
  buckets: string[];
  keys: { accessKeyId: string; secretAccessKey: string; policy: S3KeyPolicy }[];
  latencyMs?: number;
}

const options: Options = JSON.parse(process.env.SANDBOX_S3_OPTIONS ?? '{}');
const policies = new Map<string, S3KeyPolicy>();
const stats: S3ServerStats = { requests: 0, objectGets: 0, bucketGets: 0, denied: 0, injectedFailures: 0 };
let unreachable = false;
/** Fail the next DeleteObjects requests after this many keys have been deleted by each. */
let failDeleteAfterKeys: number | undefined;
/** How many DeleteObjects requests are still to fail that way. */
let failDeleteRequests = 0;
let latencyMs = options.latencyMs ?? 0;

for (const key of options.keys) {
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(key.accessKeyId, key.secretAccessKey);
  policies.set(key.accessKeyId, key.policy);
}

/** Path-style requests: `/<bucket>` or `/<bucket>/` is the bucket, anything longer an object. */
function countGet(req: http.IncomingMessage): void {
  if (req.method !== 'GET') return;
  const path = (req.url ?? '/').split('?')[0];
  const slash = path.indexOf('/', 1);
  if (slash === -1 || slash === path.length - 1) stats.bucketGets++;
  else stats.objectGets++;
}

function accessKeyOf(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? '';
  const header = /Credential=([^/,\s]+)\//.exec(auth);
  if (header) return header[1];
  const query = /[?&]X-Amz-Credential=([^%&/]+)/.exec(req.url ?? '');
  return query ? decodeURIComponent(query[1]) : undefined;
}

function isWrite(req: http.IncomingMessage): boolean {
  return req.method === 'PUT' || req.method === 'DELETE' || (req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? ''));
}

function isDelete(req: http.IncomingMessage): boolean {
  return req.method === 'DELETE' || (req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? ''));
}

function allowed(policy: S3KeyPolicy | undefined, req: http.IncomingMessage): boolean {
  switch (policy ?? 'full') {
    case 'full':
      return true;
    case 'none':
      return false;
    case 'read':
      return !isWrite(req);
    case 'readWrite':
      return !isDelete(req);
  }
}

function deny(res: http.ServerResponse, code: string, message: string, status: number): void {
  res.writeHead(status, { 'Content-Type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/**
 * Deletes only the first `keep` keys of a DeleteObjects body, then answers 500: the state a
 * client sees when a batch delete dies half-way.
 */
async function partialDelete(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  keep: number,
  s3: { store: { deleteObject(bucket: string, key: string): Promise<void>; existsObject(bucket: string, key: string): Promise<boolean> } },
): Promise<void> {
  const { bucket, keys } = await readDeleteRequest(req);
  // Like S3, deleting a key that is already gone is no error (a client's retry resends the batch).
  for (const key of keys.slice(0, keep)) if (await s3.store.existsObject(bucket, key)) await s3.store.deleteObject(bucket, key);
  stats.injectedFailures++;
  deny(res, 'InternalError', 'We encountered an internal error. Please try again.', 500);
}

/** The bucket, keys and Quiet flag of a DeleteObjects request body. */
async function readDeleteRequest(req: http.IncomingMessage): Promise<{ bucket: string; keys: string[]; quiet: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const bucket = decodeURIComponent((req.url ?? '').split('?')[0].split('/')[1] ?? '');
  const keys = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) =>
    m[1]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  );
  return { bucket, keys, quiet: /<Quiet>\s*true\s*<\/Quiet>/i.test(body) };
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * DeleteObjects, one key after the other. s3rver deletes a batch's keys in parallel and then
 * removes emptied directories, so two keys in one directory race and the request fails with a
 * 500 (a snapshot's tablet directories hold several files each); sequential deletes do not.
 */
async function batchDelete(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  store: { deleteObject(bucket: string, key: string): Promise<void> },
): Promise<void> {
  const { bucket, keys, quiet } = await readDeleteRequest(req);
  const results: string[] = [];
  for (const key of keys) {
    try {
      await store.deleteObject(bucket, key);
      if (!quiet) results.push(`<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`);
    } catch (err) {
      results.push(`<Error><Key>${xmlEscape(key)}</Key><Code>InternalError</Code><Message>${xmlEscape(String(err))}</Message></Error>`);
    }
  }
  res.writeHead(200, { 'Content-Type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${results.join('')}</DeleteResult>`,
  );
}

/** Deletes of any kind run one at a time, for the same reason as batchDelete. */
let deleteQueue: Promise<void> = Promise.resolve();
function serializeDelete(run: () => Promise<void>): void {
  deleteQueue = deleteQueue.then(run).catch((err) => console.error(err));
}

async function main(): Promise<void> {
  const s3 = new S3rver({ silent: true, directory: options.directory, configureBuckets: options.buckets.map((name) => ({ name })) });
  await s3.configureBuckets();
  const handle = s3.callback();
  const route = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    stats.requests++;
    countGet(req);
    if (unreachable) {
      req.socket.destroy();
      return;
    }
    const key = accessKeyOf(req);
    if (key !== undefined && !allowed(policies.get(key), req)) {
      stats.denied++;
      deny(res, 'AccessDenied', 'Access Denied', 403);
      return;
    }
    if (failDeleteAfterKeys !== undefined && failDeleteRequests > 0 && req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? '')) {
      const keep = failDeleteAfterKeys;
      if (--failDeleteRequests === 0) failDeleteAfterKeys = undefined;
      partialDelete(req, res, keep, s3).catch((err) => {
        console.error(err);
        if (!res.headersSent) deny(res, 'InternalError', String(err), 500);
      });
      return;
    }
    if (req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? '')) {
      serializeDelete(() => batchDelete(req, res, s3.store));
      return;
    }
    if (req.method === 'DELETE') {
      serializeDelete(
        () =>
          new Promise<void>((resolve) => {
            res.on('close', () => resolve());
            handle(req, res);
          }),
      );
      return;
    }
    handle(req, res);
  };
  // A per-request delay stands in for the round trip to a remote S3 region (benchmarks).
  const server = http.createServer((req, res) => (latencyMs > 0 ? setTimeout(route, latencyMs, req, res) : route(req, res)));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const ready: S3ServerReady = { type: 'ready', port: (server.address() as AddressInfo).port };
  process.send?.(ready);

  process.on('message', (command: S3ServerCommand) => {
    switch (command.type) {
      case 'setUnreachable':
        unreachable = command.value;
        break;
      case 'failNextDelete':
        failDeleteAfterKeys = command.afterKeys;
        failDeleteRequests = Math.max(1, command.requests ?? 1);
        break;
      case 'setLatency':
        latencyMs = Math.max(0, command.ms);
        break;
      case 'stats':
        process.send?.({ type: 'stats', stats: { ...stats } });
        return;
    }
    process.send?.({ type: 'ack' });
  });
  process.on('disconnect', () => process.exit(0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
