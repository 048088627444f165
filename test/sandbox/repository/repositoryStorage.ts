/**
 * One repository's files on the S3 server, addressed relative to its root
 * (`<location>/__starrocks_repository_<name>/`). Uploads follow the FE/BE protocol: write
 * `<name>.part`, then rename it (copy + delete) to `<name>.<md5>`.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { md5Hex, SUFFIX_TMP_FILE } from './layout';
import { StorageError, toStorageError } from './storageError';

export interface ListedObject {
  /** Key relative to the root. */
  key: string;
  size: number;
}

export class RepositoryStorage {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    /** Key prefix of the root, ending in `/`. */
    readonly rootPrefix: string,
    /** The root as the FE prints it, e.g. `s3a://bucket/demo/__starrocks_repository_r/`. */
    readonly displayRoot: string,
  ) {}

  displayPath(relative: string): string {
    return `${this.displayRoot}${relative}`;
  }

  async exists(relative: string): Promise<boolean> {
    const listed = await this.list(relative, false);
    return listed.some((o) => o.key === relative);
  }

  /** Every object under a prefix (paginated), or with `delimited` the direct children only. */
  async list(relativePrefix: string, delimited: boolean): Promise<ListedObject[]> {
    const objects: ListedObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.guard(
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.rootPrefix + relativePrefix,
            Delimiter: delimited ? '/' : undefined,
            ContinuationToken: token,
          }),
        ),
      );
      for (const o of page.Contents ?? []) objects.push({ key: (o.Key ?? '').slice(this.rootPrefix.length), size: o.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  /** Names of the direct sub-directories of a prefix (common prefixes), without the trailing `/`. */
  async listDirectories(relativePrefix: string): Promise<string[]> {
    const dirs: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.guard(
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.rootPrefix + relativePrefix,
            Delimiter: '/',
            ContinuationToken: token,
          }),
        ),
      );
      for (const p of page.CommonPrefixes ?? []) dirs.push((p.Prefix ?? '').slice(this.rootPrefix.length).replace(/\/$/, ''));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return dirs;
  }

  async read(relative: string): Promise<Buffer> {
    const response = await this.guard(this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.rootPrefix + relative })));
    const bytes = await response.Body?.transformToByteArray();
    return Buffer.from(bytes ?? []);
  }

  /** A plain write (no checksum suffix), e.g. `__repo_info`. */
  async write(relative: string, content: Buffer | string): Promise<void> {
    await this.guard(
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.rootPrefix + relative, Body: toBuffer(content) })),
    );
  }

  /** Writes `<name>.part`, then renames it to `<name>.<md5>`; returns the final file name's key. */
  async uploadChecksummed(relativeName: string, content: Buffer | string): Promise<string> {
    const body = toBuffer(content);
    const tmp = `${relativeName}.${SUFFIX_TMP_FILE}`;
    const final = `${relativeName}.${md5Hex(body)}`;
    await this.write(tmp, body);
    await this.rename(tmp, final);
    return final;
  }

  /** Writes only the `.part` file, as an upload interrupted before its rename leaves it. */
  async writePartial(relativeName: string, content: Buffer | string): Promise<string> {
    const tmp = `${relativeName}.${SUFFIX_TMP_FILE}`;
    await this.write(tmp, content);
    return tmp;
  }

  private async rename(from: string, to: string): Promise<void> {
    const source = `${this.bucket}/${(this.rootPrefix + from).split('/').map(encodeURIComponent).join('/')}`;
    await this.guard(this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: this.rootPrefix + to, CopySource: source })));
    await this.guard(this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.rootPrefix + from })));
  }

  /**
   * Downloads `<name>.<md5>` knowing only `<name>`: lists `<name>*`, expects exactly one file and
   * checks its MD5 — the FE's download protocol, with its error texts (spec §5.3).
   */
  async downloadChecksummed(relativeName: string): Promise<Buffer> {
    const listed = (await this.list(relativeName, false)).filter((o) => !o.key.slice(relativeName.length).includes('/'));
    if (listed.length !== 1)
      throw new StorageError(`Expected one file with path: ${this.displayPath(relativeName)}. get: ${listed.length}`);
    const key = listed[0].key;
    const dot = key.lastIndexOf('.');
    const checksum = key.slice(dot + 1);
    if (dot < relativeName.length || checksum.length !== 32)
      throw new StorageError(`file name should contains checksum: ${this.displayPath(key)}`);
    const content = await this.read(key);
    const actual = md5Hex(content);
    if (actual !== checksum) throw new StorageError(`md5sum does not equal. local: ${actual}, remote: ${checksum}`);
    return content;
  }

  /** Deletes every object under a prefix in batches of ≤ 1000; returns how many were deleted. */
  async deletePrefix(relativePrefix: string): Promise<number> {
    const keys = (await this.list(relativePrefix, false)).map((o) => this.rootPrefix + o.key);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const result = await this.guard(
        this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })) } })),
      );
      if (result.Errors && result.Errors.length > 0)
        throw new StorageError(`failed to delete ${result.Errors.length} objects: ${result.Errors[0].Message ?? result.Errors[0].Code}`);
    }
    return keys.length;
  }

  /** Runs an SDK call, turning its failure into the FE's storage error text. */
  private async guard<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (e) {
      throw toStorageError(e);
    }
  }
}

function toBuffer(content: Buffer | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}
