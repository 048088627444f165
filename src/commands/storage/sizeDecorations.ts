import * as vscode from 'vscode';
import type { SnapshotSizeService } from '../../storage/sizeService';
import type { SnapshotDecoration, SnapshotDecorations, SnapshotRef } from '../../views/snapshotDecorations';

/** How long a failed background sizing of a repository is not retried (the error is in the log). */
const RETRY_AFTER_MS = 10 * 60_000;

/**
 * Sizes on the tree's snapshot nodes. A node that renders asks for its size; when the repository
 * was never measured (and has S3 credentials) one background sizing of the whole repository
 * starts — sizes then arrive together, and the tree re-renders once. Nothing is measured for
 * repositories without credentials, or when the setting turns it off.
 */
export class SnapshotSizeDecorations implements SnapshotDecorations, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeDecorations = this.emitter.event;
  /** When a background sizing was last started per profile and repository. */
  private readonly started = new Map<string, number>();
  private readonly subscription: { dispose(): void };
  /** Ends the background runs when the tree goes away (the shared run stops once nobody waits). */
  private readonly stop = new AbortController();

  constructor(
    private readonly sizes: SnapshotSizeService,
    private readonly hasCredentials: (profileId: string, repository: string) => Promise<boolean>,
    private readonly log: vscode.LogOutputChannel,
    private readonly enabled: () => boolean,
  ) {
    this.subscription = sizes.onDidChange((change) => {
      // A deleted snapshot or a new backup: measure that repository again on the next render.
      for (const key of [...this.started.keys()]) if (key.endsWith(`\u0000${change.repoKey}`) && change.labels) this.started.delete(key);
      this.emitter.fire();
    });
  }

  getDecoration(ref: SnapshotRef): SnapshotDecoration | undefined {
    let repoKey: string;
    try {
      repoKey = this.sizes.repositoryKey(ref);
    } catch {
      return undefined; // not an S3 location (HDFS…): nothing to measure
    }
    const known = this.sizes.getCached(repoKey, ref.label);
    if (known) return { sizeBytes: known.bytes, objectCount: known.objects };
    this.startSizing(ref, repoKey);
    return undefined;
  }

  private startSizing(ref: SnapshotRef, repoKey: string): void {
    const key = `${ref.profileId}\u0000${repoKey}`;
    const last = this.started.get(key);
    if (!this.enabled() || (last !== undefined && Date.now() - last < RETRY_AFTER_MS)) return;
    this.started.set(key, Date.now());
    void this.measure({ profileId: ref.profileId, repository: ref.repository, location: ref.location });
  }

  private async measure(target: { profileId: string; repository: string; location: string }): Promise<void> {
    try {
      if (!(await this.hasCredentials(target.profileId, target.repository))) return;
      const usage = await this.sizes.sizeRepository(target, { signal: this.stop.signal });
      this.log.info(
        `Measured repository ${target.repository} on S3: ${usage.totals.snapshots} snapshot(s), ${usage.totals.objects} object(s), ${usage.totals.bytes} byte(s).`,
      );
    } catch (error) {
      this.log.warn(
        `Could not measure the snapshots of repository ${target.repository} on S3: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  dispose(): void {
    this.stop.abort();
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
