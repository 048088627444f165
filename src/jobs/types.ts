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

/** A job as the tracker knows it: the last row seen plus the history it keeps itself. */
export interface TrackedJob {
  /** Stable key: `${profileId}/${database}/${kind}/${label}`. */
  key: string;
  profileId: string;
  database: string;
  label: string;
  kind: JobKind;
  repository?: string;
  timestamp?: string;
  sql?: string;
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
}
