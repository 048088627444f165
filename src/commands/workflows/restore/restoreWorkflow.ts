import * as vscode from 'vscode';
import { checkOverwritesOrAsk, describeOverwrites, type RestoreLanding } from '../../../connections/restoreOverwrites';
import type { BuiltStatement } from '../../../starrocks/builtStatement';
import { buildRestore, type RestoreSpec } from '../../../starrocks/builders/restore';
import type { TableSelection } from '../../../starrocks/validation/tableSelection';
import { isAnswered, MultiStepInput, type Answered } from '../../../ui/multiStepInput';
import { connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import { refuseIfJobRunning } from '../common/runningJob';
import { openOrCopy, previewStatement } from '../common/sqlPreview';
import { submitJob } from '../common/submit';
import { withUsageNotes } from '../common/usageNotes';
import { privilegeNotes } from '../common/privileges';
import { restoreNeeds } from '../../../starrocks/grants';
import { restoreNotes } from '../../../starrocks/usageNotes';
import type { WorkflowTarget } from '../common/target';
import { RESTORED_SUFFIX, RestoreSteps, restoredTables, type RestoreState } from './restoreSteps';

const COMPLETE = ['profileId', 'repository', 'label', 'timestamp', 'detail', 'database', 'targetProfileId'] as const;
type CompleteState = Answered<RestoreState, (typeof COMPLETE)[number]>;

/**
 * Restore Snapshot…: the questions (see `RestoreSteps`), then the statement's preview. Running it
 * first checks the target database: a BACKUP/RESTORE already running there refuses the restore,
 * and tables that would be overwritten are named in a modal whose first choice is to restore under
 * new names instead. Nothing is sent before those answers.
 */
export async function restoreWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  const steps = new RestoreSteps(deps, target);
  const state = await steps.start();
  const result = await MultiStepInput.run(deps.prompter, { title: vscode.l10n.t('Restore Snapshot'), steps: steps.steps }, state);
  if (result === 'cancelled' || !isAnswered(state, COMPLETE)) {
    return CANCELLED;
  }
  for (;;) {
    const { statement, spec } = await buildStatement(deps, state);
    const where = connectionName(deps, state.targetProfileId);
    const heading = vscode.l10n.t('Restore snapshot {0} into {1} on {2}?', state.label, targetDatabaseOf(state), where);
    const choice = await previewStatement(deps.prompter, statement, heading);
    if (!choice) return CANCELLED;
    if (choice !== 'run') {
      await openOrCopy(choice, statement);
      return { status: choice === 'open' ? 'opened' : 'copied', sql: statement.display };
    }
    const decision = await checkTarget(deps, state);
    if (decision === 'cancel') return CANCELLED;
    if (decision === 'rename') {
      // Back to the preview with the new names, so the user sees the statement that will run.
      renameAll(state);
      continue;
    }
    const job = await submitJob(
      deps,
      statement,
      {
        profileId: state.targetProfileId,
        database: targetDatabaseOf(state),
        label: state.label,
        kind: 'RESTORE',
        repository: state.repository.name,
        timestamp: state.timestamp,
      },
      vscode.l10n.t('Submitting restore of {0}…', state.label),
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Restore of {0} into {1} was submitted. Its progress shows under Jobs.', state.label, targetDatabaseOf(state)),
    );
    return { status: 'submitted', sql: statement.display, jobKey: job.key, restore: spec };
  }
}

function targetDatabaseOf(state: CompleteState): string {
  return state.targetDatabase ?? state.database;
}

async function buildStatement(deps: WorkflowDeps, state: CompleteState): Promise<{ statement: BuiltStatement; spec: RestoreSpec }> {
  const session = await deps.connections.getSession(state.targetProfileId);
  const spec: RestoreSpec = {
    database: state.database,
    label: state.label,
    repository: state.repository.name,
    timestamp: state.timestamp,
    targetDatabase: state.targetDatabase,
    tables: tableSelections(state),
    properties: state.properties,
  };
  // INSERT on the tables it overwrites is not prechecked: which tables exist is read only right before it runs.
  const privileges = await privilegeNotes(deps, state.targetProfileId, (rbac) =>
    restoreNeeds(rbac, spec.targetDatabase ?? spec.database, spec.tables !== undefined, []),
  );
  return {
    statement: withUsageNotes(buildRestore(spec, session.server.capabilities), [...privileges, ...restoreNotes(vscode.l10n.t)]),
    spec,
  };
}

/** The ON list: needed when some tables or partitions were chosen, or when tables get new names. */
function tableSelections(state: CompleteState): TableSelection[] | undefined {
  if (!state.selection && !state.aliases) return undefined;
  return restoredTables(state).map((name) => ({ name, partitions: state.selection?.get(name), alias: state.aliases?.get(name) }));
}

function renameAll(state: CompleteState): void {
  state.naming = 'rename';
  state.targetDatabase = undefined;
  state.aliases = new Map(restoredTables(state).map((name) => [name, name + RESTORED_SUFFIX]));
}

/** Where each restored table lands, with the partitions it brings. */
function landing(state: CompleteState): RestoreLanding {
  const tables = restoredTables(state).map((name) => ({
    source: name,
    target: state.aliases?.get(name) ?? name,
    partitions: state.selection?.get(name) ?? state.detail.tables.find((t) => t.name === name)?.partitions ?? [],
  }));
  return {
    profileId: state.targetProfileId,
    database: targetDatabaseOf(state),
    tables,
    snapshot: { repository: state.repository.name, label: state.label, timestamp: state.timestamp },
  };
}

/**
 * The checks right before RESTORE is sent. Refuses (throws) when a job runs in the target database;
 * asks before overwriting existing tables, and when that cannot be checked says what could not be
 * read and goes on only on an explicit choice. Resolves to what the user decided.
 */
async function checkTarget(deps: WorkflowDeps, state: CompleteState): Promise<'run' | 'rename' | 'cancel'> {
  const database = targetDatabaseOf(state);
  const decision = await checkOverwritesOrAsk(deps.catalog, landing(state), deps.prompter, connectionName(deps, state.targetProfileId));
  if (!decision.go) return 'cancel';
  const { check } = decision;
  await refuseIfJobRunning(deps, state.targetProfileId, database, check.status === 'unchecked' || check.databaseExists);
  // Going on without the check was the user's explicit choice.
  if (check.status === 'unchecked') return 'run';
  if (check.overwrites.length === 0) return 'run';
  const { message, detail } = describeOverwrites(check.overwrites, database);
  const rename = vscode.l10n.t('Restore Under New Names');
  const overwrite = vscode.l10n.t('Overwrite Existing Tables');
  // The first action is the default one: the safe choice.
  const answer = await deps.prompter.confirm(message, detail, rename, overwrite);
  if (answer === rename) return 'rename';
  return answer === overwrite ? 'run' : 'cancel';
}
