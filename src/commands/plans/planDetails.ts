import * as vscode from 'vscode';
import type { BackupPlan } from '../../starrocks/plans/backupPlan';
import type { PlanState } from '../../starrocks/plans/planHistory';
import { code, escapeMarkdown, table } from '../../text/markdown';
import { formatInstant } from '../../text/format';
import { drillText, formatDuration, runResultText } from '../../views/nodes/planNodes';

const t = vscode.l10n.t;

/** The plan's details document: what it backs up, its runs, and its drills ("when did we last prove that a backup restores?"). */
export function planDetailsMarkdown(plan: BackupPlan, state: PlanState): string {
  const lastVerified = state.drills.find((d) => d.result === 'verified');
  const lines = [
    `# ${t('Plan {0}', code(plan.name))}`,
    '',
    `- ${t('Connection')}: ${escapeMarkdown(plan.connection)}`,
    `- ${t('Database')}: ${code(plan.database)}${plan.tables ? ` (${escapeMarkdown(plan.tables.map((x) => x.name + (x.partitions ? ` [${x.partitions.join(', ')}]` : '')).join(', '))})` : ''}`,
    `- ${t('Repository')}: ${code(plan.repository)}`,
    `- ${t('Each run')}: ${plan.mode === 'full' ? t('everything the plan names') : t("partitions changed since the plan's last snapshot (VisibleVersion)")}`,
    `- ${t('Label pattern')}: ${code(plan.labelPattern)}`,
    `- ${t('Retention')}: ${plan.retention ? escapeMarkdown(JSON.stringify(plan.retention)) : t('none')}`,
    `- ${t('Last proven to restore')}: ${lastVerified ? `${formatInstant(new Date(lastVerified.at))} (${code(lastVerified.label)})` : t('never')}`,
    '',
    `## ${t('Drills')}`,
    '',
    state.drills.length === 0
      ? t('No drill yet.')
      : table(
          [t('When'), t('Snapshot'), t('Duration'), t('Result'), t('Tables that differ'), t('Restored into'), t('Dropped')],
          state.drills.map((d) => [
            formatInstant(new Date(d.at)),
            d.label,
            formatDuration(d.durationMs),
            drillText(d),
            d.differing.join(', ') || '—',
            d.targetDatabase,
            d.dropped ? t('yes') : t('no'),
          ]),
        ).join('\n'),
    '',
    `## ${t('Runs')}`,
    '',
    state.runs.length === 0
      ? t('Never run.')
      : table(
          [t('When'), t('Snapshot'), t('Scope'), t('Result'), t('Partitions')],
          state.runs.map((r) => [
            formatInstant(new Date(r.at)),
            r.label || '—',
            r.scope,
            runResultText(r),
            Object.entries(r.versions)
              .map(([table, partitions]) => `${table}: ${Object.keys(partitions).join(', ')}`)
              .join('; ') || '—',
          ]),
        ).join('\n'),
    '',
  ];
  return lines.join('\n');
}
