import type * as Mysql from 'mysql2/promise';

let driver: Promise<typeof Mysql> | undefined;

/**
 * mysql2, loaded on the first statement instead of at activation: evaluating it is a large part of
 * the bundle's require time, and most windows never connect. In the esbuild bundle the dynamic
 * import becomes a lazily initialised module, so this is the only place that may load the driver;
 * elsewhere import its types only (`import type`).
 */
export function loadMysql(): Promise<typeof Mysql> {
  driver ??= import('mysql2/promise');
  return driver;
}
