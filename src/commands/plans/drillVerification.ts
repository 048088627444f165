import * as vscode from 'vscode';
import type { SnapshotDetail } from '../../starrocks/models';
import type { DrillRecord } from '../../starrocks/plans/planHistory';
import type { TableSelection } from '../../starrocks/validation/tableSelection';
import { formatInstant } from '../../text/format';
import { code, escapeMarkdown } from '../../text/markdown';
import { formatDuration } from '../../views/nodes/planNodes';
import { tablePairsOfRestore, verificationMarkdown, verifyRestore, type VerificationReport } from '../../starrocks/verification';
import { errorText } from '../../ui/errorText';
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

/**
 * Compares the restored tables with the snapshot's source through the shared verification (the one
 * Migrate and Verify Restore use): row counts per table and per partition the snapshot holds. The
 * source is compared as it is now, so a source that changed since the snapshot shows as a difference,
 * which is what a drill must say.
 */
export async function verifyDrill(deps: PlanDeps, request: DrillVerifyRequest): Promise<DrillVerification> {
  const [sourceSession, targetSession] = await Promise.all([
    deps.connections.getSession(request.source.profileId),
    deps.connections.getSession(request.target.profileId),
  ]);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Verifying the drill: row counts of {0}', request.target.database) },
    () =>
      verifyRestore({
        source: { session: sourceSession, label: sourceSession.profile.name, database: request.source.database },
        target: { session: targetSession, label: targetSession.profile.name, database: request.target.database },
        tables: tablePairsOfRestore(request.restoreTables, request.snapshot),
        describeError: errorText,
      }),
  );
  return {
    verified: report.verified,
    differing: differingOf(report),
    finishedAt: report.finishedAt.getTime(),
    markdown: verificationMarkdown(report),
  };
}

/** `table` for a table that differs as a whole or is missing, `table.partition` for each partition that differs. */
function differingOf(report: VerificationReport): string[] {
  return report.tables
    .filter((table) => table.verdict !== 'equal')
    .flatMap((table) => {
      const partitions = table.partitions.filter((p) => p.verdict !== 'equal').map((p) => `${table.sourceTable}.${p.partition}`);
      return partitions.length > 0 ? partitions : [table.sourceTable];
    });
}

export function drillReport(
  drill: DrillRecord,
  sourceDatabase: string,
  sourceConnection: string,
  targetConnection: string,
  verification: DrillVerification | undefined,
): string {
  const result =
    drill.result === 'verified'
      ? t('Verified: every table and partition has the row count of the source.')
      : drill.result === 'differs'
        ? t('Differs: {0}', drill.differing.join(', '))
        : t('Failed: {0}', drill.message ?? '');
  return [
    `# ${t('Restore drill of {0}', code(drill.label))}`,
    '',
    `- ${t('When')}: ${formatInstant(new Date(drill.at))}`,
    `- ${t('Snapshot')}: ${code(drill.label)} (${code(drill.timestamp)}) ${t('in repository {0}', code(drill.repository))}`,
    `- ${t('Source')}: ${code(sourceDatabase)} ${t('on {0}', escapeMarkdown(sourceConnection))}`,
    `- ${t('Restored into')}: ${code(drill.targetDatabase)} (${drill.restoredTables.map(code).join(', ')}) ${t('on {0}', escapeMarkdown(targetConnection))}`,
    `- ${t('Duration')}: ${formatDuration(drill.durationMs)}`,
    `- **${result}**`,
    '',
    verification?.markdown ?? '',
  ].join('\n');
}
