import type { StoredSnapshot } from './inspect';

/**
 * Measured snapshots per repository (`repositoryKeyOf`) and label. A complete snapshot never
 * changes on storage (BACKUP refuses an existing label), so its entry stays valid until it is
 * deleted or `maxAgeMs` passes (someone may delete it behind our back); an incomplete one may
 * still be growing and is never reused. Owners call `invalidate` after a delete or a backup.
 */
export class SnapshotSizeCache {
  private readonly byRepository = new Map<string, Map<string, StoredSnapshot>>();

  constructor(
    private readonly maxAgeMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whatever is known, fresh or not (for display). */
  get(repoKey: string, label: string): StoredSnapshot | undefined {
    return this.byRepository.get(repoKey)?.get(label);
  }

  /** An entry that may stand in for a new measurement. */
  getReusable(repoKey: string, label: string): StoredSnapshot | undefined {
    const entry = this.get(repoKey, label);
    if (!entry || !entry.complete) return undefined;
    return this.now() - entry.scannedAt <= this.maxAgeMs ? entry : undefined;
  }

  set(repoKey: string, snapshot: StoredSnapshot): void {
    let labels = this.byRepository.get(repoKey);
    if (!labels) this.byRepository.set(repoKey, (labels = new Map()));
    labels.set(snapshot.label, snapshot);
  }

  list(repoKey: string): StoredSnapshot[] {
    return [...(this.byRepository.get(repoKey)?.values() ?? [])];
  }

  /** Forgets one snapshot, or a whole repository when no label is given. */
  invalidate(repoKey: string, label?: string): void {
    if (label === undefined) this.byRepository.delete(repoKey);
    else this.byRepository.get(repoKey)?.delete(label);
  }

  /** Drops the entries of labels no longer on storage (deleted elsewhere). */
  retainOnly(repoKey: string, labels: Iterable<string>): void {
    const keep = new Set(labels);
    const entries = this.byRepository.get(repoKey);
    for (const label of [...(entries?.keys() ?? [])]) if (!keep.has(label)) entries!.delete(label);
  }

  /** The repositories holding an entry for `label`. */
  repositoriesWith(label: string): string[] {
    return [...this.byRepository].filter(([, labels]) => labels.has(label)).map(([repoKey]) => repoKey);
  }

  clear(): void {
    this.byRepository.clear();
  }
}
