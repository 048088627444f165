import type * as Ssh2 from 'ssh2';

let driver: Promise<typeof Ssh2> | undefined;

/**
 * ssh2, loaded when a connection with an SSH tunnel first connects: most connections are direct.
 * esbuild.js bundles it into its own file (dist/lazy/ssh2.js), as it does mysql2 (see
 * `mysqlDriver.ts`); this stays the only place that loads it (eslint enforces it).
 */
export function loadSsh2(): Promise<typeof Ssh2> {
  driver ??= import('ssh2');
  return driver;
}
