import { systemClock, type Clock } from '../jobs/core/clock';

/** What the scheduler needs to know about the view: `vscode.TreeView` satisfies it. */
export interface VisibilitySource {
  readonly visible: boolean;
  readonly onDidChangeVisibility: (listener: () => void) => { dispose(): void };
}

/**
 * Decides when a tree refresh actually fires. Every refresh of the explorer re-runs SHOW queries
 * against the server, so requests are coalesced (several job updates in a burst become one refresh)
 * and held back while the view is hidden: a hidden view sends nothing, and becomes current again
 * the moment it is shown. Plain TypeScript with an injectable timer, so it is unit-tested with a
 * manual clock instead of real sleeps.
 */
export class RefreshScheduler<T> {
  /** Nodes waiting to be refreshed; `undefined` stands for the whole tree. */
  private readonly pending = new Set<T | undefined>();
  /** Cancels the debounce timer while one runs. */
  private timer: (() => void) | undefined;
  private visibility: VisibilitySource | undefined;
  private visibilityListener: { dispose(): void } | undefined;

  constructor(
    private readonly fire: (node: T | undefined) => void,
    private readonly debounceMs = 150,
    private readonly clock: Pick<Clock, 'setTimer'> = systemClock,
  ) {}

  /** The view is created after its data provider, so it is attached later. */
  attach(visibility: VisibilitySource): void {
    this.visibilityListener?.dispose();
    this.visibility = visibility;
    this.visibilityListener = visibility.onDidChangeVisibility(() => {
      if (this.isVisible()) {
        this.schedule();
      }
    });
  }

  isVisible(): boolean {
    // Without a view (e.g. before registration) nobody can see the tree, so nothing is fetched.
    return this.visibility?.visible ?? false;
  }

  /** Asks for a refresh of one node, or of the whole tree when node is undefined. */
  request(node?: T): void {
    if (node === undefined) {
      this.pending.clear();
    } else if (this.pending.has(undefined)) {
      return; // a whole-tree refresh already covers it
    }
    this.pending.add(node);
    if (this.isVisible()) {
      this.schedule();
    }
  }

  /** True while a refresh waits, e.g. for the view to become visible. */
  hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** Fires everything pending now, if the view is visible. */
  flush(): void {
    this.timer?.();
    this.timer = undefined;
    if (!this.isVisible() || this.pending.size === 0) {
      return;
    }
    const nodes = [...this.pending];
    this.pending.clear();
    for (const node of nodes) {
      this.fire(node);
    }
  }

  private schedule(): void {
    if (this.timer || this.pending.size === 0) {
      return;
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.flush();
    }, this.debounceMs);
  }

  dispose(): void {
    this.timer?.();
    this.timer = undefined;
    this.visibilityListener?.dispose();
    this.pending.clear();
  }
}
