/**
 * How a job reads to the user: one place for the words and icons, shared by the status bar, the
 * tree, the quick pick, notifications and the details document, so they never disagree.
 */
import { escapeMarkdown } from '../text/markdown';
import * as vscode from 'vscode';
import type { ConnectionService } from '../connections/types';
import { durationOf, outcomeOf, stateEnteredAt, type JobOutcome } from './core/jobRecord';
import { jobFraction, transferFraction } from './core/progress';
import type { TrackedJob } from './types';

/** Resolves a profile id to what the user calls it. */
export interface ConnectionNames {
  name(profileId: string): string;
  /** `production`, `staging`, … when the profile has one. */
  environment(profileId: string): string | undefined;
}

export function connectionNames(connections: ConnectionService): ConnectionNames {
  return {
    name: (id) => connections.getProfile(id)?.name ?? vscode.l10n.t('(deleted connection)'),
    environment: (id) => connections.getProfile(id)?.environment || undefined,
  };
}

export function kindLabel(job: Pick<TrackedJob, 'kind'>): string {
  return job.kind === 'BACKUP' ? vscode.l10n.t('Backup') : vscode.l10n.t('Restore');
}

/** `demo_sales.label` — the database the job runs in and its snapshot label. */
export function jobName(job: Pick<TrackedJob, 'database' | 'label'>): string {
  return `${job.database}.${job.label}`;
}

/** `Backup demo_sales.label`. */
export function jobTitle(job: TrackedJob): string {
  return vscode.l10n.t('{0} {1}', kindLabel(job), jobName(job));
}

/** `prod (production)`. */
export function connectionLabel(job: TrackedJob, names: ConnectionNames): string {
  const environment = names.environment(job.profileId);
  return environment ? vscode.l10n.t('{0} ({1})', names.name(job.profileId), environment) : names.name(job.profileId);
}

/** The state as the server names it, or why the tracker does not know it. */
export function stateLabel(job: TrackedJob): string {
  if (job.phase === 'running' && job.unreachable?.notConnected) return vscode.l10n.t('unknown (connect to follow it)');
  if (job.phase === 'running' && job.unreachable) return vscode.l10n.t('unknown (server not answering)');
  if (job.phase === 'unknown') return vscode.l10n.t('unknown');
  return job.state;
}

export function outcomeLabel(outcome: JobOutcome): string {
  switch (outcome) {
    case 'running':
      return vscode.l10n.t('running');
    case 'succeeded':
      return vscode.l10n.t('finished');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
    case 'unknown':
      return vscode.l10n.t('outcome unknown');
  }
}

/** Codicon id for the job's outcome. */
export function outcomeIcon(job: TrackedJob): string {
  switch (outcomeOf(job)) {
    case 'running':
      return job.unreachable ? 'question' : 'sync~spin';
    case 'succeeded':
      return 'pass';
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'circle-slash';
    case 'unknown':
      return 'question';
  }
}

export function kindIcon(job: Pick<TrackedJob, 'kind'>): string {
  return job.kind === 'BACKUP' ? 'cloud-upload' : 'cloud-download';
}

/** `3/10 (30%)` from the Progress column, or the overall estimate while it is not reported. */
export function progressLabel(job: TrackedJob): string | undefined {
  const transfer = transferFraction(job);
  if (job.progress && transfer !== undefined) {
    return vscode.l10n.t('{0}/{1} ({2}%)', job.progress.finished, job.progress.total, Math.floor(transfer * 100));
  }
  const fraction = jobFraction(job);
  return fraction === undefined || job.phase !== 'running' ? undefined : vscode.l10n.t('~{0}%', Math.floor(fraction * 100));
}

/** `45s`, `2m 05s`, `3h 10m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return vscode.l10n.t('{0}s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return vscode.l10n.t('{0}m {1}s', minutes, String(seconds % 60).padStart(2, '0'));
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return vscode.l10n.t('{0}h {1}m', hours, String(minutes % 60).padStart(2, '0'));
  return vscode.l10n.t('{0}d {1}h', Math.floor(hours / 24), hours % 24);
}

/** `UPLOADING · 3/10 (30%) · 2m 05s elapsed · 40s in state` or `failed after 2m 05s`. */
export function statusLine(job: TrackedJob, now: number): string {
  const parts: string[] = [];
  if (job.phase === 'running') {
    parts.push(stateLabel(job));
    const progress = progressLabel(job);
    if (progress) parts.push(progress);
    parts.push(vscode.l10n.t('{0} elapsed', formatDuration(durationOf(job, now))));
    parts.push(vscode.l10n.t('{0} in state', formatDuration(now - stateEnteredAt(job))));
  } else {
    parts.push(vscode.l10n.t('{0} after {1}', outcomeLabel(outcomeOf(job)), formatDuration(durationOf(job, now))));
    if (job.endedAt !== undefined) parts.push(vscode.l10n.t('ended {0} ago', formatDuration(now - job.endedAt)));
  }
  return parts.join(' · ');
}

/** Why a job ended the way it did, in words, when the server's Status does not say it. */
export function resolutionText(job: TrackedJob): string | undefined {
  switch (job.resolution) {
    case 'snapshotFound':
      return vscode.l10n.t('The server no longer lists the job; its snapshot is complete (Status OK) in the repository.');
    case 'snapshotMissing':
      return vscode.l10n.t(
        'The server no longer lists the job (a newer job in the database replaced it, or it expired), and no repository holds a complete snapshot with its label.',
      );
    case 'vanished':
      return vscode.l10n.t(
        'The server no longer lists the job: StarRocks keeps only the last job of each database, and a newer job replaced it before it was seen finishing.',
      );
    case 'connectionRemoved':
      return vscode.l10n.t('Its connection was removed, so the job can no longer be followed.');
    default:
      return undefined;
  }
}

/** Two or more Markdown lines: what and where, then state, progress and times, then why it ended. */
export function jobMarkdown(job: TrackedJob, now: number, names: ConnectionNames): string {
  const head = `$(${kindIcon(job)}) **${escapeMarkdown(kindLabel(job))}** ${escapeMarkdown(jobName(job))} — ${escapeMarkdown(connectionLabel(job, names))}`;
  const lines = [head, escapeMarkdown(statusLine(job, now))];
  if (job.phase !== 'running' && job.statusMessage) lines.push(escapeMarkdown(job.statusMessage));
  if (job.phase === 'running' && job.unreachable?.message) lines.push(escapeMarkdown(job.unreachable.message));
  const resolution = resolutionText(job);
  if (resolution) lines.push(escapeMarkdown(resolution));
  // Two trailing spaces: a Markdown line break inside one paragraph.
  return lines.join('  \n');
}
