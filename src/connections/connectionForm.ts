/**
 * The connection form's model: the fields as the form shows them (text), from a profile or a pasted
 * address, back to a profile draft, and the problems to show next to each field. Pure (no
 * `vscode`); the checks themselves are the profile validators in `profileValidation.ts`.
 * Secrets are not fields of this model: the form posts them apart, once, on Test or Save.
 */
import type { ParsedAddress } from './connectionAddress';
import type { ProfileDraft } from './profileDraft';
import {
  clearTextAllowedOver,
  DEFAULT_PORT,
  DEFAULT_SSH_PORT,
  english,
  profileProblems,
  sshProblems,
  type Translate,
} from './profileValidation';
import type { ConnectionProfile, PasswordMode, SshAuthMethod, SshTunnelSettings, TlsMode } from './types';

export interface ConnectionFormValues {
  name: string;
  host: string;
  port: string;
  user: string;
  passwordMode: PasswordMode;
  database: string;
  tls: TlsMode;
  caFile: string;
  allowClearTextPassword: boolean;
  environment: string;
  sshEnabled: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  sshAuth: SshAuthMethod;
  sshKeyFile: string;
}

/** The secrets typed into the form, posted with Test and Save only. Empty: keep the stored one. */
export interface ConnectionFormSecrets {
  password?: string;
  sshSecret?: string;
}

/** What is already in SecretStorage for the profile being edited (never the secrets themselves). */
export interface StoredSecrets {
  password: boolean;
  sshSecret: boolean;
}

export type FormField = keyof ConnectionFormValues | 'password' | 'sshSecret';
export type FormProblems = Partial<Record<FormField, string>>;

/** The form's fields for a new connection, an existing one, or a pasted address. */
export function formValuesOf(profile?: ConnectionProfile, address?: ParsedAddress): ConnectionFormValues {
  const ssh = profile?.ssh;
  return {
    name: profile?.name ?? '',
    host: profile?.host ?? address?.host ?? '',
    port: String(profile?.port ?? address?.port ?? DEFAULT_PORT),
    user: profile?.user ?? address?.user ?? '',
    passwordMode: profile?.passwordMode ?? 'stored',
    database: profile?.database ?? address?.database ?? '',
    tls: profile?.tls ?? address?.tls ?? 'off',
    caFile: profile?.caFile ?? '',
    allowClearTextPassword: profile?.allowClearTextPassword ?? false,
    environment: profile?.environment ?? '',
    sshEnabled: ssh !== undefined,
    sshHost: ssh?.host ?? '',
    sshPort: String(ssh?.port ?? DEFAULT_SSH_PORT),
    sshUser: ssh?.user ?? '',
    sshAuth: ssh?.auth ?? 'key',
    sshKeyFile: ssh?.keyFile ?? '',
  };
}

/**
 * The profile the form's fields describe. An empty name becomes `user@host:port`. The accepted host
 * key of an edited profile's tunnel is kept while the bastion stays the same; a different bastion
 * must be accepted afresh.
 */
export function draftOf(values: ConnectionFormValues, existing?: ConnectionProfile): ProfileDraft {
  const port = Number(values.port.trim());
  const draft: ProfileDraft = {
    name: values.name.trim() || `${values.user}@${values.host.trim()}:${values.port.trim()}`,
    host: values.host.trim(),
    port: /^\d+$/.test(values.port.trim()) ? port : NaN,
    user: values.user,
    tls: values.tls,
    passwordMode: values.passwordMode,
  };
  if (values.database.trim()) draft.database = values.database.trim();
  if (values.tls === 'verify' && values.caFile.trim()) draft.caFile = values.caFile.trim();
  if (values.environment.trim()) draft.environment = values.environment.trim();
  if (values.allowClearTextPassword && clearTextAllowedOver(values.tls)) draft.allowClearTextPassword = true;
  if (values.sshEnabled) {
    const ssh: SshTunnelSettings = {
      host: values.sshHost.trim(),
      port: /^\d+$/.test(values.sshPort.trim()) ? Number(values.sshPort.trim()) : NaN,
      user: values.sshUser,
      auth: values.sshAuth,
    };
    if (values.sshAuth === 'key' && values.sshKeyFile.trim()) ssh.keyFile = values.sshKeyFile.trim();
    const previous = existing?.ssh;
    if (previous?.hostKey && previous.host === ssh.host && previous.port === ssh.port) ssh.hostKey = previous.hostKey;
    draft.ssh = ssh;
  }
  return draft;
}

const PROFILE_FIELDS: Partial<Record<keyof ConnectionProfile, FormField>> = {
  name: 'name',
  host: 'host',
  port: 'port',
  user: 'user',
  database: 'database',
  tls: 'tls',
  caFile: 'caFile',
  environment: 'environment',
  passwordMode: 'passwordMode',
  allowClearTextPassword: 'allowClearTextPassword',
};

const SSH_FIELDS: Record<keyof SshTunnelSettings, FormField> = {
  host: 'sshHost',
  port: 'sshPort',
  user: 'sshUser',
  auth: 'sshAuth',
  keyFile: 'sshKeyFile',
  hostKey: 'sshHost',
};

/**
 * The problems to show next to the fields, from the profile validators, plus the secrets a
 * connection needs: a stored-password profile needs a password (typed, or already stored), and
 * SSH password authentication needs the SSH password. A key passphrase is optional.
 */
export function formProblems(
  values: ConnectionFormValues,
  others: readonly Pick<ConnectionProfile, 'name'>[],
  typed: ConnectionFormSecrets,
  stored: StoredSecrets,
  t: Translate = english,
  existing?: ConnectionProfile,
): FormProblems {
  const draft = draftOf(values, existing);
  const problems: FormProblems = {};
  for (const { field, message } of profileProblems({ ...draft, ssh: undefined }, others, t)) {
    const formField = PROFILE_FIELDS[field];
    if (formField && !problems[formField]) problems[formField] = message;
  }
  if (!values.port.trim() || !/^\d+$/.test(values.port.trim()))
    problems.port ??= t('The port must be a number from 1 to 65535 (the FE query port is usually 9030).');
  if (draft.ssh) {
    for (const { field, message } of sshProblems(draft.ssh, t)) problems[SSH_FIELDS[field]] ??= message;
    if (draft.ssh.auth === 'password' && !typed.sshSecret && !stored.sshSecret)
      problems.sshSecret = t('Enter the SSH password of the bastion user.');
  }
  if (values.passwordMode === 'stored' && !typed.password && !stored.password)
    problems.password = t('Enter the password, or choose "Ask when connecting" or "No password".');
  return problems;
}

/** What the form's webview sends. Untrusted: the panel checks each message's shape (`readFormMessage`). */
export type FormMessage =
  | { type: 'ready' }
  | { type: 'validate'; values: ConnectionFormValues }
  | { type: 'test'; values: ConnectionFormValues; secrets: ConnectionFormSecrets }
  | { type: 'save'; values: ConnectionFormValues; secrets: ConnectionFormSecrets }
  | { type: 'pickFile'; field: 'caFile' | 'sshKeyFile' }
  | { type: 'cancel' };

/** What the panel sends to the webview. */
export type PanelMessage =
  | {
      type: 'init';
      values: ConnectionFormValues;
      stored: StoredSecrets;
      /** A password read from a pasted address, for the password field only; sent once. */
      password?: string;
      notes: string[];
      strings: Record<'testing' | 'keepStored' | 'passphrase' | 'sshPassword' | 'passwordForTest', string>;
    }
  | { type: 'problems'; problems: FormProblems }
  /** `field`: where the mistake most likely is, focused by the form after a failed test. */
  | { type: 'testResult'; ok: boolean; message: string; field?: FormField }
  | { type: 'picked'; field: 'caFile' | 'sshKeyFile'; path: string }
  | { type: 'saved' };

const TEXT_FIELDS = [
  'name',
  'host',
  'port',
  'user',
  'database',
  'caFile',
  'environment',
  'sshHost',
  'sshPort',
  'sshUser',
  'sshKeyFile',
] as const;

/** A webview message checked field by field, or undefined when it is not one the form sends. */
export function readFormMessage(message: unknown): FormMessage | undefined {
  if (!isRecord(message) || typeof message.type !== 'string') return undefined;
  switch (message.type) {
    case 'ready':
    case 'cancel':
      return { type: message.type };
    case 'pickFile':
      return message.field === 'caFile' || message.field === 'sshKeyFile' ? { type: 'pickFile', field: message.field } : undefined;
    case 'validate':
    case 'test':
    case 'save': {
      const values = readValues(message.values);
      if (!values) return undefined;
      if (message.type === 'validate') return { type: 'validate', values };
      const secrets = isRecord(message.secrets) ? message.secrets : {};
      const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      return { type: message.type, values, secrets: { password: text(secrets.password), sshSecret: text(secrets.sshSecret) } };
    }
    default:
      return undefined;
  }
}

function readValues(raw: unknown): ConnectionFormValues | undefined {
  if (!isRecord(raw)) return undefined;
  if (!TEXT_FIELDS.every((key) => typeof raw[key] === 'string')) return undefined;
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
    allowed.includes(value as T) ? (value as T) : undefined;
  const passwordMode = oneOf(raw.passwordMode, ['stored', 'ask', 'none'] as const);
  const tls = oneOf(raw.tls, ['off', 'on', 'verify'] as const);
  const sshAuth = oneOf(raw.sshAuth, ['key', 'password', 'agent'] as const);
  if (!passwordMode || !tls || !sshAuth) return undefined;
  const text = Object.fromEntries(TEXT_FIELDS.map((key) => [key, raw[key] as string])) as Record<(typeof TEXT_FIELDS)[number], string>;
  return {
    ...text,
    passwordMode,
    tls,
    sshAuth,
    allowClearTextPassword: raw.allowClearTextPassword === true,
    sshEnabled: raw.sshEnabled === true,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
