/**
 * Reads a pasted connection address — `mysql://user@host:port/db` or
 * `jdbc:mysql://host:port/db?user=…` — into the fields of the connection form. Pure (no `vscode`),
 * unit-tested. A password found in the address is returned apart, for the form's password field:
 * callers never log the address itself, only what this returns without the password.
 */
import { english, formatHostPort, parseHostPort, validateDatabase, validateUser, type Translate } from './profileValidation';
import type { TlsMode } from './types';

export interface ParsedAddress {
  host: string;
  port: number;
  user?: string;
  database?: string;
  tls?: TlsMode;
  /** The password the address carried, for the password field only. */
  password?: string;
  /** What the reader assumed or left out (the first of several hosts, the default port…). */
  notes: string[];
}

/**
 * `mysql://` and `mariadb://`, with or without `jdbc:` and a Connector/J mode such as
 * `jdbc:mysql:loadbalance://`; user info before the host; one or more hosts; a database path; query
 * parameters `user`, `password`, `useSSL`, `sslMode` (`ssl-mode`).
 */
const ADDRESS = /^(?:jdbc:)?(?:mysql|mariadb)(?::[a-z]+)?:\/\/(?:([^@/?#]*)@)?([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/i;

export function parseConnectionAddress(text: string, t: Translate = english): ParsedAddress | { error: string } {
  const trimmed = text.trim();
  if (!trimmed)
    return { error: t('Paste an address such as mysql://user@fe.example.com:9030 or jdbc:mysql://fe.example.com:9030/db?user=…') };
  const match = ADDRESS.exec(trimmed);
  if (!match) {
    return {
      error: /^[a-z][a-z0-9+.:-]*:\/\//i.test(trimmed)
        ? t('Only mysql://, mariadb:// and jdbc:mysql:// addresses can be read; StarRocks FEs speak the MySQL protocol.')
        : t(
            'This is not a connection address. Paste one such as mysql://user@fe.example.com:9030 or jdbc:mysql://fe.example.com:9030/db?user=…',
          ),
    };
  }
  const [, userInfo, hostList, path, query] = match;
  const notes: string[] = [];
  const decoded = (value: string | undefined): string | undefined | { error: string } => {
    if (value === undefined) return undefined;
    try {
      return decodeURIComponent(value.replace(/\+/g, '%20'));
    } catch {
      return { error: t('The address has a malformed %-escape; write special characters as %XX (for example @ as %40).') };
    }
  };

  const hosts = hostList.split(',').filter((h) => h.trim() !== '');
  if (hosts.length === 0) return { error: t('The address names no host. Write it as mysql://user@host:port.') };
  if (hosts.length > 1) notes.push(t('The address lists {0} FEs; the form uses the first, {1}.', hosts.length, hosts[0]));
  const hostPort = parseHostPort(hosts[0], t);
  if ('error' in hostPort) return hostPort;
  if (!hasPort(hosts[0])) notes.push(t('The address has no port; the FE query port {0} is assumed.', hostPort.port));

  const params = new Map<string, string>();
  for (const pair of (query ?? '').split('&').filter(Boolean)) {
    const [rawKey, ...rest] = pair.split('=');
    const value = decoded(rest.join('='));
    if (typeof value === 'object') return value;
    params.set(rawKey.toLowerCase(), value ?? '');
  }

  let user: string | undefined;
  let password: string | undefined;
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    const u = decoded(colon >= 0 ? userInfo.slice(0, colon) : userInfo);
    const p = decoded(colon >= 0 ? userInfo.slice(colon + 1) : undefined);
    if (typeof u === 'object') return u;
    if (typeof p === 'object') return p;
    user = u || undefined;
    password = p;
  }
  user ??= params.get('user') || undefined;
  password ??= params.get('password');
  if (user !== undefined) {
    const userError = validateUser(user, t);
    if (userError) return { error: userError };
  }

  const db = decoded(path);
  if (typeof db === 'object') return db;
  const database = db?.replace(/\/+$/, '') || undefined;
  if (database !== undefined) {
    const dbError = validateDatabase(database, t);
    if (dbError) return { error: dbError };
  }

  return { host: hostPort.host, port: hostPort.port, user, database, tls: tlsOf(params), password: password || undefined, notes };
}

function hasPort(host: string): boolean {
  return /^\[[^\]]*\]:\d+$/.test(host) || /^[^:[\]]+:\d+$/.test(host);
}

/** Connector/J's `sslMode` (or the older `useSSL`), as the form's TLS choice; absent when the address does not say. */
function tlsOf(params: Map<string, string>): TlsMode | undefined {
  const mode = (params.get('sslmode') ?? params.get('ssl-mode'))?.toUpperCase();
  if (mode === 'DISABLED') return 'off';
  if (mode === 'PREFERRED' || mode === 'REQUIRED') return 'on';
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return 'verify';
  const useSsl = params.get('usessl')?.toLowerCase();
  if (useSsl === 'true') return 'on';
  if (useSsl === 'false') return 'off';
  return undefined;
}

/** The address as text for logs and titles: never its password. */
export function describeAddress(parsed: ParsedAddress): string {
  return `${parsed.user ? `${parsed.user}@` : ''}${formatHostPort(parsed.host, parsed.port)}${parsed.database ? `/${parsed.database}` : ''}`;
}
