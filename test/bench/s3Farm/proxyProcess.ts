/**
 * Child process: a loopback HTTP proxy in front of several S3 server processes over one store,
 * standing in for S3's parallel capacity and its round trip. Each request waits the added latency
 * once on arrival, then goes to the backend with the fewest requests in flight (round robin among
 * equals). Headers go through unchanged, `Host` included, so SigV4 signatures made for the proxy's
 * address still verify at the backend. A separate process so that its work never competes with the
 * event loop of the client being measured.
 *
 * Options come in SANDBOX_S3_PROXY (JSON: backends as ports, latencyMs); the parent gets
 * `{ type: 'ready', port }` and may send `{ type: 'setLatency', ms }` (answered with `ack`) or
 * `{ type: 'stats' }` (answered with the requests each backend served).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Options {
  backends: number[];
  latencyMs: number;
}

export type ProxyCommand = { type: 'setLatency'; ms: number } | { type: 'stats' };

const options: Options = JSON.parse(process.env.SANDBOX_S3_PROXY ?? '{}');
let latencyMs = options.latencyMs ?? 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const inFlight = options.backends.map(() => 0);
const served = options.backends.map(() => 0);
let turn = 0;

function pickBackend(): number {
  let best = -1;
  for (let i = 0; i < inFlight.length; i++) {
    const candidate = (turn + i) % inFlight.length;
    if (best === -1 || inFlight[candidate] < inFlight[best]) best = candidate;
  }
  turn = (best + 1) % inFlight.length;
  return best;
}

function forward(req: http.IncomingMessage, res: http.ServerResponse): void {
  const backend = pickBackend();
  inFlight[backend]++;
  served[backend]++;
  let done = false;
  const finish = () => {
    if (!done) inFlight[backend]--;
    done = true;
  };
  const upstream = http.request(
    { host: '127.0.0.1', port: options.backends[backend], method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', finish);
      answer.on('error', finish);
    },
  );
  upstream.on('error', (error) => {
    finish();
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(String(error));
  });
  // A client that gives up (a cancelled sizing) ends the backend's work too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
    finish();
  });
  req.pipe(upstream);
}

const server = http.createServer((req, res) => {
  if (latencyMs > 0) setTimeout(forward, latencyMs, req, res);
  else forward(req, res);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port }));

process.on('message', (command: ProxyCommand) => {
  if (command.type === 'setLatency') {
    latencyMs = Math.max(0, command.ms);
    process.send?.({ type: 'ack' });
  } else if (command.type === 'stats') {
    process.send?.({ type: 'stats', served: [...served] });
  }
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
