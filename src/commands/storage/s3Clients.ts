import type { S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { ConnectionService } from '../../connections/types';
import { createS3Client, DEFAULT_REQUEST_TIMEOUT_MS } from '../../storage/client';
import type { RepositoryTarget } from '../../storage/sizeService';

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
        if (event.affectsConfiguration(REQUEST_TIMEOUT_SETTING)) this.drop();
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
    const client = await createS3Client({
      credentials,
      endpoint: this.connections.getS3Endpoint(target.profileId, target.repository),
      requestTimeoutMs: requestTimeoutMs(),
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

/** The setting in milliseconds; a missing or invalid value falls back to the default. */
function requestTimeoutMs(): number {
  const seconds = vscode.workspace.getConfiguration('starrocksBackup.storage').get<number>('requestTimeoutSeconds');
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
}
