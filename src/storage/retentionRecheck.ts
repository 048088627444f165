/**
 * The step between an accepted retention preview and the first deletion (pure): the repository is
 * read again and planned again with the same policy and instant, and only when the fresh plan
 * deletes exactly what the preview showed, the same snapshots with the same facts, may the caller
 * go on. So nothing is deleted that the user did not see listed: a snapshot that appeared, changed
 * or vanished in the meantime stops the run, and the user gets a new preview by running it again.
 */
import { planRetention, type RetentionCandidate, type RetentionDecision, type RetentionPlan, type RetentionPolicy } from './retention';

export type RecheckResult =
  /** Delete exactly these (the previewed deletions, in the preview's order). */
  | { ok: true; delete: RetentionDecision[] }
  /** Delete nothing; each entry says what differs from the preview. */
  | { ok: false; differences: string[] };

export function recheckPlan(previewed: RetentionPlan, fresh: readonly RetentionCandidate[], policy: RetentionPolicy): RecheckResult {
  const freshPlan = planRetention(fresh, policy);
  const now = new Map(freshPlan.decisions.map((d) => [d.label, d]));
  const previewedLabels = new Set(previewed.delete.map((d) => d.label));
  const differences: string[] = [];
  for (const before of previewed.delete) {
    const after = now.get(before.label);
    if (!after) differences.push(`${before.label} is no longer in the repository.`);
    else if (!sameFacts(before, after)) differences.push(`${before.label} changed: ${facts(before)} in the preview, ${facts(after)} now.`);
    else if (after.action !== 'delete') differences.push(`${before.label} would now be kept: ${after.reasons.join(' ')}`);
  }
  for (const after of freshPlan.delete) {
    if (!previewedLabels.has(after.label)) differences.push(`${after.label} would now be deleted too, and the preview did not list it.`);
  }
  return differences.length > 0 ? { ok: false, differences } : { ok: true, delete: [...previewed.delete] };
}

function sameFacts(a: RetentionDecision, b: RetentionDecision): boolean {
  return a.complete === b.complete && a.database === b.database && a.group === b.group && a.time?.getTime() === b.time?.getTime();
}

function facts(d: RetentionDecision): string {
  return [
    d.complete ? 'complete' : 'incomplete',
    d.database !== undefined ? `database ${d.database}` : 'database unknown',
    d.time ? d.time.toISOString() : 'time unknown',
  ].join(', ');
}
