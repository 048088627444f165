import type { ConnectionProfile, SshTunnelSettings } from './types';

/** A profile being created or edited: everything but the id. */
export type ProfileDraft = Omit<ConnectionProfile, 'id'>;

/** Trims text fields and drops empty or inapplicable optional ones, so globalState holds a tidy profile. */
export function cleanDraft(draft: ProfileDraft): ProfileDraft {
  const clean: ProfileDraft = {
    name: draft.name.trim(),
    host: draft.host.trim(),
    port: Number(draft.port),
    user: draft.user,
    tls: draft.tls,
    passwordMode: draft.passwordMode,
  };
  if (draft.database?.trim()) clean.database = draft.database.trim();
  if (draft.tls === 'verify' && draft.caFile?.trim()) clean.caFile = draft.caFile.trim();
  if (draft.environment?.trim()) clean.environment = draft.environment.trim();
  // Kept even without TLS so that validation refuses it rather than silently dropping the user's choice.
  if (draft.allowClearTextPassword) clean.allowClearTextPassword = true;
  if (draft.ssh) clean.ssh = cleanSsh(draft.ssh);
  return clean;
}

/** The tunnel's fields trimmed; the key file only for key authentication. */
function cleanSsh(ssh: SshTunnelSettings): SshTunnelSettings {
  const clean: SshTunnelSettings = { host: ssh.host.trim(), port: Number(ssh.port), user: ssh.user.trim(), auth: ssh.auth };
  if (ssh.auth === 'key' && ssh.keyFile?.trim()) clean.keyFile = ssh.keyFile.trim();
  if (ssh.hostKey) clean.hostKey = { algorithm: ssh.hostKey.algorithm, sha256: ssh.hostKey.sha256 };
  return clean;
}

/** Whether a host key accepted for `before`'s bastion still applies to `after`'s: same host and port. */
export function sameBastion(before: SshTunnelSettings | undefined, after: SshTunnelSettings | undefined): boolean {
  return !!before && !!after && before.host.toLowerCase() === after.host.toLowerCase() && before.port === after.port;
}

/** The tunnel settings without the accepted host key: what an open tunnel depends on. */
function tunnelFields(ssh: SshTunnelSettings | undefined): string {
  if (!ssh) return '';
  const { hostKey: _accepted, ...fields } = ssh;
  return JSON.stringify(fields);
}

/** True when an open connection made with `a` would not be what `b` asks for. */
export function connectionFieldsChanged(a: ConnectionProfile, b: ConnectionProfile): boolean {
  const keys: (keyof ConnectionProfile)[] = ['host', 'port', 'user', 'database', 'tls', 'caFile', 'passwordMode', 'allowClearTextPassword'];
  return keys.some((k) => a[k] !== b[k]) || tunnelFields(a.ssh) !== tunnelFields(b.ssh);
}
