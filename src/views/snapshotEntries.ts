import type { SnapshotSummary } from '../starrocks/models';
import { compareTimestampsNewestFirst } from '../starrocks/parsers/snapshots';

/** One line of a repository's snapshot list: a label at one timestamp (or an incomplete label). */
export interface SnapshotEntry {
  label: string;
  /** Undefined when the label has no valid info file (still running, failed, or cancelled). */
  timestamp: string | undefined;
  summary: SnapshotSummary;
}

/**
 * One entry per (label, timestamp): a label backed up twice into one repository (possible when a
 * repository was re-attached to a location another cluster also wrote) shows each timestamp.
 * Newest first; entries without a timestamp come first because they are usually the backup that
 * is running right now, or a broken one that needs attention.
 */
export function snapshotEntries(summaries: readonly SnapshotSummary[]): SnapshotEntry[] {
  const entries = summaries.flatMap((summary): SnapshotEntry[] =>
    summary.timestamps.length > 0
      ? summary.timestamps.map((timestamp) => ({ label: summary.label, timestamp, summary }))
      : [{ label: summary.label, timestamp: undefined, summary }],
  );
  return entries.sort(compareNewestFirst);
}

function compareNewestFirst(a: SnapshotEntry, b: SnapshotEntry): number {
  if (a.timestamp === undefined || b.timestamp === undefined) {
    return (a.timestamp === undefined ? 0 : 1) - (b.timestamp === undefined ? 0 : 1) || a.label.localeCompare(b.label);
  }
  return compareTimestampsNewestFirst(a.timestamp, b.timestamp) || a.label.localeCompare(b.label);
}

/** Case-insensitive substring match on the label; an empty filter keeps everything. */
export function filterSnapshotEntries(entries: readonly SnapshotEntry[], filter: string | undefined): SnapshotEntry[] {
  const needle = filter?.trim().toLowerCase();
  return needle ? entries.filter((entry) => entry.label.toLowerCase().includes(needle)) : [...entries];
}

export interface SnapshotPage {
  shown: SnapshotEntry[];
  /** How many matching entries are not shown yet. */
  remaining: number;
  total: number;
}

/** The first `limit` entries; the rest are offered through a "Show more…" item. */
export function pageOf(entries: readonly SnapshotEntry[], limit: number): SnapshotPage {
  const shown = entries.slice(0, Math.max(0, limit));
  return { shown, remaining: entries.length - shown.length, total: entries.length };
}
