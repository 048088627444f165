/** Time formats of the FE: SHOW columns (`yyyy-MM-dd HH:mm:ss`) and snapshot timestamps (`yyyy-MM-dd-HH-mm-ss-SSS`), local time. */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDateTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `TimeUtils.longToTimeString`: a time not reached yet (undefined) is NULL. */
export function formatOptionalTime(date: Date | undefined): string | null {
  return date ? formatDateTime(date) : null;
}

/** `BackupJob.TIMESTAMP_FORMAT` — the snapshot timestamp RESTORE needs. */
export function formatSnapshotTimestamp(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}-${pad(date.getMilliseconds(), 3)}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
