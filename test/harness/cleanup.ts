/**
 * Teardown that must happen however a run ends (success, failure, timeout, Ctrl-C): other test
 * runs share this machine, so no server, browser or temp folder may outlive its run.
 */

type Disposer = () => Promise<void> | void;

const disposers: Disposer[] = [];
let running: Promise<void> | undefined;

/** Registers teardown; the most recently registered runs first (a stack, like `finally`). */
export function onCleanup(dispose: Disposer): void {
  disposers.push(dispose);
}

/** Runs every registered disposer once; errors are reported, never thrown, so all of them run. */
export function cleanup(): Promise<void> {
  running ??= (async () => {
    while (disposers.length > 0) {
      const dispose = disposers.pop();
      try {
        await dispose?.();
      } catch (error) {
        console.error(`[harness] cleanup step failed: ${String(error)}`);
      }
    }
  })();
  return running;
}

/** Exits with `code` after cleaning up. Signals and unexpected errors below do the same. */
export function exitAfterCleanup(code: number): Promise<never> {
  return cleanup().then(() => process.exit(code));
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`[harness] ${signal}: stopping`);
    void exitAfterCleanup(130);
  });
}

/**
 * Makes an unexpected error end the run through cleanup; without it the process would die with
 * servers still running. Not for runs inside mocha, which reports such errors as test failures.
 */
export function exitOnUnexpectedErrors(): void {
  const fail = (what: string, error: unknown) => {
    console.error(`[harness] ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void exitAfterCleanup(1);
  };
  process.on('uncaughtException', (error) => fail('uncaught exception', error));
  process.on('unhandledRejection', (reason) => fail('unhandled rejection', reason));
}
