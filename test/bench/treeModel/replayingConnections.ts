import type * as vscode from 'vscode';
import type {
  ConnectionChangeEvent,
  ConnectionService,
  ConnectionState,
  ConnectionProfile,
  QueryResult,
  S3CredentialSource,
  S3EndpointSettings,
  StarRocksSession,
} from '../../../src/connections/types';

/**
 * The extension's connection service, except that one statement is answered from rows recorded
 * earlier: the tree then does all of its own work (parse, sort, page, nodes, TreeItems) while the
 * query costs nothing, so its time is the tree's alone. Everything else goes to the real service.
 */
export class ReplayingConnections implements ConnectionService {
  constructor(
    private readonly real: ConnectionService,
    private readonly sql: string,
    private readonly rows: Record<string, unknown>[],
  ) {}

  get onDidChangeConnections(): vscode.Event<ConnectionChangeEvent> {
    return this.real.onDidChangeConnections;
  }

  listProfiles(): ConnectionProfile[] {
    return this.real.listProfiles();
  }

  getProfile(id: string): ConnectionProfile | undefined {
    return this.real.getProfile(id);
  }

  async getSession(profileId: string): Promise<StarRocksSession> {
    return this.replaying(await this.real.getSession(profileId));
  }

  peekSession(profileId: string): StarRocksSession | undefined {
    const session = this.real.peekSession(profileId);
    return session && this.replaying(session);
  }

  getS3Credentials(profileId: string, repository: string): Promise<S3CredentialSource | undefined> {
    return this.real.getS3Credentials(profileId, repository);
  }

  setS3Credentials(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void> {
    return this.real.setS3Credentials(profileId, repository, credentials);
  }

  getS3Endpoint(profileId: string, repository: string): S3EndpointSettings | undefined {
    return this.real.getS3Endpoint(profileId, repository);
  }

  setS3Endpoint(profileId: string, repository: string, endpoint: S3EndpointSettings): Promise<void> {
    return this.real.setS3Endpoint(profileId, repository, endpoint);
  }

  connectionState(profileId: string): ConnectionState {
    return this.real.connectionState(profileId);
  }

  disconnect(profileId: string): Promise<void> {
    return this.real.disconnect(profileId);
  }

  dispose(): void {
    // The real service belongs to the extension.
  }

  private replaying(session: StarRocksSession): StarRocksSession {
    const { sql, rows } = this;
    return {
      profile: session.profile,
      server: session.server,
      async query<Row = Record<string, unknown>>(statement: string, options?: { timeoutMs?: number }): Promise<QueryResult<Row>> {
        if (statement !== sql) return session.query<Row>(statement, options);
        return { rows: rows as Row[], columns: Object.keys(rows[0] ?? {}) };
      },
    };
  }
}
