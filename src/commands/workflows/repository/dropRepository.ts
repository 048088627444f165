import * as vscode from 'vscode';
import { buildDropRepository } from '../../../starrocks/builders/repository';
import { connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import { runStatement } from '../common/submit';
import type { WorkflowTarget } from '../common/target';
import { resolveRepository } from './resolveRepository';

/**
 * Drop Repository: a modal confirmation that shows the statement and says plainly that the files
 * stay on storage (DROP REPOSITORY only removes the FE's record; the snapshots come back when a
 * repository with the same name and location is created again).
 */
export async function dropRepositoryWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  const resolved = await resolveRepository(deps, target, vscode.l10n.t('Drop Repository'));
  if (!resolved) return CANCELLED;
  const { profileId, repository } = resolved;
  const statement = buildDropRepository(repository.name);
  const action = vscode.l10n.t('Drop Repository');
  const detail = [
    vscode.l10n.t(
      "Only the cluster's record of the repository is removed. Its snapshots stay on storage at {0}, and reappear when a repository with the same name and location is created again.",
      repository.location,
    ),
    statement.display,
  ].join('\n\n');
  const confirmed = await deps.prompter.confirm(
    vscode.l10n.t('Drop repository {0} from {1}?', repository.name, connectionName(deps, profileId)),
    detail,
    action,
  );
  if (confirmed !== action) return CANCELLED;
  await runStatement(deps, profileId, statement, vscode.l10n.t('Dropping repository {0}…', repository.name));
  deps.explorer.refreshRepository(profileId);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Repository {0} was dropped; its files remain at {1}.', repository.name, repository.location),
  );
  return { status: 'submitted', sql: statement.display };
}
