import * as vscode from 'vscode';
import type { BackupPlan } from '../../starrocks/plans/backupPlan';
import { WorkflowRefusal } from '../workflows/common/guard';
import type { WorkflowTarget } from '../workflows/common/target';
import type { PlanDeps } from './planDeps';
import { PLAN_FILE_PATH } from './planStore';

/** The plan a command was invoked on, or the one the user picks (palette); undefined when dismissed. */
export async function resolvePlan(deps: PlanDeps, target: WorkflowTarget, placeholder: string): Promise<BackupPlan | undefined> {
  if (target.plan) return deps.plans.runnable(target.plan);
  const entries = await deps.plans.entries(target.profileId ? deps.connections.getProfile(target.profileId)?.name : undefined);
  if (entries.length === 0) {
    throw new WorkflowRefusal(
      vscode.l10n.t('There is no valid plan in {0}. Save one with "Save as Plan…" at the end of Back Up.', PLAN_FILE_PATH),
    );
  }
  const picked = await deps.prompter.pickOne(
    entries.map(({ plan }) => ({ label: plan.name, description: `${plan.connection} · ${plan.database} → ${plan.repository}`, plan })),
    { placeHolder: placeholder },
  );
  return picked ? deps.plans.runnable(picked.plan.name) : undefined;
}

/** The connection a plan names, by name; refuses when there is none. */
export function profileOfPlan(deps: PlanDeps, plan: BackupPlan): string {
  const profile = deps.connections.listProfiles().find((p) => p.name === plan.connection);
  if (!profile) {
    throw new WorkflowRefusal(
      vscode.l10n.t(
        'Plan {0} backs up from connection "{1}", which does not exist here. Add it, or edit the plan\'s "connection".',
        plan.name,
        plan.connection,
      ),
    );
  }
  return profile.id;
}
