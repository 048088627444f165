import * as vscode from 'vscode';
import { buildBackup, type BackupSpec } from '../../starrocks/builders/backup';
import type { BuiltStatement } from '../../starrocks/builtStatement';
import { validateName } from '../../starrocks/identifiers';
import { labelFromPattern, planLabelPrefix, type BackupPlan, type PlanTable } from '../../starrocks/plans/backupPlan';
import { selectForRun, type PartitionVersion, type RunSelection } from '../../starrocks/plans/changedPartitions';
import { addRun, baselineOf, lastSuccessfulRun, updateRun, type PlanRun } from '../../starrocks/plans/planHistory';
import { readFullTables } from '../../starrocks/reads';
import { validateLabelUnique } from '../../starrocks/validation';
import { formatInstant } from '../../text/format';
import { applyRetentionCommand, type RetentionOutcome } from '../storage/applyRetention';
import { wholeDatabaseChoice, withChoiceNote } from '../workflows/backup/wholeDatabase';
import { repositoryByName } from '../workflows/common/choices';
import { WorkflowRefusal } from '../workflows/common/guard';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import { refuseIfJobRunning } from '../workflows/common/runningJob';
import { openOrCopy, previewStatement } from '../workflows/common/sqlPreview';
import { submitJob } from '../workflows/common/submit';
import type { WorkflowTarget } from '../workflows/common/target';
import type { PlanDeps } from './planDeps';
import { profileOfPlan, resolvePlan } from './resolvePlan';
import { waitForJobEnd } from './waitForJob';

const t = vscode.l10n.t;

/** What Run Plan resolved to, for tests and callers: the selection it worked out, the run it recorded, the retention it applied. */
export type PlanRunOutcome = WorkflowOutcome & {
  plan?: string;
  selection?: RunSelection;
  run?: PlanRun;
  retention?: WorkflowOutcome | RetentionOutcome;
};

/**
 * Run Plan: a new label from the plan's pattern, the partitions to back up (all of them, or those
 * whose VisibleVersion moved since the plan's snapshots), the preview, the BACKUP through the job
 * tracker, and once it finished the plan's retention with its own dry-run preview.
 */
export async function runPlanCommand(deps: PlanDeps, target: WorkflowTarget): Promise<PlanRunOutcome> {
  const plan = await resolvePlan(deps, target, t('Plan to run'));
  if (!plan) return CANCELLED;
  const profileId = profileOfPlan(deps, plan);
  const session = await deps.connections.getSession(profileId);
  const caps = session.server.capabilities;
  const repository = await repositoryByName(deps, profileId, plan.repository);
  if (repository.readOnly) {
    throw new WorkflowRefusal(
      t('Repository {0} is read only: plan {1} cannot write to it. Point the plan at a writable repository.', repository.name, plan.name),
    );
  }
  const state = deps.plans.state(plan.name);
  const selection = selectForRun(await currentPartitions(deps, profileId, plan), plan.mode, baselineOf(state, profileId, plan.repository));
  const since = lastSuccessfulRun(state, profileId);
  const now = new Date();
  if (selection.tables.length === 0) {
    const run: PlanRun = baseRun(plan, profileId, now, '', 'nothingNew', selection);
    await deps.plans.updateState(plan.name, (s) => addRun(s, run));
    const text = t(
      'Nothing new to back up for plan {0}: every partition has the VisibleVersion it had in snapshot {1}.',
      plan.name,
      since?.label ?? '?',
    );
    void vscode.window.showInformationMessage(text);
    return { status: 'done', text, plan: plan.name, selection, run };
  }
  const label = labelFromPattern(plan.labelPattern, { plan: plan.name, database: plan.database }, now);
  const labelProblem =
    validateName('label', label) ??
    validateLabelUnique(
      label,
      (await deps.catalog.snapshots(profileId, plan.repository)).map((s) => s.label),
    )[0]?.message;
  if (labelProblem)
    throw new WorkflowRefusal(
      t('Plan {0} makes the label {1}, which cannot be used: {2}. Change its "labelPattern".', plan.name, label, labelProblem),
    );
  const whole = plan.tables === undefined && selection.rule !== 'versions' ? await wholeDatabaseChoice(session, plan.database) : undefined;
  const spec: BackupSpec = {
    database: plan.database,
    label,
    repository: plan.repository,
    tables: whole ? whole.tables : selection.tables,
    properties: plan.properties ? { timeoutSeconds: plan.properties.timeout, ttl: plan.properties.ttl } : undefined,
  };
  const statement = withRuleNote(withChoiceNote(buildBackup(spec, caps), whole), selection, since);
  const choice = await previewStatement(
    deps.prompter,
    statement,
    t('Run plan {0}: back up {1} to repository {2}?', plan.name, plan.database, plan.repository),
  );
  if (!choice) return CANCELLED;
  if (choice !== 'run') {
    await openOrCopy(choice, statement);
    return { status: choice === 'open' ? 'opened' : 'copied', sql: statement.display, plan: plan.name, selection };
  }
  await refuseIfJobRunning(deps, profileId, plan.database);
  const job = await submitJob(
    deps,
    statement,
    { profileId, database: plan.database, label, kind: 'BACKUP', repository: plan.repository },
    t('Submitting backup {0}…', label),
  );
  let run: PlanRun = {
    ...baseRun(plan, profileId, now, label, selection.rule === 'versions' ? 'changed' : 'full', selection),
    jobKey: job.key,
  };
  await deps.plans.updateState(plan.name, (s) => addRun(s, run));
  const ended = await waitForJobEnd(deps.jobs, job.key, t('Plan {0}: backup {1}', plan.name, label));
  if (!ended) {
    return { status: 'submitted', sql: statement.display, jobKey: job.key, plan: plan.name, selection, run };
  }
  run = { ...run, result: ended.phase, endedAt: ended.endedAt ?? Date.now(), message: ended.statusMessage };
  await deps.plans.updateState(plan.name, (s) => updateRun(s, run.at, run));
  if (ended.phase !== 'finished') {
    const message = t('Plan {0}: backup {1} ended {2}. {3}', plan.name, label, ended.state, ended.statusMessage ?? '');
    void vscode.window.showWarningMessage(message);
    return { status: 'failed', message, plan: plan.name, selection, run };
  }
  void vscode.window.showInformationMessage(t('Plan {0}: backup {1} finished.', plan.name, label));
  const retention = plan.retention
    ? await applyRetentionCommand(
        deps,
        { profileId, repository: plan.repository },
        { ...plan.retention, prefixes: [planLabelPrefix(plan)], groupByPrefix: false },
      )
    : undefined;
  return { status: 'submitted', sql: statement.display, jobKey: job.key, plan: plan.name, selection, run, retention };
}

function baseRun(plan: BackupPlan, profileId: string, now: Date, label: string, scope: PlanRun['scope'], selection: RunSelection): PlanRun {
  return {
    at: now.getTime(),
    profileId,
    label,
    repository: plan.repository,
    database: plan.database,
    scope,
    versions: selection.versions,
    result: scope === 'nothingNew' ? 'nothingNew' : 'running',
  };
}

/**
 * The partitions of what the plan backs up, with their VisibleVersion now (fresh reads): its tables
 * (only the partitions it names), or every table of the database (views have no partitions and no
 * versions, so a "new partitions" plan leaves them out and a full one backs up the database).
 */
async function currentPartitions(deps: PlanDeps, profileId: string, plan: BackupPlan): Promise<Map<string, PartitionVersion[]>> {
  const session = await deps.connections.getSession(profileId);
  const tables: PlanTable[] =
    plan.tables ??
    (await readFullTables(session, plan.database)).filter((table) => table.type !== 'VIEW').map((table) => ({ name: table.name }));
  const current = new Map<string, PartitionVersion[]>();
  for (const table of tables) {
    const partitions = await deps.catalog.partitions(profileId, plan.database, table.name);
    const named = table.partitions ? partitions.filter((p) => table.partitions?.includes(p.name)) : partitions;
    current.set(
      table.name,
      named.map((p) => ({ name: p.name, visibleVersion: p.visibleVersion })),
    );
  }
  return current;
}

/** The preview says which rule chose the partitions, and what it left out. */
function withRuleNote(statement: BuiltStatement, selection: RunSelection, since: PlanRun | undefined): BuiltStatement {
  const changed = selection.changed.map((c) => `${c.table}.${c.partition} (${c.from ?? '—'} → ${c.to ?? '?'})`);
  let note: string;
  switch (selection.rule) {
    case 'full':
      note = t('Rule: the plan backs up everything it names on every run (mode "full").');
      break;
    case 'first':
      note = t('Rule: this plan has no successful snapshot on this connection and repository yet, so everything is backed up.');
      break;
    default:
      note = t(
        "Rule: partitions whose VisibleVersion (SHOW PARTITIONS) is higher than in the plan's snapshots, the last being {0} of {1}. Changed: {2}. Unchanged, left out: {3}.",
        since?.label ?? '?',
        since ? formatInstant(new Date(since.at)) : '?',
        changed.join(', '),
        selection.unchanged.join(', ') || t('none'),
      );
  }
  return { ...statement, notes: [...statement.notes, note] };
}
