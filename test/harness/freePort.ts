import * as net from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. The OS picks it (port 0), so parallel runs
 * get different ports; the tiny window before the caller binds it is accepted.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
