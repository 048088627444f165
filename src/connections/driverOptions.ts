/**
 * mysql2 options for a profile. Pure apart from reading the CA file.
 */
import { promises as fs } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { ConnectionOptions, PoolOptions, SslOptions } from 'mysql2';
import { ConnectionError } from './connectionError';
import { clearTextAllowedOver, english, validateClearText, type Translate } from './profileValidation';
import type { ConnectionProfile } from './types';

export interface ConnectionSettings {
  connectTimeoutSeconds: number;
  queryTimeoutSeconds: number;
  /** How long a statement waits for one of the profile's pooled connections to become free. */
  poolWaitSeconds: number;
}

export const DEFAULT_SETTINGS: ConnectionSettings = { connectTimeoutSeconds: 10, queryTimeoutSeconds: 60, poolWaitSeconds: 30 };

/**
 * TLS modes, as in `mysql --ssl-mode`: `on` is REQUIRED (encrypted, certificate not checked, as
 * most clusters use self-signed certificates), `verify` is VERIFY_IDENTITY with the profile's CA file.
 */
async function sslOptions(profile: ConnectionProfile, t: Translate): Promise<SslOptions | undefined> {
  if (profile.tls === 'off') return undefined;
  if (profile.tls === 'on') return { rejectUnauthorized: false };
  if (!profile.caFile) {
    throw new ConnectionError(t('TLS verification needs the path of a CA certificate file. Edit the connection.'), { kind: 'config' });
  }
  try {
    return { ca: await fs.readFile(profile.caFile, 'utf8'), rejectUnauthorized: true, verifyIdentity: true };
  } catch (e) {
    throw new ConnectionError(
      t('Cannot read the CA file "{0}": {1}. Edit the connection and choose a readable PEM file.', profile.caFile, (e as Error).message),
      { kind: 'config', code: (e as NodeJS.ErrnoException).code },
    );
  }
}

/** Where connections go when the profile has an SSH tunnel: a stream per connection, forwarded by the bastion. */
export interface StreamSource {
  stream(): Duplex;
}

/** Options of one connection (the Test step and Test Connection use single connections). */
export async function connectionOptions(
  profile: ConnectionProfile,
  password: string | undefined,
  settings: ConnectionSettings,
  t: Translate = english,
  tunnel?: StreamSource,
): Promise<ConnectionOptions> {
  const clearTextProblem = validateClearText(profile.tls, profile.allowClearTextPassword, t);
  if (clearTextProblem) throw new ConnectionError(clearTextProblem, { kind: 'config' });
  return {
    host: profile.host,
    port: profile.port,
    user: profile.user,
    password: password ?? '',
    database: profile.database || undefined,
    ssl: await sslOptions(profile, t),
    connectTimeout: settings.connectTimeoutSeconds * 1000,
    // LDAP users authenticate with mysql_clear_password; only ever offered over TLS that verifies
    // the server's certificate (refused above; checked again here so no path can turn it on).
    enableCleartextPlugin: profile.allowClearTextPassword === true && clearTextAllowedOver(profile.tls),
    // SHOW results are all VARCHAR; keep times and big numbers as the server wrote them.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
    // Through a tunnel, each connection is a forward over the bastion's SSH connection (host and port are then the bastion's business).
    ...(tunnel ? { stream: () => tunnel.stream() } : {}),
  };
}

/** Options of a profile's pool: a few connections, idle ones closed after a minute, kept alive. */
export async function poolOptions(
  profile: ConnectionProfile,
  password: string | undefined,
  settings: ConnectionSettings,
  t: Translate = english,
  tunnel?: StreamSource,
): Promise<PoolOptions> {
  return {
    ...(await connectionOptions(profile, password, settings, t, tunnel)),
    connectionLimit: 4,
    maxIdle: 2,
    idleTimeout: 60_000,
    enableKeepAlive: true,
    waitForConnections: true,
    queueLimit: 0,
  };
}
