import * as vscode from 'vscode';
import { sameLocation } from '../../../starrocks/location';
import type { RepositoryInfo } from '../../../starrocks/models';
import { connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { FlowCancelled, WorkflowRefusal } from '../common/guard';
import { createRepositoryWorkflow } from '../repository/createRepository';

/**
 * Restoring on another cluster (migration) needs a repository there with the same name and the
 * same location: the name is part of the path on storage. When there is none, the user is offered
 * to create it READ ONLY (the target only reads what the source wrote), or writable on request (the
 * target then backs up into the same files), reusing the keys stored for the source's repository
 * when there are any. Throws a refusal when a repository of that name
 * points elsewhere, and `FlowCancelled` when the user declines.
 */
export async function ensureTargetRepository(
  deps: WorkflowDeps,
  sourceProfileId: string,
  source: RepositoryInfo,
  targetProfileId: string,
): Promise<RepositoryInfo> {
  const target = connectionName(deps, targetProfileId);
  const existing = (await deps.catalog.repositories(targetProfileId)).find((repo) => repo.name === source.name);
  if (existing) {
    if (sameLocation(existing.location, source.location)) return existing;
    throw new WorkflowRefusal(
      vscode.l10n.t(
        'Repository {0} on {1} points to {2}, not {3}. Snapshots are found by repository name and location, so restoring there needs a repository with both the same.',
        source.name,
        target,
        existing.location,
        source.location,
      ),
    );
  }
  const readOnly = vscode.l10n.t('Create Read-Only Repository');
  const writable = vscode.l10n.t('Create Writable Repository');
  const answer = await deps.prompter.confirm(
    vscode.l10n.t('{0} has no repository {1} at {2}. Create it there as READ ONLY?', target, source.name, source.location),
    vscode.l10n.t(
      'This is how snapshots move between clusters: {0} reads the snapshots {1} wrote, under the same repository name and location, and cannot change them. Choose writable only if {0} should back up into the same location too: both clusters then write there.',
      target,
      connectionName(deps, sourceProfileId),
    ),
    readOnly,
    writable,
  );
  if (answer !== readOnly && answer !== writable) throw new FlowCancelled();
  const stored = await deps.connections.getS3Credentials(sourceProfileId, source.name);
  const reusable =
    stored?.kind === 'keys'
      ? {
          from: connectionName(deps, sourceProfileId),
          keys: stored,
          endpoint: deps.connections.getS3Endpoint(sourceProfileId, source.name),
        }
      : undefined;
  const outcome = await createRepositoryWorkflow(deps, {
    profileId: targetProfileId,
    name: source.name,
    location: source.location,
    readOnly: answer === readOnly,
    reusable,
  });
  if (outcome.status !== 'submitted') throw new FlowCancelled();
  const created = (await deps.catalog.repositories(targetProfileId)).find((repo) => repo.name === source.name);
  if (!created) throw new WorkflowRefusal(vscode.l10n.t('Repository {0} was created on {1} but is not listed there.', source.name, target));
  return created;
}
