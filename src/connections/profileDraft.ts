import type { ConnectionProfile } from './types';

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
  if (draft.ssh) {
    const { host, port, user, auth, keyFile, hostKey } = draft.ssh;
    clean.ssh = { host: host.trim(), port: Number(port), user, auth };
    if (auth === 'key' && keyFile?.trim()) clean.ssh.keyFile = keyFile.trim();
    if (hostKey) clean.ssh.hostKey = hostKey;
  }
  return clean;
}

/** True when an open connection made with `a` would not be what `b` asks for. */
export function connectionFieldsChanged(a: ConnectionProfile, b: ConnectionProfile): boolean {
  const keys: (keyof ConnectionProfile)[] = ['host', 'port', 'user', 'database', 'tls', 'caFile', 'passwordMode', 'allowClearTextPassword'];
  return keys.some((k) => a[k] !== b[k]) || JSON.stringify(a.ssh ?? null) !== JSON.stringify(b.ssh ?? null);
}
