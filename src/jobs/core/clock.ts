/**
 * Time as the tracker sees it. Injected so that unit tests and the benchmark can drive the
 * polling core with a virtual clock instead of waiting for real seconds.
 */
export interface Clock {
  now(): number;
  /** Runs `callback` once after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, ms);
    // A pending poll must never keep a process (the benchmark, a test runner) alive on its own.
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};
