import type { InfoRead } from './snapshotHealth';
import type { InfoFileEntry } from './snapshotScan';

interface Entry {
  label: string;
  etag: string;
  read: InfoRead;
}

/**
 * Info files already downloaded and checked, per repository (`repositoryKeyOf`) and object key,
 * each with the ETag the listing gave when it was read. A listing that reports the same key with
 * the same ETag is the same content, so a health check after a fresh listing (Repository Usage
 * re-lists every time) need not download it again. Only reads that got the content are kept: a
 * failed download says nothing about the file and is tried again next time.
 */
export class InfoReadCache {
  private readonly byRepository = new Map<string, Map<string, Entry>>();

  /** The earlier read of this very content, or undefined when the listing gave no ETag or another one. */
  get(repoKey: string, file: InfoFileEntry): InfoRead | undefined {
    const entry = file.etag === undefined ? undefined : this.byRepository.get(repoKey)?.get(file.key);
    return entry && entry.etag === file.etag ? entry.read : undefined;
  }

  set(repoKey: string, label: string, file: InfoFileEntry, read: InfoRead): void {
    if (file.etag === undefined || read.checksumOk === undefined) return; // no ETag, or the download failed
    let entries = this.byRepository.get(repoKey);
    if (!entries) this.byRepository.set(repoKey, (entries = new Map()));
    entries.set(file.key, { label, etag: file.etag, read });
  }

  /** Forgets the reads of one snapshot, or of a whole repository when no label is given. */
  invalidate(repoKey: string, label?: string): void {
    if (label === undefined) this.byRepository.delete(repoKey);
    else this.retain(repoKey, (l) => l !== label);
  }

  /** Drops the reads of snapshots no longer on storage. */
  retainOnly(repoKey: string, labels: ReadonlySet<string>): void {
    this.retain(repoKey, (l) => labels.has(l));
  }

  private retain(repoKey: string, keep: (label: string) => boolean): void {
    const entries = this.byRepository.get(repoKey);
    for (const [key, entry] of [...(entries ?? [])]) if (!keep(entry.label)) entries!.delete(key);
  }

  clear(): void {
    this.byRepository.clear();
  }
}
