/**
 * Types the storage layer shares with its callers. `StorageCredentials` is also the connection
 * service's `S3CredentialSource` (connections import it from here); the endpoint shape mirrors
 * `S3EndpointSettings` structurally, since this layer may not import the VS Code side.
 */

/** Keys (the secret comes from SecretStorage) or the default AWS credential chain. */
export type StorageCredentials =
  { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken?: string } | { kind: 'defaultChain' };

/** Where the S3 API is, for S3-compatible stores; everything optional means AWS S3. */
export interface StorageEndpoint {
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
}

/** A repository as the FE names it: its location and its name (both part of the on-storage path). */
export interface RepositoryRef {
  name: string;
  /** `s3a://bucket/prefix`, also `s3://` and `s3n://`. */
  location: string;
}

/** Options every long-running storage operation accepts. */
export interface OperationOptions {
  signal?: AbortSignal;
}
