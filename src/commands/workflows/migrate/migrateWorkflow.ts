import * as vscode from 'vscode';
import type { RepositoryInfo } from '../../../starrocks/models';
import { tablePairsOfRestore } from '../../../starrocks/verification';
import { formatSnapshotTimestamp } from '../../../text/format';
import { isAnswered, MultiStepInput, stepsFor, type WizardStep } from '../../../ui/multiStepInput';
import { snapshotEntries } from '../../../views/snapshotEntries';
import { backupWorkflow } from '../backup/backupWorkflow';
import { awaitJobEnd, finishedOk } from '../common/awaitJob';
import { chooseConnection, chooseRepository, connectionName, repositoryByName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { FlowCancelled, WorkflowRefusal } from '../common/guard';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import type { WorkflowTarget } from '../common/target';
import { restoreWorkflow } from '../restore/restoreWorkflow';
import { ensureTargetRepository } from '../restore/targetRepository';
import { runVerification } from '../verify/runVerification';
import { checksumStep } from '../verify/checksumChoice';

interface MigrateState {
  profileId?: string;
  repository?: RepositoryInfo;
  targetProfileId?: string;
  /** The snapshot to restore, or undefined with `freshBackup` when one is taken first. */
  label?: string;
  timestamp?: string;
  freshBackup?: boolean;
  checksum?: boolean;
}

/** The usage notes of a migration (CelerData's guide), shown before the first question and atop the report. */
export function migrationNotes(source: string, target: string): string[] {
  return [
    vscode.l10n.t('Data loaded into {0} after the snapshot was taken is not in the snapshot, so it does not reach {1}.', source, target),
    vscode.l10n.t(
      'Load both clusters in parallel for a while, verify, and switch your applications to {0} only after the verification shows no difference.',
      target,
    ),
  ];
}

const step = stepsFor<MigrateState>();

/**
 * Migrate to Another Cluster…, in the guide's order: the target connection → a repository of the
 * same name and location there (offered READ ONLY, writable on request) → a snapshot, or a fresh
 * backup first → RESTORE on the target (same names, AS, or DATABASE … AS, through Restore
 * Snapshot…'s steps, preview and overwrite check) → wait for the job → verify row counts per table
 * and partition against the source, and show the report.
 */
export async function migrateWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  await showNotes(deps);
  const state: MigrateState = { profileId: target.profileId, label: target.label, timestamp: target.timestamp };
  if (target.profileId && target.repository) state.repository = await repositoryByName(deps, target.profileId, target.repository);
  const result = await MultiStepInput.run(
    deps.prompter,
    { title: vscode.l10n.t('Migrate to Another Cluster'), steps: steps(deps, target) },
    state,
  );
  if (result === 'cancelled' || !isAnswered(state, ['profileId', 'repository', 'targetProfileId', 'checksum'])) return CANCELLED;
  const source = state.profileId;
  const repository = state.repository.name;

  let label = state.label;
  let timestamp = state.timestamp;
  if (state.freshBackup || label === undefined) {
    const backup = await backupWorkflow(deps, { profileId: source, repository });
    if (backup.status !== 'submitted') return backup;
    const job = await awaitJobEnd(
      deps,
      backup.jobKey,
      vscode.l10n.t('Backing up on {0} before the migration…', connectionName(deps, source)),
      vscode.l10n.t('Run Migrate to Another Cluster… again on its snapshot once it finished.'),
    );
    if (!finishedOk(job)) {
      throw new WorkflowRefusal(
        vscode.l10n.t('The backup {0} ended {1}, so nothing was restored. {2}', job.label, job.state, job.statusMessage ?? ''),
      );
    }
    label = job.label;
    timestamp = undefined;
  }

  const restore = await restoreWorkflow(deps, { profileId: source, repository, label, timestamp, targetProfileId: state.targetProfileId });
  if (restore.status !== 'submitted' || !restore.restore) return restore;
  const spec = restore.restore;
  const targetDatabase = spec.targetDatabase ?? spec.database;
  const job = await awaitJobEnd(
    deps,
    restore.jobKey,
    vscode.l10n.t('Restoring {0} into {1} on {2}…', spec.label, targetDatabase, connectionName(deps, state.targetProfileId)),
    vscode.l10n.t('Verify the result with Verify Restore… once it finished.'),
  );
  if (!finishedOk(job)) {
    throw new WorkflowRefusal(
      vscode.l10n.t('The restore of {0} ended {1}, so there is nothing to verify. {2}', spec.label, job.state, job.statusMessage ?? ''),
    );
  }

  const detail = await deps.catalog.snapshotDetail(source, repository, spec.label, spec.timestamp);
  const sourceName = connectionName(deps, source);
  const targetName = connectionName(deps, state.targetProfileId);
  const { report, markdown } = await runVerification(deps, {
    sourceProfileId: source,
    sourceDatabase: spec.database,
    targetProfileId: state.targetProfileId,
    targetDatabase,
    tables: tablePairsOfRestore(spec.tables, detail),
    checksum: state.checksum,
    preface: [
      vscode.l10n.t(
        'Migration of snapshot {0} ({1}) from {2} to {3} through repository {4}.',
        spec.label,
        formatSnapshotTimestamp(spec.timestamp),
        sourceName,
        targetName,
        repository,
      ),
      '',
      ...migrationNotes(sourceName, targetName).map((note) => `> ${note}`),
    ],
  });
  return { status: 'done', text: markdown, verification: report };
}

async function showNotes(deps: WorkflowDeps): Promise<void> {
  const go = vscode.l10n.t('Continue');
  const answer = await deps.prompter.confirm(
    vscode.l10n.t('Migrate to another cluster: before you start'),
    migrationNotes(vscode.l10n.t('the source cluster'), vscode.l10n.t('the target cluster')).join('\n\n'),
    go,
  );
  if (answer !== go) throw new FlowCancelled();
}

function steps(deps: WorkflowDeps, target: WorkflowTarget): WizardStep<MigrateState>[] {
  const knownRepository = !!(target.profileId && target.repository);
  return [
    step({ name: 'source connection', when: () => !target.profileId }, async (input, state) => {
      state.profileId = await chooseConnection(input, deps, vscode.l10n.t('Cluster to migrate from'));
    }),
    step({ name: 'repository', needs: ['profileId'], when: () => !knownRepository }, async (input, state) => {
      state.repository = await chooseRepository(input, deps, state.profileId, {
        placeholder: vscode.l10n.t('Repository the snapshot goes through (both clusters use it)'),
      });
    }),
    step({ name: 'target connection', needs: ['profileId', 'repository'] }, async (input, state) => {
      const targetProfileId = await chooseConnection(input, deps, vscode.l10n.t('Cluster to migrate to'), state.profileId);
      await ensureTargetRepository(deps, state.profileId, state.repository, targetProfileId);
      state.targetProfileId = targetProfileId;
    }),
    step({ name: 'snapshot', needs: ['profileId', 'repository'], when: () => !target.label }, async (input, state) => {
      const entries = snapshotEntries(await deps.catalog.snapshots(state.profileId, state.repository.name)).filter(
        (e) => e.timestamp && e.summary.status === 'OK',
      );
      const seen = new Set<string>();
      const snapshots = entries
        .filter((e) => !seen.has(e.label) && seen.add(e.label))
        .map((e) => ({ label: e.label, description: formatSnapshotTimestamp(e.timestamp ?? ''), fresh: false }));
      const items = [
        {
          label: vscode.l10n.t('$(add) Take a fresh backup first…'),
          description: vscode.l10n.t('Back Up, then migrate its snapshot'),
          fresh: true,
        },
        ...snapshots,
      ];
      const picked = await input.pick(items, {
        placeholder: vscode.l10n.t('Snapshot to migrate (newest first)'),
        matchOnDescription: true,
      });
      state.freshBackup = picked.fresh;
      state.label = picked.fresh ? undefined : picked.label;
      state.timestamp = undefined;
    }),
    checksumStep<MigrateState>(),
  ];
}
