/**
 * Storage failures, worded the way the FE's Java storage layer reports them. The FE surfaces
 * exception texts from the AWS SDK v2 inside its own messages (`... msg: <exception>`); UNVERIFIED
 * in detail, these follow the SDK's `toString()` shape: `<class>: <message> (Service: S3, Status Code: n, Request ID: id)`.
 */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

export function describeS3Error(error: unknown): string {
  const e = (error ?? {}) as SdkErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId ?? 'null';
  const service = (text: string) => `${text} (Service: S3, Status Code: ${status}, Request ID: ${requestId})`;
  switch (e.name) {
    case 'NoSuchBucket':
      return `software.amazon.awssdk.services.s3.model.NoSuchBucketException: ${service('The specified bucket does not exist')}`;
    case 'InvalidAccessKeyId':
      return `software.amazon.awssdk.services.s3.model.S3Exception: ${service('The AWS Access Key Id you provided does not exist in our records.')}`;
    case 'SignatureDoesNotMatch':
      return `software.amazon.awssdk.services.s3.model.S3Exception: ${service('The request signature we calculated does not match the signature you provided. Check your key and signing method.')}`;
    case 'AccessDenied':
      return `software.amazon.awssdk.services.s3.model.S3Exception: ${service('Access Denied')}`;
    case 'NoSuchKey':
      return `software.amazon.awssdk.services.s3.model.NoSuchKeyException: ${service('The specified key does not exist.')}`;
    default:
      break;
  }
  if (status !== undefined)
    return `software.amazon.awssdk.services.s3.model.S3Exception: ${service(e.message ?? e.name ?? 'Unknown error')}`;
  return `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: ${e.message ?? e.code ?? String(error)}`;
}

export function toStorageError(error: unknown): StorageError {
  return error instanceof StorageError ? error : new StorageError(describeS3Error(error));
}
