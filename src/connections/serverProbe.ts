/**
 * What the extension learns about a server right after connecting: its version (hence its
 * capabilities) and whether it runs in shared-data mode, where BACKUP/RESTORE are unsupported.
 */
import { parseCurrentVersion, parseRunMode, parseVersionFunction } from '../starrocks/parsers/serverInfo';
import { currentVersion, showRunMode, versionFunction } from '../starrocks/builders/show';
import { capabilitiesOf, parseServerVersion, type ServerVersion } from '../starrocks/version';
import { ConnectionError } from './connectionError';
import { english, type Translate } from './profileValidation';
import type { QueryResult, ServerInfo } from './types';

export type RunSql = (sql: string) => Promise<QueryResult>;

export interface ProbeLog {
  debug(message: string): void;
}

/**
 * Both probes are best effort: a server that refuses them (old version, missing privilege) is
 * treated as an unknown version (safe default capabilities) and shared-nothing, and only logged.
 * Connection failures are not swallowed: they mean the connection itself is broken.
 *
 * Every StarRocks (and CelerData) FE answers `current_version()`. A server that does not, but
 * answers MySQL's `VERSION()`, is something else — MySQL or MariaDB, typically port 3306 typed for
 * 9030 — and the probe fails with a `notStarRocks` ConnectionError that says what it is, before
 * anything else is sent to it.
 */
export async function probeServer(
  run: RunSql,
  log: ProbeLog,
  isConnectionFailure: (e: unknown) => boolean,
  t: Translate = english,
): Promise<ServerInfo> {
  const version = await probeVersion(run, log, isConnectionFailure, t);
  const runMode = await attempt(run, showRunMode().sql, log, isConnectionFailure, (r) => parseRunMode(r.rows));
  return { version, capabilities: capabilitiesOf(version), sharedData: runMode === 'shared_data' };
}

async function probeVersion(
  run: RunSql,
  log: ProbeLog,
  isConnectionFailure: (e: unknown) => boolean,
  t: Translate,
): Promise<ServerVersion | undefined> {
  const sql = currentVersion().sql;
  let raw: string | undefined;
  try {
    raw = parseCurrentVersion((await run(sql)).rows);
  } catch (e) {
    if (isConnectionFailure(e)) throw e;
    log.debug(`${sql} failed (${(e as Error).message}); asking VERSION().`);
    const other = await attempt(run, versionFunction().sql, log, isConnectionFailure, (r) => parseVersionFunction(r.rows));
    if (other !== undefined) throw notStarRocks(other, t);
    return undefined;
  }
  return raw === undefined ? undefined : parseServerVersion(raw);
}

/** The one plain message for a server that is not StarRocks. */
export function notStarRocks(serverVersion: string, t: Translate = english): ConnectionError {
  return new ConnectionError(
    t(
      'This server is not StarRocks: it reports VERSION() {0} and has no current_version(). The extension needs a StarRocks FE, which takes MySQL-protocol connections on its query port, 9030 by default. Check the host and port of this connection.',
      serverVersion,
    ),
    { kind: 'notStarRocks', detail: serverVersion },
  );
}

async function attempt<T>(
  run: RunSql,
  sql: string,
  log: ProbeLog,
  isConnectionFailure: (e: unknown) => boolean,
  read: (r: QueryResult) => T | undefined,
): Promise<T | undefined> {
  try {
    return read(await run(sql));
  } catch (e) {
    if (isConnectionFailure(e)) throw e;
    log.debug(`${sql} failed (${(e as Error).message}); using the default.`);
    return undefined;
  }
}

/** `StarRocks 3.4.1-abc, shared-nothing`: what the wizard, Test Connection and the log say. */
export function describeServer(info: ServerInfo, t: Translate = english): string {
  const version = info.version ? t('StarRocks {0}', info.version.raw) : t('StarRocks (version unknown)');
  return `${version}, ${info.sharedData ? t('shared-data') : t('shared-nothing')}`;
}
