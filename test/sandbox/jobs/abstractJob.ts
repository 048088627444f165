/**
 * What BACKUP and RESTORE jobs share (`AbstractJob` in the FE): id, label, times, the
 * `[CODE, msg: ...]` status, and the task bookkeeping SHOW BACKUP / SHOW RESTORE display.
 */
import { formatOptionalTime } from '../util/timeFormat';

export type StatusCode = 'OK' | 'NOT_FOUND' | 'BAD_FILE' | 'TIMEOUT' | 'BAD_CONNECTION' | 'COMMON_ERROR' | 'UNSUPPORTED';

export interface JobStatus {
  code: StatusCode;
  message?: string;
}

/** `Status.toString()`: `[OK]` or `[CODE, msg: text]`. */
export function formatStatus(status: JobStatus): string {
  return status.code === 'OK' ? '[OK]' : `[${status.code}, msg: ${status.message ?? ''}]`;
}

/** How a job may be held or broken by fault injection. */
export interface JobFaultPlan {
  /** Fail in the middle of the transfer with this Status message. */
  failWith?: string;
  /** Time out once the transfer starts. */
  timeout?: boolean;
}

export abstract class AbstractJob {
  abstract readonly kind: 'BACKUP' | 'RESTORE';
  jobId = -1;
  abstract state: string;
  readonly createTime = new Date();
  finishedTime?: Date;
  status: JobStatus = { code: 'OK' };
  /** Task id (tablet id or signature) → backend id, while tasks run. */
  readonly unfinishedTasks = new Map<number, number>();
  /** Task signature → [finished, total], while uploads/downloads run. */
  readonly progress = new Map<number, [number, number]>();
  readonly taskErrors = new Map<number, string>();
  faults: JobFaultPlan = {};

  constructor(
    readonly label: string,
    readonly dbName: string,
    readonly dbId: number,
    readonly repoName: string,
    readonly timeoutMs: number,
  ) {}

  isDone(): boolean {
    return this.state === 'FINISHED' || this.state === 'CANCELLED';
  }

  /** One poll of the job (`run()` in the FE): advances at most one state. */
  abstract step(): Promise<void>;

  /** The message a timeout leaves in Status. */
  abstract timeoutStatus(): JobStatus;

  /** A user's CANCEL: the Status message the FE records. */
  abstract userCancelStatus(): JobStatus;

  /** Undo what the job did so far (e.g. drop tables a restore created). */
  protected abstract onCancel(): void;

  cancel(status: JobStatus): void {
    if (this.isDone()) return;
    this.status = status;
    this.onCancel();
    this.unfinishedTasks.clear();
    this.progress.clear();
    this.finishedTime = new Date();
    this.state = 'CANCELLED';
  }

  protected finish(): void {
    this.finishedTime = new Date();
    this.state = 'FINISHED';
  }

  timedOut(now: number): boolean {
    return now - this.createTime.getTime() > this.timeoutMs;
  }

  /** Columns every SHOW BACKUP / SHOW RESTORE row ends with: tasks, progress, errors, status, timeout. */
  protected commonTail(): (string | null)[] {
    return [
      [...this.unfinishedTasks].map(([task, be]) => `${task}=${be}`).join(', '),
      [...this.progress].map(([sig, [done, total]]) => `[${sig}: ${done}/${total}]`).join(', '),
      [...this.taskErrors].map(([sig, msg]) => `[${sig}: ${msg}]`).join(', '),
      formatStatus(this.status),
      String(Math.floor(this.timeoutMs / 1000)),
    ];
  }

  protected time(date: Date | undefined): string | null {
    return formatOptionalTime(date);
  }

  /** The row of SHOW BACKUP (14 columns) or SHOW RESTORE (18 columns). */
  abstract showRow(): (string | null)[];
}

/** The sandbox's backends: tablets are spread over three, as on a small cluster. */
export const BACKEND_IDS = [10002, 10003, 10004];

export function backendOf(tabletId: number): number {
  return BACKEND_IDS[tabletId % BACKEND_IDS.length];
}
