/**
 * A job's details as a read-only Markdown document (`starrocks-job:` scheme): every column of the
 * last SHOW BACKUP/RESTORE row, the state history the tracker kept, and the submitted statement.
 * It stays live: the document updates when the tracker learns something new.
 */
import * as vscode from 'vscode';
import { JOB_DETAILS_SCHEME } from '../documentSchemes';
import { durationOf, outcomeOf, wasCancelledByUser } from './core/jobRecord';
import { statesOf } from './core/progress';
import {
  connectionLabel,
  formatDuration,
  jobTitle,
  outcomeLabel,
  progressLabel,
  resolutionText,
  stateLabel,
  type ConnectionNames,
} from './describe';
import { escapeMarkdown } from '../text/markdown';
import { explainJobStatus } from './explain';
import type { TrackedJob } from './types';

export { JOB_DETAILS_SCHEME };

export function jobDetailsUri(job: Pick<TrackedJob, 'key' | 'kind' | 'database' | 'label'>): vscode.Uri {
  const name = `${job.kind.toLowerCase()} ${job.database}.${job.label}.md`.replace(/[/\\?#]/g, '_');
  return vscode.Uri.from({ scheme: JOB_DETAILS_SCHEME, path: `/${name}`, query: new URLSearchParams({ key: job.key }).toString() });
}

export function jobKeyOfUri(uri: vscode.Uri): string | undefined {
  return new URLSearchParams(uri.query).get('key') ?? undefined;
}

export class JobDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly jobs: { get(key: string): TrackedJob | undefined },
    private readonly names: ConnectionNames,
    private readonly now: () => number,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const key = jobKeyOfUri(uri);
    const job = key === undefined ? undefined : this.jobs.get(key);
    if (!job)
      return `# ${escapeMarkdown(vscode.l10n.t('Job not found'))}\n\n${escapeMarkdown(vscode.l10n.t('The job is no longer in the history (it was cleared or capped).'))}\n`;
    return jobDetailsMarkdown(job, this.now(), this.names);
  }

  /** Re-renders the details documents that are open. */
  refreshOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === JOB_DETAILS_SCHEME) this.changeEmitter.fire(document.uri);
    }
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export function jobDetailsMarkdown(job: TrackedJob, now: number, names: ConnectionNames): string {
  const t = vscode.l10n.t;
  const out: string[] = [`# ${escapeMarkdown(jobTitle(job))}`, ''];
  const rows: [string, string | undefined][] = [
    [t('Connection'), connectionLabel(job, names)],
    [t('Database'), job.database],
    [t('Label'), job.label],
    [t('Kind'), job.kind],
    [t('Repository'), job.repository],
    [t('Backup timestamp'), job.timestamp],
    [t('State'), stateLabel(job)],
    [t('Outcome'), outcomeLabel(outcomeOf(job))],
    [t('Progress'), progressLabel(job)],
    [t('Submitted'), new Date(job.submittedAt).toLocaleString()],
    [t('Ended'), job.endedAt === undefined ? undefined : new Date(job.endedAt).toLocaleString()],
    [t('Duration'), formatDuration(durationOf(job, now))],
    [t('Status'), job.statusMessage],
    [t('What to do'), outcomeOf(job) === 'failed' ? explainJobStatus(job.statusMessage) : undefined],
    [t('Note'), resolutionText(job)],
    [t('Cancelled by'), wasCancelledByUser(job) ? (job.cancelRequestedAt ? t('you, through the extension') : t('a user')) : undefined],
    [
      t('Server not answering'),
      job.unreachable ? `${new Date(job.unreachable.since).toLocaleString()} ${job.unreachable.message}` : undefined,
    ],
    [t('Found on the server'), job.discovered ? t('yes (not submitted from this window)') : undefined],
  ];
  out.push(
    ...table(
      [t('Field'), t('Value')],
      rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== ''),
    ),
    '',
  );

  out.push(`## ${escapeMarkdown(t('State history'))}`, '');
  out.push(...table([t('State'), t('First seen'), t('Time in state')], stateHistory(job, now)), '');

  if (job.rawRow) {
    out.push(`## ${escapeMarkdown(job.kind === 'BACKUP' ? t('Last row of SHOW BACKUP') : t('Last row of SHOW RESTORE'))}`, '');
    const columns = Object.entries(job.rawRow).map(([column, value]): [string, string] => [
      column,
      value === null || value === undefined ? 'NULL' : String(value),
    ]);
    out.push(...table([t('Column'), t('Value')], columns), '');
  }
  if (job.sql) {
    out.push(`## ${escapeMarkdown(t('Statement'))}`, '', '```sql', job.sql, '```', '');
  }
  return out.join('\n');
}

/** States in the order they were first seen, each with how long the job stayed in it. */
function stateHistory(job: TrackedJob, now: number): [string, string, string][] {
  const order = statesOf(job.kind);
  const entries = Object.entries(job.stateTimes).sort(([a, ta], [b, tb]) => ta - tb || order.indexOf(a) - order.indexOf(b));
  return entries.map(([state, since], index): [string, string, string] => {
    const until = entries[index + 1]?.[1] ?? (job.phase === 'running' ? now : (job.endedAt ?? now));
    const terminal = index === entries.length - 1 && job.phase !== 'running';
    return [state, new Date(since).toLocaleString(), terminal ? '' : formatDuration(until - since)];
  });
}

function table(header: [string, string] | [string, string, string], rows: string[][]): string[] {
  // Table cells stay readable as source: only what breaks the table is escaped.
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}
