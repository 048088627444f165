import * as vscode from 'vscode';
import { escapeMarkdown } from '../jobs/describe';

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

/**
 * A tooltip: a bold heading, then `name: value` lines for the values that are known. Values are
 * escaped as data, not markup (with the jobs' `escapeMarkdown`, which keeps spaces so long server
 * messages wrap in the hover, unlike `appendText`); pass `code: true` for ones that read better monospaced (locations, SQL).
 */
export function detailsTooltip(heading: string, rows: [string, string | undefined, { code?: boolean }?][], footer?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(heading)}**\n\n`);
  for (const [name, value, options] of rows) {
    if (value === undefined || value === '') {
      continue;
    }
    const shown = options?.code ? '`' + value.replace(/`/g, "'") + '`' : escapeMarkdown(value);
    md.appendMarkdown(`${escapeMarkdown(name)}: ${shown}  \n`);
  }
  if (footer) {
    md.appendMarkdown(`\n${escapeMarkdown(footer)}`);
  }
  return md;
}
