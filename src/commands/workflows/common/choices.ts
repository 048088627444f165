import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../../connections/types';
import { isSystemDatabase } from '../../../starrocks/parsers/catalog';
import type { RepositoryInfo } from '../../../starrocks/models';
import type { MultiStepInput } from '../../../ui/multiStepInput';
import type { WorkflowDeps } from './deps';
import { WorkflowRefusal } from './guard';

/**
 * The questions several workflows ask: which connection, which repository, which database. Each
 * is one step of the caller's multi-step flow; item labels are the names themselves, so scripts and
 * the UI test can choose by name.
 */

export function profileDescription(profile: ConnectionProfile): string {
  return [`${profile.user}@${profile.host}:${profile.port}`, profile.environment].filter(Boolean).join(' · ');
}

export async function chooseConnection<S>(
  input: MultiStepInput<S>,
  deps: WorkflowDeps,
  placeholder: string,
  exclude?: string,
): Promise<string> {
  const profiles = deps.connections.listProfiles().filter((profile) => profile.id !== exclude);
  if (profiles.length === 0) {
    throw new WorkflowRefusal(
      exclude
        ? vscode.l10n.t('There is no other StarRocks connection. Add one first.')
        : vscode.l10n.t('There is no StarRocks connection yet. Use "Add Connection…" first.'),
    );
  }
  const items = profiles.map((profile) => ({ label: profile.name, description: profileDescription(profile), profileId: profile.id }));
  const picked = await input.pick(items, { placeholder, matchOnDescription: true });
  return picked.profileId;
}

export function connectionName(deps: WorkflowDeps, profileId: string): string {
  return deps.connections.getProfile(profileId)?.name ?? profileId;
}

function repositoryItem(repo: RepositoryInfo): vscode.QuickPickItem & { repo: RepositoryInfo } {
  const state = [repo.readOnly ? vscode.l10n.t('read-only') : undefined, repo.errorMessage ? vscode.l10n.t('last ping failed') : undefined]
    .filter(Boolean)
    .join(' · ');
  return { label: repo.name, description: repo.location, detail: state || undefined, repo };
}

/**
 * The repository to use. `writable` leaves out read-only ones (BACKUP fails on them with
 * "Repository X is read only"), and refuses with a hint when nothing is left.
 */
export async function chooseRepository<S>(
  input: MultiStepInput<S>,
  deps: WorkflowDeps,
  profileId: string,
  options: { placeholder: string; writable?: boolean },
): Promise<RepositoryInfo> {
  const all = await deps.catalog.repositories(profileId);
  const usable = options.writable ? all.filter((repo) => !repo.readOnly) : all;
  if (usable.length === 0) {
    const name = connectionName(deps, profileId);
    throw new WorkflowRefusal(
      all.length === 0
        ? vscode.l10n.t('{0} has no backup repository yet. Create one with "Create Repository…" first.', name)
        : vscode.l10n.t(
            'Every repository of {0} is read-only, and BACKUP cannot write to a read-only repository. Create a writable one first.',
            name,
          ),
    );
  }
  const picked = await input.pick(usable.map(repositoryItem), { placeholder: options.placeholder, matchOnDescription: true });
  return picked.repo;
}

/** A repository by name, or a refusal that says it is gone (the tree may be older than the server). */
export async function repositoryByName(deps: WorkflowDeps, profileId: string, name: string): Promise<RepositoryInfo> {
  const repo = await deps.catalog.repository(profileId, name);
  if (!repo) {
    throw new WorkflowRefusal(
      vscode.l10n.t('The repository {0} no longer exists on {1}. Refresh the view.', name, connectionName(deps, profileId)),
    );
  }
  return repo;
}

export async function chooseDatabase<S>(
  input: MultiStepInput<S>,
  deps: WorkflowDeps,
  profileId: string,
  placeholder: string,
): Promise<string> {
  const databases = (await deps.catalog.databases(profileId)).filter((db) => !isSystemDatabase(db));
  if (databases.length === 0) {
    throw new WorkflowRefusal(vscode.l10n.t('{0} has no database to back up.', connectionName(deps, profileId)));
  }
  const picked = await input.pick(
    databases.map((db) => ({ label: db })),
    { placeholder },
  );
  return picked.label;
}
