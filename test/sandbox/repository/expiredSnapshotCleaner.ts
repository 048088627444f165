/**
 * 4.2's leader daemon that deletes this cluster's expired snapshots (those written with a ttl).
 * It looks only at the snapshots this sandbox wrote with a ttl, so it never races other
 * statements on unrelated snapshots and does not disturb S3 statistics of other tests.
 */
import type { Frontend } from '../engine/frontend';
import { snapshotPaths } from './layout';
import { readJobInfo, snapshotEntry } from './snapshotListing';

const SCAN_INTERVAL_MS = 1000;

export class ExpiredSnapshotCleaner {
  private timer?: NodeJS.Timeout;
  private scanning = false;

  constructor(private readonly fe: Frontend) {}

  start(): void {
    if (!this.fe.profile.snapshotRetention) return;
    this.timer = setInterval(() => void this.scan(), SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async scan(): Promise<void> {
    if (this.scanning || this.fe.ttlSnapshots.length === 0) return;
    this.scanning = true;
    try {
      for (const watched of [...this.fe.ttlSnapshots]) {
        const repo = this.fe.repositories.get(watched.repo);
        if (!repo || repo.readOnly || this.fe.jobs.runningJobs().some((j) => j.repoName === repo.name && j.label === watched.label))
          continue;
        const newest = (await snapshotEntry(repo.storage, watched.label)).validTimestamps.sort().pop();
        const info = newest ? await readJobInfo(repo.storage, watched.label, newest) : undefined;
        if (!info || info.cluster_id !== this.fe.clusterId) continue;
        if (info.expire_time !== undefined && info.expire_time < Date.now()) {
          await repo.storage.deletePrefix(snapshotPaths.dir(watched.label));
          this.fe.ttlSnapshots.splice(this.fe.ttlSnapshots.indexOf(watched), 1);
        }
      }
    } catch {
      // Storage trouble: the next scan retries, as the daemon does up to backup_clean_retry_limit.
    } finally {
      this.scanning = false;
    }
  }
}
