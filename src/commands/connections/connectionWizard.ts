import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionError } from '../../connections/connectionError';
import type { ConnectionManager, ProfileDraft } from '../../connections/connectionManager';
import { describeServer } from '../../connections/serverProbe';
import {
  clearTextAllowedOver,
  DEFAULT_SSH_PORT,
  formatHostPort,
  parseHostPort,
  validateDatabase,
  validateEnvironment,
  validateProfileName,
  validateSshHost,
  validateSshKeyFile,
  validateSshUser,
  validateUser,
} from '../../connections/profileValidation';
import type { HostKeyId } from '../../connections/ssh/fingerprint';
import type { ConnectionProfile, PasswordMode, ServerInfo, SshAuthMethod, SshTunnelSettings, TlsMode } from '../../connections/types';
import { isAnswered, MultiStepInput, stepsFor, type Answered, type WizardStep } from '../../ui/multiStepInput';
import type { Prompter, ValuedPick } from '../../ui/prompter';

const t = vscode.l10n.t;

/** The answers so far. Going back re-runs a step with its earlier answer prefilled. */
interface WizardState {
  hostPort?: string;
  user?: string;
  passwordMode?: PasswordMode;
  /** Undefined while editing means "keep the stored password". */
  password?: string;
  tls?: TlsMode;
  caFile?: string;
  allowClearTextPassword?: boolean;
  database?: string;
  environment?: string;
  name?: string;
  /** `ssh` once the user chose to go through a bastion (from the test step, or editing a tunnelled connection). */
  route?: 'direct' | 'ssh';
  sshHostPort?: string;
  sshUser?: string;
  sshAuth?: SshAuthMethod;
  sshKeyFile?: string;
  /** The key passphrase or SSH password; undefined while editing means "keep the stored one", '' means none. */
  sshSecret?: string;
  /** The bastion's key: the one accepted before (same bastion) or accepted during the test. */
  sshHostKey?: HostKeyId;
}

export interface WizardResult {
  draft: ProfileDraft;
  /** Undefined: keep the stored password (editing) or no password. */
  password?: string;
  /** The tunnel's passphrase or password; undefined: keep the stored one; '' none. */
  sshSecret?: string;
}

const step = stepsFor<WizardState>();

/** What the live test and the saved profile need answered. */
const DRAFT = ['hostPort', 'user', 'passwordMode', 'tls', 'name'] as const;
type DraftAnswers = Answered<WizardState, (typeof DRAFT)[number]>;

/**
 * Add Connection / Edit Connection: host, user, password, TLS, database, environment, name, then a
 * live test. The test connects with exactly these answers and reports the server version; when it
 * fails, the user jumps back to the step that is most likely wrong, tests again, or saves anyway.
 */
export class ConnectionWizard {
  private readonly state: WizardState;
  private readonly title: string;
  private hasStoredPassword = false;
  private hasStoredSshSecret = false;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly prompter: Prompter,
    private readonly existing?: ConnectionProfile,
  ) {
    this.title = existing ? t('Edit Connection') : t('Add Connection');
    this.state = existing
      ? {
          hostPort: formatHostPort(existing.host, existing.port),
          user: existing.user,
          passwordMode: existing.passwordMode,
          tls: existing.tls,
          caFile: existing.caFile,
          allowClearTextPassword: existing.allowClearTextPassword,
          database: existing.database,
          environment: existing.environment,
          name: existing.name,
          ...(existing.ssh
            ? {
                route: 'ssh' as const,
                sshHostPort: formatHostPort(existing.ssh.host, existing.ssh.port),
                sshUser: existing.ssh.user,
                sshAuth: existing.ssh.auth,
                sshKeyFile: existing.ssh.keyFile,
                sshHostKey: existing.ssh.hostKey,
              }
            : {}),
        }
      : {};
  }

  async run(): Promise<WizardResult | undefined> {
    if (this.existing) {
      this.hasStoredPassword = await this.manager.hasStoredPassword(this.existing.id);
      this.hasStoredSshSecret = await this.manager.hasStoredSshSecret(this.existing.id);
    }
    const result = await MultiStepInput.run(this.prompter, { title: this.title, steps: this.steps }, this.state);
    return result === 'done' && isAnswered(this.state, DRAFT)
      ? { draft: this.draft(this.state), password: this.passwordToSave(), sshSecret: this.sshSecretToSave() }
      : undefined;
  }

  private readonly askHost = step({ name: 'host' }, async (input, s) => {
    s.hostPort = await input.input({
      prompt: t('Host and port of a StarRocks FE (the MySQL-protocol query port, 9030 by default)'),
      placeholder: t('e.g. fe1.example.com:9030 or 127.0.0.1'),
      value: s.hostPort,
      validate: (v) => {
        const parsed = parseHostPort(v, t);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
  });

  private readonly askUser = step({ name: 'user' }, async (input, s) => {
    s.user = await input.input({ prompt: t('User name'), placeholder: t('e.g. root'), value: s.user, validate: (v) => validateUser(v, t) });
  });

  private readonly askPasswordMode = step({ name: 'password mode' }, async (input, s) => {
    const items: ValuedPick<PasswordMode>[] = [
      {
        value: 'stored',
        label: t('Store the password'),
        detail: t('Kept in the secret storage of VS Code (the OS keychain), never in settings.'),
      },
      { value: 'ask', label: t('Ask for the password when connecting'), detail: t('Kept in memory only while connected.') },
      { value: 'none', label: t('No password'), detail: t('The user has an empty password.') },
    ];
    const picked = await input.pick(items, {
      placeholder: t('How should the password be handled?'),
      activeItem: items.find((i) => i.value === s.passwordMode),
    });
    s.passwordMode = picked.value;
    if (picked.value === 'none') s.password = undefined;
  });

  private readonly askPassword = step({ name: 'password', when: (s) => s.passwordMode !== 'none' }, async (input, s) => {
    const keeping = this.hasStoredPassword && s.passwordMode === 'stored';
    const value = await input.input({
      prompt:
        s.passwordMode === 'stored'
          ? keeping
            ? t('Password (leave empty to keep the stored one)')
            : t('Password (stored in the secret storage of VS Code)')
          : t('Password, used now to test the connection; asked again when connecting'),
      password: true,
      value: s.password ?? '',
      validate: (v) => (v === '' && !keeping ? t('Enter the password, or go back and choose "No password".') : undefined),
    });
    s.password = value === '' ? undefined : value;
  });

  private readonly askTls = step({ name: 'TLS' }, async (input, s) => {
    const items: ValuedPick<TlsMode>[] = [
      { value: 'off', label: t('TLS off'), detail: t('Unencrypted, the default of StarRocks.') },
      {
        value: 'on',
        label: t('TLS on'),
        detail: t(
          'Encrypted; the server certificate is not checked (like --ssl-mode=REQUIRED), so the LDAP clear-text password is not available with it.',
        ),
      },
      {
        value: 'verify',
        label: t('TLS with certificate verification'),
        detail: t(
          'Encrypted; the certificate must be signed by a CA file you choose and match the host name. Needed for LDAP users (clear-text password).',
        ),
      },
    ];
    const picked = await input.pick(items, {
      placeholder: t('Encryption (TLS)'),
      activeItem: items.find((i) => i.value === (s.tls ?? 'off')),
    });
    s.tls = picked.value;
    if (!clearTextAllowedOver(picked.value)) s.allowClearTextPassword = undefined;
  });

  private readonly askCaFile = step({ name: 'CA file', when: (s) => s.tls === 'verify' }, async (input, s) => {
    s.caFile = await input.input({
      prompt: t('Path of the CA certificate file (PEM) that signed the server certificate'),
      placeholder: t('e.g. /etc/ssl/certs/starrocks-ca.pem'),
      value: s.caFile,
      validate: (v) => validateCaFile(v),
    });
  });

  /** Clear-text passwords only over TLS that verifies the certificate: nobody in between can read them. */
  private readonly askClearText = step(
    { name: 'authentication', when: (s) => s.tls !== undefined && clearTextAllowedOver(s.tls) },
    async (input, s) => {
      const items: ValuedPick<boolean>[] = [
        { value: false, label: t('Standard authentication') },
        {
          value: true,
          label: t('LDAP: send the password in clear text'),
          detail: t(
            "Uses mysql_clear_password, as LDAP users need. Only allowed because the connection is encrypted and the server's certificate is verified, so nobody in between can read the password.",
          ),
        },
      ];
      const picked = await input.pick(items, {
        placeholder: t('Authentication'),
        activeItem: items.find((i) => i.value === !!s.allowClearTextPassword),
      });
      s.allowClearTextPassword = picked.value || undefined;
    },
  );

  private readonly askDatabase = step({ name: 'database' }, async (input, s) => {
    s.database =
      (
        await input.input({
          prompt: t('Default database (optional)'),
          placeholder: t('Leave empty for none'),
          value: s.database,
          validate: (v) => validateDatabase(v.trim(), t),
        })
      ).trim() || undefined;
  });

  private readonly askEnvironment = step({ name: 'environment' }, async (input, s) => {
    s.environment =
      (
        await input.input({
          prompt: t('Environment label (optional), shown next to the connection and in the status bar'),
          placeholder: t('e.g. production, staging, dev'),
          value: s.environment,
          validate: (v) => validateEnvironment(v.trim(), t),
        })
      ).trim() || undefined;
  });

  private readonly askName = step({ name: 'name', needs: ['hostPort', 'user'] }, async (input, s) => {
    const others = this.manager.listProfiles().filter((p) => p.id !== this.existing?.id);
    s.name = (
      await input.input({
        prompt: t('Connection name'),
        value: s.name ?? defaultName(s),
        validate: (v) => validateProfileName(v, others, t),
      })
    ).trim();
  });

  // ---- the SSH tunnel: asked after "Connect through an SSH bastion…" on the test step, or when editing a tunnelled connection ----

  private readonly askSshHost = step({ name: 'SSH bastion', when: (s) => s.route === 'ssh' }, async (input, s) => {
    const before = s.sshHostPort;
    s.sshHostPort = await input.input({
      prompt: t('Host and port of the SSH bastion (port 22 by default). The FE host above is then the address the bastion reaches.'),
      placeholder: t('e.g. bastion.example.com or bastion.example.com:2222'),
      value: s.sshHostPort,
      validate: (v) => {
        const error = validateSshHost(v, t);
        if (error && !v.includes(':')) return error;
        const parsed = parseHostPort(v, t, DEFAULT_SSH_PORT);
        return 'error' in parsed ? parsed.error : undefined;
      },
    });
    // A key accepted for one bastion says nothing about another.
    if (s.sshHostPort.trim() !== before?.trim()) s.sshHostKey = undefined;
  });

  private readonly askSshUser = step({ name: 'SSH user', when: (s) => s.route === 'ssh' }, async (input, s) => {
    s.sshUser = (
      await input.input({
        prompt: t('User name on the SSH bastion'),
        placeholder: t('e.g. ubuntu'),
        value: s.sshUser,
        validate: (v) => validateSshUser(v, t),
      })
    ).trim();
  });

  private readonly askSshAuth = step({ name: 'SSH authentication', when: (s) => s.route === 'ssh' }, async (input, s) => {
    const items: ValuedPick<SshAuthMethod>[] = [
      {
        value: 'key',
        label: t('Private key file'),
        detail: t('The key stays where it is; the connection keeps its path. A passphrase is kept in the secret storage of VS Code.'),
      },
      { value: 'password', label: t('SSH password'), detail: t('Kept in the secret storage of VS Code.') },
      { value: 'agent', label: t('SSH agent'), detail: t('The keys your ssh-agent holds (SSH_AUTH_SOCK).') },
    ];
    const picked = await input.pick(items, {
      placeholder: t('How do you log in to the SSH bastion?'),
      activeItem: items.find((i) => i.value === (s.sshAuth ?? 'key')),
    });
    if (picked.value !== s.sshAuth) s.sshSecret = undefined;
    s.sshAuth = picked.value;
  });

  private readonly askSshKeyFile = step(
    { name: 'SSH key file', when: (s) => s.route === 'ssh' && s.sshAuth === 'key' },
    async (input, s) => {
      s.sshKeyFile = (
        await input.input({
          prompt: t('Path of the SSH private key file (not the .pub file)'),
          placeholder: t('e.g. /home/me/.ssh/id_ed25519'),
          value: s.sshKeyFile,
          validate: (v) => validateKeyFile(v),
        })
      ).trim();
    },
  );

  private readonly askSshSecret = step(
    { name: 'SSH secret', when: (s) => s.route === 'ssh' && (s.sshAuth === 'key' || s.sshAuth === 'password') },
    async (input, s) => {
      const keeping = this.keepsStoredSshSecret(s);
      const isKey = s.sshAuth === 'key';
      const value = await input.input({
        prompt: isKey
          ? keeping
            ? t('Passphrase of the key (leave empty to keep the stored one)')
            : t('Passphrase of the key, stored in the secret storage of VS Code (leave empty if the key has none)')
          : keeping
            ? t('SSH password (leave empty to keep the stored one)')
            : t('SSH password, stored in the secret storage of VS Code'),
        password: true,
        value: s.sshSecret ?? '',
        validate: (v) =>
          v === '' && !isKey && !keeping ? t('Enter the SSH password, or go back and choose another way to log in.') : undefined,
      });
      s.sshSecret = value === '' && keeping ? undefined : value;
    },
  );

  /** Connects with the answers; success saves, failure offers to go back to the likely culprit ("Test again" re-runs this step). */
  private readonly testStep: WizardStep<WizardState> = this.liveTest('test', (s) => s.route !== 'ssh');

  /** The same test through the tunnel, once the tunnel's questions are answered. */
  private readonly sshTestStep: WizardStep<WizardState> = this.liveTest('test through SSH', (s) => s.route === 'ssh');

  private liveTest(name: string, when: (s: WizardState) => boolean): WizardStep<WizardState> {
    const self: WizardStep<WizardState> = step({ name, needs: DRAFT, when }, async (input, s) => {
      const draft = this.draft(s);
      let outcome: { info: ServerInfo } | { error: ConnectionError } | undefined;
      const items = this.testPassword().then(async (password) => {
        try {
          outcome = {
            info: await this.manager.testConnection(this.existing ? { ...draft, id: this.existing.id } : draft, password, {
              sshSecret: s.sshSecret,
              onHostKeyAccepted: (key) => (s.sshHostKey = key),
            }),
          };
        } catch (e) {
          outcome = { error: e as ConnectionError };
        }
        return this.testItems(outcome);
      });
      const picked = await input.pick(items, {
        busyPlaceholder: draft.ssh
          ? t(
              'Connecting to {0} through the SSH bastion {1}…',
              formatHostPort(draft.host, draft.port),
              formatHostPort(draft.ssh.host, draft.ssh.port),
            )
          : t('Connecting to {0}…', formatHostPort(draft.host, draft.port)),
        placeholder: () => (outcome && 'info' in outcome ? t('Connected: {0}.', describeServer(outcome.info, t)) : outcome?.error.message),
      });
      if (picked.value === 'save') return;
      if (picked.value === 'retry') return input.backTo(self);
      if (picked.value === 'ssh') {
        // On to the tunnel's questions, which follow this step.
        s.route = 'ssh';
        return;
      }
      if (picked.value === 'direct') {
        // Without the bastion the FE is likely reached at another address: start from the host.
        s.route = 'direct';
        return input.backTo(this.askHost);
      }
      input.backTo(input.hasTaken(picked.value) ? picked.value : this.askHost);
    });
    return self;
  }

  /** The wizard's steps, in the order they are asked; each one's guard says whether it is. */
  private get steps(): WizardStep<WizardState>[] {
    return [
      this.askHost,
      this.askUser,
      this.askPasswordMode,
      this.askPassword,
      this.askTls,
      this.askCaFile,
      this.askClearText,
      this.askDatabase,
      this.askEnvironment,
      this.askName,
      this.testStep,
      this.askSshHost,
      this.askSshUser,
      this.askSshAuth,
      this.askSshKeyFile,
      this.askSshSecret,
      this.sshTestStep,
    ];
  }

  private testItems(
    outcome: { info: ServerInfo } | { error: ConnectionError },
  ): ValuedPick<'save' | 'retry' | 'ssh' | 'direct' | WizardStep<WizardState>>[] {
    const retry: ValuedPick<'retry'> = { value: 'retry', label: `$(debug-restart) ${t('Test again')}` };
    const route: ValuedPick<'ssh' | 'direct'> =
      this.state.route === 'ssh'
        ? { value: 'direct', label: `$(close) ${t('Connect directly, without the SSH bastion')}` }
        : {
            value: 'ssh',
            label: `$(remote) ${t('Connect through an SSH bastion…')}`,
            detail: t(
              'For an FE that only a bastion host can reach: an SSH tunnel, with the host and port above as the bastion sees them.',
            ),
          };
    if ('info' in outcome) {
      const notes = outcome.info.sharedData ? t('Shared-data cluster: BACKUP and RESTORE are not supported there.') : undefined;
      return [
        {
          value: 'save',
          label: `$(check) ${t('Save')}`,
          detail: [t('Connected: {0}.', describeServer(outcome.info, t)), notes].filter(Boolean).join(' '),
        },
        retry,
        route,
      ];
    }
    const fix = this.fixFor(outcome.error);
    return [
      { value: fix.step, label: `$(arrow-left) ${fix.label}`, detail: outcome.error.message },
      retry,
      route,
      { value: 'save', label: `$(warning) ${t('Save without a working connection')}` },
    ];
  }

  /** The step most likely to hold the mistake, by the kind of failure. */
  private fixFor(error: ConnectionError): { step: WizardStep<WizardState>; label: string } {
    switch (error.kind) {
      case 'auth':
        return this.state.passwordMode !== 'none' && !/clear text/i.test(error.message)
          ? { step: this.askPassword, label: t('Fix the password') }
          : { step: this.askTls, label: t('Fix TLS and authentication') };
      case 'tls':
      case 'config':
        return { step: this.askTls, label: t('Fix the TLS settings') };
      case 'bastionUnreachable':
      case 'hostKeyChanged':
        return { step: this.askSshHost, label: t('Fix the SSH bastion') };
      case 'sshAuth':
        return this.state.sshAuth === 'agent'
          ? { step: this.askSshAuth, label: t('Fix the SSH login') }
          : { step: this.askSshSecret, label: this.state.sshAuth === 'key' ? t('Fix the key passphrase') : t('Fix the SSH password') };
      case 'forwardFailed':
        return { step: this.askHost, label: t('Fix the FE host and port (as the bastion sees them)') };
      case 'cancelled':
        // The bastion's host key was not accepted: perhaps it is not the bastion meant.
        return this.state.route === 'ssh'
          ? { step: this.askSshHost, label: t('Fix the SSH bastion') }
          : { step: this.askHost, label: t('Fix the host and port') };
      case 'permission':
      case 'server':
        return this.state.database
          ? { step: this.askDatabase, label: t('Fix the default database') }
          : { step: this.askUser, label: t('Fix the user') };
      default:
        return { step: this.askHost, label: t('Fix the host and port') };
    }
  }

  /** The password for the test: typed in the wizard, or (editing, kept) the stored one. */
  private async testPassword(): Promise<string | undefined> {
    if (this.state.passwordMode === 'none') return undefined;
    if (this.state.password !== undefined) return this.state.password;
    if (this.existing && this.hasStoredPassword)
      return (await this.manager.resolvePassword({ ...this.existing, passwordMode: 'stored' })).password;
    return undefined;
  }

  private passwordToSave(): string | undefined {
    return this.state.passwordMode === 'none' ? undefined : this.state.password;
  }

  /** The stored passphrase or password can stay only for the same way of logging in. */
  private keepsStoredSshSecret(s: WizardState): boolean {
    return this.hasStoredSshSecret && this.existing?.ssh?.auth === s.sshAuth;
  }

  private sshSecretToSave(): string | undefined {
    return this.state.route === 'ssh' && this.state.sshAuth !== 'agent' ? this.state.sshSecret : undefined;
  }

  private draft(s: DraftAnswers): ProfileDraft {
    const parsed = parseHostPort(s.hostPort);
    const { host, port } = 'error' in parsed ? { host: '', port: 0 } : parsed;
    return {
      name: s.name,
      host,
      port,
      user: s.user,
      database: s.database,
      tls: s.tls,
      caFile: s.tls === 'verify' ? s.caFile : undefined,
      environment: s.environment,
      passwordMode: s.passwordMode,
      allowClearTextPassword: clearTextAllowedOver(s.tls) ? s.allowClearTextPassword : undefined,
      ssh: this.tunnelDraft(s),
    };
  }

  /** The tunnel of the answers, once its questions are answered. */
  private tunnelDraft(s: WizardState): SshTunnelSettings | undefined {
    if (s.route !== 'ssh' || !s.sshHostPort || !s.sshUser || !s.sshAuth) return undefined;
    const parsed = parseHostPort(s.sshHostPort, t, DEFAULT_SSH_PORT);
    if ('error' in parsed) return undefined;
    const ssh: SshTunnelSettings = { host: parsed.host, port: parsed.port, user: s.sshUser, auth: s.sshAuth };
    if (s.sshAuth === 'key') ssh.keyFile = s.sshKeyFile;
    if (s.sshHostKey) ssh.hostKey = s.sshHostKey;
    return ssh;
  }
}

function defaultName(s: Answered<WizardState, 'hostPort' | 'user'>): string {
  const parsed = parseHostPort(s.hostPort);
  return 'error' in parsed ? s.user : `${s.user}@${formatHostPort(parsed.host, parsed.port)}`;
}

async function validateKeyFile(value: string): Promise<string | undefined> {
  const problem = validateSshKeyFile(value, t);
  if (problem) return problem;
  try {
    const stat = await fs.stat(value.trim());
    return stat.isFile() ? undefined : t('This is not a file.');
  } catch {
    return t('The file does not exist or cannot be read.');
  }
}

async function validateCaFile(value: string): Promise<string | undefined> {
  const file = value.trim();
  if (!file) return t('Enter the path of the CA certificate file.');
  if (!path.isAbsolute(file)) return t('Enter an absolute path.');
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? undefined : t('This is not a file.');
  } catch {
    return t('The file does not exist or cannot be read.');
  }
}
