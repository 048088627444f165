/**
 * What an S3 failure means for the user. The SDK's errors carry a code name, an HTTP status and
 * a message from the server; none of them contains the secret key, and this module never adds
 * request details (headers, signatures) to what it reports.
 */

export type FailureKind = 'denied' | 'notFound' | 'credentials' | 'unreachable' | 'aborted' | 'other';

export interface S3Failure {
  kind: FailureKind;
  /** The S3 error code (`AccessDenied`, `NoSuchBucket`…) or the network error code. */
  code: string;
  status?: number;
  /** One line for the user: what the server said, without secrets. */
  message: string;
}

/** An error from the storage layer, with the classified failure attached. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly failure?: S3Failure,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

const DENIED_CODES = new Set(['AccessDenied', 'AllAccessDisabled', 'Forbidden', 'AccountProblem']);
const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);
const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NoSuchBucket', 'NotFound']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Classifies anything the SDK (or the network below it) threw. */
export function classifyS3Error(error: unknown): S3Failure {
  if (error instanceof StorageError && error.failure) return error.failure;
  const e = (error ?? {}) as SdkLikeError;
  const code = e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = oneLine(e.message) || code;
  if (code === 'AbortError' || e.name === 'AbortError') return { kind: 'aborted', code, status, message: 'Cancelled.' };
  if (e.name === 'TimeoutError') return timedOut(message);
  // S3 answers unknown keys and bad signatures with 403 too: the code tells them from a denial.
  if (CREDENTIAL_CODES.has(code)) return { kind: 'credentials', code, status, message };
  if (DENIED_CODES.has(code) || status === 403) return { kind: 'denied', code, status, message };
  if (NOT_FOUND_CODES.has(code) || status === 404) return { kind: 'notFound', code, status, message };
  if (
    NETWORK_CODES.has(e.code ?? '') ||
    NETWORK_CODES.has(code) ||
    code === 'TimeoutError' ||
    /socket hang up|ECONNRESET|ECONNREFUSED/.test(message)
  ) {
    return { kind: 'unreachable', code: e.code ?? code, status, message };
  }
  return { kind: 'other', code, status, message };
}

/** `AccessDenied (HTTP 403): Access Denied` — the form used in reports and error messages. */
export function describeFailure(failure: S3Failure): string {
  const status = failure.status ? ` (HTTP ${failure.status})` : '';
  return failure.message === failure.code ? `${failure.code}${status}` : `${failure.code}${status}: ${failure.message}`;
}

/** Wraps an SDK error into a StorageError whose message says what was being done. */
export function storageErrorOf(action: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const failure = classifyS3Error(error);
  return new StorageError(`${action} failed: ${describeFailure(failure)}`, failure);
}

export function isAbort(error: unknown): boolean {
  return classifyS3Error(error).kind === 'aborted';
}

/** Throws the standard AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error('The operation was cancelled.');
    error.name = 'AbortError';
    throw error;
  }
}

/** The SDK's TimeoutError (connection, request or socket time limit), said plainly. */
function timedOut(sdkMessage: string): S3Failure {
  const connecting = /did not establish a connection|without establishing a connection/i.test(sdkMessage);
  return {
    kind: 'unreachable',
    code: 'TimeoutError',
    message: connecting
      ? 'Could not connect to the S3 endpoint in time. Check the endpoint address, the network and any proxy.'
      : 'The S3 endpoint did not answer in time (the request timed out). Check that the endpoint is up and reachable; to wait longer, raise the setting starrocksBackup.storage.requestTimeoutSeconds.',
  };
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
