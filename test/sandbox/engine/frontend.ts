/**
 * Everything the statement handlers share: the version profile, the catalog, repositories, jobs,
 * accounts and the fault switches. One per sandbox.
 */
import { Catalog } from '../catalog/catalog';
import { ErrorReporter } from '../errors/errorReporter';
import type { SqlError } from '../errors/sqlError';
import { JobManager } from '../jobs/jobManager';
import type { InternalJobSpeed } from '../jobs/jobSpeed';
import { RepositoryManager } from '../repository/repositoryManager';
import type { S3Target } from '../repository/s3Resolution';
import { versionProfile, type SandboxVersion, type VersionProfile } from '../version/versionProfile';
import { AccountStore } from './privileges';
import { StatementStats } from './statementStats';

export interface FrontendOptions {
  version: SandboxVersion;
  s3: S3Target;
  jobSpeed: InternalJobSpeed;
  sharedData: boolean;
}

/** A statement pattern that is answered only after a delay. */
export interface SlowStatementRule {
  pattern: RegExp;
  delayMs: number;
}

/** A statement pattern that is answered with an error instead of running (`control.failStatements`). */
export interface FailingStatementRule {
  pattern: RegExp;
  error: SqlError;
}

export class Frontend {
  readonly profile: VersionProfile;
  readonly errors: ErrorReporter;
  readonly catalog = new Catalog();
  readonly repositories: RepositoryManager;
  readonly jobs: JobManager;
  readonly accounts: AccountStore;
  readonly stats = new StatementStats();
  readonly slowStatements: SlowStatementRule[] = [];
  readonly failingStatements: FailingStatementRule[] = [];
  /** Statements a slow rule holds back right now (their text), so a test can act while one is in flight. */
  readonly heldStatements = new Set<string>();
  /** Fault switch: SHOW BACKUP / RESTORE without FROM fail with a syntax error. */
  rejectBareShowJobs = false;
  readonly sharedData: boolean;
  /** 4.2 snapshots record the cluster that wrote them; a fresh id per sandbox. */
  /** Snapshots this sandbox wrote with a ttl (4.2): the ones its expiry daemon watches. */
  readonly ttlSnapshots: { repo: string; label: string }[] = [];
  readonly clusterId = String(Math.floor(1_000_000_000 + Math.random() * 1_000_000_000));

  constructor(options: FrontendOptions) {
    this.profile = versionProfile(options.version);
    this.errors = new ErrorReporter(this.profile);
    this.repositories = new RepositoryManager(options.s3, () => this.catalog.ids.next());
    this.jobs = new JobManager(options.jobSpeed);
    this.accounts = new AccountStore(this.profile, this.errors);
    this.sharedData = options.sharedData;
  }

  /** `RunMode.defaultReplicationNum()`: 3 in shared-nothing, 1 in shared-data. */
  get defaultReplicationNum(): number {
    return this.sharedData ? 1 : 3;
  }
}
