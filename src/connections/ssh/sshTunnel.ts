/**
 * One SSH connection to a profile's bastion, shared by every pooled connection of the profile: each
 * pooled MySQL connection is a port forward (a channel) to the FE over it. When the SSH connection
 * drops, the next forward opens it again (a new login, the host key checked again), so the pool
 * and the job tracker carry on as after a dropped FE connection. No `vscode` import: the manager
 * passes in the host key decision for unknown keys, the secret and the log.
 */
import { promises as fs } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import type { Translate } from '../profileValidation';
import type { SshTunnelSettings } from '../types';
import { hostKeyOf, type HostKeyId } from './fingerprint';
import { checkHostKey, type HostKeyVerdict } from './hostKeyCheck';
import type { KnownHostEntry } from './knownHosts';
import { LazyDuplex } from './lazyDuplex';
import { loadSsh2 } from './sshDriver';
import {
  hostKeyChangedError,
  hostKeyNotAcceptedError,
  noAgentError,
  sshConnectionError,
  sshKeyError,
  type SshErrorContext,
} from './sshErrors';

export interface TunnelLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface SshTunnelOptions {
  settings: SshTunnelSettings;
  /** The FE as the bastion reaches it. */
  feHost: string;
  fePort: number;
  connectTimeoutSeconds: number;
  /** The key passphrase or the SSH password (whichever `settings.auth` uses); never logged. */
  secret: string | undefined;
  /** The user's known_hosts entries for the bastion, read afresh for each SSH connection. */
  knownHosts(): Promise<KnownHostEntry[]>;
  /** Shows an unknown key's fingerprint and resolves true when the user accepted it (and it was stored). */
  acceptUnknownKey(key: HostKeyId): Promise<boolean>;
  /** `SSH_AUTH_SOCK`, for the agent. */
  agentSocket: string | undefined;
  log: TunnelLog;
  t: Translate;
}

interface OpenClient {
  client: Client;
  closed: boolean;
}

/** Why the host verifier refused a key; the handshake then fails and this decides the error. */
interface Refusal {
  key: HostKeyId;
  verdict: Exclude<HostKeyVerdict, { verdict: 'known' }>;
}

export class SshTunnel {
  private current: Promise<OpenClient> | undefined;
  /** The SSH connection `current` resolved to, once ready: its 'close' forgets it at once, so the next forward reconnects. */
  private currentOpen: OpenClient | undefined;
  /** The key accepted in this tunnel's lifetime (stored or just accepted): a reconnect must meet the same key. */
  private acceptedKey: HostKeyId | undefined;
  private closed = false;
  private opened = 0;

  constructor(private readonly options: SshTunnelOptions) {
    this.acceptedKey = options.settings.hostKey;
  }

  /** How many SSH connections this tunnel has opened (1, then one more per reopening after a drop). */
  get connectionsOpened(): number {
    return this.opened;
  }

  private get bastion(): string {
    const { host, port } = this.options.settings;
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  }

  /** Opens the SSH connection now (host key, login), so that its failures surface by name before the pool connects. */
  async open(): Promise<void> {
    await this.client();
  }

  /** A stream to the FE for mysql2's `stream` option: the forward opens behind it. */
  stream(): Duplex {
    return new LazyDuplex(() => this.forward());
  }

  /** A port forward to the FE; reopens the SSH connection once if it turns out to have dropped. */
  async forward(): Promise<ClientChannel> {
    for (let attempt = 0; ; attempt++) {
      const open = await this.client();
      try {
        return await forwardOut(open.client, this.options.feHost, this.options.fePort);
      } catch (e) {
        // A connection that died under us is not the FE's fault: open it again and retry once.
        if (open.closed && attempt === 0) continue;
        throw sshConnectionError(e, true, this.errorContext(), this.options.t);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    const open = await current?.catch(() => undefined);
    open?.client.end();
  }

  private client(): Promise<OpenClient> {
    if (this.closed) return Promise.reject(Object.assign(new Error('The SSH tunnel was closed.'), { code: 'PROTOCOL_ENQUEUE_AFTER_QUIT' }));
    if (!this.current) {
      const pending = this.connect();
      this.current = pending;
      // A failed attempt is not kept: the next statement tries again.
      pending.catch(() => {
        if (this.current === pending) this.current = undefined;
      });
    }
    return this.current;
  }

  private async connect(): Promise<OpenClient> {
    const config = await this.connectConfig();
    // An unknown key is refused in the handshake and asked about outside it (no time limit runs
    // while the user reads the fingerprint); once accepted, the handshake runs again.
    for (;;) {
      const entries = await this.options.knownHosts();
      let refusal: Refusal | undefined;
      const hostVerifier = (blob: Buffer): boolean => {
        const key = hostKeyOf(blob);
        if (!key) return false;
        const verdict = checkHostKey(key, this.acceptedKey, entries);
        if (verdict.verdict === 'known') {
          this.acceptedKey ??= key;
          return true;
        }
        refusal = { key, verdict };
        return false;
      };
      try {
        return await this.handshake({ ...config, hostVerifier });
      } catch (e) {
        if (!refusal) throw sshConnectionError(e, false, this.errorContext(), this.options.t);
        const { key, verdict } = refusal;
        if (verdict.verdict === 'changed') {
          const error = hostKeyChangedError(verdict, key, this.options.settings.host, this.options.settings.port, this.options.t);
          this.options.log.warn(error.message);
          throw error;
        }
        if (!(await this.options.acceptUnknownKey(key)))
          throw hostKeyNotAcceptedError(key, this.options.settings.host, this.options.settings.port, this.options.t);
        this.acceptedKey = key;
      }
    }
  }

  private async handshake(config: ConnectConfig): Promise<OpenClient> {
    const { Client } = await loadSsh2();
    const client = new Client();
    return new Promise<OpenClient>((resolve, reject) => {
      let ready = false;
      const open: OpenClient = { client, closed: false };
      client.on('ready', () => {
        ready = true;
        this.opened++;
        this.currentOpen = open;
        this.options.log.info(
          `SSH tunnel to ${this.bastion} open (as ${this.options.settings.user}), forwarding to ${this.options.feHost}:${this.options.fePort}.`,
        );
        resolve(open);
      });
      client.on('error', (error: Error) => {
        if (!ready) reject(error);
        else this.options.log.warn(`SSH tunnel to ${this.bastion}: ${error.message}`);
      });
      client.on('close', () => {
        open.closed = true;
        if (!ready) reject(Object.assign(new Error('The SSH connection closed during the handshake'), { level: 'client-socket' }));
        else {
          if (!this.closed) this.options.log.info(`SSH tunnel to ${this.bastion} closed; it reopens on the next statement.`);
          if (this.currentOpen === open) {
            this.currentOpen = undefined;
            this.current = undefined;
          }
        }
      });
      client.connect(config);
    });
  }

  private async connectConfig(): Promise<ConnectConfig> {
    const { settings, secret, t } = this.options;
    const config: ConnectConfig = {
      host: settings.host,
      port: settings.port,
      username: settings.user,
      readyTimeout: this.options.connectTimeoutSeconds * 1000,
      // A dead bastion connection is noticed within a minute even while nothing is sent.
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
    };
    if (settings.auth === 'password') return { ...config, password: secret ?? '' };
    if (settings.auth === 'agent') {
      if (!this.options.agentSocket) throw noAgentError(t);
      return { ...config, agent: this.options.agentSocket };
    }
    const keyFile = settings.keyFile ?? '';
    let privateKey: Buffer;
    try {
      privateKey = await fs.readFile(keyFile);
    } catch (e) {
      throw sshKeyError('unreadable', keyFile, (e as Error).message, t);
    }
    // Parsed here so a key problem is named as such, not as a refused login.
    const { utils } = await loadSsh2();
    const parsed = utils.parseKey(privateKey, secret || undefined);
    if (parsed instanceof Error) {
      const message = parsed.message;
      if (/no passphrase given/i.test(message)) throw sshKeyError('needsPassphrase', keyFile, message, t);
      if (/bad passphrase|decrypt|integrity check/i.test(message)) throw sshKeyError('wrongPassphrase', keyFile, message, t);
      throw sshKeyError('notAKey', keyFile, message, t);
    }
    return { ...config, privateKey, passphrase: secret || undefined };
  }

  private errorContext(): SshErrorContext {
    const { settings } = this.options;
    return {
      bastionHost: settings.host,
      bastionPort: settings.port,
      sshUser: settings.user,
      auth: settings.auth,
      keyFile: settings.keyFile,
      feHost: this.options.feHost,
      fePort: this.options.fePort,
      connectTimeoutSeconds: this.options.connectTimeoutSeconds,
      secrets: this.options.secret ? [this.options.secret] : [],
    };
  }
}

function forwardOut(client: Client, host: string, port: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel)));
  });
}
