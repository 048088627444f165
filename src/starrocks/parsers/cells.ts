/**
 * Reading SHOW result rows as `mysql2` returns them: objects keyed by column name, values usually
 * strings, `null` for SQL NULL (the FE sends `\N` values as NULL), sometimes numbers, Buffers or
 * Dates depending on the column type and driver options. Columns are looked up case-insensitively
 * and a missing column reads as "no value", so one parser serves every server version.
 */

export type Row = Record<string, unknown>;

/** How to read the FE's `yyyy-MM-dd HH:mm:ss` times. */
export interface TimeOptions {
  /**
   * The session time zone's offset from UTC in minutes (e.g. 480 for +08:00). The FE formats times
   * in the session's `time_zone`; when the caller knows it, times are exact. When absent, times are
   * read in the local time zone of the extension host, which is right whenever the session time
   * zone is the server default and the server and the user share a time zone, the common case.
   */
  utcOffsetMinutes?: number;
}

function findKey(row: Row, column: string): string | undefined {
  if (column in row) {
    return column;
  }
  const lower = column.toLowerCase();
  return Object.keys(row).find((key) => key.toLowerCase() === lower);
}

/** The value of a column as text; undefined for NULL or a missing column. */
export function cellText(row: Row, column: string): string | undefined {
  const key = findKey(row, column);
  const value = key === undefined ? undefined : row[key];
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value === '\\N' ? undefined : value;
  }
  if (Buffer.isBuffer(value)) {
    return value.toString('utf8');
  }
  if (value instanceof Date) {
    return formatTime(value);
  }
  return String(value);
}

/** Like `cellText`, but an empty string also counts as "no value". */
export function cellNonEmpty(row: Row, column: string): string | undefined {
  const text = cellText(row, column);
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** An integer column; undefined when absent or not a number. */
export function cellInteger(row: Row, column: string): number | undefined {
  const text = cellNonEmpty(row, column)?.trim();
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

export function cellBoolean(row: Row, column: string): boolean | undefined {
  const text = cellNonEmpty(row, column)?.trim().toLowerCase();
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** A `yyyy-MM-dd HH:mm:ss` time (see `TimeOptions` for the time zone); undefined when absent or unreadable. */
export function parseSessionTime(text: string | undefined, options: TimeOptions = {}): Date | undefined {
  const m = text === undefined ? null : TIME.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return undefined; // Date would silently roll such values over into another day.
  }
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  if (options.utcOffsetMinutes !== undefined) {
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - options.utcOffsetMinutes * 60_000);
  }
  return new Date(year, month - 1, day, hour, minute, second, ms);
}

export function cellTime(row: Row, column: string, options?: TimeOptions): Date | undefined {
  const value = row[findKey(row, column) ?? column];
  if (value instanceof Date) {
    return value;
  }
  return parseSessionTime(cellNonEmpty(row, column), options);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
