import * as vscode from 'vscode';
import { SnapshotSizeService } from '../../storage/sizeService';
import { CommandIds, type CommandId } from '../commandIds';
import type { WorkflowDeps } from '../workflows/common/deps';
import type { WorkflowOutcome } from '../workflows/common/outcome';
import { registerWorkflowCommand } from '../workflows/register';
import type { WorkflowTarget } from '../workflows/common/target';
import { applyRetentionCommand } from './applyRetention';
import { checkAccessCommand } from './checkAccess';
import { deleteSnapshotCommand } from './deleteSnapshot';
import type { StorageDeps } from './deps';
import { S3ClientPool } from './s3Clients';
import { showUsageCommand } from './showUsage';
import { SnapshotSizeDecorations } from './sizeDecorations';

/** What the storage side gives the rest of the extension (and integration tests, through the API). */
export interface StorageFeatures extends vscode.Disposable {
  readonly sizes: SnapshotSizeService;
  readonly clients: S3ClientPool;
}

type Command = (deps: StorageDeps, target: WorkflowTarget) => Promise<WorkflowOutcome>;

/**
 * The S3 side: snapshot sizes in the tree, Repository Usage, Delete Snapshot, Apply Retention and
 * Check S3 Access. Each command takes a tree node or a `{ profileId, repository, label }` object
 * and resolves to a `WorkflowOutcome` (with the report or the deletion result for tests).
 */
export function registerStorageCommands(
  base: WorkflowDeps,
  tree: { registerSnapshotDecorations(provider: SnapshotSizeDecorations): vscode.Disposable },
): StorageFeatures {
  const clients = new S3ClientPool(base.connections);
  const sizes = new SnapshotSizeService((target) => clients.clientFor(target));
  const deps: StorageDeps = { ...base, sizes, clients };
  const commands: [CommandId, Command][] = [
    [CommandIds.showRepositoryUsage, showUsageCommand],
    [CommandIds.deleteSnapshot, deleteSnapshotCommand],
    [CommandIds.applyRetention, (d, target) => applyRetentionCommand(d, target)],
    [CommandIds.checkS3Access, checkAccessCommand],
  ];
  const decorations = new SnapshotSizeDecorations(
    sizes,
    async (profileId, repository) => (await base.connections.getS3Credentials(profileId, repository)) !== undefined,
    base.log,
    () => vscode.workspace.getConfiguration('starrocksBackup.storage').get<boolean>('showSnapshotSizes', true),
  );
  const disposables: vscode.Disposable[] = [
    ...commands.map(([id, command]) => registerWorkflowCommand(deps, id, command)),
    decorations,
    tree.registerSnapshotDecorations(decorations),
    // A finished backup may reuse a label deleted earlier: forget what was measured under it.
    base.jobs.onDidChangeJobs(finishedBackupWatcher(base, sizes)),
    clients,
    { dispose: () => sizes.dispose() },
  ];
  return { sizes, clients, dispose: () => disposables.forEach((d) => d.dispose()) };
}

/** Calls `forgetLabel` once for each BACKUP the tracker saw end. */
function finishedBackupWatcher(base: WorkflowDeps, sizes: SnapshotSizeService): () => void {
  const handled = new Set<string>();
  return () => {
    for (const job of base.jobs.list()) {
      const id = `${job.key}@${job.submittedAt}`;
      if (job.kind !== 'BACKUP' || job.phase === 'running' || handled.has(id)) continue;
      handled.add(id);
      sizes.forgetLabel(job.label);
    }
  };
}
