import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPLORER_VIEW_ID } from '../commands/commandIds';
import type { Prompter } from '../ui/prompter';
import { ConnectionError, isConnectionFailureKind, isConnectionLoss, toConnectionError, type ErrorContext } from './connectionError';
import { connectionOptions, poolOptions, type ConnectionSettings } from './driverOptions';
import { cleanDraft, connectionFieldsChanged, sameBastion, type ProfileDraft } from './profileDraft';
import { ProfilePool, withSingleConnection } from './profilePool';
import { ProfileStore } from './profileStore';
import { CONTEXT_HAS_CONNECTIONS } from './stateKeys';
import { buildTransferFile, parseTransferFile, type TransferFile } from './profileTransfer';
import { formatHostPort, profileProblems, uniqueName } from './profileValidation';
import { SecretStore } from './secretStore';
import { describeServer, probeServer } from './serverProbe';
import { readSettings } from './settings';
import { StarRocksSessionImpl } from './session';
import { formatFingerprint, type HostKeyId } from './ssh/fingerprint';
import { knownHostKeys, type KnownHostEntry } from './ssh/knownHosts';
import { SshTunnel } from './ssh/sshTunnel';
import type {
  ConnectionChangeEvent,
  ConnectionProfile,
  ConnectionService,
  ConnectionState,
  S3CredentialSource,
  S3EndpointSettings,
  ServerInfo,
  StarRocksSession,
} from './types';

export interface ConnectionManagerDeps {
  /** `context.globalState`: profiles and other non-secret data. */
  state: vscode.Memento;
  /** `context.secrets`: passwords and S3 keys, nothing else. */
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
  prompter: Prompter;
  /** Timeouts; read from the `starrocksBackup.*` settings unless given. */
  settings?: () => ConnectionSettings;
}

export type { ProfileDraft } from './profileDraft';

/** What a live test needs beyond the profile: the SSH secret typed but not stored yet, and who learns of an accepted host key. */
export interface TestConnectionOptions {
  /** The tunnel's key passphrase or password; when undefined, the one stored for the profile (if it has an id). */
  sshSecret?: string;
  /** Called when the user accepted the bastion's host key during the test, so an unsaved profile can keep it. */
  onHostKeyAccepted?(key: HostKeyId): void;
}

/** Result of Import Connections…. */
export interface ImportOutcome {
  imported: ConnectionProfile[];
  errors: string[];
  warnings: string[];
}

const t = vscode.l10n.t;

/**
 * Owns connection profiles, their secrets, and one pool per profile. See `types.ts` for the
 * contract the rest of the extension uses; the extra members here serve the connection commands.
 */
export class ConnectionManager implements ConnectionService {
  private readonly emitter = new vscode.EventEmitter<ConnectionChangeEvent>();
  readonly onDidChangeConnections = this.emitter.event;

  private readonly store: ProfileStore;
  private readonly secretStore: SecretStore;
  private readonly sessions = new Map<string, StarRocksSessionImpl>();
  private readonly opening = new Map<string, Promise<StarRocksSessionImpl>>();
  /** Profiles whose server turned out not to be StarRocks: nothing more is sent until the profile changes or is disconnected. */
  private readonly notStarRocks = new Map<string, ConnectionError>();
  private readonly states = new Map<string, ConnectionState>();
  /** Passwords typed for "ask on connect" profiles, kept only while their session is open. */
  private readonly typedPasswords = new Map<string, string>();
  private readonly settings: () => ConnectionSettings;
  private disposed = false;
  /**
   * The known_hosts files whose keys are accepted for a bastion, as OpenSSH reads them. A list the
   * integration tests replace, so that they never read or write the user's own file.
   */
  knownHostsFiles: string[] = [path.join(os.homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];

  constructor(private readonly deps: ConnectionManagerDeps) {
    this.store = new ProfileStore(deps.state);
    this.secretStore = new SecretStore(deps.secrets);
    this.settings = deps.settings ?? readSettings;
    void this.updateContextKey();
  }

  // ---- profiles ----

  listProfiles(): ConnectionProfile[] {
    return this.store.list();
  }

  getProfile(id: string): ConnectionProfile | undefined {
    return this.store.get(id);
  }

  /** Saves a new profile (and its password when the profile stores one, and its tunnel's passphrase or password). */
  async addProfile(draft: ProfileDraft, password?: string, sshSecret?: string): Promise<ConnectionProfile> {
    this.assertValid(draft);
    const profile: ConnectionProfile = { ...cleanDraft(draft), id: randomUUID() };
    await this.store.put(profile);
    if (profile.passwordMode === 'stored' && password !== undefined) await this.secretStore.setPassword(profile.id, password);
    if (profile.ssh && profile.ssh.auth !== 'agent' && sshSecret) await this.secretStore.setSshSecret(profile.id, sshSecret);
    this.deps.log.info(`Added connection "${profile.name}" (${formatHostPort(profile.host, profile.port)}, user ${profile.user}).`);
    await this.profilesChanged(profile.id);
    return profile;
  }

  /**
   * Replaces a profile's fields. `password` (and `sshSecret`, the tunnel's passphrase or password;
   * empty for none) undefined keeps the stored one. The open connection is closed when anything it
   * depends on changed, so the next use connects with the new settings. The bastion's accepted host
   * key stays while the bastion's host and port do (unless another one is given).
   */
  async updateProfile(profile: ConnectionProfile, password?: string, sshSecret?: string): Promise<ConnectionProfile> {
    const previous = this.store.get(profile.id);
    if (!previous) throw new ConnectionError(t('The connection "{0}" no longer exists.', profile.name), { kind: 'config' });
    this.assertValid(profile, profile.id);
    const updated: ConnectionProfile = { ...cleanDraft(profile), id: profile.id };
    if (updated.ssh) {
      const hostKey = sameBastion(previous.ssh, updated.ssh) ? (updated.ssh.hostKey ?? previous.ssh?.hostKey) : updated.ssh.hostKey;
      updated.ssh = { ...updated.ssh, hostKey };
      if (!hostKey) delete updated.ssh.hostKey;
    }
    await this.store.put(updated);
    if (updated.passwordMode !== 'stored') await this.secretStore.deletePassword(updated.id);
    else if (password !== undefined) await this.secretStore.setPassword(updated.id, password);
    if (!updated.ssh || updated.ssh.auth === 'agent' || sshSecret === '') await this.secretStore.deleteSshSecret(updated.id);
    else if (sshSecret !== undefined) await this.secretStore.setSshSecret(updated.id, sshSecret);
    if (password !== undefined || sshSecret !== undefined || connectionFieldsChanged(previous, updated)) await this.disconnect(updated.id);
    this.deps.log.info(`Updated connection "${updated.name}".`);
    await this.profilesChanged(updated.id);
    return updated;
  }

  /** Removes a profile, its open connection, its password and every S3 credential stored for it. */
  async removeProfile(id: string): Promise<void> {
    const profile = this.store.get(id);
    await this.disconnect(id);
    await this.secretStore.deletePassword(id);
    await this.secretStore.deleteSshSecret(id);
    for (const repository of this.store.credentialRepositories(id)) await this.secretStore.deleteS3(id, repository);
    await this.store.remove(id);
    this.states.delete(id);
    this.deps.log.info(`Removed connection "${profile?.name ?? id}" and its stored secrets.`);
    await this.profilesChanged(undefined);
  }

  /** The export file: non-secret fields only. */
  exportProfiles(ids?: readonly string[]): TransferFile {
    const profiles = this.listProfiles().filter((p) => !ids || ids.includes(p.id));
    return buildTransferFile(profiles, (id) => this.store.endpoints(id));
  }

  /** Validates an export file and adds its profiles (renamed on a name clash). Never imports secrets. */
  async importProfiles(text: string): Promise<ImportOutcome> {
    const parsed = parseTransferFile(text, t);
    const outcome: ImportOutcome = { imported: [], errors: parsed.errors, warnings: parsed.warnings };
    if (parsed.errors.length > 0) return outcome;
    for (const entry of parsed.connections) {
      const { s3Endpoints, ...draft } = entry;
      const name = uniqueName(draft.name, this.listProfiles());
      if (name !== draft.name) outcome.warnings.push(t('"{0}" already exists; imported as "{1}".', draft.name, name));
      const profile = await this.addProfile({ ...draft, name });
      for (const [repository, settings] of Object.entries(s3Endpoints ?? {}))
        await this.store.setEndpoint(profile.id, repository, settings);
      outcome.imported.push(profile);
    }
    return outcome;
  }

  // ---- passwords ----

  /** Whether SecretStorage holds a password for the profile (never the password itself). */
  async hasStoredPassword(id: string): Promise<boolean> {
    return (await this.secretStore.password(id)) !== undefined;
  }

  async updatePassword(id: string, password: string): Promise<void> {
    const profile = this.requireProfile(id);
    if (profile.passwordMode !== 'stored') await this.store.put({ ...profile, passwordMode: 'stored' });
    await this.secretStore.setPassword(id, password);
    this.typedPasswords.delete(id);
    // Pooled connections authenticated with the old password; the next use reconnects.
    await this.disconnect(id);
    this.deps.log.info(`Updated the stored password of "${profile.name}".`);
    await this.profilesChanged(id);
  }

  /** Deletes the stored password; the profile asks for it on the next connect and stores it again. */
  async forgetPassword(id: string): Promise<void> {
    const profile = this.requireProfile(id);
    await this.secretStore.deletePassword(id);
    this.typedPasswords.delete(id);
    this.deps.log.info(`Forgot the stored password of "${profile.name}".`);
    this.emitter.fire({ profileId: id, reason: 'profiles' });
  }

  // ---- the SSH tunnel ----

  /** Whether SecretStorage holds the tunnel's passphrase or password (never the secret itself). */
  async hasStoredSshSecret(id: string): Promise<boolean> {
    return (await this.secretStore.sshSecret(id)) !== undefined;
  }

  /**
   * Forgets the bastion's accepted host key: the next connection shows the key the bastion presents
   * and asks again. The deliberate way to accept a bastion's new key after "host key changed".
   */
  async forgetSshHostKey(id: string): Promise<ConnectionProfile> {
    const profile = this.requireProfile(id);
    if (!profile.ssh) throw new ConnectionError(t('The connection "{0}" has no SSH tunnel.', profile.name), { kind: 'config' });
    const { hostKey, ...ssh } = profile.ssh;
    const updated = { ...profile, ssh };
    await this.store.put(updated);
    await this.disconnect(id);
    this.deps.log.info(
      hostKey
        ? `Forgot the ${hostKey.algorithm} host key ${formatFingerprint(hostKey.sha256)} of the SSH bastion ${formatHostPort(ssh.host, ssh.port)} for "${profile.name}"; the next connection asks to accept the key it presents.`
        : `"${profile.name}" had no accepted SSH host key to forget.`,
    );
    await this.profilesChanged(id);
    return updated;
  }

  /**
   * Stores the SSH key passphrase or SSH password of a profile's tunnel, or deletes it (undefined),
   * e.g. when the tunnel is removed or switched to the SSH agent. The next use reconnects.
   */
  async updateSshSecret(id: string, secret: string | undefined): Promise<void> {
    this.requireProfile(id);
    if (secret === undefined) await this.secretStore.deleteSshSecret(id);
    else await this.secretStore.setSshSecret(id, secret);
    await this.disconnect(id);
  }

  // ---- sessions ----

  peekSession(profileId: string): StarRocksSession | undefined {
    return this.sessions.get(profileId);
  }

  connectionState(profileId: string): ConnectionState {
    return this.states.get(profileId) ?? { status: 'disconnected' };
  }

  async getSession(profileId: string): Promise<StarRocksSession> {
    const open = this.sessions.get(profileId);
    if (open) return open;
    const foreign = this.notStarRocks.get(profileId);
    if (foreign) throw foreign;
    let pending = this.opening.get(profileId);
    if (!pending) {
      pending = this.open(profileId).finally(() => this.opening.delete(profileId));
      this.opening.set(profileId, pending);
    }
    return pending;
  }

  async disconnect(profileId: string): Promise<void> {
    const session = this.sessions.get(profileId);
    this.typedPasswords.delete(profileId);
    if (this.notStarRocks.delete(profileId)) this.setState(profileId, { status: 'disconnected' }, 'closed');
    if (!session) return;
    this.sessions.delete(profileId);
    await session.close();
    this.setState(profileId, { status: 'disconnected' }, 'closed');
    this.deps.log.info(`Disconnected from ${formatHostPort(session.profile.host, session.profile.port)} ("${session.profile.name}").`);
  }

  /**
   * Connects once with a profile that may not be saved yet, reads the server's version and mode,
   * and disconnects: the wizard's test step and Test Connection.
   */
  async testConnection(
    profile: ProfileDraft | ConnectionProfile,
    password: string | undefined,
    options: TestConnectionOptions = {},
  ): Promise<ServerInfo> {
    const settings = this.settings();
    const id = 'id' in profile ? profile.id : undefined;
    const sshSecret = options.sshSecret ?? (id && profile.ssh ? await this.secretStore.sshSecret(id) : undefined);
    const context = this.errorContext(profile, settings, password, sshSecret);
    const tunnel = profile.ssh ? this.tunnel({ ...profile, id: id ?? 'test' }, sshSecret, settings, options.onHostKeyAccepted) : undefined;
    try {
      await tunnel?.open();
      const driverOptions = await connectionOptions({ ...profile, id: 'test' }, password, settings, t, tunnel);
      const info = await withSingleConnection(driverOptions, (run) =>
        probeServer(
          (sql) => {
            this.deps.log.debug(`[test ${formatHostPort(profile.host, profile.port)}] ${sql}`);
            return run(sql, settings.queryTimeoutSeconds * 1000);
          },
          this.deps.log,
          isConnectionLoss,
          t,
        ),
      );
      this.deps.log.info(
        `Test connection to ${formatHostPort(profile.host, profile.port)} as ${profile.user}: ${describeServer(info, t)}.`,
      );
      return info;
    } catch (e) {
      const error = toConnectionError(e, context, t);
      this.deps.log.warn(`Test connection to ${formatHostPort(profile.host, profile.port)} failed: ${error.message}`);
      throw error;
    } finally {
      await tunnel?.close();
    }
  }

  /**
   * The tunnel's passphrase or password: stored, or (SSH password without one stored: imported, or
   * never entered) asked for now and stored once it worked. A key without a stored passphrase is
   * tried as it is; an encrypted one then says that it needs one.
   */
  private async resolveSshSecret(profile: ConnectionProfile): Promise<{ secret?: string; store: boolean }> {
    if (!profile.ssh || profile.ssh.auth === 'agent') return { store: false };
    const stored = await this.secretStore.sshSecret(profile.id);
    if (stored !== undefined || profile.ssh.auth === 'key') return { secret: stored, store: false };
    const answer = await this.deps.prompter.input({
      title: t('Connect to {0}', profile.name),
      prompt: t(
        'SSH password of {0} on the bastion {1}. It will be stored in the secret storage of VS Code.',
        profile.ssh.user,
        formatHostPort(profile.ssh.host, profile.ssh.port),
      ),
      password: true,
      ignoreFocusOut: true,
    });
    if (answer === undefined)
      throw new ConnectionError(t('Connecting to "{0}" was cancelled: no SSH password was entered.', profile.name), { kind: 'cancelled' });
    return { secret: answer, store: true };
  }

  /** The profile's tunnel: not open yet; `open()` or the first statement opens it. */
  private tunnel(
    profile: ConnectionProfile,
    secret: string | undefined,
    settings: ConnectionSettings,
    onHostKeyAccepted?: (key: HostKeyId) => void,
  ): SshTunnel | undefined {
    const ssh = profile.ssh;
    if (!ssh) return undefined;
    return new SshTunnel({
      settings: ssh,
      feHost: profile.host,
      fePort: profile.port,
      connectTimeoutSeconds: settings.connectTimeoutSeconds,
      secret,
      knownHosts: () => this.readKnownHosts(ssh.host, ssh.port),
      acceptUnknownKey: (key) => this.confirmHostKey(profile, key, onHostKeyAccepted),
      agentSocket: process.env.SSH_AUTH_SOCK,
      log: this.deps.log,
      t,
    });
  }

  private async readKnownHosts(host: string, port: number): Promise<KnownHostEntry[]> {
    const entries: KnownHostEntry[] = [];
    for (const file of this.knownHostsFiles) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        continue; // No such file: nothing is known from it.
      }
      entries.push(...knownHostKeys(text, host, port).map((entry) => ({ ...entry, file })));
    }
    return entries;
  }

  /**
   * First contact with a bastion: its fingerprint in a modal whose default does nothing; dismissing
   * it refuses the key. An accepted key is stored with the saved profile (if the bastion is still
   * the one it names) and handed to `onAccepted` (an unsaved profile keeps it that way).
   */
  private async confirmHostKey(profile: ConnectionProfile, key: HostKeyId, onAccepted?: (key: HostKeyId) => void): Promise<boolean> {
    const ssh = profile.ssh;
    if (!ssh) return false;
    const bastion = formatHostPort(ssh.host, ssh.port);
    const fingerprint = formatFingerprint(key.sha256);
    const accept = t('Accept and Connect');
    const answer = await this.deps.prompter.confirm(
      t('The SSH bastion {0} is not known yet. Accept its host key?', bastion),
      t(
        'Its {0} host key fingerprint is {1}. Accept it only if it is the fingerprint of the bastion (ask its administrator, or run `ssh-keygen -lf` on its host key). The key is stored with the connection "{2}"; a bastion that later presents another key is refused.',
        key.algorithm,
        fingerprint,
        profile.name,
      ),
      accept,
    );
    if (answer !== accept) {
      this.deps.log.warn(
        `The ${key.algorithm} host key ${fingerprint} of the SSH bastion ${bastion} was not accepted for "${profile.name}".`,
      );
      return false;
    }
    onAccepted?.(key);
    const saved = this.store.get(profile.id);
    if (saved?.ssh && sameBastion(saved.ssh, ssh)) {
      await this.store.put({ ...saved, ssh: { ...saved.ssh, hostKey: key } });
      this.emitter.fire({ profileId: saved.id, reason: 'profiles' });
    }
    this.deps.log.info(`Accepted the ${key.algorithm} host key ${fingerprint} of the SSH bastion ${bastion} for "${profile.name}".`);
    return true;
  }

  /**
   * The password to connect with: stored, typed earlier for this session, asked for now, or empty.
   * `store` says the caller should keep it once it has worked (a stored-password profile without one).
   */
  async resolvePassword(profile: ConnectionProfile): Promise<{ password: string; store: boolean }> {
    if (profile.passwordMode === 'none') return { password: '', store: false };
    if (profile.passwordMode === 'stored') {
      const stored = await this.secretStore.password(profile.id);
      if (stored !== undefined) return { password: stored, store: false };
    }
    const typed = this.typedPasswords.get(profile.id);
    if (typed !== undefined) return { password: typed, store: false };
    const answer = await this.deps.prompter.input({
      title: t('Connect to {0}', profile.name),
      prompt:
        profile.passwordMode === 'stored'
          ? t(
              'Password of {0} on {1}. It will be stored in the secret storage of VS Code.',
              profile.user,
              formatHostPort(profile.host, profile.port),
            )
          : t(
              'Password of {0} on {1}. It is kept in memory until you disconnect.',
              profile.user,
              formatHostPort(profile.host, profile.port),
            ),
      password: true,
      ignoreFocusOut: true,
    });
    if (answer === undefined)
      throw new ConnectionError(t('Connecting to "{0}" was cancelled: no password was entered.', profile.name), { kind: 'cancelled' });
    return { password: answer, store: profile.passwordMode === 'stored' };
  }

  // ---- S3 ----

  async getS3Credentials(profileId: string, repository: string): Promise<S3CredentialSource | undefined> {
    return this.secretStore.s3(profileId, repository);
  }

  async setS3Credentials(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void> {
    this.requireProfile(profileId);
    await this.secretStore.setS3(profileId, repository, credentials);
    await this.store.setHasCredentials(profileId, repository, true);
    this.deps.log.info(
      `Stored S3 credentials (${credentials.kind === 'keys' ? 'access key ' + maskKeyId(credentials.accessKeyId) : 'default AWS credential chain'}) for repository ${repository} of "${this.store.get(profileId)?.name}".`,
    );
    this.emitter.fire({ profileId, reason: 'profiles' });
  }

  async deleteS3Credentials(profileId: string, repository: string): Promise<void> {
    await this.secretStore.deleteS3(profileId, repository);
    await this.store.setHasCredentials(profileId, repository, false);
    this.emitter.fire({ profileId, reason: 'profiles' });
  }

  getS3Endpoint(profileId: string, repository: string): S3EndpointSettings | undefined {
    return this.store.endpoints(profileId)[repository];
  }

  async setS3Endpoint(profileId: string, repository: string, endpoint: S3EndpointSettings): Promise<void> {
    await this.store.setEndpoint(profileId, repository, endpoint);
    this.emitter.fire({ profileId, reason: 'profiles' });
  }

  /** Repositories of a profile that have S3 credentials stored. */
  s3CredentialRepositories(profileId: string): string[] {
    return this.store.credentialRepositories(profileId);
  }

  dispose(): void {
    this.disposed = true;
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    this.typedPasswords.clear();
    for (const session of sessions) void session.close();
    this.emitter.dispose();
  }

  // ---- internals ----

  private async open(profileId: string): Promise<StarRocksSessionImpl> {
    const profile = this.requireProfile(profileId);
    this.setState(profileId, { status: 'connecting' });
    const settings = this.settings();
    let password: string | undefined;
    let sshSecret: string | undefined;
    try {
      const resolvedSsh = await this.resolveSshSecret(profile);
      sshSecret = resolvedSsh.secret;
      const resolved = await this.resolvePassword(profile);
      password = resolved.password;
      const session = await this.connect(profile, password, settings, sshSecret);
      if (resolved.store) await this.secretStore.setPassword(profileId, password);
      else if (profile.passwordMode === 'ask') this.typedPasswords.set(profileId, password);
      if (resolvedSsh.store && sshSecret !== undefined) await this.secretStore.setSshSecret(profileId, sshSecret);
      return session;
    } catch (e) {
      const error = toConnectionError(e, this.errorContext(profile, settings, password, sshSecret), t);
      if (error.kind === 'auth') this.typedPasswords.delete(profileId);
      if (error.kind === 'notStarRocks') this.notStarRocks.set(profileId, error);
      if (error.kind === 'cancelled') this.setState(profileId, { status: 'disconnected' }, 'closed');
      else this.setState(profileId, { status: 'error', errorMessage: error.message }, 'failed');
      this.deps.log.error(`Connecting to ${formatHostPort(profile.host, profile.port)} ("${profile.name}") failed: ${error.message}`);
      throw error;
    }
  }

  private async connect(
    profile: ConnectionProfile,
    password: string,
    settings: ConnectionSettings,
    sshSecret: string | undefined,
  ): Promise<StarRocksSessionImpl> {
    // The tunnel opens first, so that its failures (bastion, login, host key) are named as such;
    // the pool then shares it, and closing the pool closes it.
    const tunnel = this.tunnel(profile, sshSecret, settings);
    let pool: ProfilePool;
    try {
      await tunnel?.open();
      pool = new ProfilePool(await poolOptions(profile, password, settings, t, tunnel), tunnel && (() => tunnel.close()));
    } catch (e) {
      await tunnel?.close();
      throw e;
    }
    const session = new StarRocksSessionImpl(profile, pool, this.errorContext(profile, settings, password, sshSecret), {
      log: this.deps.log,
      t,
      queryTimeoutSeconds: () => this.settings().queryTimeoutSeconds,
      poolWaitSeconds: () => this.settings().poolWaitSeconds,
      events: {
        onConnectionFailure: (error) => this.setState(profile.id, { status: 'error', errorMessage: error.message }, 'failed'),
        onSuccess: () => {
          if (this.states.get(profile.id)?.status === 'error') this.setState(profile.id, { status: 'connected' }, 'opened');
        },
      },
    });
    try {
      session.server = await vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () =>
        probeServer((sql) => session.query(sql), this.deps.log, isConnectionFailure, t),
      );
    } catch (e) {
      await pool.close();
      throw e;
    }
    if (this.disposed || !this.store.get(profile.id)) {
      // Removed or shut down while connecting: do not leave a pool behind.
      await pool.close();
      throw new ConnectionError(t('The connection "{0}" was removed while connecting.', profile.name), { kind: 'cancelled' });
    }
    this.sessions.set(profile.id, session);
    this.setState(profile.id, { status: 'connected' }, 'opened');
    this.deps.log.info(
      `Connected to ${formatHostPort(profile.host, profile.port)} ("${profile.name}") as ${profile.user}${profile.tls === 'off' ? '' : ' over TLS'}${profile.ssh ? ` through the SSH bastion ${formatHostPort(profile.ssh.host, profile.ssh.port)}` : ''}: ${describeServer(session.server, t)}.`,
    );
    if (session.server.sharedData) this.warnSharedData(profile);
    return session;
  }

  /** Once per opened connection: the cluster cannot run BACKUP/RESTORE at all. */
  private warnSharedData(profile: ConnectionProfile): void {
    const message = t(
      '"{0}" is a shared-data cluster. StarRocks does not support BACKUP and RESTORE in shared-data mode; browsing repositories and snapshots still works.',
      profile.name,
    );
    this.deps.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private setState(profileId: string, state: ConnectionState, reason?: ConnectionChangeEvent['reason']): void {
    const before = this.states.get(profileId);
    this.states.set(profileId, state);
    if (!this.disposed && (before?.status !== state.status || before?.errorMessage !== state.errorMessage)) {
      this.emitter.fire({ profileId, reason });
    }
  }

  private async profilesChanged(profileId: string | undefined): Promise<void> {
    // An edited profile may point at the right port now.
    if (profileId === undefined) this.notStarRocks.clear();
    else this.notStarRocks.delete(profileId);
    await this.updateContextKey();
    this.emitter.fire({ profileId, reason: 'profiles' });
  }

  private async updateContextKey(): Promise<void> {
    await vscode.commands.executeCommand('setContext', CONTEXT_HAS_CONNECTIONS, this.store.list().length > 0);
  }

  private requireProfile(id: string): ConnectionProfile {
    const profile = this.store.get(id);
    if (!profile) throw new ConnectionError(t('There is no connection with id {0}; it may have been removed.', id), { kind: 'config' });
    return profile;
  }

  private assertValid(draft: ProfileDraft, ownId?: string): void {
    const problems = profileProblems(
      draft,
      this.listProfiles().filter((p) => p.id !== ownId),
      t,
    );
    if (problems.length > 0) throw new ConnectionError(problems.map((p) => p.message).join(' '), { kind: 'config' });
  }

  private errorContext(
    profile: ProfileDraft,
    settings: ConnectionSettings,
    password: string | undefined,
    sshSecret?: string,
  ): ErrorContext {
    return {
      host: profile.host,
      port: profile.port,
      user: profile.user,
      database: profile.database,
      tls: profile.tls,
      connectTimeoutSeconds: settings.connectTimeoutSeconds,
      queryTimeoutSeconds: settings.queryTimeoutSeconds,
      poolWaitSeconds: settings.poolWaitSeconds,
      secrets: [password, sshSecret].filter((secret): secret is string => !!secret),
    };
  }
}

/** Probes fail through the session, which already translated the error. */
function isConnectionFailure(e: unknown): boolean {
  return e instanceof ConnectionError ? isConnectionFailureKind(e.kind) : isConnectionLoss(e);
}

/** `AKIA…WXYZ`: enough to tell keys apart in the log. */
function maskKeyId(keyId: string): string {
  return keyId.length > 8 ? `${keyId.slice(0, 4)}…${keyId.slice(-4)}` : '***';
}
