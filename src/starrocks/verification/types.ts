/**
 * The contract of a restore verification: what to compare (a source and a target database and the
 * tables between them, renamed or not) and what was found (per table and per partition).
 * Shared by Migrate to Another Cluster…, Verify Restore… and the restore drills of backup plans.
 */
import type { QuerySession } from '../reads';

/** One table to compare: its name on the source, its name on the target (RESTORE … AS), and optionally which partitions. */
export interface TablePair {
  source: string;
  target: string;
  /**
   * Compare only these partitions (a snapshot of some partitions restores only those). Absent:
   * every partition either side has; a partition on one side only is a difference.
   */
  partitions?: readonly string[];
}

export interface VerificationSide {
  session: QuerySession;
  /** What the report calls this side: the connection's name. */
  label: string;
  database: string;
}

export interface VerificationRequest {
  source: VerificationSide;
  target: VerificationSide;
  /** The tables to compare; absent: every base table of the source database under the same name. */
  tables?: readonly TablePair[];
  /** Also compare a checksum of the rows' contents, computed by each server (see builders/verification.ts). */
  checksum?: boolean;
  /** Statements in flight at once over both sides (default 4, a profile's pool size). */
  concurrency?: number;
  /** The user-facing text of a failed read (the VS Code side passes its redacting errorText). */
  describeError?: (error: unknown) => string;
  signal?: AbortSignal;
  /** Called after each statement: how many are done of how many planned so far. */
  onProgress?: (done: number, total: number) => void;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

/** What one side answered for one table or partition. */
export type Reading =
  { kind: 'rows'; rows: number; checksum?: string; checksumError?: string } | { kind: 'missing' } | { kind: 'error'; reason: string };

/**
 * - `equal`: both sides have it with the same row count (and checksum when compared);
 * - `differs`: both have it, with other counts or checksums (`differsIn` says which);
 * - `missingOnTarget` / `missingOnSource`: only one side has it;
 * - `unreadable`: a side could not be read (`Reading.reason` says why).
 */
export type Verdict = 'equal' | 'differs' | 'missingOnTarget' | 'missingOnSource' | 'unreadable';

export interface Comparison {
  verdict: Verdict;
  source: Reading;
  target: Reading;
  /** For `differs`: whether the row counts, the checksums or both differ. */
  differsIn?: ('rows' | 'checksum')[];
}

export interface PartitionComparison extends Comparison {
  partition: string;
}

export interface TableComparison {
  sourceTable: string;
  targetTable: string;
  /** The worst verdict of the table and its partitions. */
  verdict: Verdict;
  /** The whole table: its own count when unpartitioned, else the sum over the compared partitions. */
  total: Comparison;
  /** One entry per compared partition; empty for an unpartitioned table. */
  partitions: PartitionComparison[];
  /** Only the listed partitions were compared (`TablePair.partitions`). */
  partitionsLimited: boolean;
  /** The columns the checksum covers, and those it had to leave out (types that cannot be cast to text). */
  checksumColumns?: string[];
  skippedColumns?: string[];
  /** Why no checksum was computed for this table although one was asked for. */
  checksumNote?: string;
}

export interface VerificationReport {
  source: { label: string; database: string };
  target: { label: string; database: string };
  checksum: boolean;
  tables: TableComparison[];
  /** True when every table and partition is `equal` (and at least one table was compared). */
  verified: boolean;
  /** How many tables ended with each verdict. */
  summary: Record<Verdict, number>;
  /** Source objects that are not compared, and why (views, materialized views). */
  notes: string[];
  startedAt: Date;
  finishedAt: Date;
  /** Statements sent, both sides together. */
  statements: number;
}
