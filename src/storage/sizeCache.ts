import { InfoReadCache } from './infoReadCache';
import type { StoredSnapshot } from './inspect';

/**
 * Measured snapshots per repository (`repositoryKeyOf`) and label. A complete snapshot never
 * changes on storage (BACKUP refuses an existing label), so its entry stays valid until it is
 * deleted or `maxAgeMs` passes (someone may delete it behind our back); an incomplete one may
 * still be growing and is never reused. Owners call `invalidate` after a delete or a backup.
 * The info files read for health checks are kept apart, keyed by ETag (`InfoReadCache`), so they
 * outlive a forced re-measurement that lists everything again.
 */
export class SnapshotSizeCache {
  private readonly byRepository = new Map<string, Map<string, StoredSnapshot>>();
  readonly infoReads = new InfoReadCache();

  constructor(
    private readonly maxAgeMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whatever is known, fresh or not (for display). */
  get(repoKey: string, label: string): StoredSnapshot | undefined {
    return this.byRepository.get(repoKey)?.get(label);
  }

  /**
   * An entry that may stand in for a new measurement; with `health`, only one whose info file was
   * checked (a sizes-only entry says nothing about missing tablets or a failed backup_result).
   */
  getReusable(repoKey: string, label: string, health = false): StoredSnapshot | undefined {
    const entry = this.get(repoKey, label);
    if (!entry || !entry.complete || (health && !entry.healthChecked)) return undefined;
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

  /**
   * Forgets one snapshot (and its info file reads), or a whole repository's measurements when no
   * label is given; the info reads of the others stay, as their ETags tell whether they still hold.
   */
  invalidate(repoKey: string, label?: string): void {
    if (label === undefined) this.byRepository.delete(repoKey);
    else {
      this.byRepository.get(repoKey)?.delete(label);
      this.infoReads.invalidate(repoKey, label);
    }
  }

  /** Drops the entries of labels no longer on storage (deleted elsewhere). */
  retainOnly(repoKey: string, labels: Iterable<string>): void {
    const keep = new Set(labels);
    const entries = this.byRepository.get(repoKey);
    for (const label of [...(entries?.keys() ?? [])]) if (!keep.has(label)) entries!.delete(label);
    this.infoReads.retainOnly(repoKey, keep);
  }

  /** The repositories holding an entry for `label`. */
  repositoriesWith(label: string): string[] {
    return [...this.byRepository].filter(([, labels]) => labels.has(label)).map(([repoKey]) => repoKey);
  }

  clear(): void {
    this.byRepository.clear();
    this.infoReads.clear();
  }
}
