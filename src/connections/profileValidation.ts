/**
 * Checks on connection profile fields. Pure (no `vscode`): the Add/Edit wizard shows these
 * messages under its input boxes, Import reports them per entry, and unit tests cover them.
 * Every message goes through a `Translate` function: the extension passes `vscode.l10n.t`, so the
 * templates (with `{0}` placeholders) are the keys of the l10n bundle; tests use the English default.
 */
import { validateName } from '../starrocks/identifiers';
import type { ConnectionProfile, PasswordMode, SshAuthMethod, SshTunnelSettings, TlsMode } from './types';

export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

/** The English text with `{n}` placeholders filled in, the same rule as `vscode.l10n.t`. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

export const DEFAULT_PORT = 9030;
export const TLS_MODES: readonly TlsMode[] = ['off', 'on', 'verify'];
export const PASSWORD_MODES: readonly PasswordMode[] = ['stored', 'ask', 'none'];
export const SSH_AUTH_METHODS: readonly SshAuthMethod[] = ['key', 'password', 'agent'];
export const DEFAULT_SSH_PORT = 22;

const MAX_NAME = 100;
const MAX_ENVIRONMENT = 40;
const MAX_USER = 128;

/** A hostname (RFC 1123 labels), IPv4 address, or IPv6 address (without brackets). */
export function validateHost(host: string, t: Translate = english): string | undefined {
  const h = host.trim();
  if (!h) return t('Enter the host name or IP address of a StarRocks FE.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(h)) return t('Enter only the host name, without a scheme such as mysql://.');
  if (/\s/.test(h)) return t('The host name cannot contain spaces.');
  if (h.includes(':')) return isIPv6(h) ? undefined : t('This is not a valid IPv6 address.');
  if (/^[\d.]+$/.test(h)) return isIPv4(h) ? undefined : t('This is not a valid IPv4 address.');
  const labels = h.split('.');
  const label = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;
  if (h.length > 253 || labels.some((l) => !label.test(l))) return t('This is not a valid host name.');
  return undefined;
}

function isIPv4(h: string): boolean {
  const parts = h.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(h: string): boolean {
  // Enough to catch typos; the socket layer has the final word.
  return /^[0-9a-f:.]+$/i.test(h) && h.split('::').length <= 2 && h.split(':').length >= 3 && h.split(':').length <= 8;
}

export function validatePort(port: string | number, t: Translate = english): string | undefined {
  const text = String(port).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    return t('The port must be a number from 1 to 65535 (the FE query port is usually 9030).');
  return undefined;
}

/**
 * Parses what the wizard's first step accepts: `host`, `host:port`, `[ipv6]:port` or a bare IPv6
 * address. The port defaults to 9030, the FE's MySQL-protocol port.
 */
export function parseHostPort(
  text: string,
  t: Translate = english,
  defaultPort = DEFAULT_PORT,
): { host: string; port: number } | { error: string } {
  const trimmed = text.trim();
  let host = trimmed;
  let port: string | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(trimmed);
  if (bracketed) {
    host = bracketed[1];
    port = bracketed[2];
  } else if ((trimmed.match(/:/g) ?? []).length === 1) {
    [host, port] = trimmed.split(':');
  }
  const hostError = validateHost(host, t);
  if (hostError) return { error: hostError };
  if (port !== undefined) {
    const portError = validatePort(port, t);
    if (portError) return { error: portError };
  }
  return { host: host.trim(), port: port === undefined ? defaultPort : Number(port) };
}

/** `host:port`, bracketing IPv6 addresses. */
export function formatHostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A profile name must be present and unique (case-insensitively) among the other profiles. */
export function validateProfileName(
  name: string,
  others: readonly Pick<ConnectionProfile, 'name'>[],
  t: Translate = english,
): string | undefined {
  const n = name.trim();
  if (!n) return t('Enter a name for the connection.');
  if (n.length > MAX_NAME) return t('The name can be at most {0} characters.', MAX_NAME);
  if (others.some((o) => o.name.trim().toLowerCase() === n.toLowerCase())) return t('A connection named "{0}" already exists.', n);
  return undefined;
}

export function validateUser(user: string, t: Translate = english): string | undefined {
  if (!user.trim()) return t('Enter the StarRocks user name.');
  if (user !== user.trim()) return t('The user name cannot start or end with spaces.');
  if (user.length > MAX_USER) return t('The user name can be at most {0} characters.', MAX_USER);
  return undefined;
}

/** The default database is optional; its name follows the server's rule, and the server checks that it exists. */
export function validateDatabase(database: string, t: Translate = english): string | undefined {
  if (!database) return undefined;
  const serverMessage = validateName('database', database);
  return serverMessage ? t('{0}. Database names start with a letter and contain letters, digits and _.', serverMessage) : undefined;
}

export function validateEnvironment(environment: string, t: Translate = english): string | undefined {
  if (environment.length > MAX_ENVIRONMENT) return t('The environment label can be at most {0} characters.', MAX_ENVIRONMENT);
  return undefined;
}

/**
 * Sending the password in clear text (LDAP) is refused unless the server's certificate is verified:
 * over `tls: 'on'` (certificate not checked) anyone in the path can present a certificate of their
 * own and read the password.
 */
export function validateClearText(tls: TlsMode, allowClearTextPassword: boolean | undefined, t: Translate = english): string | undefined {
  if (allowClearTextPassword && !clearTextAllowedOver(tls)) {
    return t(
      'Sending the password in clear text (mysql_clear_password, for LDAP users) needs TLS with certificate verification, so that nobody in between can read it. Choose "TLS with certificate verification" or disable the clear-text option.',
    );
  }
  return undefined;
}

/** Whether a connection in this TLS mode may carry the clear-text password: only a verified one. */
export function clearTextAllowedOver(tls: TlsMode): boolean {
  return tls === 'verify';
}

/** Every problem of a complete profile, as `field: message`. Used for imports and before saving. */
export function profileProblems(
  profile: Omit<ConnectionProfile, 'id'>,
  others: readonly Pick<ConnectionProfile, 'name'>[],
  t: Translate = english,
): { field: keyof ConnectionProfile; message: string }[] {
  const checks: [keyof ConnectionProfile, string | undefined][] = [
    ['name', validateProfileName(profile.name, others, t)],
    ['host', validateHost(profile.host, t)],
    ['port', validatePort(profile.port, t)],
    ['user', validateUser(profile.user, t)],
    ['database', validateDatabase(profile.database ?? '', t)],
    ['tls', TLS_MODES.includes(profile.tls) ? undefined : t('Must be one of {0}.', TLS_MODES.join(', '))],
    [
      'caFile',
      profile.tls === 'verify' && !profile.caFile?.trim() ? t('TLS verification needs the path of a CA certificate file.') : undefined,
    ],
    ['environment', validateEnvironment(profile.environment ?? '', t)],
    ['passwordMode', PASSWORD_MODES.includes(profile.passwordMode) ? undefined : t('Must be one of {0}.', PASSWORD_MODES.join(', '))],
    ['allowClearTextPassword', validateClearText(profile.tls, profile.allowClearTextPassword, t)],
    [
      'ssh',
      profile.ssh
        ? sshProblems(profile.ssh, t)
            .map((p) => p.message)
            .join(' ') || undefined
        : undefined,
    ],
  ];
  return checks.filter((c): c is [keyof ConnectionProfile, string] => c[1] !== undefined).map(([field, message]) => ({ field, message }));
}

// ---- the SSH tunnel ----

function validHostKey(key: { algorithm: unknown; sha256: unknown }): boolean {
  return (
    typeof key.algorithm === 'string' &&
    /^[\x21-\x7e]{1,64}$/.test(key.algorithm) &&
    typeof key.sha256 === 'string' &&
    /^[A-Za-z0-9+/]{43}$/.test(key.sha256)
  );
}

/**
 * Every problem of an SSH tunnel's settings, by field. The bastion is an SSH server: a host (name or
 * address, without `user@`), a port, a user, and an authentication method; key authentication needs
 * the path of the private key file (its content is never stored).
 */
export function sshProblems(ssh: SshTunnelSettings, t: Translate = english): { field: keyof SshTunnelSettings; message: string }[] {
  const host = ssh.host.trim();
  const checks: [keyof SshTunnelSettings, string | undefined][] = [
    [
      'host',
      host.includes('@')
        ? t('Enter the user in the SSH user field, and only the host name of the bastion here.')
        : host
          ? validateHost(host, t)
          : t('Enter the host name or IP address of the SSH bastion.'),
    ],
    [
      'port',
      /^\d+$/.test(String(ssh.port).trim()) && Number(ssh.port) >= 1 && Number(ssh.port) <= 65535
        ? undefined
        : t('The SSH port must be a number from 1 to 65535 (usually 22).'),
    ],
    [
      'user',
      ssh.user.trim()
        ? ssh.user !== ssh.user.trim()
          ? t('The SSH user cannot start or end with spaces.')
          : undefined
        : t('Enter the user to log in to the bastion as.'),
    ],
    ['auth', SSH_AUTH_METHODS.includes(ssh.auth) ? undefined : t('Must be one of {0}.', SSH_AUTH_METHODS.join(', '))],
    [
      'keyFile',
      ssh.auth !== 'key'
        ? undefined
        : !ssh.keyFile?.trim()
          ? t('Choose the private key file (for example ~/.ssh/id_ed25519).')
          : isAbsolutePath(ssh.keyFile.trim())
            ? undefined
            : t('Enter an absolute path.'),
    ],
    [
      'hostKey',
      ssh.hostKey && !validHostKey(ssh.hostKey) ? t('The stored SSH host key is malformed; run "Forget SSH Host Key".') : undefined,
    ],
  ];
  return checks.filter((c): c is [keyof SshTunnelSettings, string] => c[1] !== undefined).map(([field, message]) => ({ field, message }));
}

/** POSIX `/…` or Windows `C:\…` / `\\server\…`; `~` is not expanded by the tunnel, so it is not absolute. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[a-z]:[\\/]/i.test(path) || path.startsWith('\\\\');
}

/** Picks a name not used yet: `name`, then `name (2)`, `name (3)`, … */
export function uniqueName(name: string, others: readonly Pick<ConnectionProfile, 'name'>[]): string {
  const taken = new Set(others.map((o) => o.name.trim().toLowerCase()));
  if (!taken.has(name.trim().toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
