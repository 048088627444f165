/**
 * The plain-text formats every part of the extension shows: sizes, counts, instants, snapshot
 * timestamps. Pure (no `vscode`), so the dialect, storage reports, the tree and the tests share them.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → `1.5 KiB`; bytes stay whole, larger units keep one decimal below 10. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} ${UNITS[0]}` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** ISO-like local-free form, so reports read the same everywhere: `2024-01-31 12:00:00 UTC`. */
export function formatInstant(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '';
}

/**
 * `2024-01-02-03-04-05-678` (SHOW SNAPSHOT's Timestamp, FE JVM time zone) → `2024-01-02 03:04:05.678`.
 * Only for display: the verbatim string is what RESTORE needs.
 */
export function formatSnapshotTimestamp(timestamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})-(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?$/.exec(timestamp);
  if (!m) {
    return timestamp;
  }
  return `${m[1]} ${m[2]}:${m[3]}:${m[4]}${m[5] ? '.' + m[5] : ''}`;
}

/** The time a snapshot timestamp names, read as local time, for comparisons (undefined if unreadable). */
export function snapshotTimestampToDate(timestamp: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?$/.exec(timestamp);
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second, ms] = m.slice(1).map((part) => Number(part ?? 0));
  return new Date(year, month - 1, day, hour, minute, second, ms);
}

export function formatDate(date: Date | undefined): string | undefined {
  if (!date) {
    return undefined;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
