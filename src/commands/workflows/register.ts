import type * as vscode from 'vscode';
import { CommandIds, type CommandId } from '../commandIds';
import { registerCommand } from '../registerCommand';
import { backupWorkflow } from './backup/backupWorkflow';
import type { WorkflowDeps } from './common/deps';
import { WORKFLOW_ENDINGS } from './common/guard';
import type { WorkflowOutcome } from './common/outcome';
import { targetOf, type WorkflowTarget } from './common/target';
import { copySqlWorkflow } from './repository/copySql';
import { createRepositoryWorkflow } from './repository/createRepository';
import { dropRepositoryWorkflow } from './repository/dropRepository';
import { showIamPolicyWorkflow } from './repository/showIamPolicy';
import { showGuidePoliciesWorkflow } from './repository/showGuidePolicies';
import { migrateWorkflow } from './migrate/migrateWorkflow';
import { restoreWorkflow } from './restore/restoreWorkflow';
import { verifyRestoreWorkflow } from './verify/verifyRestoreWorkflow';

type Workflow = (deps: WorkflowDeps, target: WorkflowTarget) => Promise<WorkflowOutcome>;

/**
 * The backup, restore and repository commands. Each takes what it was invoked on (a tree node, a
 * plain `{ profileId, repository, … }` object, or nothing from the palette) and resolves to a
 * `WorkflowOutcome`, which integration tests inspect.
 */
export function registerWorkflowCommands(deps: WorkflowDeps): vscode.Disposable[] {
  const workflows: [CommandId, Workflow][] = [
    [CommandIds.restoreSnapshot, restoreWorkflow],
    [CommandIds.backup, backupWorkflow],
    [CommandIds.createRepository, (d, target) => createRepositoryWorkflow(d, { profileId: target.profileId })],
    [CommandIds.dropRepository, dropRepositoryWorkflow],
    [CommandIds.showIamPolicy, showIamPolicyWorkflow],
    [CommandIds.copySql, copySqlWorkflow],
    [CommandIds.migrateToCluster, migrateWorkflow],
    [CommandIds.verifyRestore, verifyRestoreWorkflow],
  ];
  return [
    ...workflows.map(([id, workflow]) => registerWorkflowCommand(deps, id, workflow)),
    // Takes `{ location }` (the walkthrough, tests) or nothing (asks for it).
    registerCommand(
      deps,
      CommandIds.showIamPolicies,
      (argument?: { location?: unknown }) =>
        showGuidePoliciesWorkflow(deps, typeof argument?.location === 'string' ? argument.location : undefined),
      WORKFLOW_ENDINGS,
    ),
  ];
}

/** A command that takes a tree node or a plain target object and resolves to a `WorkflowOutcome`. */
export function registerWorkflowCommand<D extends WorkflowDeps>(
  deps: D,
  id: CommandId,
  workflow: (deps: D, target: WorkflowTarget) => Promise<WorkflowOutcome>,
): vscode.Disposable {
  return registerCommand(deps, id, (argument?: unknown) => workflow(deps, targetOf(argument)), WORKFLOW_ENDINGS);
}
