/**
 * `BackupHandler`'s job side: one slot per database holding its last job (spec §4.3), one running
 * job per database, a poll loop per job at the configured speed, and the fault-injection hooks
 * (fail / time out the next job of a database, hold jobs in a state).
 */
import { sleep } from '../util/timeFormat';
import type { AbstractJob, JobFaultPlan } from './abstractJob';
import { speedProfile, type InternalJobSpeed } from './jobSpeed';

export class JobManager {
  private readonly lastJobByDb = new Map<number, AbstractJob>();
  private readonly pendingFaults = new Map<string, JobFaultPlan>();
  private readonly stuck = new Map<string, string>();
  private readonly loops = new Set<Promise<void>>();
  private stopped = false;
  private speed: InternalJobSpeed;

  constructor(speed: InternalJobSpeed) {
    this.speed = speed;
  }

  setSpeed(speed: InternalJobSpeed): void {
    this.speed = speed;
  }

  get filesPerStep(): number {
    return speedProfile(this.speed).filesPerStep;
  }

  lastJob(dbId: number): AbstractJob | undefined {
    return this.lastJobByDb.get(dbId);
  }

  allLastJobs(): AbstractJob[] {
    return [...this.lastJobByDb.values()].sort((a, b) => a.createTime.getTime() - b.createTime.getTime());
  }

  runningJobs(): AbstractJob[] {
    return this.allLastJobs().filter((j) => !j.isDone());
  }

  /** True when the database already runs a job (the one-job-per-database rule). */
  isBusy(dbId: number): boolean {
    const job = this.lastJobByDb.get(dbId);
    return job !== undefined && !job.isDone();
  }

  /** Registers the job as its database's last job and starts polling it. */
  submit(job: AbstractJob): void {
    job.faults = this.pendingFaults.get(job.dbName) ?? {};
    this.pendingFaults.delete(job.dbName);
    this.lastJobByDb.set(job.dbId, job);
    const loop = this.run(job).finally(() => this.loops.delete(loop));
    this.loops.add(loop);
  }

  /** The next job of `db` is cancelled mid-transfer with this Status message. */
  failNextJob(db: string, message: string): void {
    this.pendingFaults.set(db, { ...this.pendingFaults.get(db), failWith: message });
  }

  /** The next job of `db` times out once its transfer starts. */
  timeoutNextJob(db: string): void {
    this.pendingFaults.set(db, { ...this.pendingFaults.get(db), timeout: true });
  }

  /** Jobs of `db` stop advancing once they reach `state`, until released. */
  stickJob(db: string, state: string): void {
    this.stuck.set(db, state);
  }

  releaseJobs(): void {
    this.stuck.clear();
  }

  /** Removes the last job of a database (its database was dropped). */
  forgetDatabase(dbId: number): void {
    const job = this.lastJobByDb.get(dbId);
    if (job && !job.isDone()) job.cancel({ code: 'COMMON_ERROR', message: `database ${dbId} does not exist` });
    this.lastJobByDb.delete(dbId);
  }

  /** Waits until every job is done (start-up seeding). */
  async drain(): Promise<void> {
    while (this.loops.size > 0) await Promise.all([...this.loops]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.loops]);
  }

  private async run(job: AbstractJob): Promise<void> {
    while (!job.isDone() && !this.stopped) {
      await sleep(speedProfile(this.speed).stepMs);
      if (job.isDone() || this.stopped) return;
      if (this.stuck.get(job.dbName) === job.state) continue;
      if (job.timedOut(Date.now()) || (job.faults.timeout && isTransferring(job.state))) {
        job.cancel(job.timeoutStatus());
        return;
      }
      await job.step();
    }
  }
}

function isTransferring(state: string): boolean {
  return state === 'UPLOADING' || state === 'DOWNLOADING';
}
