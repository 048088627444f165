import * as vscode from 'vscode';
import type { DeletionPlan, DeletionResult } from '../../storage/deletion';
import { deletionSucceeded, describeDeletionPlan, describeDeletionResult } from '../../storage/report/deletionReport';
import { errorText } from '../../ui/errorText';
import { WorkflowRefusal } from '../workflows/common/guard';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import type { WorkflowTarget } from '../workflows/common/target';
import { resolveRepository } from '../workflows/repository/resolveRepository';
import type { StorageDeps } from './deps';
import { CommandIds } from '../commandIds';
import { withCancellableProgress } from './progress';
import { needsForce, SnapshotDeleter } from './snapshotDeleter';
import { checkSnapshotUnused } from './snapshotUse';
import { refuseReadOnly } from './storageTarget';

const t = vscode.l10n.t;

export interface DeletionSummary {
  label: string;
  method: 'dropSnapshot' | 's3';
  objects?: number;
  bytes?: number;
  result?: DeletionResult;
}

export type DeleteOutcome = WorkflowOutcome & { deletion: DeletionSummary };

/**
 * Delete Snapshot…: refuses while a BACKUP/RESTORE uses the label (on this connection or on any
 * other whose repository holds the same files), shows what will go (objects and
 * bytes), asks for the label to be typed, then runs DROP SNAPSHOT (4.2+, FORCE only after the
 * server asked for it and the user read why) or deletes the snapshot folder on S3 in batches,
 * reporting what failed.
 */
export async function deleteSnapshotCommand(deps: StorageDeps, target: WorkflowTarget): Promise<WorkflowOutcome | DeleteOutcome> {
  const resolved = await resolveRepository(deps, target, t('Delete Snapshot'));
  if (!resolved) return CANCELLED;
  const { profileId, repository } = resolved;
  refuseReadOnly(repository, t('deleting snapshots'));
  const label = target.label ?? (await pickLabel(deps, profileId, repository.name));
  if (!label) return CANCELLED;
  // Early, so nobody types a label for nothing; connections that cannot be reached are asked about at the end.
  await checkSnapshotUnused(deps, profileId, repository, label, { askUnchecked: false });
  const deleter = await SnapshotDeleter.create(deps, profileId, repository);
  if (!deleter) return CANCELLED;
  const plan = await withCancellableProgress(t('Listing the files of snapshot {0}', label), (signal) => deleter.plan(label, signal));
  if (!deleter.useDropSnapshot && plan!.objects === 0) {
    throw new WorkflowRefusal(
      t('Nothing is stored for snapshot {0} under s3://{1}/{2}: there is nothing to delete.', label, plan!.bucket, plan!.prefix),
    );
  }
  if (!(await confirmDeletion(deps, deleter, label, plan))) return CANCELLED;
  // Fresh, right before deleting: a backup here, or a restore on a cluster over the same files, may have started while the user was reading.
  if (!(await checkSnapshotUnused(deps, profileId, repository, label, { askUnchecked: true }))) return CANCELLED;
  return deleter.useDropSnapshot ? dropOnServer(deps, deleter, label, plan) : deleteOnStorage(deps, deleter, label, plan!);
}

async function pickLabel(deps: StorageDeps, profileId: string, repository: string): Promise<string | undefined> {
  const items = deps.catalog
    .snapshots(profileId, repository)
    .then((snapshots) => snapshots.map((s) => ({ label: s.label, description: s.timestamps[0] ?? s.statusText })));
  return (
    await deps.prompter.pickOne(items, {
      title: t('Delete Snapshot'),
      placeHolder: t('Snapshot of {0} to delete', repository),
      matchOnDescription: true,
    })
  )?.label;
}

/** Shows what will go, then asks for the label to be typed: two deliberate steps for one irreversible act. */
async function confirmDeletion(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  label: string,
  plan: DeletionPlan | undefined,
): Promise<boolean> {
  const what = plan ? describeDeletionPlan(plan) : t('How much will go is unknown: no S3 credentials are set for this repository.');
  const proceed = t('Delete…');
  const answer = await deps.prompter.confirm(
    t('Delete snapshot {0} from repository {1}?', label, deleter.repository.name),
    `${what}\n\n${t('Method: {0}.', deleter.method)}`,
    proceed,
  );
  if (answer !== proceed) return false;
  const typed = await deps.prompter.input({
    title: t('Delete Snapshot'),
    prompt: t('Type the snapshot label {0} to delete it. This cannot be undone.', label),
    placeHolder: label,
    ignoreFocusOut: true,
    validateInput: (value) => (value === label ? undefined : t('Type {0} exactly to confirm.', label)),
  });
  return typed === label;
}

async function dropOnServer(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  label: string,
  plan: DeletionPlan | undefined,
): Promise<WorkflowOutcome | DeleteOutcome> {
  let sql: string;
  try {
    sql = await deleter.drop(label, false);
  } catch (error) {
    if (!needsForce(error)) throw error;
    const force = t('Drop with FORCE');
    const answer = await deps.prompter.confirm(
      t('The server will not drop snapshot {0} without FORCE.', label),
      t(
        '{0}\n\nFORCE drops a snapshot this cluster did not write: one taken before 4.2 (which records no cluster), or one written by another cluster that shares this location — that cluster loses it too.',
        errorText(error),
      ),
      force,
    );
    if (answer !== force) return { status: 'refused', reason: errorText(error) };
    sql = await deleter.drop(label, true);
  }
  deleter.afterDelete(label);
  void vscode.window.showInformationMessage(t('Snapshot {0} was dropped from repository {1}.', label, deleter.repository.name));
  return { status: 'submitted', sql, deletion: { label, method: 'dropSnapshot', objects: plan?.objects, bytes: plan?.bytes } };
}

async function deleteOnStorage(
  deps: StorageDeps,
  deleter: SnapshotDeleter,
  label: string,
  plan: DeletionPlan,
): Promise<WorkflowOutcome | DeleteOutcome> {
  const result = await withCancellableProgress(t('Deleting snapshot {0}', label), (signal, report) => {
    let reported = 0;
    return deleter.deleteFiles(plan, {
      signal,
      onProgress: (p) => {
        report(t('{0} of {1} objects', p.deleted, p.total), (100 * (p.deleted - reported)) / Math.max(1, p.total));
        reported = p.deleted;
      },
    });
  });
  deleter.afterDelete(label);
  const text = describeDeletionResult(result);
  const deletion: DeletionSummary = { label, method: 's3', objects: plan.objects, bytes: plan.bytes, result };
  if (deletionSucceeded(result)) {
    void vscode.window.showInformationMessage(
      t('Snapshot {0} was deleted from repository {1} ({2} objects).', label, deleter.repository.name, result.deleted),
    );
    return { status: 'done', text, deletion };
  }
  deps.log.warn(text);
  const retry = t('Delete Again');
  void vscode.window.showErrorMessage(t('Snapshot {0} was only partly deleted. {1}', label, text), retry).then((action) => {
    if (action === retry)
      void vscode.commands.executeCommand(CommandIds.deleteSnapshot, {
        profileId: deleter.profileId,
        repository: deleter.repository.name,
        label,
      });
  });
  return { status: 'failed', message: text, deletion };
}
