/**
 * The keys of connection data in `globalState` and the context key the views' `when` clauses read.
 * Plain data: activation sets the context key from them without loading the connection code.
 */
export const STATE_KEYS = {
  profiles: 'starrocksBackup.connections.profiles',
  s3Endpoints: 'starrocksBackup.connections.s3Endpoints',
  s3CredentialRepos: 'starrocksBackup.connections.s3CredentialRepositories',
} as const;

/** True while at least one connection profile exists (welcome view, title-bar menus). */
export const CONTEXT_HAS_CONNECTIONS = 'starrocksBackup.hasConnections';
