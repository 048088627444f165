/** Answers to what the extension asks a server on connect. */
import { cellNonEmpty, cellText, Row } from './cells';

/** `SELECT current_version()` → the version string, e.g. `3.3.5-6d81f75`. */
export function parseCurrentVersion(rows: readonly Row[]): string | undefined {
  const row = rows[0];
  if (row === undefined) {
    return undefined;
  }
  const column = Object.keys(row).find((c) => /current_version/i.test(c)) ?? Object.keys(row)[0];
  return column === undefined ? undefined : cellNonEmpty(row, column)?.trim();
}

/** `SELECT VERSION()` → what any MySQL-protocol server calls its version, e.g. `10.11.6-MariaDB-0+deb12u1`. */
export function parseVersionFunction(rows: readonly Row[]): string | undefined {
  const row = rows[0];
  const column = row === undefined ? undefined : (Object.keys(row).find((c) => /version/i.test(c)) ?? Object.keys(row)[0]);
  return row === undefined || column === undefined ? undefined : cellNonEmpty(row, column)?.trim();
}

export type RunMode = 'shared_nothing' | 'shared_data';

/**
 * `ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'` → the run mode. No row (servers before 3.0 have no
 * such config) means shared-nothing.
 */
export function parseRunMode(rows: readonly Row[]): RunMode {
  const value = rows.map((row) => cellText(row, 'Value')).find((v) => v !== undefined);
  return value?.trim().toLowerCase() === 'shared_data' ? 'shared_data' : 'shared_nothing';
}
