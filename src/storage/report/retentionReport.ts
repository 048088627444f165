/** The dry-run preview of a retention policy: what it keeps, what it would delete, and why. */
import type { StoredSnapshot } from '../inspect';
import type { RetentionDecision, RetentionPlan } from '../retention';
import { formatBytes } from '../format';
import { formatInstant, table } from './markdown';

export interface RetentionPreviewInput {
  plan: RetentionPlan;
  repository: string;
  location: string;
  /** Sizes by label, when the repository was measured. */
  snapshots?: ReadonlyMap<string, StoredSnapshot>;
  /** How the deletion would run: `DROP SNAPSHOT` or the S3 batch delete. */
  method: string;
}

export function retentionPreview(input: RetentionPreviewInput): string {
  const { plan } = input;
  const sizeOf = (label: string) => input.snapshots?.get(label)?.bytes;
  const freed = plan.delete.reduce((s, d) => s + (sizeOf(d.label) ?? 0), 0);
  const rows = (decisions: RetentionDecision[]) =>
    decisions.map((d) => [d.label, d.group, formatInstant(d.time), sizeOf(d.label) !== undefined ? formatBytes(sizeOf(d.label)!) : '', d.complete ? 'complete' : 'incomplete', d.reasons.join(' ')]);
  const header = ['Snapshot', 'Group', 'Time', 'Size', 'State', 'Why'];
  return [
    `# Retention preview (dry run): ${input.repository}`,
    '',
    `Location ${input.location}. Policy: ${plan.summary}`,
    '',
    `Nothing has been deleted. Applying it would delete **${plan.delete.length}** snapshot(s)${input.snapshots ? ` (${formatBytes(freed)})` : ''} with ${input.method}, and keep ${plan.keep.length}.`,
    '',
    `## Would be deleted (${plan.delete.length})`,
    '',
    ...(plan.delete.length ? table(header, rows(plan.delete)) : ['Nothing.']),
    '',
    `## Kept (${plan.keep.length})`,
    '',
    ...(plan.keep.length ? table(header, rows(plan.keep)) : ['Nothing.']),
    '',
  ].join('\n');
}
