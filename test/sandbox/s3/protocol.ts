/** Messages between the sandbox and its S3 server child process. */

/** What a key may do: everything, read only (List/Get/Head), read and write but not delete, or nothing. */
export type S3KeyPolicy = 'full' | 'read' | 'readWrite' | 'none';

export type S3ServerCommand =
  | { type: 'setUnreachable'; value: boolean }
  | { type: 'failNextDelete'; afterKeys: number; requests?: number }
  | { type: 'setLatency'; ms: number }
  | { type: 'stats' };

export interface S3ServerReady {
  type: 'ready';
  port: number;
}

export interface S3ServerStats {
  requests: number;
  /** GET of an object (GetObject): how tests see which downloads a client made. */
  objectGets: number;
  /** GET of a bucket (ListObjects / ListObjectsV2 and other bucket reads). */
  bucketGets: number;
  denied: number;
  injectedFailures: number;
}
