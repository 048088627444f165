import type { S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { ConnectionService } from '../../connections/types';
import { createS3Client, DEFAULT_REQUEST_TIMEOUT_MS, endpointOrigin } from '../../storage/client';
import { proxyFor, type ProxyChoice, type ProxyConfig } from '../../storage/proxy';
import type { RepositoryTarget } from '../../storage/sizeService';

const t = vscode.l10n.t;

/**
 * One S3 client per repository of a connection, built from the credentials in SecretStorage and
 * the endpoint settings. Clients are dropped when the connection's settings change (credentials
 * edited or removed), so the next request uses the new ones. Secrets stay inside the client.
 */
export class S3ClientPool implements vscode.Disposable {
  private readonly clients = new Map<string, S3Client>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly connections: ConnectionService) {
    this.subscriptions = [
      connections.onDidChangeConnections((event) => {
        if (event.reason === undefined || event.reason === 'profiles') this.drop(event.profileId);
      }),
      // The time limit is fixed when a client is built: a changed setting needs new clients.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if ([REQUEST_TIMEOUT_SETTING, ...PROXY_SETTINGS].some((s) => event.affectsConfiguration(s))) this.drop();
      }),
    ];
  }

  /** The client of a repository, or undefined when no S3 credentials are stored for it. */
  async clientFor(target: Pick<RepositoryTarget, 'profileId' | 'repository'>): Promise<S3Client | undefined> {
    const key = `${target.profileId}\u0000${target.repository}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const credentials = await this.connections.getS3Credentials(target.profileId, target.repository);
    if (!credentials) return undefined;
    const endpoint = this.connections.getS3Endpoint(target.profileId, target.repository) ?? {};
    const client = await createS3Client({
      credentials,
      endpoint,
      requestTimeoutMs: requestTimeoutMs(),
      proxy: checkedProxy(proxyFor(endpointOrigin(endpoint), proxyConfig())),
    });
    this.clients.set(key, client);
    return client;
  }

  /** Forgets the clients of one connection, or all. */
  drop(profileId?: string): void {
    for (const [key, client] of [...this.clients]) {
      if (profileId === undefined || key.startsWith(`${profileId}\u0000`)) {
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.drop();
  }
}

const REQUEST_TIMEOUT_SETTING = 'starrocksBackup.storage.requestTimeoutSeconds';
/** VS Code's own proxy settings, read when a client is built. */
const PROXY_SETTINGS = ['http.proxy', 'http.proxyStrictSSL', 'http.noProxy'];

/**
 * The proxy settings of VS Code and the extension host's environment (`HTTPS_PROXY`, `NO_PROXY`…),
 * read afresh for each new client: clients are rebuilt when a setting changes.
 */
function proxyConfig(): ProxyConfig {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxySetting: http.get<string>('proxy'),
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    noProxySetting: http.get<string[]>('noProxy', []),
    env: process.env,
  };
}

/** A proxy address that is not a URL stops S3 requests with what to fix, rather than silently going direct. */
function checkedProxy(choice: ProxyChoice): ProxyChoice {
  if (choice.kind !== 'invalid') return choice;
  const where =
    choice.source === 'http.proxy' ? t('the setting http.proxy') : t('the environment variable {0} of the VS Code process', choice.source);
  throw new Error(
    t(
      'The proxy address "{0}" in {1} is not an http:// or https:// URL. Correct it (for example http://proxy.example.com:3128), or remove it to reach S3 directly.',
      choice.shown,
      where,
    ),
  );
}

/** The setting in milliseconds; a missing or invalid value falls back to the default. */
function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('starrocksBackup.storage').get<number>('requestTimeoutSeconds');
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
}
