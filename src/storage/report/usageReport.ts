/**
 * "Repository Usage" as a Markdown document: totals, the largest snapshots, the incomplete and
 * damaged ones with what is wrong, and the orphans between storage and the FE's listing.
 */
import type { StoredSnapshot } from '../inspect';
import type { RepositoryUsage } from '../sizing';
import { formatBytes } from '../../text/format';
import { code, table } from '../../text/markdown';
import { formatCount, formatInstant } from '../../text/format';
import type { ServerComparison } from './serverComparison';

export interface UsageReportInput {
  usage: RepositoryUsage;
  repository: string;
  location: string;
  connection: string;
  /** Undefined when the server could not be asked (the section says so). */
  comparison?: ServerComparison;
  comparisonError?: string;
  measuredAt: Date;
  largest?: number;
}

const HEALTH_TEXT: Record<StoredSnapshot['health'], string> = { ok: 'OK', incomplete: 'incomplete', damaged: 'damaged' };

export function usageReport(input: UsageReportInput): string {
  const { usage } = input;
  const repo = usage.repository;
  return [
    `# Repository usage: ${input.repository}`,
    '',
    `Connection ${input.connection} · location ${code(input.location)} · files under ${code(`s3://${repo.bucket}/${repo.root}`)}${repo.legacy ? ' (legacy `__palo_repository_` folder)' : ''}`,
    '',
    `Measured ${formatInstant(input.measuredAt)}; ${usage.fromCache} of ${usage.snapshots.length} snapshot(s) came from the cache of complete snapshots.`,
    '',
    ...totalsSection(usage),
    ...largestSection(usage.snapshots, input.largest ?? 20),
    ...problemSection(usage.snapshots),
    ...orphanSection(input),
    ...allSection(usage.snapshots),
  ].join('\n');
}

function totalsSection(usage: RepositoryUsage): string[] {
  const t = usage.totals;
  const rootFiles = usage.listing.rootFiles.map((f) => f.key.slice(usage.repository.root.length));
  return [
    '## Totals',
    '',
    ...table(
      ['', ''],
      [
        ['Snapshots', `${formatCount(t.snapshots)} (${t.incomplete} incomplete, ${t.damaged} damaged)`],
        ['Size', `${formatBytes(t.bytes)} (${formatCount(t.bytes)} bytes)`],
        ['Objects', formatCount(t.objects)],
        ['Files beside the snapshots', rootFiles.length ? `${rootFiles.join(', ')} (${formatBytes(usage.rootBytes)})` : 'none'],
        ['Other folders', usage.listing.otherFolders.length ? usage.listing.otherFolders.join(', ') : 'none'],
      ],
    ),
    '',
  ];
}

function largestSection(snapshots: StoredSnapshot[], count: number): string[] {
  const largest = [...snapshots].sort((a, b) => b.bytes - a.bytes || a.label.localeCompare(b.label)).slice(0, count);
  if (largest.length === 0) return ['## Largest snapshots', '', 'The repository holds no snapshot.', ''];
  return [`## Largest snapshots`, '', ...table(['Snapshot', 'Size', 'Objects', 'Timestamp', 'Database', 'State'], largest.map(row)), ''];
}

function row(s: StoredSnapshot): (string | number | undefined)[] {
  return [s.label, formatBytes(s.bytes), formatCount(s.objects), s.timestamps[0] ?? '', s.info?.database, HEALTH_TEXT[s.health]];
}

function problemSection(snapshots: StoredSnapshot[]): string[] {
  const troubled = snapshots.filter((s) => s.problems.length > 0);
  if (troubled.length === 0)
    return ['## Incomplete and damaged snapshots', '', 'None: every snapshot has a valid info file and no leftovers.', ''];
  const lines = ['## Incomplete and damaged snapshots', ''];
  for (const s of troubled) {
    lines.push(
      `- **${s.label}** (${HEALTH_TEXT[s.health]}, ${formatBytes(s.bytes)}, last written ${formatInstant(s.newestModified) || 'unknown'})`,
    );
    for (const p of s.problems) lines.push(`  - ${p.message}`);
  }
  return [...lines, ''];
}

function orphanSection(input: UsageReportInput): string[] {
  const lines = ['## Storage against SHOW SNAPSHOT', ''];
  if (!input.comparison) return [...lines, `Not compared: ${input.comparisonError ?? 'the server was not asked'}.`, ''];
  const { onlyOnStorage, onlyOnServer } = input.comparison;
  if (onlyOnStorage.length === 0 && onlyOnServer.length === 0) return [...lines, 'Both list the same snapshots.', ''];
  if (onlyOnStorage.length) lines.push(`On storage but not listed by the server: ${onlyOnStorage.join(', ')}.`, '');
  if (onlyOnServer.length) {
    lines.push(
      `Listed by the server but without a folder here: ${onlyOnServer.join(', ')}. The server may read another endpoint or prefix than these credentials.`,
      '',
    );
  }
  return lines;
}

function allSection(snapshots: StoredSnapshot[]): string[] {
  if (snapshots.length === 0) return [];
  const newestFirst = [...snapshots].sort((a, b) => (b.time?.getTime() ?? 0) - (a.time?.getTime() ?? 0) || a.label.localeCompare(b.label));
  return [
    '## All snapshots, newest first',
    '',
    ...table(['Snapshot', 'Size', 'Objects', 'Timestamp', 'Database', 'State'], newestFirst.map(row)),
    '',
  ];
}
