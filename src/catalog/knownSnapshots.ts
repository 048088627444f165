import type { SnapshotSummary } from '../starrocks/models';

/**
 * The last snapshot list the server gave for each repository of each connection, parsed, so that
 * the tree can show a repository again at once (and refresh it in the background) instead of
 * waiting seconds for SHOW SNAPSHOT of a large repository every time it is expanded again.
 *
 * It is a memory of what was shown, never an answer to act on: destructive flows and wizards read
 * the server through `ServerCatalog`'s fresh methods. Anything that writes forgets it.
 *
 * A read that was sent before a `forget()` and answered after it may describe the server before a
 * write, so it is not recorded (`begin()` hands out the epoch it started in).
 */
export class KnownSnapshots {
  private readonly lists = new Map<string, Map<string, SnapshotSummary[]>>();
  private epoch = 0;

  /** The last list recorded for the repository (no query), or undefined. */
  get(profileId: string, repository: string): SnapshotSummary[] | undefined {
    return this.lists.get(profileId)?.get(repository);
  }

  /** Call before sending the read whose answer `record()` will keep. */
  begin(): number {
    return this.epoch;
  }

  /**
   * Keeps `list` as what the repository holds, unless something was forgotten since `begin()`.
   * Returns the list now known: the previous array when the new one has the same content, so a
   * caller that kept derived data (sorted entries) for it can tell that nothing changed.
   */
  record(started: number, profileId: string, repository: string, list: SnapshotSummary[]): SnapshotSummary[] {
    if (started !== this.epoch) return list;
    const previous = this.get(profileId, repository);
    if (previous && sameSnapshots(previous, list)) return previous;
    let perConnection = this.lists.get(profileId);
    if (!perConnection) {
      perConnection = new Map();
      this.lists.set(profileId, perConnection);
    }
    perConnection.set(repository, list);
    return list;
  }

  /** Forgets one repository's list, every list of a connection, or everything. */
  forget(profileId?: string, repository?: string): void {
    this.epoch++;
    if (profileId === undefined) this.lists.clear();
    else if (repository === undefined) this.lists.delete(profileId);
    else this.lists.get(profileId)?.delete(repository);
  }
}

/** Same snapshots with the same facts, in the same order (the server's order is stable). */
export function sameSnapshots(a: readonly SnapshotSummary[], b: readonly SnapshotSummary[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
