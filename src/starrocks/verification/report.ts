/** The verification report as Markdown: a summary line, then every table that differs, then the rest. */
import { formatCount, formatInstant } from '../../text/format';
import { code, escapeMarkdown, table } from '../../text/markdown';
import type { Comparison, Reading, TableComparison, Verdict, VerificationReport } from './types';

export interface ReportContext {
  /** A first section, e.g. the migration's notes or the snapshot that was restored. */
  preface?: string[];
}

const VERDICT_TEXT: Record<Verdict, string> = {
  equal: 'equal',
  differs: '**differs**',
  missingOnTarget: '**missing on target**',
  missingOnSource: '**only on target**',
  unreadable: '**could not read**',
};

function readingText(reading: Reading): string {
  switch (reading.kind) {
    case 'rows':
      return formatCount(reading.rows);
    case 'missing':
      return '(none)';
    case 'error':
      return '(not read)';
  }
}

function checksumText(reading: Reading): string {
  if (reading.kind !== 'rows') return '';
  return reading.checksum ?? (reading.checksumError !== undefined ? '(not read)' : '');
}

function why(c: Comparison): string {
  const reasons = [c.source, c.target].flatMap((r, i) => {
    const side = i === 0 ? 'source' : 'target';
    if (r.kind === 'error') return [`${side}: ${r.reason}`];
    if (r.kind === 'rows' && r.checksumError !== undefined) return [`${side} checksum: ${r.checksumError}`];
    return [];
  });
  if (c.verdict === 'differs') reasons.unshift(c.differsIn?.includes('rows') ? 'row counts differ' : 'same row count, other contents');
  return reasons.join('; ');
}

function tableName(t: TableComparison): string {
  return t.sourceTable === t.targetTable ? t.sourceTable : `${t.sourceTable} → ${t.targetTable}`;
}

function rowsOf(t: TableComparison, withChecksum: boolean): (string | number)[][] {
  const line = (part: string, c: Comparison) => [
    escapeMarkdown(part),
    VERDICT_TEXT[c.verdict],
    readingText(c.source),
    readingText(c.target),
    ...(withChecksum ? [checksumText(c.source), checksumText(c.target)] : []),
    escapeMarkdown(why(c)),
  ];
  return [line(`${tableName(t)} (table)`, t.total), ...t.partitions.map((p) => line(`${tableName(t)} / ${p.partition}`, p))];
}

function tableNotes(t: TableComparison): string[] {
  const notes: string[] = [];
  if (t.partitionsLimited) notes.push(`${code(t.sourceTable)}: only the partitions the restore brought back were compared.`);
  if (t.skippedColumns?.length) {
    notes.push(
      `${code(t.sourceTable)}: the checksum leaves out ${t.skippedColumns.map(code).join(', ')} (types that cannot be cast to text).`,
    );
  }
  if (t.checksumNote) notes.push(`${code(t.sourceTable)}: ${escapeMarkdown(t.checksumNote)}`);
  return notes;
}

/** The whole report. Tables that are not equal come first, so a difference is never below the fold. */
export function verificationMarkdown(report: VerificationReport, context: ReportContext = {}): string {
  const side = (s: { label: string; database: string }) => `${code(s.database)} on ${escapeMarkdown(s.label)}`;
  const header = [
    'Table / partition',
    'Result',
    'Source rows',
    'Target rows',
    ...(report.checksum ? ['Source checksum', 'Target checksum'] : []),
    'Why',
  ];
  const differing = report.tables.filter((t) => t.verdict !== 'equal');
  const equal = report.tables.filter((t) => t.verdict === 'equal');
  const s = report.summary;
  const headline = report.verified
    ? `**Verified**: all ${report.tables.length} table(s) have the same row counts${report.checksum ? ' and checksums' : ''} on both sides, per table and per partition.`
    : report.tables.length === 0
      ? '**Not verified**: no table was compared.'
      : `**Differences found**: ${differing.length} of ${report.tables.length} table(s) differ ` +
        `(${s.differs} differ, ${s.missingOnTarget} missing on the target, ${s.missingOnSource} only on the target, ${s.unreadable} could not be read).`;
  return [
    `# Restore verification: ${escapeMarkdown(report.source.database)} → ${escapeMarkdown(report.target.database)}`,
    '',
    ...(context.preface ? [...context.preface, ''] : []),
    headline,
    '',
    `- Source: ${side(report.source)}`,
    `- Target: ${side(report.target)}`,
    `- Compared: row counts per table and per partition${report.checksum ? ', and a checksum of every row computed by each server (SUM of murmur_hash3_32 over the columns as text; compare clusters of the same version, as FLOAT/DOUBLE text can differ between versions)' : ''}`,
    `- Read ${formatInstant(report.startedAt)} to ${formatInstant(report.finishedAt)} (${report.statements} statements). The source is read now, not as of the snapshot: rows loaded since the snapshot show as differences.`,
    '',
    ...(report.notes.length ? ['## Notes', '', ...report.notes.map((n) => `- ${escapeMarkdown(n)}`), ''] : []),
    ...(differing.length
      ? [
          '## Differences',
          '',
          ...table(
            header,
            differing.flatMap((t) => rowsOf(t, report.checksum)),
          ),
          '',
        ]
      : []),
    ...(equal.length
      ? [
          '## Equal',
          '',
          ...table(
            header,
            equal.flatMap((t) => rowsOf(t, report.checksum)),
          ),
          '',
        ]
      : []),
    ...(() => {
      const notes = report.tables.flatMap(tableNotes);
      return notes.length ? ['## Scope', '', ...notes.map((n) => `- ${n}`), ''] : [];
    })(),
  ].join('\n');
}
