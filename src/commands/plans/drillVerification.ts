import * as vscode from 'vscode';
import type { SnapshotDetail } from '../../starrocks/models';
import type { DrillRecord } from '../../starrocks/plans/planHistory';
import type { TableSelection } from '../../starrocks/validation/tableSelection';
import { formatInstant } from '../../text/format';
import { escapeMarkdown } from '../../text/markdown';
import { formatDuration } from '../../views/nodes/planNodes';
import type { PlanDeps } from './planDeps';

const t = vscode.l10n.t;

export interface DrillVerification {
  verified: boolean;
  /** `table` or `table.partition` entries that differ (or could not be compared). */
  differing: string[];
  finishedAt: number;
  /** The shared verification's Markdown report. */
  markdown: string;
}

export interface DrillVerifyRequest {
  source: { profileId: string; database: string };
  target: { profileId: string; database: string };
  /** The restore's ON list (renames before 3.4); undefined: the snapshot's tables under their names. */
  restoreTables: TableSelection[] | undefined;
  snapshot: SnapshotDetail;
}

/** Compares the restored tables with the snapshot's source through the shared verification. */
export async function verifyDrill(deps: PlanDeps, request: DrillVerifyRequest): Promise<DrillVerification> {
  void deps;
  void request;
  throw new Error('verification is not wired yet');
}

export function drillReport(drill: DrillRecord, sourceDatabase: string, sourceConnection: string, targetConnection: string, verification: DrillVerification | undefined): string {
  const result = drill.result === 'verified' ? t('Verified: every table and partition has the row count of the source.') : drill.result === 'differs' ? t('Differs: {0}', drill.differing.join(', ')) : t('Failed: {0}', drill.message ?? '');
  return [
    `# ${escapeMarkdown(t('Restore drill of {0}', drill.label))}`,
    '',
    `- ${t('When')}: ${formatInstant(new Date(drill.at))}`,
    `- ${t('Snapshot')}: ${escapeMarkdown(drill.label)} (${escapeMarkdown(drill.timestamp)}) ${t('in repository {0}', escapeMarkdown(drill.repository))}`,
    `- ${t('Source')}: ${escapeMarkdown(sourceDatabase)} ${t('on {0}', escapeMarkdown(sourceConnection))}`,
    `- ${t('Restored into')}: ${escapeMarkdown(drill.targetDatabase)} (${escapeMarkdown(drill.restoredTables.join(', '))}) ${t('on {0}', escapeMarkdown(targetConnection))}`,
    `- ${t('Duration')}: ${formatDuration(drill.durationMs)}`,
    `- **${result}**`,
    '',
    verification?.markdown ?? '',
  ].join('\n');
}
