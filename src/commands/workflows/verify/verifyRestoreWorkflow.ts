import * as vscode from 'vscode';
import { nameFix, validateName } from '../../../starrocks/identifiers';
import { isSystemDatabase } from '../../../starrocks/parsers/catalog';
import { tablePairsOfRestore, type TablePair } from '../../../starrocks/verification';
import { isAnswered, MultiStepInput, stepsFor, type WizardStep } from '../../../ui/multiStepInput';
import { chooseConnection, connectionName, profileDescription } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { WorkflowRefusal } from '../common/guard';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import type { WorkflowTarget } from '../common/target';
import { checksumStep } from './checksumChoice';
import { runVerification } from './runVerification';

interface VerifyState {
  sourceProfileId?: string;
  sourceDatabase?: string;
  targetProfileId?: string;
  targetDatabase?: string;
  /** From the snapshot the command was invoked on: the tables it holds (and their partitions). */
  snapshotPairs?: TablePair[];
  /** Target table names: the source's, or the source's with a suffix (RESTORE … AS). */
  suffix?: string;
  checksum?: boolean;
}

const step = stepsFor<VerifyState>();

/**
 * Verify Restore…: after any restore, compare a database (the restore's target) with its source on
 * the same or another connection, per table and per partition. Invoked on a snapshot, the source is
 * the snapshot's database and only its tables (and partitions) are compared.
 */
export async function verifyRestoreWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  const state: VerifyState = { sourceProfileId: target.profileId, sourceDatabase: target.database };
  if (target.profileId && target.repository && target.label && target.timestamp) {
    const detail = await deps.catalog.snapshotDetail(target.profileId, target.repository, target.label, target.timestamp);
    if (detail?.ok && detail.database) {
      state.sourceDatabase = detail.database;
      state.snapshotPairs = tablePairsOfRestore(target.table ? [{ name: target.table }] : undefined, detail);
    }
  }
  const result = await MultiStepInput.run(deps.prompter, { title: vscode.l10n.t('Verify Restore'), steps: steps(deps) }, state);
  if (
    result === 'cancelled' ||
    !isAnswered(state, ['sourceProfileId', 'sourceDatabase', 'targetProfileId', 'targetDatabase', 'checksum'])
  ) {
    return CANCELLED;
  }
  const suffix = state.suffix ?? '';
  // Same names and no snapshot: the core compares every base table of the source by itself.
  const pairs =
    state.snapshotPairs ??
    (suffix
      ? (await deps.catalog.tables(state.sourceProfileId, state.sourceDatabase)).map((t) => ({ source: t.name, target: t.name }))
      : undefined);
  const { report, markdown } = await runVerification(deps, {
    sourceProfileId: state.sourceProfileId,
    sourceDatabase: state.sourceDatabase,
    targetProfileId: state.targetProfileId,
    targetDatabase: state.targetDatabase,
    tables: pairs?.map((p) => ({ ...p, target: p.source + suffix })),
    checksum: state.checksum,
  });
  return { status: 'done', text: markdown, verification: report };
}

function steps(deps: WorkflowDeps): WizardStep<VerifyState>[] {
  return [
    step({ name: 'source connection', when: (s) => !s.sourceProfileId }, async (input, state) => {
      state.sourceProfileId = await chooseConnection(input, deps, vscode.l10n.t('Connection of the source database (what was backed up)'));
    }),
    step({ name: 'source database', needs: ['sourceProfileId'], when: (s) => !s.snapshotPairs }, async (input, state) => {
      state.sourceDatabase = await pickDatabase(input, deps, state.sourceProfileId, vscode.l10n.t('Source database'), state.sourceDatabase);
    }),
    step({ name: 'target connection', needs: ['sourceProfileId'] }, async (input, state) => {
      const profiles = deps.connections.listProfiles();
      // The source's own connection first: a restore under new names or into another database stays there.
      const ordered = [
        ...profiles.filter((p) => p.id === state.sourceProfileId),
        ...profiles.filter((p) => p.id !== state.sourceProfileId),
      ];
      const items = ordered.map((p) => ({
        label: p.name,
        description: p.id === state.sourceProfileId ? vscode.l10n.t('same connection') : profileDescription(p),
        profileId: p.id,
      }));
      if (items.length === 0)
        throw new WorkflowRefusal(vscode.l10n.t('There is no StarRocks connection yet. Use "Add Connection…" first.'));
      const picked = await input.pick(items, { placeholder: vscode.l10n.t('Connection the restore ran on'), matchOnDescription: true });
      state.targetProfileId = picked.profileId;
    }),
    step({ name: 'target database', needs: ['targetProfileId', 'sourceDatabase'] }, async (input, state) => {
      state.targetDatabase = await pickDatabase(
        input,
        deps,
        state.targetProfileId,
        vscode.l10n.t('Database the restore wrote (on {0})', connectionName(deps, state.targetProfileId)),
        state.sourceDatabase,
      );
    }),
    step({ name: 'table names' }, async (input, state) => {
      const items = [
        { label: vscode.l10n.t('Same table names'), description: vscode.l10n.t('restored with their own names'), renamed: false },
        {
          label: vscode.l10n.t('Source names with a suffix…'),
          description: vscode.l10n.t('restored with AS, e.g. orders_restored'),
          renamed: true,
        },
      ];
      const picked = await input.pick(items, { placeholder: vscode.l10n.t('Table names on the target') });
      state.suffix = picked.renamed ? '' : undefined;
    }),
    step({ name: 'suffix', when: (s) => s.suffix !== undefined }, async (input, state) => {
      const value = await input.input({
        prompt: vscode.l10n.t('Suffix the restore added to each table name'),
        placeholder: '_restored',
        value: state.suffix || '_restored',
        validate: (text) => (text.trim() === '' ? vscode.l10n.t('Enter the suffix, e.g. _restored.') : undefined),
      });
      state.suffix = value.trim();
    }),
    checksumStep<VerifyState>(),
  ];
}

/** A database of a connection, the one named `preferred` first. */
async function pickDatabase(
  input: MultiStepInput<VerifyState>,
  deps: WorkflowDeps,
  profileId: string,
  placeholder: string,
  preferred: string | undefined,
): Promise<string> {
  const databases = (await deps.catalog.databases(profileId)).filter((db) => !isSystemDatabase(db));
  if (databases.length === 0) throw new WorkflowRefusal(vscode.l10n.t('{0} has no database.', connectionName(deps, profileId)));
  const items = databases.map((db) => ({ label: db }));
  const picked = await input.pick(items, { placeholder, activeItem: items.find((i) => i.label === preferred) });
  const invalid = validateName('database', picked.label);
  if (invalid) throw new WorkflowRefusal(`${invalid}. ${nameFix('database')}`);
  return picked.label;
}
