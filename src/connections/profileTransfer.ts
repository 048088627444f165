/**
 * The JSON file of Export Connections… / Import Connections…. Pure (no `vscode`).
 *
 * Only non-secret fields travel. Export builds the file from profiles, which hold no secrets by
 * construction; import validates every entry, drops anything that looks like a secret (and says
 * so), and never produces a password: imported profiles ask for theirs on first connect.
 */
import {
  english,
  profileProblems,
  TLS_MODES,
  PASSWORD_MODES,
  SSH_AUTH_METHODS,
  DEFAULT_SSH_PORT,
  type Translate,
} from './profileValidation';
import type { ConnectionProfile, S3EndpointSettings, SshTunnelSettings } from './types';

export const TRANSFER_FORMAT = 'starrocks-backup.connections';
export const TRANSFER_VERSION = 1;

/** One connection in the file: the profile without its local id, plus non-secret S3 endpoints per repository. */
export type TransferProfile = Omit<ConnectionProfile, 'id'> & { s3Endpoints?: Record<string, S3EndpointSettings> };

export interface TransferFile {
  format: typeof TRANSFER_FORMAT;
  version: number;
  connections: TransferProfile[];
}

/** The fields a profile may have in the file; everything else is ignored. */
const PROFILE_FIELDS = [
  'name',
  'host',
  'port',
  'user',
  'database',
  'tls',
  'caFile',
  'environment',
  'passwordMode',
  'allowClearTextPassword',
  'ssh',
  's3Endpoints',
] as const;
/** The tunnel's fields that travel: never a secret, and never the accepted host key (see `parseSsh`). */
const SSH_FIELDS = ['host', 'port', 'user', 'auth', 'keyFile'] as const;
const ENDPOINT_FIELDS = ['endpoint', 'region', 'forcePathStyle'] as const;
/** Keys that look like credentials. They are never imported, whatever their value. */
const SECRET_KEY = /pass(word|wd)?|secret|token|credential|private|access.?key/i;

export function buildTransferFile(
  profiles: readonly ConnectionProfile[],
  endpoints: (profileId: string) => Record<string, S3EndpointSettings>,
): TransferFile {
  return {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    connections: profiles.map((p) => {
      // Copy field by field rather than spreading, so a field added to the profile later is not exported unreviewed.
      const entry: TransferProfile = { name: p.name, host: p.host, port: p.port, user: p.user, tls: p.tls, passwordMode: p.passwordMode };
      if (p.database) entry.database = p.database;
      if (p.caFile) entry.caFile = p.caFile;
      if (p.environment) entry.environment = p.environment;
      if (p.allowClearTextPassword) entry.allowClearTextPassword = true;
      if (p.ssh) {
        entry.ssh = { host: p.ssh.host, port: p.ssh.port, user: p.ssh.user, auth: p.ssh.auth };
        if (p.ssh.keyFile) entry.ssh.keyFile = p.ssh.keyFile;
      }
      const s3 = endpoints(p.id);
      if (Object.keys(s3).length > 0) entry.s3Endpoints = s3;
      return entry;
    }),
  };
}

export interface ImportResult {
  connections: TransferProfile[];
  /** Problems that make the file unusable; when non-empty, nothing is imported. */
  errors: string[];
  /** Things that were skipped (secret-looking or unknown fields). */
  warnings: string[];
}

/**
 * Parses and validates an import file. Accepts the export format or a bare array of profiles.
 * Names are checked for uniqueness within the file only: clashes with existing connections are
 * resolved by the caller (renaming), not rejected.
 */
export function parseTransferFile(text: string, t: Translate = english): ImportResult {
  const result: ImportResult = { connections: [], errors: [], warnings: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    result.errors.push(t('The file is not valid JSON: {0}', (e as Error).message));
    return result;
  }
  const list = connectionList(data, result, t);
  if (!list) return result;
  list.forEach((raw, index) => {
    const entry = parseEntry(raw, `connections[${index}]`, result, t);
    if (!entry) return;
    const problems = profileProblems(entry, result.connections, t);
    if (problems.length > 0) {
      problems.forEach((p) => result.errors.push(`connections[${index}].${p.field}: ${p.message}`));
      return;
    }
    result.connections.push(entry);
  });
  if (result.errors.length > 0) result.connections = [];
  return result;
}

function connectionList(data: unknown, result: ImportResult, t: Translate): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (!isRecord(data) || !Array.isArray(data.connections)) {
    result.errors.push(t('Expected an exported connections file (with a "connections" list) or a list of connections.'));
    return undefined;
  }
  if (data.format !== undefined && data.format !== TRANSFER_FORMAT) {
    result.errors.push(t('This is not a StarRocks Backup connections file (format "{0}").', String(data.format)));
    return undefined;
  }
  if (typeof data.version === 'number' && data.version > TRANSFER_VERSION) {
    result.errors.push(t('The file was written by a newer version of the extension (format version {0}).', data.version));
    return undefined;
  }
  return data.connections;
}

function parseEntry(raw: unknown, path: string, result: ImportResult, t: Translate): TransferProfile | undefined {
  if (!isRecord(raw)) {
    result.errors.push(t('{0}: expected an object.', path));
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (SECRET_KEY.test(key) && key !== 'passwordMode' && key !== 'allowClearTextPassword') {
      result.warnings.push(t('{0}.{1} was not imported: secrets are never imported. Enter them in the extension.', path, key));
    } else if (!(PROFILE_FIELDS as readonly string[]).includes(key) && key !== 'id') {
      result.warnings.push(t('{0}.{1} is not a connection setting and was ignored.', path, key));
    }
  }
  const errorsBefore = result.errors.length;
  const str = (key: string, required: boolean): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') {
      if (required) result.errors.push(t('{0}.{1}: required.', path, key));
      return undefined;
    }
    if (typeof v !== 'string') result.errors.push(t('{0}.{1}: expected a string.', path, key));
    return typeof v === 'string' ? v : undefined;
  };
  const port = raw.port === undefined ? 9030 : typeof raw.port === 'string' && /^\d+$/.test(raw.port) ? Number(raw.port) : raw.port;
  if (typeof port !== 'number') result.errors.push(t('{0}.port: expected a number.', path));
  const tls = str('tls', false) ?? 'off';
  const passwordMode = str('passwordMode', false) ?? 'ask';
  if (!TLS_MODES.includes(tls as never)) result.errors.push(t('{0}.tls: must be one of {1}.', path, TLS_MODES.join(', ')));
  if (!PASSWORD_MODES.includes(passwordMode as never))
    result.errors.push(t('{0}.passwordMode: must be one of {1}.', path, PASSWORD_MODES.join(', ')));
  if (raw.allowClearTextPassword !== undefined && typeof raw.allowClearTextPassword !== 'boolean')
    result.errors.push(t('{0}.allowClearTextPassword: expected true or false.', path));
  const entry: TransferProfile = {
    name: str('name', true) ?? '',
    host: str('host', true) ?? '',
    port: port as number,
    user: str('user', true) ?? '',
    tls: tls as TransferProfile['tls'],
    passwordMode: passwordMode as TransferProfile['passwordMode'],
  };
  const database = str('database', false);
  const caFile = str('caFile', false);
  const environment = str('environment', false);
  if (database) entry.database = database;
  if (caFile) entry.caFile = caFile;
  if (environment) entry.environment = environment;
  if (raw.allowClearTextPassword === true) entry.allowClearTextPassword = true;
  const ssh = parseSsh(raw.ssh, `${path}.ssh`, result, t);
  if (ssh) entry.ssh = ssh;
  const endpoints = parseEndpoints(raw.s3Endpoints, `${path}.s3Endpoints`, result, t);
  if (endpoints) entry.s3Endpoints = endpoints;
  return result.errors.length === errorsBefore ? entry : undefined;
}

/**
 * The tunnel of an entry. Secrets are dropped (with a warning) like everywhere in the file, and so
 * is an accepted host key: a key in a file would be trusted without anyone seeing its fingerprint,
 * so the bastion's key is shown and accepted on the first connection instead.
 */
function parseSsh(raw: unknown, path: string, result: ImportResult, t: Translate): SshTunnelSettings | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    result.errors.push(t('{0}: expected an object with host, port, user, auth and keyFile.', path));
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (key === 'hostKey')
      result.warnings.push(t("{0}.hostKey was not imported: the bastion's host key is shown and accepted on the first connection.", path));
    else if (SECRET_KEY.test(key))
      result.warnings.push(t('{0}.{1} was not imported: secrets are never imported. Enter them in the extension.', path, key));
    else if (!(SSH_FIELDS as readonly string[]).includes(key))
      result.warnings.push(t('{0}.{1} is not an SSH tunnel setting and was ignored.', path, key));
  }
  const port =
    raw.port === undefined ? DEFAULT_SSH_PORT : typeof raw.port === 'string' && /^\d+$/.test(raw.port) ? Number(raw.port) : raw.port;
  const fields = { host: raw.host, user: raw.user, auth: raw.auth ?? 'key', keyFile: raw.keyFile };
  const wrong = Object.entries(fields).filter(([key, v]) =>
    key === 'keyFile' ? v !== undefined && typeof v !== 'string' : typeof v !== 'string',
  );
  if (typeof port !== 'number') wrong.push(['port', port]);
  if (wrong.length > 0) {
    wrong.forEach(([key]) => result.errors.push(t('{0}.{1}: expected {2}.', path, key, key === 'port' ? t('a number') : t('a string'))));
    return undefined;
  }
  if (!SSH_AUTH_METHODS.includes(fields.auth as never)) {
    result.errors.push(t('{0}.auth: must be one of {1}.', path, SSH_AUTH_METHODS.join(', ')));
    return undefined;
  }
  const ssh: SshTunnelSettings = {
    host: fields.host as string,
    port: port as number,
    user: fields.user as string,
    auth: fields.auth as SshTunnelSettings['auth'],
  };
  if (ssh.auth === 'key' && fields.keyFile) ssh.keyFile = fields.keyFile as string;
  return ssh;
}

function parseEndpoints(raw: unknown, path: string, result: ImportResult, t: Translate): Record<string, S3EndpointSettings> | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    result.errors.push(t('{0}: expected an object keyed by repository name.', path));
    return undefined;
  }
  const out: Record<string, S3EndpointSettings> = {};
  for (const [repo, value] of Object.entries(raw)) {
    if (!isRecord(value)) {
      result.errors.push(t('{0}.{1}: expected an object.', path, repo));
      continue;
    }
    const settings: S3EndpointSettings = {};
    for (const [key, v] of Object.entries(value)) {
      if (!(ENDPOINT_FIELDS as readonly string[]).includes(key)) {
        result.warnings.push(
          SECRET_KEY.test(key)
            ? t('{0}.{1}.{2} was not imported: secrets are never imported. Enter them in the extension.', path, repo, key)
            : t('{0}.{1}.{2} is not an endpoint setting and was ignored.', path, repo, key),
        );
      } else if (key === 'forcePathStyle' ? typeof v !== 'boolean' : typeof v !== 'string') {
        result.errors.push(t('{0}.{1}.{2}: wrong type.', path, repo, key));
      } else {
        (settings as Record<string, unknown>)[key] = v;
      }
    }
    out[repo] = settings;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
