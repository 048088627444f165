import * as vscode from 'vscode';
import { recalledCredentials } from '../../../connections/repositoryStorageAccess';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { buildCreateRepository } from '../../../starrocks/builders/repository';
import { buildRestore } from '../../../starrocks/builders/restore';
import { WorkflowRefusal } from '../common/guard';
import type { WorkflowDeps } from '../common/deps';
import type { WorkflowOutcome } from '../common/outcome';
import { copySql, shareableSql } from '../common/sqlPreview';
import type { WorkflowTarget } from '../common/target';
import { repositoryByName } from '../common/choices';

/**
 * Copy SQL: on a snapshot its RESTORE statement (whole snapshot, same names), on a repository its
 * CREATE REPOSITORY (from SHOW REPOSITORIES and the credentials stored in the extension, secrets
 * masked). Only tree nodes carry enough context, so the palette does not offer it.
 */
export async function copySqlWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  if (!target.profileId || !target.repository) {
    throw new WorkflowRefusal(vscode.l10n.t('Choose a snapshot or a repository in the StarRocks Backup view to copy its SQL.'));
  }
  const statement = target.label
    ? await restoreStatement(deps, target)
    : await createRepositoryStatement(deps, target.profileId, target.repository);
  const text = shareableSql(statement);
  await copySql(text);
  return { status: 'done', text };
}

async function restoreStatement(deps: WorkflowDeps, target: WorkflowTarget): Promise<BuiltStatement> {
  const { profileId, repository, label, timestamp } = target as Required<Pick<WorkflowTarget, 'profileId' | 'repository' | 'label'>> &
    WorkflowTarget;
  if (!timestamp) {
    throw new WorkflowRefusal(vscode.l10n.t('Snapshot {0} is incomplete: it has no timestamp that RESTORE could use.', label));
  }
  const detail = await deps.catalog.snapshotDetail(profileId, repository, label, timestamp);
  if (!detail?.ok || !detail.database) {
    throw new WorkflowRefusal(
      vscode.l10n.t('The server could not read snapshot {0}: {1}', label, detail?.status ?? vscode.l10n.t('no detail')),
    );
  }
  const session = await deps.connections.getSession(profileId);
  return buildRestore({ database: detail.database, label, repository, timestamp }, session.server.capabilities);
}

async function createRepositoryStatement(deps: WorkflowDeps, profileId: string, name: string): Promise<BuiltStatement> {
  const repo = await repositoryByName(deps, profileId, name);
  const stored = await deps.connections.getS3Credentials(profileId, name);
  const endpoint = deps.connections.getS3Endpoint(profileId, name);
  const session = await deps.connections.getSession(profileId);
  // SHOW REPOSITORIES does not report a repository's properties: they come from what the extension
  // recorded, with placeholders for what it does not know.
  const credentials = recalledCredentials(stored, endpoint);
  return buildCreateRepository(
    { name: repo.name, location: repo.location, readOnly: repo.readOnly, credentials, placeholders: true },
    session.server.capabilities,
  );
}
