import * as vscode from 'vscode';
import type { S3CredentialSource, S3EndpointSettings } from '../../../connections/types';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { buildCreateRepository, type RepositoryCredentials } from '../../../starrocks/builders/repository';
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
  const statement = target.label ? await restoreStatement(deps, target) : await createRepositoryStatement(deps, target.profileId, target.repository);
  const text = shareableSql(statement);
  await copySql(text);
  return { status: 'done', text };
}

async function restoreStatement(deps: WorkflowDeps, target: WorkflowTarget): Promise<BuiltStatement> {
  const { profileId, repository, label, timestamp } = target as Required<Pick<WorkflowTarget, 'profileId' | 'repository' | 'label'>> & WorkflowTarget;
  if (!timestamp) {
    throw new WorkflowRefusal(vscode.l10n.t('Snapshot {0} is incomplete: it has no timestamp that RESTORE could use.', label));
  }
  const detail = await deps.catalog.snapshotDetail(profileId, repository, label, timestamp);
  if (!detail?.ok || !detail.database) {
    throw new WorkflowRefusal(vscode.l10n.t('The server could not read snapshot {0}: {1}', label, detail?.status ?? vscode.l10n.t('no detail')));
  }
  const session = await deps.connections.getSession(profileId);
  return buildRestore({ database: detail.database, label, repository, timestamp }, session.server.capabilities);
}

async function createRepositoryStatement(deps: WorkflowDeps, profileId: string, name: string): Promise<BuiltStatement> {
  const repo = await repositoryByName(deps, profileId, name);
  const stored = await deps.connections.getS3Credentials(profileId, name);
  const endpoint = deps.connections.getS3Endpoint(profileId, name);
  const session = await deps.connections.getSession(profileId);
  const credentials = credentialsFromStore(stored, endpoint);
  return buildCreateRepository({ name: repo.name, location: repo.location, readOnly: repo.readOnly, credentials }, session.server.capabilities);
}

/**
 * SHOW REPOSITORIES does not report a repository's properties, so the statement uses what the
 * extension stored when it created the repository (or when the user set its S3 credentials).
 * Without that it has no PROPERTIES, and the user adds them.
 */
function credentialsFromStore(stored: S3CredentialSource | undefined, endpoint: S3EndpointSettings | undefined): RepositoryCredentials {
  if (stored?.kind === 'keys') {
    if (endpoint?.endpoint) {
      return { method: 's3Compatible', endpoint: endpoint.endpoint, accessKey: stored.accessKeyId, secretKey: stored.secretAccessKey, region: endpoint.region, pathStyle: endpoint.forcePathStyle };
    }
    return { method: 'accessKeys', accessKey: stored.accessKeyId, secretKey: stored.secretAccessKey, sessionToken: stored.sessionToken, region: endpoint?.region ?? 'us-east-1' };
  }
  if (stored?.kind === 'defaultChain' && endpoint?.region) {
    return { method: 'instanceProfile', region: endpoint.region };
  }
  return { method: 'none' };
}
