import type { StorageCredentials } from '../storage/types';
import type * as vscode from 'vscode';
import type { RepositoryCredentials } from '../starrocks/builders/credentials';
import type { Capabilities, ServerVersion } from '../starrocks/version';

export type TlsMode = 'off' | 'on' | 'verify';
export type PasswordMode = 'stored' | 'ask' | 'none';

/**
 * A saved connection. Only non-secret fields: this object is what lives in globalState and what
 * export/import writes. The password lives in SecretStorage under `secretKeys.password(id)`.
 */
export interface ConnectionProfile {
  id: string;
  name: string;
  host: string;
  port: number;
  user: string;
  database?: string;
  tls: TlsMode;
  /** CA file path, used when tls === 'verify'. */
  caFile?: string;
  /** Free-form label such as `production`, shown in the tree and the status bar. */
  environment?: string;
  passwordMode: PasswordMode;
  /** Sends the password in clear text for LDAP users; only allowed over TLS. */
  allowClearTextPassword?: boolean;
  /** Reach the FE through an SSH bastion; absent for a direct connection. */
  ssh?: SshTunnelSettings;
}

export type SshAuthMethod = 'key' | 'password' | 'agent';

/**
 * An SSH tunnel to the FE. Non-secret: the key file is referred to by its path (never its content);
 * a key passphrase or a password lives in SecretStorage under `secretKeys.sshSecret(id)`.
 */
export interface SshTunnelSettings {
  host: string;
  port: number;
  user: string;
  auth: SshAuthMethod;
  /** Private key file path, for auth === 'key'. */
  keyFile?: string;
  /** The bastion's host key the user accepted: its algorithm and SHA256 fingerprint (base64, as OpenSSH prints it). */
  hostKey?: { algorithm: string; sha256: string };
}

/** S3 credentials for a repository: either keys (secret kept in SecretStorage) or the default AWS chain. */
export type S3CredentialSource = StorageCredentials;

/** Where a repository's S3 endpoint is, for S3-compatible stores. Non-secret. */
export interface S3EndpointSettings {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  /**
   * How the repository itself authenticates, as its CREATE REPOSITORY said when the extension saw it
   * run (the credentials above are what the extension uses, which may be the user's own). Absent
   * when the extension never saw the repository created.
   */
  repositoryAuth?: RepositoryAuthRecord;
}

/** The non-secret part of a repository's credential properties. */
export interface RepositoryAuthRecord {
  method: RepositoryCredentials['method'];
  region?: string;
  endpoint?: string;
  pathStyle?: boolean;
  roleArn?: string;
  externalId?: string;
  /** The access key id (an identifier, not a secret). */
  accessKey?: string;
}

/** What the extension learnt about a server on connect. */
export interface ServerInfo {
  version: ServerVersion | undefined;
  capabilities: Capabilities;
  /** True when the cluster runs in shared-data mode, where BACKUP/RESTORE are not supported. */
  sharedData: boolean;
}

export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[];
  /** Column names in the order the server sent them. */
  columns: string[];
}

/**
 * An open connection to one StarRocks FE. Uses the text protocol only (`query()`); StarRocks
 * before 3.2 has no server-side prepared statements.
 */
export interface StarRocksSession {
  readonly profile: ConnectionProfile;
  readonly server: ServerInfo;
  /** Runs one statement. Rejects with a `ConnectionError` whose message says what to do. */
  query<Row = Record<string, unknown>>(sql: string, options?: { timeoutMs?: number }): Promise<QueryResult<Row>>;
}

export interface ConnectionChangeEvent {
  /** The profile that changed, or undefined when the whole list changed. */
  profileId?: string;
  /** What happened: profiles added/edited/removed, or a connection opened, closed or failed. */
  reason?: 'profiles' | 'opened' | 'closed' | 'failed';
}

/** Whether a profile has an open connection, for the tree (context words `connected` / `error`). */
export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The last failure's user-facing message when status is `error`. Never contains a secret. */
  errorMessage?: string;
}

/** The connection manager as the rest of the extension sees it. */
export interface ConnectionService extends vscode.Disposable {
  readonly onDidChangeConnections: vscode.Event<ConnectionChangeEvent>;
  listProfiles(): ConnectionProfile[];
  getProfile(id: string): ConnectionProfile | undefined;
  /** Opens (lazily) and returns the session of a profile; asks for the password when the profile says so. */
  getSession(profileId: string): Promise<StarRocksSession>;
  /** The session if it is already open, without connecting. */
  peekSession(profileId: string): StarRocksSession | undefined;
  /** S3 credentials stored for a repository of a profile, if any. */
  getS3Credentials(profileId: string, repository: string): Promise<S3CredentialSource | undefined>;
  setS3Credentials(profileId: string, repository: string, credentials: S3CredentialSource): Promise<void>;
  getS3Endpoint(profileId: string, repository: string): S3EndpointSettings | undefined;
  setS3Endpoint(profileId: string, repository: string, endpoint: S3EndpointSettings): Promise<void>;
  /** Open / connecting / failed / closed, without connecting. */
  connectionState(profileId: string): ConnectionState;
  /** Closes the profile's connection pool, if open. The profile stays. */
  disconnect(profileId: string): Promise<void>;
}
