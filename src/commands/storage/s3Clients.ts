import type { S3Client } from '@aws-sdk/client-s3';
import type * as vscode from 'vscode';
import type { ConnectionService } from '../../connections/types';
import { createS3Client } from '../../storage/client';
import type { RepositoryTarget } from '../../storage/sizeService';

/**
 * One S3 client per repository of a connection, built from the credentials in SecretStorage and
 * the endpoint settings. Clients are dropped when the connection's settings change (credentials
 * edited or removed), so the next request uses the new ones. Secrets stay inside the client.
 */
export class S3ClientPool implements vscode.Disposable {
  private readonly clients = new Map<string, S3Client>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionService) {
    this.subscription = connections.onDidChangeConnections((event) => {
      if (event.reason === undefined || event.reason === 'profiles') this.drop(event.profileId);
    });
  }

  /** The client of a repository, or undefined when no S3 credentials are stored for it. */
  async clientFor(target: Pick<RepositoryTarget, 'profileId' | 'repository'>): Promise<S3Client | undefined> {
    const key = `${target.profileId}\u0000${target.repository}`;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const credentials = await this.connections.getS3Credentials(target.profileId, target.repository);
    if (!credentials) return undefined;
    const client = await createS3Client({ credentials, endpoint: this.connections.getS3Endpoint(target.profileId, target.repository) });
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
    this.subscription.dispose();
    this.drop();
  }
}
