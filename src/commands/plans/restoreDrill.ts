import * as vscode from 'vscode';
import { buildRestore } from '../../starrocks/builders/restore';
import { dropScratchDatabase, dropScratchTable } from '../../starrocks/builders/dropScratch';
import type { BuiltStatement } from '../../starrocks/builtStatement';
import { labelMatchesPlan, type BackupPlan } from '../../starrocks/plans/backupPlan';
import { drillTarget, drillTargetProblems, type DrillTarget } from '../../starrocks/plans/drillNames';
import { addDrill, lastSuccessfulRun, type DrillRecord } from '../../starrocks/plans/planHistory';
import { readTables } from '../../starrocks/reads';
import { snapshotEntries } from '../../views/snapshotEntries';
import { errorText } from '../../ui/errorText';
import { openReport } from '../storage/documents';
import { connectionName, profileDescription } from '../workflows/common/choices';
import { FlowCancelled, WorkflowRefusal } from '../workflows/common/guard';
import { CANCELLED, type WorkflowOutcome } from '../workflows/common/outcome';
import { refuseIfJobRunning } from '../workflows/common/runningJob';
import { openOrCopy, previewStatement } from '../workflows/common/sqlPreview';
import { runStatement, submitJob } from '../workflows/common/submit';
import type { WorkflowTarget } from '../workflows/common/target';
import { drillReport, verifyDrill, type DrillVerification } from './drillVerification';
import type { PlanDeps } from './planDeps';
import { profileOfPlan, resolvePlan } from './resolvePlan';
import { waitForJobEnd } from './waitForJob';

const t = vscode.l10n.t;

export type DrillOutcome = WorkflowOutcome & {
  drill?: DrillRecord;
  drillVerification?: DrillVerification;
  /** The restore statement and the names it restored to (the tests check none is a source name). */
  target?: DrillTarget;
  sourceDatabase?: string;
};

interface DrillSource {
  plan?: BackupPlan;
  profileId: string;
  repository: string;
  label: string;
  timestamp: string;
}

/**
 * Restore Drill: restores a snapshot (by default the plan's latest) into scratch objects on a
 * chosen connection, waits for the job, compares row counts per table and partition with the
 * snapshot's source database, reports the result with its duration, records it in the plan's drill
 * history and, after asking, drops the scratch objects. It never writes to a source name: the
 * preview lists every restored name, and the drill refuses to run if any equals a source one.
 */
export async function restoreDrillCommand(deps: PlanDeps, target: WorkflowTarget): Promise<DrillOutcome> {
  const source = await drillSource(deps, target);
  if (!source) return CANCELLED;
  const detail = await deps.catalog.snapshotDetail(source.profileId, source.repository, source.label, source.timestamp);
  if (!detail?.ok || !detail.database) {
    throw new WorkflowRefusal(
      t('Snapshot {0} cannot be read ({1}), so it cannot be drilled.', source.label, detail?.status ?? t('no detail')),
    );
  }
  const targetProfile = await chooseDrillConnection(deps, source.profileId);
  if (!targetProfile) return CANCELLED;
  await requireSameRepository(deps, source, targetProfile);
  const session = await deps.connections.getSession(targetProfile);
  const caps = session.server.capabilities;
  const tables = detail.tables.map((table) => table.name);
  const scratch = drillTarget(detail.database, tables, caps.newBackupGrammar, new Date());
  const problems = drillTargetProblems(detail.database, scratch);
  if (problems.length > 0) throw new WorkflowRefusal(t('The drill was not started: {0}.', problems.join('; ')));
  await refuseExistingScratch(deps, targetProfile, scratch);
  const statement = withNamesNote(
    buildRestore(
      {
        database: detail.database,
        label: source.label,
        repository: source.repository,
        timestamp: source.timestamp,
        targetDatabase: scratch.scratchDatabase,
        tables: scratch.tables,
      },
      caps,
    ),
    detail.database,
    scratch,
  );
  const heading = t(
    'Restore drill: restore snapshot {0} into {1} on {2}?',
    source.label,
    scratch.database,
    connectionName(deps, targetProfile),
  );
  const choice = await previewStatement(deps.prompter, statement, heading);
  if (!choice) return CANCELLED;
  if (choice !== 'run') {
    await openOrCopy(choice, statement);
    return { status: choice === 'open' ? 'opened' : 'copied', sql: statement.display, target: scratch, sourceDatabase: detail.database };
  }
  await refuseIfJobRunning(deps, targetProfile, scratch.database, scratch.scratchDatabase === undefined);
  const started = Date.now();
  const job = await submitJob(
    deps,
    statement,
    {
      profileId: targetProfile,
      database: scratch.database,
      label: source.label,
      kind: 'RESTORE',
      repository: source.repository,
      timestamp: source.timestamp,
    },
    t('Submitting restore drill of {0}…', source.label),
  );
  const ended = await waitForJobEnd(deps.jobs, job.key, t('Restore drill of {0}', source.label));
  if (!ended) return { status: 'submitted', sql: statement.display, jobKey: job.key, target: scratch, sourceDatabase: detail.database };
  let verification: DrillVerification | undefined;
  let message: string | undefined;
  if (ended.phase === 'finished') {
    verification = await verifyDrill(deps, {
      source: { profileId: source.profileId, database: detail.database },
      target: { profileId: targetProfile, database: scratch.database },
      restoreTables: scratch.tables,
      snapshot: detail,
    });
  } else {
    message = t('The restore ended {0}. {1}', ended.state, ended.statusMessage ?? '');
  }
  const drill: DrillRecord = {
    at: started,
    profileId: targetProfile,
    repository: source.repository,
    label: source.label,
    timestamp: source.timestamp,
    targetDatabase: scratch.database,
    restoredTables: [...scratch.names.values()],
    durationMs: (verification?.finishedAt ?? Date.now()) - started,
    result: !verification ? 'failed' : verification.verified ? 'verified' : 'differs',
    differing: verification?.differing ?? [],
    message,
    dropped: false,
  };
  if (source.plan) await deps.plans.updateState(source.plan.name, (s) => addDrill(s, drill));
  await openReport(
    drillReport(drill, detail.database, connectionName(deps, source.profileId), connectionName(deps, targetProfile), verification),
  );
  const dropped = await dropScratch(deps, targetProfile, detail.database, scratch);
  const finalDrill = { ...drill, dropped };
  if (source.plan && dropped)
    await deps.plans.updateState(source.plan.name, (s) => ({ ...s, drills: s.drills.map((d) => (d.at === drill.at ? finalDrill : d)) }));
  const summary =
    drill.result === 'verified'
      ? t('Drill of {0}: verified, every table has the row counts of {1}.', source.label, detail.database)
      : drill.result === 'differs'
        ? t('Drill of {0}: differs from {1} in {2}.', source.label, detail.database, drill.differing.join(', '))
        : t('Drill of {0} failed: {1}', source.label, message ?? '');
  if (drill.result === 'verified') void vscode.window.showInformationMessage(summary);
  else void vscode.window.showWarningMessage(summary);
  return {
    status: 'done',
    text: summary,
    drill: finalDrill,
    drillVerification: verification,
    target: scratch,
    sourceDatabase: detail.database,
  };
}

/** The snapshot to drill: the node's, or the plan's (its latest by default, or one the user picks). */
async function drillSource(deps: PlanDeps, target: WorkflowTarget): Promise<DrillSource | undefined> {
  if (target.profileId && target.repository && target.label && target.timestamp && !target.plan) {
    const plans = await deps.plans.entries(connectionName(deps, target.profileId));
    const plan = plans.find((e) => e.plan.repository === target.repository && labelMatchesPlan(e.plan, target.label as string))?.plan;
    return { plan, profileId: target.profileId, repository: target.repository, label: target.label, timestamp: target.timestamp };
  }
  const plan = await resolvePlan(deps, target, t('Plan whose snapshot to drill'));
  if (!plan) return undefined;
  const profileId = profileOfPlan(deps, plan);
  const snapshots = snapshotEntries(await deps.catalog.snapshots(profileId, plan.repository)).filter(
    (entry) => entry.summary.status === 'OK' && entry.timestamp !== undefined && labelMatchesPlan(plan, entry.label),
  );
  if (snapshots.length === 0)
    throw new WorkflowRefusal(t('Plan {0} has no complete snapshot in {1} yet. Run the plan first.', plan.name, plan.repository));
  if (target.label) {
    const chosen = snapshots.find((s) => s.label === target.label);
    if (!chosen) throw new WorkflowRefusal(t('Snapshot {0} is not a complete snapshot of plan {1}.', target.label, plan.name));
    return { plan, profileId, repository: plan.repository, label: chosen.label, timestamp: chosen.timestamp as string };
  }
  const latest = lastSuccessfulRun(deps.plans.state(plan.name), profileId)?.label;
  const ordered = [...snapshots].sort((a, b) => (b.timestamp ?? '').localeCompare(a.timestamp ?? ''));
  const items = ordered.map((entry) => ({
    label: entry.label,
    description: entry.timestamp,
    detail: entry.label === latest ? t("the plan's latest snapshot") : undefined,
    entry,
  }));
  const picked = await deps.prompter.pickOne(items, { placeHolder: t('Snapshot to drill (the newest first)') });
  if (!picked) return undefined;
  return { plan, profileId, repository: plan.repository, label: picked.entry.label, timestamp: picked.entry.timestamp as string };
}

/** Where to restore: the source connection first (a drill elsewhere proves the snapshot restores on another cluster). */
async function chooseDrillConnection(deps: PlanDeps, sourceProfile: string): Promise<string | undefined> {
  const profiles = deps.connections.listProfiles().sort((a, b) => Number(b.id === sourceProfile) - Number(a.id === sourceProfile));
  const picked = await deps.prompter.pickOne(
    profiles.map((profile) => ({
      label: profile.name,
      description: profileDescription(profile),
      detail: profile.id === sourceProfile ? t('the connection the snapshot was taken on') : undefined,
      profileId: profile.id,
    })),
    { placeHolder: t('Connection to restore the drill on (into scratch objects)') },
  );
  return picked?.profileId;
}

async function requireSameRepository(deps: PlanDeps, source: DrillSource, targetProfile: string): Promise<void> {
  if (targetProfile === source.profileId) return;
  const repositories = await deps.catalog.repositories(targetProfile);
  const sourceRepo = (await deps.catalog.repositories(source.profileId)).find((r) => r.name === source.repository);
  const there = repositories.find((r) => r.name === source.repository);
  if (!there || (sourceRepo && there.location !== sourceRepo.location)) {
    throw new WorkflowRefusal(
      t(
        'Connection {0} has no repository {1} at {2}. Create it there (READ ONLY), e.g. with Restore Snapshot…, then run the drill again.',
        connectionName(deps, targetProfile),
        source.repository,
        sourceRepo?.location ?? '?',
      ),
    );
  }
}

/** Fresh read: the scratch names must be free, or the restore would write into something that exists. */
async function refuseExistingScratch(deps: PlanDeps, profileId: string, scratch: DrillTarget): Promise<void> {
  if (scratch.scratchDatabase) {
    if ((await deps.catalog.databases(profileId)).includes(scratch.scratchDatabase)) {
      throw new WorkflowRefusal(t('Database {0} exists already; run the drill again in a second.', scratch.scratchDatabase));
    }
    return;
  }
  const session = await deps.connections.getSession(profileId);
  const existing = new Set((await readTables(session, scratch.database)).map((table) => table.name));
  const taken = [...scratch.names.values()].filter((name) => existing.has(name));
  if (taken.length > 0)
    throw new WorkflowRefusal(t('Tables {0} exist already in {1}; run the drill again in a second.', taken.join(', '), scratch.database));
}

function withNamesNote(statement: BuiltStatement, sourceDatabase: string, scratch: DrillTarget): BuiltStatement {
  const names = [...scratch.names].map(([source, restored]) => `${sourceDatabase}.${source} → ${scratch.database}.${restored}`);
  return {
    ...statement,
    notes: [
      ...statement.notes,
      t('Restored as (every name differs from the source, which is not written to): {0}', names.join(', ')),
      t('Afterwards the row counts are compared with {0} and you are asked before the scratch objects are dropped.', sourceDatabase),
    ],
  };
}

/**
 * Asks (modal, Not Now the default), then reads the server afresh and drops only scratch objects
 * that exist now and carry the drill mark. False when the user kept them or a check failed.
 */
async function dropScratch(deps: PlanDeps, profileId: string, sourceDatabase: string, scratch: DrillTarget): Promise<boolean> {
  const what = scratch.scratchDatabase
    ? t('database {0}', scratch.scratchDatabase)
    : t('tables {0} in {1}', [...scratch.names.values()].join(', '), scratch.database);
  const drop = t('Drop Scratch Objects');
  const answer = await deps.prompter.confirm(
    t("Drop the drill's scratch {0} on {1}?", what, connectionName(deps, profileId)),
    t('They were created by this drill only; the source {0} is not touched.', sourceDatabase),
    drop,
  );
  if (answer !== drop) return false;
  try {
    const statements = await scratchStatements(deps, profileId, sourceDatabase, scratch);
    for (const statement of statements) await runStatement(deps, profileId, statement, t("Dropping the drill's scratch objects…"));
    deps.catalog.invalidate(profileId);
    return true;
  } catch (error) {
    if (error instanceof FlowCancelled) return false;
    void vscode.window.showWarningMessage(t('The scratch objects were not all dropped: {0}. Drop {1} yourself.', errorText(error), what));
    return false;
  }
}

async function scratchStatements(
  deps: PlanDeps,
  profileId: string,
  sourceDatabase: string,
  scratch: DrillTarget,
): Promise<BuiltStatement[]> {
  if (scratch.scratchDatabase) {
    if (scratch.scratchDatabase === sourceDatabase) throw new Error(`refusing to drop the source database ${sourceDatabase}`);
    const exists = (await deps.catalog.databases(profileId)).includes(scratch.scratchDatabase);
    return exists ? [dropScratchDatabase(scratch.scratchDatabase)] : [];
  }
  const session = await deps.connections.getSession(profileId);
  const existing = new Set((await readTables(session, scratch.database)).map((table) => table.name));
  return [...scratch.names]
    .filter(([source, restored]) => restored !== source && existing.has(restored))
    .map(([, restored]) => dropScratchTable(scratch.database, restored));
}
