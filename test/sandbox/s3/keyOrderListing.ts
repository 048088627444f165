/**
 * A corrected `listObjects` for s3rver 3.7's FilesystemStore, installed in the S3 server child
 * process. The stock one differs from S3 in two ways that matter to repositories:
 *
 * - With a delimiter it finds a common prefix only through an object lying directly in that
 *   folder. A snapshot folder of a cancelled backup holds only `__ss_content/…`, so
 *   `ListObjectsV2(Prefix=root + "__ss_", Delimiter="/")` did not return it at all — exactly the
 *   incomplete snapshot the extension must show.
 * - It walks folders in file-name order, not key order (`snap/` vs `snap-2/`: `-` sorts before
 *   `/`), so a page boundary could skip keys.
 *
 * This walk visits entries in key order, returns a common prefix as soon as any object exists
 * beneath it, and keeps s3rver's paging contract (MaxKeys counts keys; the continuation token is
 * the last key returned).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const OBJECT_SUFFIX = '._S3rver_object';
const RESOURCE_MARK = '._S3rver_';

interface ListOptions {
  delimiter?: string;
  startAfter?: string;
  prefix?: string;
  maxKeys?: number;
}

interface Store {
  rootDirectory: string;
  getMetadata(bucket: string, key: string): Promise<Record<string, unknown>>;
}

type ObjectModel = new (bucket: string, key: string, content: null, metadata: Record<string, unknown>) => unknown;

/** One folder entry with the key (or key prefix, for folders ending in `/`) it stands for. */
interface Entry {
  key: string;
  dir: boolean;
  fsPath: string;
}

function entriesOf(fsDir: string, keyPrefix: string): Entry[] {
  const entries: Entry[] = [];
  for (const dirent of fs.readdirSync(fsDir, { withFileTypes: true })) {
    if (dirent.isDirectory()) {
      if (!dirent.name.includes(RESOURCE_MARK))
        entries.push({ key: `${keyPrefix}${dirent.name}/`, dir: true, fsPath: path.join(fsDir, dirent.name) });
    } else if (dirent.name.endsWith(OBJECT_SUFFIX)) {
      entries.push({ key: keyPrefix + dirent.name.slice(0, -OBJECT_SUFFIX.length), dir: false, fsPath: path.join(fsDir, dirent.name) });
    }
  }
  // Every key under folder `name/` shares that text, so comparing `name/` orders them all.
  return entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function isDirectory(fsPath: string): boolean {
  try {
    return fs.statSync(fsPath).isDirectory();
  } catch {
    return false;
  }
}

function holdsAnyObject(fsDir: string): boolean {
  for (const dirent of fs.readdirSync(fsDir, { withFileTypes: true })) {
    if (
      dirent.isDirectory()
        ? !dirent.name.includes(RESOURCE_MARK) && holdsAnyObject(path.join(fsDir, dirent.name))
        : dirent.name.endsWith(OBJECT_SUFFIX)
    )
      return true;
  }
  return false;
}

/** The folder name the listed prefix continues with below `keyPrefix`, when it reaches past that folder. */
function deeperSegment(keyPrefix: string, prefix: string): string | undefined {
  if (!prefix.startsWith(keyPrefix)) return undefined;
  const rest = prefix.slice(keyPrefix.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? rest.slice(0, slash) : undefined;
}

/** Keys and common prefixes in key order, stopping after `maxKeys` keys. */
function* walk(fsDir: string, keyPrefix: string, o: Required<ListOptions>): Generator<{ key: string; common: boolean }> {
  const segment = deeperSegment(keyPrefix, o.prefix);
  if (segment !== undefined) {
    // Only one child folder can hold keys under the prefix: go straight there, as S3 answers a deep
    // prefix without scanning its siblings (listing one snapshot of a 10,000-snapshot repository
    // must not read and sort the 10,000 snapshot folders).
    const key = `${keyPrefix}${segment}/`;
    const child = path.join(fsDir, segment);
    const entirelyBefore = key < o.startAfter && !o.startAfter.startsWith(key);
    if (!segment.includes(RESOURCE_MARK) && !entirelyBefore && isDirectory(child)) yield* walk(child, key, o);
    return;
  }
  for (const entry of entriesOf(fsDir, keyPrefix)) {
    const overlapsPrefix = entry.key.startsWith(o.prefix) || (entry.dir && o.prefix.startsWith(entry.key));
    if (!overlapsPrefix) continue;
    const beyond = entry.key.slice(o.prefix.length);
    const cut = o.delimiter && entry.key.length > o.prefix.length ? beyond.indexOf(o.delimiter) : -1;
    if (cut !== -1) {
      const common = o.prefix + beyond.slice(0, cut + o.delimiter.length);
      const afterStart = common > o.startAfter && !o.startAfter.startsWith(common);
      // Entries sharing one common prefix are adjacent in key order; the caller de-duplicates.
      if (afterStart && (!entry.dir || holdsAnyObject(entry.fsPath))) yield { key: common, common: true };
      continue;
    }
    if (entry.dir) {
      const entirelyBefore = entry.key < o.startAfter && !o.startAfter.startsWith(entry.key);
      if (!entirelyBefore) yield* walk(entry.fsPath, entry.key, o);
    } else if (entry.key > o.startAfter) {
      yield { key: entry.key, common: false };
    }
  }
}

/** Replaces FilesystemStore.prototype.listObjects with the key-order walk above. */
export function installKeyOrderListing(FilesystemStore: { prototype: Store & { listObjects: unknown } }, S3Object: ObjectModel): void {
  FilesystemStore.prototype.listObjects = async function (this: Store, bucket: string, options: ListOptions) {
    const o: Required<ListOptions> = {
      delimiter: options.delimiter ?? '',
      startAfter: options.startAfter ?? '',
      prefix: options.prefix ?? '',
      maxKeys: options.maxKeys ?? Infinity,
    };
    const bucketDir = path.join(this.rootDirectory, bucket);
    const keys: string[] = [];
    const commonPrefixes = new Set<string>();
    let isTruncated = false;
    for (const item of walk(bucketDir, '', o)) {
      // Anything after a full page belongs to the next one, which starts after the last key.
      if (keys.length >= o.maxKeys) {
        isTruncated = true;
        break;
      }
      if (item.common) commonPrefixes.add(item.key);
      else keys.push(item.key);
    }
    const metadata = await Promise.all(
      keys.map((key) =>
        this.getMetadata(bucket, key).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err))),
      ),
    );
    return {
      objects: keys.flatMap((key, i) => (metadata[i] ? [new S3Object(bucket, key, null, metadata[i]!)] : [])),
      commonPrefixes: [...commonPrefixes].sort(),
      isTruncated,
    };
  };
}
