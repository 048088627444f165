/**
 * The sandbox's public contract: how to start it, what it tells you about itself, and the
 * control surface tests use to observe and break it. Every control method takes effect at once
 * (in-process: synchronously, before the returned promise settles) and returns a promise, so
 * the same interface works against a sandbox running in a child process.
 */
import type { RunningS3Server } from './s3/s3Server';
import type { SandboxStats, StatementLogEntry } from './engine/statementStats';
import type { JobSpeed } from './jobs/jobSpeed';
import type { AccountSpec } from './engine/privileges';
import type { ErrorKind } from './errors/errorReporter';
import type { SandboxVersion } from './version/versionProfile';

/** How `failStatements` answers: the ERR packet of the FE's error `kind` (default `commonError`) with `message`. */
export interface StatementFault {
  message: string;
  kind?: ErrorKind;
}

export type { SandboxStats, StatementLogEntry, JobSpeed, SandboxVersion, AccountSpec };

export interface SandboxOptions {
  /** FE (MySQL protocol) port; 0 picks a free one. Default 0. */
  port?: number;
  /** S3 server port; 0 picks a free one. Default 0. */
  s3Port?: number;
  /**
   * Keep the repositories on this S3 server (another sandbox's `control.s3`) instead of starting
   * one: two clusters over one bucket, as in a migration. `stop()` leaves it running (its owner
   * stops it). The seed defaults to `empty`; `demo` is refused, as it would write its snapshots
   * into the owner's `demo_repo`. Not with `childProcess` or `s3Port`.
   */
  sharedS3?: RunningS3Server;
  /** The StarRocks release to emulate. Default `3.4`. */
  version?: SandboxVersion;
  /** `demo`: the demo databases, repository and two snapshots; `empty`: nothing. Default `demo` (`empty` with `sharedS3`). */
  seed?: 'demo' | 'empty';
  /** How fast BACKUP/RESTORE jobs move. Default `fast`. */
  jobSpeed?: JobSpeed;
  /** The administrator account. Default `root`. */
  user?: string;
  /** Its password. Default `sandbox`. */
  password?: string;
  /** More accounts, e.g. one without privileges: `{ user: 'viewer', password: 'x', privileges: [] }`. */
  users?: AccountSpec[];
  /** Run as a child process through the CLI instead of in this process. */
  childProcess?: boolean;
  /** Pretend to be a shared-data cluster (`run_mode` = `shared_data`). */
  sharedData?: boolean;
}

/** How to reach the sandbox. */
export interface SandboxInfo {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `http://127.0.0.1:<port>` of the S3 server holding the repositories. */
  s3Endpoint: string;
  /** The bucket the demo repository lives in (`starrocks-backups`). */
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
  version: SandboxVersion;
}

/** Observation and fault injection. */
export interface SandboxControl {
  /** Statement counters: total, per kind (e.g. `SHOW BACKUP`), errors, connections. */
  stats(): Promise<SandboxStats>;
  resetStats(): Promise<void>;
  /** Every statement received since the last reset, oldest first. */
  statementLog(): Promise<StatementLogEntry[]>;
  /** Closes every client connection at once; resolves to how many were open. */
  dropConnections(): Promise<number>;
  /** Makes the S3 server drop every request (and re-pings the repositories, so ErrMsg shows it). */
  setS3Unreachable(unreachable: boolean): Promise<void>;
  /** Statements matching `pattern` (a RegExp or its source, case-insensitive) are answered after `delayMs`; 0 removes the rule. */
  slowStatements(pattern: string | RegExp, delayMs: number): Promise<void>;
  /** The statements `slowStatements` is holding back right now: a client's statement is known to be in flight. */
  heldStatements(): Promise<string[]>;
  /**
   * Statements matching `pattern` (a RegExp or its source, case-insensitive) fail with the FE's
   * error of `kind` (its code and SQLSTATE in this version's numbering) and `message`, without
   * running; they are logged under their own kind with the error. `undefined` removes the rule.
   * For a privilege the user lacks, use `kind: 'accessDenied'` with the FE's text.
   */
  failStatements(pattern: string | RegExp, fault: StatementFault | undefined): Promise<void>;
  /**
   * While on, `SHOW BACKUP` / `SHOW RESTORE` without FROM fail with a syntax error (1064 / 42000,
   * `Unexpected input '<EOF>', the most similar input is {'FROM', 'IN'}.`), as on a server without
   * the cluster-wide form; with FROM they still answer. Logged under the kind `SYNTAX ERROR`.
   */
  rejectBareShowJobs(reject: boolean): Promise<void>;
  /** The next BACKUP/RESTORE job of `database` is cancelled mid-transfer with Status `[COMMON_ERROR, msg: <message>]`. */
  failNextJob(database: string, message: string): Promise<void>;
  /** The next job of `database` times out (`[TIMEOUT, msg: ...]`) once its transfer starts. */
  timeoutNextJob(database: string): Promise<void>;
  /** Jobs of `database` stop advancing when they reach `state` (e.g. `UPLOADING`) until released. */
  stickJob(database: string, state: string): Promise<void>;
  releaseJobs(): Promise<void>;
  setJobSpeed(speed: JobSpeed): Promise<void>;
  /** Rows a table holds right now (read directly, no SQL, no privilege checks). */
  rowCount(db: string, table: string): Promise<number>;
  rows(db: string, table: string): Promise<Record<string, string | null>[]>;
  /** The S3 server (e.g. `failNextDelete`, `stats`). */
  s3: RunningS3Server;
}

export interface RunningSandbox {
  info: SandboxInfo;
  control: SandboxControl;
  /** Stops the FE, the jobs and its own S3 server (not a `sharedS3`; and the child process, if any). */
  stop(): Promise<void>;
}
