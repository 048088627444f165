/** The dry-run preview of a retention policy: what it keeps, what it would delete, and why. */
import type { StoredSnapshot } from '../inspect';
import type { RetentionDecision, RetentionPlan } from '../retention';
import { formatBytes } from '../../text/format';
import { code, table } from '../../text/markdown';
import { formatInstant } from '../../text/format';

export interface RetentionPreviewInput {
  plan: RetentionPlan;
  repository: string;
  location: string;
  /** Sizes by label, when the repository was measured. */
  snapshots?: ReadonlyMap<string, StoredSnapshot>;
  /** How the deletion would run: `DROP SNAPSHOT` or the S3 batch delete. */
  method: string;
}

/**
 * The preview lists every group with all its members, kept and deleted, so the user sees what a
 * rule takes in before anything is deleted; the deletion acts on `plan.delete` only.
 */
export function retentionPreview(input: RetentionPreviewInput): string {
  const { plan } = input;
  const sizeOf = (label: string) => input.snapshots?.get(label)?.bytes;
  const freed = plan.delete.reduce((s, d) => s + (sizeOf(d.label) ?? 0), 0);
  const header = ['Snapshot', 'Action', 'Database', 'Time', 'Size', 'State', 'Why'];
  const row = (d: RetentionDecision) => [
    d.label,
    d.action === 'delete' ? '**delete**' : 'keep',
    d.database ?? '(unknown)',
    formatInstant(d.time),
    sizeOf(d.label) !== undefined ? formatBytes(sizeOf(d.label)!) : '',
    d.complete ? 'complete' : 'incomplete',
    d.reasons.join(' '),
  ];
  const groups = [...new Set(plan.decisions.map((d) => d.group))];
  const sections = groups.flatMap((group) => {
    const members = plan.decisions.filter((d) => d.group === group);
    const deleted = members.filter((d) => d.action === 'delete');
    return [
      `### Group ${code(group)}: ${members.length} snapshot(s), ${deleted.length} deleted, ${members.length - deleted.length} kept`,
      '',
      ...table(header, [...deleted, ...members.filter((d) => d.action === 'keep')].map(row)),
      '',
    ];
  });
  return [
    `# Retention preview (dry run): ${input.repository}`,
    '',
    `Location ${input.location}. Policy: ${plan.summary}`,
    '',
    `Nothing has been deleted. Applying it would delete **${plan.delete.length}** snapshot(s)${input.snapshots ? ` (${formatBytes(freed)})` : ''} with ${input.method}, and keep ${plan.keep.length}. Before deleting, the repository is read again: if anything differs from this preview, nothing is deleted.`,
    '',
    `## Would be deleted (${plan.delete.length})`,
    '',
    ...(plan.delete.length
      ? plan.delete.map((d) => `- ${code(d.label)} (group ${code(d.group)}, database ${d.database ?? '(unknown)'})`)
      : ['Nothing.']),
    '',
    `## Kept (${plan.keep.length})`,
    '',
    ...(plan.keep.length
      ? plan.keep.map((d) => `- ${code(d.label)} (group ${code(d.group)}, database ${d.database ?? '(unknown)'})`)
      : ['Nothing.']),
    '',
    `## Groups (${groups.length})`,
    '',
    ...(sections.length ? sections : ['The repository holds no snapshot.', '']),
  ].join('\n');
}
