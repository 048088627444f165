import { isS3Scheme, parseLocation, type ParsedLocation } from '../starrocks/location';
import { StorageError } from './errors';
import { joinKey } from './layout';
import type { RepositoryRef } from './types';

export interface S3Location {
  bucket: string;
  /** Key prefix without leading or trailing `/`; empty for a bucket-root location. */
  prefix: string;
}

/** `s3a://bucket/path` (also `s3://`, `s3n://`) → bucket and key prefix, or a StorageError saying why not. */
export function s3LocationOf(location: string): S3Location {
  let parsed: ParsedLocation;
  try {
    parsed = parseLocation(location);
  } catch (error) {
    throw new StorageError(`Cannot read the repository location ${JSON.stringify(location)}: ${(error as Error).message}`);
  }
  if (!isS3Scheme(parsed.scheme)) {
    throw new StorageError(
      `The repository location ${location} is not on S3 (scheme ${parsed.scheme}://); only s3a://, s3:// and s3n:// locations can be read directly.`,
    );
  }
  return { bucket: parsed.bucket, prefix: parsed.prefix };
}

/**
 * A stable key for caches: one repository on storage, whatever scheme spelling the FE reports.
 * Two profiles whose repositories share a location and name share their sizes, as they share files.
 */
export function repositoryKeyOf(ref: RepositoryRef): string {
  const { bucket, prefix } = s3LocationOf(ref.location);
  return `s3://${bucket}/${joinKey(prefix, ref.name)}`;
}
