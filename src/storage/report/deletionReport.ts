/** What a snapshot deletion will remove, and what it did: the texts of the confirmations and results. */
import type { DeletionPlan, DeletionResult } from '../deletion';
import { formatBytes } from '../../text/format';
import { formatCount } from '../../text/format';

/** The lines shown before the typed confirmation. */
export function describeDeletionPlan(plan: DeletionPlan): string {
  if (plan.objects === 0) return `Nothing is stored under s3://${plan.bucket}/${plan.prefix}.`;
  return [
    `${formatCount(plan.objects)} object(s), ${formatBytes(plan.bytes)}, under s3://${plan.bucket}/${plan.prefix}`,
    plan.hadInfoFile
      ? 'The snapshot is complete: after this it can no longer be restored.'
      : 'The snapshot has no valid info file (incomplete).',
    'Nothing outside this folder is touched; the info file goes first, so an interrupted delete leaves an incomplete snapshot that a retry removes.',
  ].join('\n');
}

/** One paragraph on the outcome; lists a few failed keys with their S3 error. */
export function describeDeletionResult(result: DeletionResult, sample = 5): string {
  const done = `Deleted ${formatCount(result.deleted)} of ${formatCount(result.requested)} object(s) of snapshot ${result.label}.`;
  const lines = [done];
  if (result.cancelled) lines.push('Cancelled before the end.');
  if (result.error) lines.push(`A request failed: ${result.error}.`);
  for (const failure of result.failed.slice(0, sample)) lines.push(`- ${failure.key}: ${failure.code} ${failure.message}`);
  if (result.failed.length > sample) lines.push(`- … and ${result.failed.length - sample} more`);
  if (result.notAttempted > 0) lines.push(`${formatCount(result.notAttempted)} object(s) were not attempted.`);
  if (result.remaining !== undefined) {
    lines.push(
      result.remaining === 0
        ? 'Nothing is left under the snapshot folder.'
        : `${formatCount(result.remaining)} object(s) are still there; running the delete again removes them.`,
    );
  }
  return lines.join('\n');
}

export function deletionSucceeded(result: DeletionResult): boolean {
  return !result.cancelled && !result.error && result.failed.length === 0 && (result.remaining === undefined || result.remaining === 0);
}
