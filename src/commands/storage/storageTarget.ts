import type { S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { RepositoryInfo } from '../../starrocks/models';
import { resolveRepository as locateOnStorage, type ResolvedRepository as StorageRepository } from '../../storage/repository';
import type { RepositoryTarget } from '../../storage/sizeService';
import { CommandIds } from '../commandIds';
import { WorkflowRefusal } from '../workflows/common/guard';
import type { StorageDeps } from './deps';

const t = vscode.l10n.t;

export function storageTargetOf(profileId: string, repository: RepositoryInfo): RepositoryTarget {
  return { profileId, repository: repository.name, location: repository.location };
}

/**
 * The S3 client of a repository. Without stored credentials the user is offered "Set S3
 * Credentials…" (the connection commands' flow) and the client is built from what they entered.
 * Undefined when they declined.
 */
export async function requireClient(deps: StorageDeps, target: RepositoryTarget): Promise<S3Client | undefined> {
  const client = await deps.clients.clientFor(target);
  if (client) return client;
  const setCredentials = t('Set S3 Credentials…');
  const answer = await deps.prompter.confirm(
    t('No S3 credentials are set for repository {0}.', target.repository),
    t(
      'The extension reads the bucket at {0} with credentials of its own (access keys kept in the secret storage of VS Code, or the default AWS credential chain), not with those of the StarRocks server.',
      target.location,
    ),
    setCredentials,
  );
  if (answer !== setCredentials) return undefined;
  await vscode.commands.executeCommand(CommandIds.setS3Credentials, { profileId: target.profileId, repository: target.repository });
  const configured = await deps.clients.clientFor(target);
  if (!configured) throw new WorkflowRefusal(t('Repository {0} still has no S3 credentials.', target.repository));
  return configured;
}

/** Where the repository's files are on S3 (the legacy root when it exists, like the FE). */
export function locateRepository(client: S3Client, target: RepositoryTarget, signal?: AbortSignal): Promise<StorageRepository> {
  return locateOnStorage(client, { name: target.repository, location: target.location }, { signal });
}

/** Deleting from a read-only repository would pull snapshots from under a cluster that restores from it. */
export function refuseReadOnly(repository: RepositoryInfo, what: string): void {
  if (repository.readOnly) {
    throw new WorkflowRefusal(
      t(
        'Repository {0} is read-only on this server, so {1} is not offered: a read-only repository usually shares the snapshots of another cluster. Delete them from the cluster that writes them.',
        repository.name,
        what,
      ),
    );
  }
}
