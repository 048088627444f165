import * as vscode from 'vscode';
import type { StoredSnapshot } from '../../storage/inspect';
import { parseSnapshotTimestamp } from '../../storage/layout';
import { deletionSucceeded, describeDeletionResult } from '../../storage/report/deletionReport';
import { formatBytes } from '../../text/format';
import { retentionPreview } from '../../storage/report/retentionReport';
import { mapWithConcurrency } from '../../storage/concurrency';
import { planRetention, type RetentionCandidate, type RetentionPlan, type RetentionPolicy } from '../../storage/retention';
import { recheckPlan } from '../../storage/retentionRecheck';
import { errorText } from '../../ui/errorText';
import { WorkflowRefusal } from '../workflows/common/guard';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { openReport } from './documents';
import { inUseMessage } from './labelsInUse';
import { withCancellableProgress } from './progress';
import { askRetentionPolicy } from './retentionPolicyInput';
import { SnapshotDeleter } from './snapshotDeleter';
import { readSnapshotUseBeforeDeleting } from './snapshotUse';
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
 * Apply Retention…: asks for a policy, measures the repository (each snapshot's database read from
 * the snapshot itself), opens the dry-run preview (every group with its members, what goes, what
 * stays, why), and only after a typed confirmation reads the repository again: when the fresh plan
 * deletes exactly what the preview showed, it deletes those snapshots one by one with the same
 * safe delete as "Delete Snapshot…" — skipping any a job uses right now on any connection over the
 * same files; otherwise it deletes nothing and says what changed.
 */
export async function applyRetentionCommand(
  deps: StorageDeps,
  target: WorkflowTarget,
  /** A backup plan's own policy: not asked for; everything after the question is the same. */
  given?: Omit<RetentionPolicy, 'now'>,
): Promise<WorkflowOutcome | RetentionOutcome> {
  const resolved = await resolveRepository(deps, target, t('Apply Retention'));
  if (!resolved) return CANCELLED;
  const { profileId, repository } = resolved;
  refuseReadOnly(repository, t('applying a retention policy'));
  const policy = given ?? (await askRetentionPolicy(deps.prompter, repository.name));
  if (!policy) return CANCELLED;
  const deleter = await SnapshotDeleter.create(deps, profileId, repository);
  if (!deleter) return CANCELLED;
  const measured = await measure(deps, deleter, false);
  // One instant for the preview and the re-check, so time passing alone changes nothing.
  const rules: RetentionPolicy = { ...policy, now: new Date() };
  const plan = planRetention(measured.candidates, rules);
  const preview = retentionPreview({
    plan,
    repository: repository.name,
    location: repository.location,
    snapshots: measured.sizes,
    method: deleter.useDropSnapshot ? 'DROP SNAPSHOT' : t('the S3 batch delete'),
  });
  await openReport(preview);
  const run: RetentionRun = { plan, preview, deleted: [], failed: [] };
  if (plan.delete.length === 0) {
    void vscode.window.showInformationMessage(t('The policy keeps every snapshot of {0}: nothing to delete.', repository.name));
    return { status: 'done', text: preview, retention: run };
  }
  if (!(await confirm(deps, deleter, plan, measured.sizes))) return { status: 'cancelled', retention: run };
  const recheck = recheckPlan(plan, (await measure(deps, deleter, true)).candidates, rules);
  if (!recheck.ok) {
    throw new WorkflowRefusal(
      t(
        'Nothing was deleted: repository {0} changed since the preview. Run Apply Retention again to see a new preview. {1}',
        repository.name,
        recheck.differences.join(' '),
      ),
    );
  }
  if (
    !(await deleteAll(
      deps,
      deleter,
      recheck.delete.map((d) => d.label),
      run,
    ))
  )
    return { status: 'cancelled', retention: run };
  const summary = t('Retention on {0}: {1} snapshot(s) deleted, {2} not.', repository.name, run.deleted.length, run.failed.length);
  if (run.failed.length === 0) void vscode.window.showInformationMessage(summary);
  else void vscode.window.showWarningMessage(`${summary} ${run.failed.map((f) => `${f.label}: ${f.message}`).join(' · ')}`);
  return run.failed.length === 0
    ? { status: 'done', text: preview, retention: run }
    : { status: 'failed', message: summary, retention: run };
}

/**
 * Candidates from storage when the bucket can be read (times, completeness, sizes, and the
 * database from each info file), else from SHOW SNAPSHOT and its detail form (which reads the
 * same info file on the server). `fresh` skips every cached measurement: the state right before
 * deleting.
 */
async function measure(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  fresh: boolean,
): Promise<{ candidates: RetentionCandidate[]; sizes?: Map<string, StoredSnapshot> }> {
  const name = deleter.repository.name;
  if (await deps.clients.clientFor(deleter.target)) {
    const usage = await withCancellableProgress(
      fresh ? t('Reading repository {0} again before deleting', name) : t('Measuring repository {0} on S3', name),
      (signal, report) =>
        deps.sizes.sizeRepository(deleter.target, {
          signal,
          force: fresh,
          // Each info file gives the database and the true backup time the policy decides on.
          health: true,
          onProgress: (p) => report(t('{0} of {1} snapshots', p.done, p.total), 100 / Math.max(1, p.total)),
        }),
    );
    const candidates = usage.snapshots.map((s) => ({
      label: s.label,
      time: s.complete ? s.time : s.newestModified,
      complete: s.complete,
      database: s.info?.database,
    }));
    return { candidates, sizes: new Map(usage.snapshots.map((s) => [s.label, s])) };
  }
  const listed = await deps.catalog.snapshots(deleter.profileId, name);
  const candidates = await withCancellableProgress(t('Reading the snapshots of {0}', name), (signal) =>
    mapWithConcurrency(
      listed,
      DETAIL_CONCURRENCY,
      async (s) => ({
        label: s.label,
        time: s.timestamps[0] ? parseSnapshotTimestamp(s.timestamps[0]) : undefined,
        complete: s.status === 'OK',
        database: await databaseOf(deps, deleter, s.label, s.timestamps[0]),
      }),
      signal,
    ),
  );
  return { candidates };
}

/** SHOW SNAPSHOT's detail form is one statement per snapshot: a few at a time, not hundreds at once. */
const DETAIL_CONCURRENCY = 4;

/** The database a complete snapshot records, or undefined when the server could not read it (the planner then keeps the snapshot). */
async function databaseOf(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  label: string,
  timestamp: string | undefined,
): Promise<string | undefined> {
  if (!timestamp) return undefined;
  try {
    const detail = await deps.catalog.snapshotDetail(deleter.profileId, deleter.repository.name, label, timestamp);
    return detail?.ok ? detail.database : undefined;
  } catch (error) {
    deps.log.warn(`Could not read the database of snapshot ${label} in ${deleter.repository.name}: ${errorText(error)}`);
    return undefined;
  }
}

async function confirm(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  plan: RetentionPlan,
  sizes: Map<string, StoredSnapshot> | undefined,
): Promise<boolean> {
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

/** False (nothing deleted) when a connection could not be checked for jobs and the user did not choose to go on. */
async function deleteAll(deps: StorageDeps, deleter: SnapshotDeleter, labels: string[], run: RetentionRun): Promise<boolean> {
  const use = await readSnapshotUseBeforeDeleting(
    deps,
    deleter.profileId,
    deleter.repository,
    labels,
    t('{0} snapshot(s) of repository {1}', labels.length, deleter.repository.name),
  );
  if (!use) return false;
  await withCancellableProgress(t('Applying retention to {0}', deleter.repository.name), async (signal, report) => {
    for (const label of labels) {
      if (signal.aborted) {
        run.failed.push({ label, message: t('not attempted: cancelled') });
        continue;
      }
      const user = use.inUse.get(label);
      if (user) {
        run.failed.push({ label, message: inUseMessage(deps, user.profileId, user.job) });
        continue;
      }
      report(label, 100 / labels.length);
      await deleteOne(deleter, label, signal, run);
    }
  });
  return true;
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
