/**
 * The FE's repositories (`RepositoryMgr` + `Repository.initRepository` / `ping`): creating one
 * contacts the storage synchronously; the FE pings each repository periodically and records the
 * last failure in ErrMsg.
 */
import { formatDateTime } from '../util/timeFormat';
import { FILE_REPO_INFO, PALO_REPOSITORY, STARROCKS_REPOSITORY } from './layout';
import { RepositoryStorage } from './repositoryStorage';
import { parseLocation, resolveS3Client, type S3Target } from './s3Resolution';
import { StorageError } from './storageError';

export interface Repository {
  id: number;
  name: string;
  /** Location without its trailing `/`. */
  location: string;
  readOnly: boolean;
  broker?: string;
  properties: Map<string, string>;
  createTime: string;
  /** `"<time>: <message>"` after a failed ping, else undefined. */
  errMsg?: string;
  storage: RepositoryStorage;
}

export interface CreateRepositoryRequest {
  name: string;
  location: string;
  readOnly: boolean;
  broker?: string;
  properties: Map<string, string>;
}

/** A failure whose text becomes `Failed to create repository: <message>`. */
export class RepositoryInitError extends Error {}

export class RepositoryManager {
  private readonly repos = new Map<string, Repository>();

  constructor(
    private readonly target: S3Target,
    private readonly nextId: () => number,
  ) {}

  get(name: string): Repository | undefined {
    return this.repos.get(name);
  }

  all(): Repository[] {
    return [...this.repos.values()].sort((a, b) => a.id - b.id);
  }

  drop(name: string): void {
    this.repos.delete(name);
  }

  /** Adds the repository after initialising it on storage (spec §2.1). */
  async create(request: CreateRepositoryRequest): Promise<Repository> {
    if (this.repos.has(request.name)) throw new RepositoryInitError(`repository with same name already exist: ${request.name}`);
    const location = request.location.replace(/\/$/, '');
    const parsed = parseLocation(location);
    const basePath = parsed?.path ? `${parsed.path}/` : '';
    const displayBase = `${location}/`;
    const repoInfoPath = `${displayBase}${STARROCKS_REPOSITORY}${request.name}/${FILE_REPO_INFO}`;
    try {
      if (!parsed) throw new StorageError(`java.lang.IllegalArgumentException: Wrong FS: ${location}`);
      const client = resolveS3Client(parsed, request.properties, this.target);
      const storageAt = (prefix: string) =>
        new RepositoryStorage(client, parsed.bucket, `${basePath}${prefix}${request.name}/`, `${displayBase}${prefix}${request.name}/`);
      const legacy = storageAt(PALO_REPOSITORY);
      const storage = (await legacy.exists(FILE_REPO_INFO)) ? legacy : storageAt(STARROCKS_REPOSITORY);
      const createTime = await this.initRepoInfo(storage, request);
      const repo: Repository = { id: this.nextId(), ...request, location, createTime, storage };
      if (this.repos.has(request.name)) throw new RepositoryInitError(`repository with same name already exist: ${request.name}`);
      this.repos.set(request.name, repo);
      return repo;
    } catch (e) {
      if (e instanceof StorageError) throw new RepositoryInitError(`failed to list remote path: ${repoInfoPath}. msg: ${e.message}`);
      throw e;
    }
  }

  /**
   * Re-attaches to an existing `__repo_info` (taking over its create_time) or writes a new one.
   * UNVERIFIED for READ ONLY repositories on an empty location: the sandbox does not write there.
   */
  private async initRepoInfo(storage: RepositoryStorage, request: CreateRepositoryRequest): Promise<string> {
    if (await storage.exists(FILE_REPO_INFO)) {
      const info = JSON.parse((await storage.read(FILE_REPO_INFO)).toString('utf8')) as { create_time?: string };
      return info.create_time ?? formatDateTime(new Date());
    }
    const createTime = formatDateTime(new Date());
    if (!request.readOnly) await storage.write(FILE_REPO_INFO, JSON.stringify({ name: request.name, create_time: createTime }));
    return createTime;
  }

  /** `Repository.ping`: lists the root; a failure sets ErrMsg, a success clears it. */
  async pingAll(): Promise<void> {
    await Promise.all(
      this.all().map(async (repo) => {
        try {
          await repo.storage.list(FILE_REPO_INFO, false);
          repo.errMsg = undefined;
        } catch (e) {
          repo.errMsg = `${formatDateTime(new Date())}: ${e instanceof Error ? e.message : String(e)}`;
        }
      }),
    );
  }
}
