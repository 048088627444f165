/**
 * Folds the objects listed under one `__ss_<label>/` into what the snapshot looks like: size,
 * count, info files, leftovers. Pure and incremental (page by page), so a snapshot of a million
 * objects never sits in memory as a list.
 */
import { JOB_INFO_PREFIX, decodeKey } from './layout';
import type { ListedObject } from './listing';

export interface InfoFileEntry {
  key: string;
  /** Verbatim from the name: the string RESTORE needs as `backup_timestamp`. */
  timestamp: string;
  md5: string;
  size: number;
  lastModified?: Date;
  etag?: string;
}

export interface SnapshotScan {
  label: string;
  prefix: string;
  objects: number;
  bytes: number;
  /** Valid `__info_<ts>.<md5>` files, newest timestamp first. */
  infoFiles: InfoFileEntry[];
  /** `__info_*` names without a valid checksum suffix (SHOW SNAPSHOT prints them as `Invalid: …`). */
  invalidInfoFiles: string[];
  hasMeta: boolean;
  /** Keys, relative to the snapshot folder, of `.part` uploads that never became whole files. */
  partFiles: string[];
  /** Tablet ids that have at least one whole file under `__ss_content/`. */
  tabletsWithFiles: Set<string>;
  /** Objects that are not part of the layout (neither info, meta, content nor `.part`). */
  otherFiles: number;
  newestModified?: Date;
}

export class SnapshotScanner {
  private readonly scan: SnapshotScan;

  constructor(label: string, prefix: string) {
    this.scan = {
      label,
      prefix,
      objects: 0,
      bytes: 0,
      infoFiles: [],
      invalidInfoFiles: [],
      hasMeta: false,
      partFiles: [],
      tabletsWithFiles: new Set(),
      otherFiles: 0,
    };
  }

  add(objects: readonly ListedObject[]): void {
    for (const object of objects) this.addOne(object);
  }

  private addOne(object: ListedObject): void {
    const scan = this.scan;
    if (!object.key.startsWith(scan.prefix)) return; // never count a neighbour's objects
    const relative = object.key.slice(scan.prefix.length);
    scan.objects++;
    scan.bytes += object.size;
    if (object.lastModified && (!scan.newestModified || object.lastModified > scan.newestModified))
      scan.newestModified = object.lastModified;
    const decoded = decodeKey(`__ss_${scan.label}/${relative}`);
    const isTopLevel = !relative.includes('/');
    if (isTopLevel && relative.startsWith(JOB_INFO_PREFIX) && decoded.kind !== 'info') scan.invalidInfoFiles.push(relative);
    switch (decoded.kind) {
      case 'info':
        scan.infoFiles.push({
          key: object.key,
          timestamp: decoded.timestamp!,
          md5: decoded.md5!,
          size: object.size,
          lastModified: object.lastModified,
          etag: object.etag,
        });
        break;
      case 'meta':
        scan.hasMeta = true;
        break;
      case 'part':
        scan.partFiles.push(relative);
        break;
      case 'content':
        if (decoded.tabletId !== undefined) scan.tabletsWithFiles.add(decoded.tabletId);
        break;
      default:
        scan.otherFiles++;
    }
  }

  finish(): SnapshotScan {
    // Timestamps are fixed-width `yyyy-MM-dd-HH-mm-ss[-SSS]`, so text order is time order.
    this.scan.infoFiles.sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
    return this.scan;
  }
}
