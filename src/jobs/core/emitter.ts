/**
 * A minimal event emitter for the pure core, shaped like `vscode.Event` so that the VS Code side
 * can hand its listeners straight through without importing `vscode` here.
 */
export type Listener<T> = (value: T) => void;

export interface Subscription {
  dispose(): void;
}

export type CoreEvent<T> = (listener: Listener<T>) => Subscription;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: CoreEvent<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      // One faulty listener must not stop the others or break the poll loop that fires.
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
