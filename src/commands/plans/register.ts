import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { registerCommand } from '../registerCommand';
import { openReport } from '../storage/documents';
import { WorkflowRefusal } from '../workflows/common/guard';
import { registerWorkflowCommand } from '../workflows/register';
import { targetOf } from '../workflows/common/target';
import { PlanCodeLensProvider } from './planCodeLens';
import type { PlanDeps } from './planDeps';
import { planDetailsMarkdown } from './planDetails';
import { PLAN_FILE_PATH } from './planStore';
import { restoreDrillCommand } from './restoreDrill';
import { runPlanCommand } from './runPlan';

/** Run Plan, Run Restore Drill…, the plan details document, the plan file and its CodeLens. */
export function registerPlanCommands(deps: PlanDeps): vscode.Disposable[] {
  return [
    registerWorkflowCommand(deps, CommandIds.runPlan, runPlanCommand),
    registerWorkflowCommand(deps, CommandIds.restoreDrill, restoreDrillCommand),
    registerCommand(deps, CommandIds.showPlanDetails, async (argument?: unknown) => {
      const name = targetOf(argument).plan;
      if (!name) throw new WorkflowRefusal(vscode.l10n.t('Choose a plan in the StarRocks Backup view.'));
      const entry = (await deps.plans.entries()).find((e) => e.plan.name === name);
      if (!entry) throw new WorkflowRefusal(vscode.l10n.t('There is no valid plan named {0} in {1}.', name, PLAN_FILE_PATH));
      return openReport(planDetailsMarkdown(entry.plan, entry.state));
    }),
    registerCommand(deps, CommandIds.openPlanFile, async () => {
      const uri = deps.plans.fileUri();
      if (!uri) throw new WorkflowRefusal(vscode.l10n.t('Open a folder first: plans are kept in a file of the workspace ({0}).', PLAN_FILE_PATH));
      return vscode.window.showTextDocument(uri);
    }),
    vscode.languages.registerCodeLensProvider({ language: 'json', pattern: `**/${PLAN_FILE_PATH}` }, new PlanCodeLensProvider()),
  ];
}
