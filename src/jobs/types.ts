import type * as vscode from 'vscode';
import type { JobKind, JobRow } from '../starrocks/models';

/** What a workflow or the SQL runner tells the tracker right after BACKUP/RESTORE returned OK. */
export interface SubmittedJob {
  profileId: string;
  database: string;
  label: string;
  kind: JobKind;
  repository?: string;
  /** RESTORE's backup_timestamp. */
  timestamp?: string;
  /** The statement as shown to the user (secrets already masked). */
  sql?: string;
}

export type TrackedJobPhase = 'running' | 'finished' | 'cancelled' | 'unknown';

/** How the tracker concluded that a job ended when it never saw the job's final row. */
export type JobResolution =
  /** The backup vanished from SHOW BACKUP, and its snapshot is `OK` in the repository. */
  | 'snapshotFound'
  /** The backup vanished, and no repository holds a complete snapshot with its label. */
  | 'snapshotMissing'
  /** A restore vanished before it was seen finished: the server keeps only the last job per database. */
  | 'vanished'
  /** Its connection was deleted, so nobody can ask the server any more. */
  | 'connectionRemoved';

/** A job as the tracker knows it: the last row seen plus the history it keeps itself. */
export interface TrackedJob extends SubmittedJob {
  /** Stable key: `${profileId}/${database}/${kind}/${label}`. */
  key: string;
  phase: TrackedJobPhase;
  state: string;
  /** When each state was first seen (epoch ms). */
  stateTimes: Record<string, number>;
  submittedAt: number;
  endedAt?: number;
  /** Finished/total from the Progress column, when known. */
  progress?: { finished: number; total: number };
  statusMessage?: string;
  /** True when the extension did not submit it but found it on the server. */
  discovered: boolean;
  lastRow?: JobRow;
  /** The last row exactly as the server sent it (every column, in order), for the details view. */
  rawRow?: Record<string, unknown>;
  /** When the server last listed the job (epoch ms). */
  lastSeenAt?: number;
  /** When the server last listed the job still running (epoch ms): it ended no earlier than this. */
  lastRunningAt?: number;
  /** When finished/total last moved: a transfer that advances is not stuck. */
  progressChangedAt?: number;
  /** When the user cancelled it through the extension. */
  cancelRequestedAt?: number;
  /** Set when the job ended without its final row being seen. */
  resolution?: JobResolution;
  /** Set while the server has not answered for a while; the job then shows as "unknown". */
  unreachable?: {
    since: number;
    message: string;
    /** The connection asks for a password and is not open: nothing is polled until the user connects. */
    notConnected?: boolean;
  };
  /** The user has seen how it ended (opened the job list); the status bar stops warning. */
  acknowledged?: boolean;
  /** Notifications already shown for it, so that a reload does not repeat them. */
  notified?: { ended?: boolean; stuckState?: string };
  /** Last change of this record (epoch ms); windows sharing globalState merge history by it. */
  updatedAt?: number;
}

/** The job tracker as workflows, views and the SQL runner see it. */
export interface JobTrackerService extends vscode.Disposable {
  readonly onDidChangeJobs: vscode.Event<void>;
  /** Starts tracking a job that was just submitted. */
  track(job: SubmittedJob): TrackedJob;
  /** Running and recent jobs, newest first; of one connection when profileId is given. */
  list(profileId?: string): TrackedJob[];
  /** Asks the server whether a BACKUP/RESTORE is running in a database right now. */
  findRunningJob(profileId: string, database: string): Promise<JobRow | undefined>;
  /** One job by its key, running or from history. */
  get(key: string): TrackedJob | undefined;
  /** Polls now (discovering jobs on every connected cluster), whatever the back-off says. */
  refresh(): Promise<void>;
  /**
   * A view that shows jobs became visible or hidden. While any is visible the tracker polls even
   * when nothing runs, so jobs started elsewhere appear; `viewId` tells several views apart.
   */
  setJobsViewVisible(visible: boolean, viewId?: string): void;
  /**
   * Runs CANCEL BACKUP/RESTORE FROM db for a running job (callers confirm first), only after a
   * fresh SHOW BACKUP/RESTORE FROM db shows that job running there now; a restore past COMMIT
   * only with `pastCommitConfirmed`. Says what it did, and what runs now when it sent nothing.
   */
  cancel(key: string, options: { pastCommitConfirmed: boolean }): Promise<CancelResult>;
}

/**
 * What `cancel` did. Only `cancelled` sent CANCEL; every other outcome sent nothing and carries the
 * fresh row (when there was one) so the caller can say what runs now.
 */
export type CancelResult =
  | { status: 'cancelled'; row: JobRow }
  /** A restore past COMMIT that the caller has not confirmed cancelling yet. */
  | { status: 'pastCommit'; row: JobRow }
  /** The database's job now is another one (another label, or another run of the label). */
  | { status: 'otherJob'; row: JobRow }
  /** The job ended (its final row), or the server lists no job of that kind in the database. */
  | { status: 'ended'; row?: JobRow }
  /** The fresh read failed; `reason` is the error's message. */
  | { status: 'unchecked'; reason: string };
