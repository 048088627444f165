import { throwIfAborted } from './errors';

/** A bound on the calls in flight that may change while the work runs (see AdaptiveLimit). */
export interface ConcurrencyLimit {
  readonly limit: number;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight (a number, or a ConcurrencyLimit
 * read again whenever a call ends), keeping the results in input order. Stops starting new work
 * once the signal fires or a call throws, and rethrows the first error after the calls already
 * running have settled (so no request outlives the operation).
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number | ConcurrencyLimit,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const bound = (): number => Math.max(1, typeof limit === 'number' ? limit : limit.limit);
  const results = new Array<R>(items.length);
  let next = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  return new Promise<R[]>((resolve, reject) => {
    const pump = (): void => {
      while (!failure && next < items.length && running < bound()) {
        try {
          throwIfAborted(signal);
        } catch (error) {
          failure = { error };
          break;
        }
        const index = next++;
        running++;
        Promise.resolve()
          .then(() => fn(items[index], index))
          .then(
            (result) => {
              results[index] = result;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            running--;
            pump();
          });
      }
      if (running > 0 || (!failure && next < items.length)) return;
      if (failure) reject(failure.error);
      else resolve(results);
    };
    pump();
  });
}
