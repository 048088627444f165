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
  snapshotFinishedTime?: Date;
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

  /** What one poll does in each running state; terminal states have none. */
  protected abstract readonly steps: Readonly<Partial<Record<string, () => Promise<void>>>>;

  /** One poll of the job (`run()` in the FE): advances at most one state. */
  async step(): Promise<void> {
    await this.steps[this.state]?.();
  }

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

  /** SNAPSHOTING: the BEs finish half the snapshot tasks per poll; true once all are done. */
  protected snapshotTasksDone(): boolean {
    const pending = [...this.unfinishedTasks.keys()];
    for (const taskId of pending.slice(0, Math.max(1, Math.ceil(pending.length / 2)))) this.unfinishedTasks.delete(taskId);
    if (this.unfinishedTasks.size > 0) return false;
    this.snapshotFinishedTime = new Date();
    return true;
  }

  /** Registers a new upload/download task with its backend, at zero progress. */
  protected addTransferTask<F>(tasks: TransferTask<F>[], signature: number, backend: number, files: F[]): void {
    tasks.push({ signature, files, done: 0 });
    this.unfinishedTasks.set(signature, backend);
    this.progress.set(signature, [0, files.length]);
  }

  /**
   * One poll of UPLOADING / DOWNLOADING: every unfinished task moves a few files. True once every
   * file is moved; an injected failure cancels the job instead.
   */
  protected async transferStep<F>(
    tasks: TransferTask<F>[],
    filesPerStep: () => number,
    move: (file: F) => Promise<void>,
  ): Promise<boolean> {
    await Promise.all(tasks.filter(isUnfinished).map((task) => this.transferSome(task, filesPerStep(), move)));
    if (this.isDone()) return false;
    if (this.faults.failWith !== undefined) {
      this.cancel({ code: 'COMMON_ERROR', message: this.faults.failWith });
      return false;
    }
    if (tasks.some(isUnfinished)) return false;
    this.progress.clear();
    return true;
  }

  /** A storage error goes to TaskErrMsg and the task retries it on the next poll, until the job times out. */
  private async transferSome<F>(task: TransferTask<F>, count: number, move: (file: F) => Promise<void>): Promise<void> {
    try {
      for (const file of task.files.slice(task.done, task.done + count)) {
        await move(file);
        task.done++;
        this.progress.set(task.signature, [task.done, task.files.length]);
      }
      this.taskErrors.delete(task.signature);
      if (task.done === task.files.length) this.unfinishedTasks.delete(task.signature);
    } catch (e) {
      this.taskErrors.set(task.signature, e instanceof Error ? e.message : String(e));
    }
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

/** An upload (BACKUP) or download (RESTORE) task: its files and how many are moved. */
export interface TransferTask<F> {
  signature: number;
  files: F[];
  done: number;
}

function isUnfinished(task: TransferTask<unknown>): boolean {
  return task.done < task.files.length;
}

/**
 * Splits items over their backends and each backend's share into at most three task batches
 * (round robin), as the FE does for upload and download tasks.
 */
export function batchesPerBackend<T>(items: T[], tabletIdOf: (item: T) => number): { backend: number; items: T[] }[] {
  const byBackend = new Map<number, T[]>();
  for (const item of items) {
    const be = backendOf(tabletIdOf(item));
    byBackend.set(be, [...(byBackend.get(be) ?? []), item]);
  }
  const batches: { backend: number; items: T[] }[] = [];
  for (const [backend, list] of byBackend) {
    const count = Math.min(list.length, 3);
    for (let b = 0; b < count; b++) batches.push({ backend, items: list.filter((_, i) => i % count === b) });
  }
  return batches;
}
