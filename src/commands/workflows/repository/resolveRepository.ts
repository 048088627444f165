import * as vscode from 'vscode';
import type { RepositoryInfo } from '../../../starrocks/models';
import { MultiStepInput } from '../../../ui/multiStepInput';
import { chooseConnection, chooseRepository, repositoryByName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import type { WorkflowTarget } from '../common/target';

export interface ResolvedRepository {
  profileId: string;
  repository: RepositoryInfo;
}

/**
 * The repository a single-repository command acts on: the tree node's, or asked for (connection →
 * repository) when run from the palette. Undefined when the user dismissed the question.
 */
export async function resolveRepository(deps: WorkflowDeps, target: WorkflowTarget, title: string): Promise<ResolvedRepository | undefined> {
  if (target.profileId && target.repository) {
    return { profileId: target.profileId, repository: await repositoryByName(deps, target.profileId, target.repository) };
  }
  const state: Partial<ResolvedRepository> = { profileId: target.profileId };
  const repositoryStep = async (input: MultiStepInput<Partial<ResolvedRepository>>, s: Partial<ResolvedRepository>): Promise<undefined> => {
    s.repository = await chooseRepository(input, deps, s.profileId as string, { placeholder: vscode.l10n.t('Repository') });
    return undefined;
  };
  const first = state.profileId
    ? repositoryStep
    : async (input: MultiStepInput<Partial<ResolvedRepository>>, s: Partial<ResolvedRepository>) => {
        s.profileId = await chooseConnection(input, deps, vscode.l10n.t('Connection of the repository'));
        return repositoryStep;
      };
  const result = await MultiStepInput.run(deps.prompter, { title, totalSteps: state.profileId ? 1 : 2 }, state, first);
  return result === 'done' && state.profileId && state.repository ? { profileId: state.profileId, repository: state.repository } : undefined;
}
