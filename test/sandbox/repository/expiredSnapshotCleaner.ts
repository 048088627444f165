/**
 * 4.2's leader daemon that deletes this cluster's expired snapshots (those written with a ttl).
 * It scans only once this sandbox has written a snapshot with a ttl, so other tests' S3
 * statistics are not disturbed by background listing.
 */
import type { Frontend } from '../engine/frontend';
import { snapshotPaths } from './layout';
import { listSnapshotLabels, readJobInfo, snapshotEntry } from './snapshotListing';

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
    if (this.scanning || !this.fe.ttlSnapshotsWritten) return;
    this.scanning = true;
    try {
      for (const repo of this.fe.repositories.all().filter((r) => !r.readOnly)) {
        for (const label of await listSnapshotLabels(repo.storage)) {
          if (this.fe.jobs.runningJobs().some((j) => j.repoName === repo.name && j.label === label)) continue;
          const newest = (await snapshotEntry(repo.storage, label)).validTimestamps.sort().pop();
          if (!newest) continue;
          const info = await readJobInfo(repo.storage, label, newest);
          if (info.cluster_id === this.fe.clusterId && info.expire_time !== undefined && info.expire_time < Date.now()) {
            await repo.storage.deletePrefix(snapshotPaths.dir(label));
          }
        }
      }
    } catch {
      // Storage trouble: the next scan retries, as the daemon does up to backup_clean_retry_limit.
    } finally {
      this.scanning = false;
    }
  }
}
