import type { S3Client } from '@aws-sdk/client-s3';
import { storageErrorOf, throwIfAborted } from './errors';
import { loadS3 } from './s3Sdk';

export interface ListedObject {
  key: string;
  size: number;
  lastModified?: Date;
  /** As the listing reports it (quoted); the same ETag means the same content, so a read of it can be reused. */
  etag?: string;
}

export interface ListedPage {
  objects: ListedObject[];
  commonPrefixes: string[];
}

export interface ListRequest {
  bucket: string;
  prefix: string;
  delimiter?: string;
  signal?: AbortSignal;
  /** At most 1000 on S3; smaller in tests that want to see pagination. */
  pageSize?: number;
}

/** ListObjectsV2 page by page, following continuation tokens, stopping when the signal fires. */
export async function* listPages(client: S3Client, request: ListRequest): AsyncGenerator<ListedPage> {
  let token: string | undefined;
  do {
    throwIfAborted(request.signal);
    const page = await sendList(client, request, token);
    yield {
      objects: (page.Contents ?? [])
        .filter((o) => o.Key !== undefined)
        .map((o) => ({ key: o.Key!, size: o.Size ?? 0, lastModified: o.LastModified, etag: o.ETag })),
      commonPrefixes: (page.CommonPrefixes ?? []).map((p) => p.Prefix).filter((p): p is string => p !== undefined),
    };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function sendList(client: S3Client, request: ListRequest, token: string | undefined) {
  const { ListObjectsV2Command } = await loadS3();
  try {
    return await client.send(
      new ListObjectsV2Command({
        Bucket: request.bucket,
        Prefix: request.prefix,
        Delimiter: request.delimiter,
        ContinuationToken: token,
        MaxKeys: request.pageSize,
      }),
      { abortSignal: request.signal },
    );
  } catch (error) {
    throw storageErrorOf(`Listing s3://${request.bucket}/${request.prefix}`, error);
  }
}
