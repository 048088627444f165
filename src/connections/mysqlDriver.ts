import type * as Mysql from 'mysql2/promise';

let driver: Promise<typeof Mysql> | undefined;

/**
 * mysql2, loaded on the first statement instead of at activation: most windows never connect, and
 * compiling and running the driver was most of the bundle's require time. esbuild.js bundles it
 * into its own file (dist/lazy/mysql2.js) and turns this import into a `require()` of that file, so
 * this must stay the only place that loads the driver: elsewhere import its types only (eslint
 * enforces it).
 */
export function loadMysql(): Promise<typeof Mysql> {
  driver ??= import('mysql2/promise');
  return driver;
}
