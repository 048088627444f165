/**
 * At most one job notification on screen at a time. Jobs often end together (a nightly batch);
 * a stack of toasts helps nobody, so notices that arrive while one shows wait, and several waiting
 * ones become a single summary.
 */
import type { Clock } from './clock';

export interface QueuedNotice {
  /** A newer notice with the same key replaces a waiting one (e.g. stuck, then failed). */
  key: string;
}

export class NoticeQueue<T extends QueuedNotice> {
  private readonly waiting: T[] = [];
  private busy = false;
  private disposed = false;

  /**
   * @param show displays a notice; resolves when the user closed it or chose an action.
   * @param summarize turns several waiting notices into one.
   * @param holdMs how long a notice nobody closes blocks the next one (toasts hide by themselves,
   *   but the promise behind one stays pending until it is dismissed from the notification center).
   */
  constructor(
    private readonly show: (notice: T) => PromiseLike<unknown>,
    private readonly summarize: (notices: T[]) => T,
    private readonly clock: Clock,
    private readonly holdMs: number,
  ) {}

  push(notice: T): void {
    if (this.disposed) return;
    const index = this.waiting.findIndex((w) => w.key === notice.key);
    if (index >= 0) this.waiting.splice(index, 1);
    this.waiting.push(notice);
    if (!this.busy) this.next();
  }

  /** Notices waiting behind the one on screen. */
  get pending(): readonly T[] {
    return this.waiting;
  }

  /** Nothing on screen (as far as the queue knows) and nothing waiting. */
  get idle(): boolean {
    return !this.busy && this.waiting.length === 0;
  }

  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
  }

  private next(): void {
    if (this.disposed || this.waiting.length === 0) {
      this.busy = false;
      return;
    }
    const batch = this.waiting.splice(0, this.waiting.length);
    const notice = batch.length === 1 ? batch[0] : this.summarize(batch);
    this.busy = true;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      cancelHold();
      this.next();
    };
    const cancelHold = this.clock.setTimer(release, this.holdMs);
    Promise.resolve(this.show(notice)).then(release, release);
  }
}
