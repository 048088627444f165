/**
 * A CREATE REPOSITORY that got no answer (time limit, lost connection) may still be running: the
 * FE contacts the storage before it answers, and goes on after the client gave up. Before the
 * extension calls it a failure it looks at SHOW REPOSITORIES for a while; when the repository is
 * there, it was created, and the caller keeps its storage access as after a normal success.
 */
import { readRepositories } from '../starrocks/reads';
import { ConnectionError } from './connectionError';
import type { Translate } from './profileValidation';
import type { StarRocksSession } from './types';

export interface AppearanceWait {
  /** How many times SHOW REPOSITORIES is read. */
  attempts: number;
  /** Pause between two reads. */
  intervalMs: number;
}

/** About ten seconds: long enough for a CREATE that was just slower than the time limit. */
export const DEFAULT_APPEARANCE_WAIT: AppearanceWait = { attempts: 10, intervalMs: 1000 };

export type UnknownCreateResult = { created: true } | { created: false; error: ConnectionError };

/**
 * Looks for repository `name` after its CREATE REPOSITORY failed with `error` (an unknown outcome).
 * Found: runs `keep` (keep the storage access) and resolves `created: true`. Not found, or SHOW
 * REPOSITORIES cannot be read: the error, still an unknown outcome, says which.
 */
export async function settleUnknownCreate(
  session: Pick<StarRocksSession, 'query'>,
  name: string,
  error: ConnectionError,
  keep: () => Promise<void>,
  t: Translate,
  wait: AppearanceWait = DEFAULT_APPEARANCE_WAIT,
): Promise<UnknownCreateResult> {
  let lastFailure: string | undefined;
  for (let attempt = 0; attempt < wait.attempts; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, wait.intervalMs));
    try {
      const listed = await readRepositories(session);
      lastFailure = undefined;
      if (listed.some((repo) => repo.name === name)) {
        await keep();
        return { created: true };
      }
    } catch (e) {
      lastFailure = e instanceof Error ? e.message : String(e);
    }
  }
  const note =
    lastFailure === undefined
      ? t(
          'SHOW REPOSITORIES does not list {0} yet. If it appears later (Refresh), it was created: then set its S3 credentials with "Set S3 Credentials…" so the extension can read its files.',
          name,
        )
      : t(
          'Whether {0} was created could not be checked: SHOW REPOSITORIES failed ({1}). Refresh later to see whether it exists.',
          name,
          lastFailure,
        );
  return {
    created: false,
    error: error.with({ outcomeUnknown: true }, `${error.message} ${note}`),
  };
}
