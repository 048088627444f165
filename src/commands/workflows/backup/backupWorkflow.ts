import * as vscode from 'vscode';
import { nameFix, validateName } from '../../../starrocks/identifiers';
import { defaultSnapshotLabel } from '../../../starrocks/labels';
import type { PartitionInfo, RepositoryInfo } from '../../../starrocks/models';
import { buildBackup, type BackupProperties, type BackupSpec } from '../../../starrocks/builders/backup';
import { validateBackupProperties, validateLabelUnique, validateSnapshotTtl } from '../../../starrocks/validation';
import type { TableSelection } from '../../../starrocks/validation/tableSelection';
import type { Capabilities } from '../../../starrocks/version';
import { isAnswered, MultiStepInput, stepsFor, type Answered, type WizardStep } from '../../../ui/multiStepInput';
import { chooseConnection, chooseDatabase, chooseRepository, connectionName, repositoryByName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { WorkflowRefusal } from '../common/guard';
import { CANCELLED, type WorkflowOutcome } from '../common/outcome';
import { pickedBefore, recordPicks, type PartitionPicks } from '../common/partitionPicks';
import { refuseIfJobRunning } from '../common/runningJob';
import { openOrCopy, previewStatement } from '../common/sqlPreview';
import { submitJob } from '../common/submit';
import { withUsageNotes } from '../common/usageNotes';
import { privilegeNotes } from '../common/privileges';
import { backupNeeds } from '../../../starrocks/grants';
import { backupNotes, materializedViewNote, partitionAdviceNote } from '../../../starrocks/usageNotes';
import type { WorkflowTarget } from '../common/target';
import { lastSnapshotTime } from './lastSnapshot';
import { wholeDatabaseChoice, withChoiceNote } from './wholeDatabase';
import { isPartitioned, partitionItems, selectionFromPartitions } from './partitionChoices';

interface BackupState {
  profileId?: string;
  caps?: Capabilities;
  database?: string;
  /** The answer to "what": the whole database, or chosen tables (and partitions). */
  wholeDatabase?: boolean;
  /** Undefined: the whole database. Otherwise table → chosen partitions (undefined = whole table). */
  selection?: Map<string, string[] | undefined>;
  /** Tables chosen in the table step, before partitions narrow them. */
  tables?: string[];
  /** SHOW PARTITIONS of the chosen tables that are partitioned. */
  partitionInfo?: Map<string, PartitionInfo[]>;
  partitionPicks?: PartitionPicks;
  repository?: RepositoryInfo;
  label?: string;
  properties?: BackupProperties;
}

/**
 * Back Up…: connection → database → what (whole database, or tables → partitions, changed ones
 * first) → repository (writable) → label (unique in the repository) → properties → preview → run.
 * Questions the tree node already answers are skipped.
 */
export async function backupWorkflow(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  // From a snapshot's database or table node the snapshot's repository is no choice of destination.
  const fromSnapshot = target.label !== undefined;
  const invokedOn: WorkflowTarget = fromSnapshot ? { ...target, repository: undefined } : target;
  return backupFrom(deps, invokedOn);
}

async function backupFrom(deps: WorkflowDeps, target: WorkflowTarget): Promise<WorkflowOutcome> {
  const steps = new BackupSteps(deps, target);
  const state = await steps.start();
  const result = await MultiStepInput.run(deps.prompter, { title: vscode.l10n.t('Back Up'), steps: steps.steps }, state);
  if (result === 'cancelled' || !isAnswered(state, COMPLETE)) {
    return CANCELLED;
  }
  return previewAndRun(deps, state);
}

const COMPLETE = ['profileId', 'database', 'repository', 'label'] as const;

async function previewAndRun(deps: WorkflowDeps, state: Answered<BackupState, (typeof COMPLETE)[number]>): Promise<WorkflowOutcome> {
  const session = await deps.connections.getSession(state.profileId);
  const whole = state.selection ? undefined : await wholeDatabaseChoice(session, state.database);
  const tables: TableSelection[] | undefined = state.selection
    ? [...state.selection].map(([name, partitions]) => ({ name, partitions }))
    : whole?.tables;
  const spec: BackupSpec = {
    database: state.database,
    label: state.label,
    repository: state.repository.name,
    tables,
    properties: state.properties,
  };
  const backedUp = tables ? tables.map((t) => t.name) : (await deps.catalog.tables(state.profileId, state.database)).map((t) => t.name);
  const privileges = await privilegeNotes(deps, state.profileId, (rbac) => backupNeeds(rbac, state.database, backedUp));
  const statement = withUsageNotes(withChoiceNote(buildBackup(spec, session.server.capabilities), whole), [
    ...privileges,
    ...backupNotes(vscode.l10n.t),
  ]);
  const heading = vscode.l10n.t(
    'Back up {0} to repository {1} on {2}?',
    state.database,
    state.repository.name,
    connectionName(deps, state.profileId),
  );
  const saveAsPlan = vscode.l10n.t('Save as Plan…');
  const choice = await previewStatement(deps.prompter, statement, heading, deps.planSaver ? [saveAsPlan] : []);
  if (!choice) return CANCELLED;
  if (choice === saveAsPlan && deps.planSaver) {
    // The choices, not the statement: a plan makes its own label and ON list on every run.
    const chosen = state.selection ? [...state.selection].map(([name, partitions]) => ({ name, partitions })) : undefined;
    return deps.planSaver.saveFromBackup({
      profileId: state.profileId,
      database: state.database,
      tables: chosen,
      repository: state.repository.name,
      properties: state.properties,
    });
  }
  if (choice === 'open' || choice === 'copy') {
    await openOrCopy(choice, statement);
    return { status: choice === 'open' ? 'opened' : 'copied', sql: statement.display };
  }
  if (choice !== 'run') return CANCELLED;
  await refuseIfJobRunning(deps, state.profileId, state.database);
  const job = await submitJob(
    deps,
    statement,
    { profileId: state.profileId, database: state.database, label: state.label, kind: 'BACKUP', repository: state.repository.name },
    vscode.l10n.t('Submitting backup {0}…', state.label),
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Backup {0} of {1} was submitted. Its progress shows under Jobs.', state.label, state.database),
  );
  return { status: 'submitted', sql: statement.display, jobKey: job.key };
}

const step = stepsFor<BackupState>();

/** The steps, in the order they are asked; each one's guard says whether it is. */
class BackupSteps {
  /** Set when the node the workflow was invoked on named a writable repository. */
  private knownRepository = false;

  constructor(
    private readonly deps: WorkflowDeps,
    private readonly target: WorkflowTarget,
  ) {}

  /** Run from a table node: the table is chosen, and the first question is about its partitions, if it has any. */
  private get knownTable(): boolean {
    return !!(this.target.profileId && this.target.database && this.target.table);
  }

  /** The answers the tree node gives, read before the first question. */
  async start(): Promise<BackupState> {
    const { profileId, database, repository, table } = this.target;
    const state: BackupState = { profileId, database };
    if (repository && profileId) {
      const repo = await repositoryByName(this.deps, profileId, repository);
      if (repo.readOnly) {
        throw new WorkflowRefusal(
          vscode.l10n.t('Repository {0} is read only: BACKUP cannot write to it. Choose a writable repository.', repo.name),
        );
      }
      state.repository = repo;
      this.knownRepository = true;
    }
    if (table) {
      state.tables = [table];
    }
    if (profileId && database && table) {
      await this.readPartitions(state, profileId, database, [table]);
    }
    return state;
  }

  readonly connection = step({ name: 'connection', when: () => !this.target.profileId }, async (input, state) => {
    state.profileId = await chooseConnection(input, this.deps, vscode.l10n.t('Connection to back up from'));
  });

  /** Asked after the connection is, even when the node named a database. */
  readonly database = step(
    { name: 'database', needs: ['profileId'], when: () => !this.target.profileId || !this.target.database },
    async (input, state) => {
      state.database = await chooseDatabase(input, this.deps, state.profileId, vscode.l10n.t('Database to back up'));
    },
  );

  readonly scope = step({ name: 'scope', needs: ['database'], when: () => !this.knownTable }, async (input, state) => {
    const items = [
      {
        label: vscode.l10n.t('Whole database'),
        description: vscode.l10n.t('every table and view of {0}', state.database),
        detail: materializedViewNote(vscode.l10n.t),
        whole: true,
      },
      {
        label: vscode.l10n.t('Choose tables and partitions…'),
        description: vscode.l10n.t('an ON (…) list'),
        detail: partitionAdviceNote(vscode.l10n.t),
        whole: false,
      },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('What to back up'),
      activeItem: items.find((i) => i.whole === state.wholeDatabase),
    });
    state.wholeDatabase = picked.whole;
    if (picked.whole) {
      state.selection = undefined;
      state.tables = undefined;
      state.partitionInfo = undefined;
    }
  });

  readonly tables = step(
    { name: 'tables', needs: ['profileId', 'database'], when: (state) => !this.knownTable && state.wholeDatabase === false },
    async (input, state) => {
      const all = await this.deps.catalog.tables(state.profileId, state.database);
      if (all.length === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('Database {0} has no table to back up.', state.database));
      }
      const items = all.map((t) => ({ label: t.name, description: t.type, picked: state.tables?.includes(t.name) ?? false }));
      const chosen = await input.pickMany(items, {
        placeholder: vscode.l10n.t('Tables to back up from {0}', state.database),
        matchOnDescription: true,
      });
      if (chosen.length === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('No table was chosen, so there is nothing to back up.'));
      }
      state.tables = chosen.map((item) => item.label);
      await this.readPartitions(state, state.profileId, state.database, state.tables);
    },
  );

  /** Reads the chosen tables' partitions; the partitions step asks about them only when some table is partitioned. */
  private async readPartitions(state: BackupState, profileId: string, database: string, tables: readonly string[]): Promise<void> {
    state.partitionInfo = new Map();
    state.selection = new Map();
    for (const table of tables) {
      const partitions = await this.deps.catalog.partitions(profileId, database, table);
      if (isPartitioned(table, partitions)) state.partitionInfo.set(table, partitions);
      else state.selection.set(table, undefined);
    }
  }

  readonly partitions = step(
    { name: 'partitions', needs: ['profileId', 'database', 'partitionInfo'], when: (state) => (state.partitionInfo?.size ?? 0) > 0 },
    async (input, state) => {
      const profileId = state.profileId;
      const database = state.database;
      const byTable = state.partitionInfo;
      const repositories = state.repository ? [state.repository] : await this.deps.catalog.repositories(profileId);
      const since = await lastSnapshotTime(this.deps, profileId, database, repositories);
      const items = partitionItems(byTable, since).map((item) => ({
        ...item,
        picked: pickedBefore(state.partitionPicks, item.table, item.partition) ?? item.picked,
      }));
      const placeholder = since
        ? vscode.l10n.t('Partitions to back up (changed since the last snapshot are selected)')
        : vscode.l10n.t('Partitions to back up');
      const chosen = await input.pickMany(items, { placeholder, matchOnDescription: true });
      state.partitionPicks = recordPicks([...byTable.keys()], chosen);
      const selection = new Map(
        [...(state.tables ?? [])].filter((t) => !byTable.has(t)).map((t): [string, string[] | undefined] => [t, undefined]),
      );
      for (const [table, partitions] of selectionFromPartitions(byTable, chosen)) selection.set(table, partitions);
      if (selection.size === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('No partition was chosen, so there is nothing to back up.'));
      }
      state.selection = selection;
    },
  );

  readonly repository = step({ name: 'repository', needs: ['profileId'], when: () => !this.knownRepository }, async (input, state) => {
    state.repository = await chooseRepository(input, this.deps, state.profileId, {
      placeholder: vscode.l10n.t('Repository to write the snapshot to'),
      writable: true,
    });
  });

  readonly label = step({ name: 'label', needs: ['profileId', 'database', 'repository'] }, async (input, state) => {
    const repository = state.repository;
    const existing = (await this.deps.catalog.snapshots(state.profileId, repository.name)).map((s) => s.label);
    const value = await input.input({
      prompt: vscode.l10n.t('Snapshot label: letters, digits, _ and -; used once per repository'),
      placeholder: vscode.l10n.t('Snapshot label'),
      value: state.label ?? defaultSnapshotLabel(state.database, new Date()),
      validate: (text) => {
        const invalid = validateName('label', text);
        if (invalid) return `${invalid}. ${nameFix('label')}`;
        return validateLabelUnique(text, existing)[0]?.message;
      },
    });
    state.label = value;
  });

  readonly properties = step({ name: 'properties', needs: ['profileId'] }, async (input, state) => {
    const session = await this.deps.connections.getSession(state.profileId);
    const caps = session.server.capabilities;
    state.caps = caps;
    const items = [
      { label: vscode.l10n.t('Server defaults'), description: vscode.l10n.t('FULL backup, timeout 86400 s (1 day)'), custom: false },
      {
        label: vscode.l10n.t('Set the timeout…'),
        description: caps.dropSnapshot ? vscode.l10n.t('and the snapshot TTL') : undefined,
        custom: true,
      },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('BACKUP properties (only FULL backups are supported by StarRocks)'),
    });
    // Set before its steps are answered: their guards, and so the step count, include them.
    state.properties = picked.custom ? (state.properties ?? {}) : undefined;
  });

  readonly timeout = step({ name: 'timeout', needs: ['caps'], when: (state) => state.properties !== undefined }, async (input, state) => {
    const caps = state.caps;
    const value = await input.input({
      prompt: vscode.l10n.t('Timeout in seconds (at least 600)'),
      placeholder: '86400',
      value: String(state.properties?.timeoutSeconds ?? 86400),
      validate: (text) => validateBackupProperties({ timeout: text.trim() }, caps)[0]?.message,
    });
    state.properties = { ...state.properties, timeoutSeconds: Number(value.trim()) };
  });

  /** Only servers that can drop snapshots know a snapshot TTL. */
  readonly ttl = step(
    { name: 'ttl', when: (state) => state.properties !== undefined && !!state.caps?.dropSnapshot },
    async (input, state) => {
      const value = await input.input({
        prompt: vscode.l10n.t('How long the snapshot is kept, e.g. 7 DAY or 12 HOUR; empty keeps it forever'),
        placeholder: '7 DAY',
        value: state.properties?.ttl ?? '',
        validate: (text) => (text.trim() === '' ? undefined : validateSnapshotTtl(text.trim())[0]?.message),
      });
      state.properties = { ...state.properties, ttl: value.trim() || undefined };
    },
  );

  get steps(): WizardStep<BackupState>[] {
    return [
      this.connection,
      this.database,
      this.scope,
      this.tables,
      this.partitions,
      this.repository,
      this.label,
      this.properties,
      this.timeout,
      this.ttl,
    ];
  }
}
