import * as vscode from 'vscode';
import type { StoredSnapshot } from '../../storage/inspect';
import { parseSnapshotTimestamp } from '../../storage/layout';
import { deletionSucceeded, describeDeletionResult } from '../../storage/report/deletionReport';
import { formatBytes } from '../../storage/format';
import { retentionPreview } from '../../storage/report/retentionReport';
import { planRetention, type RetentionCandidate, type RetentionPlan } from '../../storage/retention';
import { errorText } from '../../views/errorText';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { openReport } from './documents';
import { inUseMessage, runningJobsFor } from './labelsInUse';
import { withCancellableProgress } from './progress';
import { askRetentionPolicy } from './retentionPolicyInput';
import { SnapshotDeleter } from './snapshotDeleter';
import { refuseReadOnly } from './storageTarget';

const t = vscode.l10n.t;

export interface RetentionRun {
  plan: RetentionPlan;
  preview: string;
  deleted: string[];
  failed: { label: string; message: string }[];
}

export type RetentionOutcome = WorkflowOutcome & { retention: RetentionRun };

/**
 * Apply Retention…: asks for a policy, measures the repository, opens the dry-run preview (what
 * goes, what stays, why), and only after a typed confirmation deletes the planned snapshots one
 * by one with the same safe delete as "Delete Snapshot…" — skipping any a job uses right now.
 */
export async function applyRetentionCommand(deps: StorageDeps, target: WorkflowTarget): Promise<WorkflowOutcome | RetentionOutcome> {
  const resolved = await resolveRepository(deps, target, t('Apply Retention'));
  if (!resolved) return CANCELLED;
  const { profileId, repository } = resolved;
  refuseReadOnly(repository, t('applying a retention policy'));
  const policy = await askRetentionPolicy(deps.prompter, repository.name);
  if (!policy) return CANCELLED;
  const deleter = await SnapshotDeleter.create(deps, profileId, repository);
  if (!deleter) return CANCELLED;
  const measured = await measure(deps, deleter);
  const plan = planRetention(measured.candidates, { ...policy, now: new Date() });
  const preview = retentionPreview({ plan, repository: repository.name, location: repository.location, snapshots: measured.sizes, method: deleter.useDropSnapshot ? 'DROP SNAPSHOT' : t('the S3 batch delete') });
  await openReport(preview);
  const run: RetentionRun = { plan, preview, deleted: [], failed: [] };
  if (plan.delete.length === 0) {
    void vscode.window.showInformationMessage(t('The policy keeps every snapshot of {0}: nothing to delete.', repository.name));
    return { status: 'done', text: preview, retention: run };
  }
  if (!(await confirm(deps, deleter, plan, measured.sizes))) return { status: 'cancelled', retention: run };
  await deleteAll(deps, deleter, plan.delete.map((d) => d.label), run);
  const summary = t('Retention on {0}: {1} snapshot(s) deleted, {2} not.', repository.name, run.deleted.length, run.failed.length);
  if (run.failed.length === 0) void vscode.window.showInformationMessage(summary);
  else void vscode.window.showWarningMessage(`${summary} ${run.failed.map((f) => `${f.label}: ${f.message}`).join(' · ')}`);
  return run.failed.length === 0 ? { status: 'done', text: preview, retention: run } : { status: 'failed', message: summary, retention: run };
}

/** Candidates from storage when the bucket can be read (times, completeness, sizes), else from SHOW SNAPSHOT. */
async function measure(deps: StorageDeps, deleter: SnapshotDeleter): Promise<{ candidates: RetentionCandidate[]; sizes?: Map<string, StoredSnapshot> }> {
  if (await deps.clients.clientFor(deleter.target)) {
    const usage = await withCancellableProgress(t('Measuring repository {0} on S3', deleter.repository.name), (signal, report) =>
      deps.sizes.sizeRepository(deleter.target, { signal, onProgress: (p) => report(t('{0} of {1} snapshots', p.done, p.total), 100 / Math.max(1, p.total)) }),
    );
    const candidates = usage.snapshots.map((s) => ({ label: s.label, time: s.complete ? s.time : s.newestModified, complete: s.complete }));
    return { candidates, sizes: new Map(usage.snapshots.map((s) => [s.label, s])) };
  }
  const listed = await deps.explorer.catalog.snapshots(deleter.profileId, deleter.repository.name);
  return { candidates: listed.map((s) => ({ label: s.label, time: s.timestamps[0] ? parseSnapshotTimestamp(s.timestamps[0]) : undefined, complete: s.status === 'OK' })) };
}

async function confirm(deps: StorageDeps, deleter: SnapshotDeleter, plan: RetentionPlan, sizes: Map<string, StoredSnapshot> | undefined): Promise<boolean> {
  const bytes = sizes ? plan.delete.reduce((s, d) => s + (sizes.get(d.label)?.bytes ?? 0), 0) : undefined;
  const labels = plan.delete.map((d) => d.label);
  const shown = labels.slice(0, 10).join(', ') + (labels.length > 10 ? t(', and {0} more', labels.length - 10) : '');
  const proceed = t('Delete…');
  const answer = await deps.prompter.confirm(
    t('Delete {0} snapshot(s) from repository {1}?', labels.length, deleter.repository.name),
    `${shown}${bytes !== undefined ? `\n\n${formatBytes(bytes)}` : ''}\n\n${t('Method: {0}. The preview lists why each goes.', deleter.method)}`,
    proceed,
  );
  if (answer !== proceed) return false;
  const name = deleter.repository.name;
  const typed = await deps.prompter.input({
    title: t('Apply Retention'),
    prompt: t('Type the repository name {0} to delete {1} snapshot(s). This cannot be undone.', name, labels.length),
    placeHolder: name,
    ignoreFocusOut: true,
    validateInput: (value) => (value === name ? undefined : t('Type {0} exactly to confirm.', name)),
  });
  return typed === name;
}

async function deleteAll(deps: StorageDeps, deleter: SnapshotDeleter, labels: string[], run: RetentionRun): Promise<void> {
  const inUse = await runningJobsFor(deps, deleter.profileId, labels);
  await withCancellableProgress(t('Applying retention to {0}', deleter.repository.name), async (signal, report) => {
    for (const label of labels) {
      if (signal.aborted) {
        run.failed.push({ label, message: t('not attempted: cancelled') });
        continue;
      }
      const job = inUse.get(label);
      if (job) {
        run.failed.push({ label, message: inUseMessage(deps, deleter.profileId, job) });
        continue;
      }
      report(label, 100 / labels.length);
      await deleteOne(deleter, label, signal, run);
    }
  });
}

async function deleteOne(deleter: SnapshotDeleter, label: string, signal: AbortSignal, run: RetentionRun): Promise<void> {
  try {
    if (deleter.useDropSnapshot) {
      await deleter.drop(label, false);
    } else {
      const plan = await deleter.plan(label, signal);
      const result = await deleter.deleteFiles(plan!, { signal });
      if (!deletionSucceeded(result)) {
        run.failed.push({ label, message: describeDeletionResult(result) });
        if (result.deleted > 0) deleter.afterDelete(label);
        return;
      }
    }
    run.deleted.push(label);
    deleter.afterDelete(label);
  } catch (error) {
    // On 4.2 a snapshot of another cluster needs FORCE: left to "Delete Snapshot…", where the user sees why.
    run.failed.push({ label, message: errorText(error) });
  }
}
