import * as vscode from 'vscode';
import type { RepositoryInfo } from '../../../starrocks/models';
import { isAnswered, MultiStepInput, stepsFor } from '../../../ui/multiStepInput';
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
export async function resolveRepository(
  deps: WorkflowDeps,
  target: WorkflowTarget,
  title: string,
): Promise<ResolvedRepository | undefined> {
  if (target.profileId && target.repository) {
    return { profileId: target.profileId, repository: await repositoryByName(deps, target.profileId, target.repository) };
  }
  const state: Partial<ResolvedRepository> = { profileId: target.profileId };
  const step = stepsFor<Partial<ResolvedRepository>>();
  const steps = [
    step({ name: 'connection', when: () => !target.profileId }, async (input, s) => {
      s.profileId = await chooseConnection(input, deps, vscode.l10n.t('Connection of the repository'));
    }),
    step({ name: 'repository', needs: ['profileId'] }, async (input, s) => {
      s.repository = await chooseRepository(input, deps, s.profileId, { placeholder: vscode.l10n.t('Repository') });
    }),
  ];
  const result = await MultiStepInput.run(deps.prompter, { title, steps }, state);
  return result === 'done' && isAnswered(state, ['profileId', 'repository'])
    ? { profileId: state.profileId, repository: state.repository }
    : undefined;
}
