/**
 * What the extension learns about a server right after connecting: its version (hence its
 * capabilities) and whether it runs in shared-data mode, where BACKUP/RESTORE are unsupported.
 */
import { parseCurrentVersion, parseRunMode } from '../starrocks/parsers/serverInfo';
import { currentVersion, showRunMode } from '../starrocks/builders/show';
import { capabilitiesOf, parseServerVersion } from '../starrocks/version';
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
 */
export async function probeServer(run: RunSql, log: ProbeLog, isConnectionFailure: (e: unknown) => boolean): Promise<ServerInfo> {
  const version = await attempt(run, currentVersion().sql, log, isConnectionFailure, (r) => {
    const raw = parseCurrentVersion(r.rows);
    return raw === undefined ? undefined : parseServerVersion(raw);
  });
  const runMode = await attempt(run, showRunMode().sql, log, isConnectionFailure, (r) => parseRunMode(r.rows));
  return { version, capabilities: capabilitiesOf(version), sharedData: runMode === 'shared_data' };
}

async function attempt<T>(run: RunSql, sql: string, log: ProbeLog, isConnectionFailure: (e: unknown) => boolean, read: (r: QueryResult) => T | undefined): Promise<T | undefined> {
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
