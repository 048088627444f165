/**
 * Default snapshot labels: `<db>_<yyyyMMdd_HHmmss>` in the local time of the extension host, so
 * labels sort by time and say where they came from.
 */
const MAX_LABEL_LENGTH = 128;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `yyyyMMdd_HHmmss` in local time. */
export function formatLabelTime(date: Date): string {
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * A label suggestion for a backup of `database` taken at `date`. This is a proposal the user sees
 * and can edit, not a rewrite of user input: characters that database names may hold but labels
 * may not (`~!@#$%^&<>=+` since 3.x) become `_`, and a very long database name is shortened so the
 * label stays within the 128 characters of the FE's label rule (`^[-\w]{1,128}$`).
 */
export function defaultSnapshotLabel(database: string, date: Date): string {
  const suffix = '_' + formatLabelTime(date);
  const base = database.replace(/[^-\w]/g, '_').slice(0, MAX_LABEL_LENGTH - suffix.length) || 'snapshot';
  return base + suffix;
}
