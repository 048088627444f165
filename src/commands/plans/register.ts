import * as vscode from 'vscode';
import { CommandIds, type CommandId } from '../commandIds';
import { registerCommand } from '../registerCommand';
import { openReport } from '../storage/documents';
import { WorkflowRefusal } from '../workflows/common/guard';
import { registerWorkflowCommand } from '../workflows/register';
import { targetOf, type WorkflowTarget } from '../workflows/common/target';
import type { WorkflowOutcome } from '../workflows/common/outcome';
import { updateRun } from '../../starrocks/plans/planHistory';
import { PlanCodeLensProvider } from './planCodeLens';
import type { PlanDeps } from './planDeps';
import { planDetailsMarkdown } from './planDetails';
import { PLAN_FILE_PATH } from './planStore';
import { restoreDrillCommand } from './restoreDrill';
import { runPlanCommand } from './runPlan';

/** Run Plan, Run Restore Drill…, the plan details document, the plan file and its CodeLens. */
export function registerPlanCommands(deps: PlanDeps): vscode.Disposable[] {
  const workflows: [CommandId, (d: PlanDeps, target: WorkflowTarget) => Promise<WorkflowOutcome>][] = [
    [CommandIds.runPlan, runPlanCommand],
    [CommandIds.restoreDrill, restoreDrillCommand],
  ];
  return [
    ...workflows.map(([id, command]) => registerWorkflowCommand(deps, id, command)),
    registerCommand(deps, CommandIds.showPlanDetails, async (argument?: unknown) => {
      const name = targetOf(argument).plan;
      if (!name) throw new WorkflowRefusal(vscode.l10n.t('Choose a plan in the StarRocks Backup view.'));
      const entry = (await deps.plans.entries()).find((e) => e.plan.name === name);
      if (!entry) throw new WorkflowRefusal(vscode.l10n.t('There is no valid plan named {0} in {1}.', name, PLAN_FILE_PATH));
      return openReport(planDetailsMarkdown(entry.plan, entry.state));
    }),
    registerCommand(deps, CommandIds.openPlanFile, async () => {
      const uri = deps.plans.fileUri();
      if (!uri)
        throw new WorkflowRefusal(vscode.l10n.t('Open a folder first: plans are kept in a file of the workspace ({0}).', PLAN_FILE_PATH));
      return vscode.window.showTextDocument(uri);
    }),
    vscode.languages.registerCodeLensProvider(
      ['json', 'jsonc'].map((language) => ({ language, pattern: `**/${PLAN_FILE_PATH}` })),
      new PlanCodeLensProvider(),
    ),
    deps.jobs.onDidChangeJobs(() => void settleRuns(deps).catch((error) => deps.log.warn(`Could not update plan runs: ${String(error)}`))),
  ];
}

/**
 * A run whose wait was dismissed (or that was running when the window closed) is still "running"
 * in the history: when the tracker sees its job end, the run takes the job's result.
 */
async function settleRuns(deps: PlanDeps): Promise<void> {
  for (const { plan, state } of await deps.plans.entries()) {
    for (const run of state.runs) {
      const job = run.result === 'running' && run.jobKey ? deps.jobs.get(run.jobKey) : undefined;
      if (job && job.phase !== 'running') {
        await deps.plans.updateState(plan.name, (s) =>
          updateRun(s, run.at, { result: job.phase, endedAt: job.endedAt, message: job.statusMessage }),
        );
      }
    }
  }
}
