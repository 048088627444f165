import * as vscode from 'vscode';
import { nameFix, validateName } from '../../../starrocks/identifiers';
import type { RepositoryInfo, SnapshotDetail, SnapshotTable } from '../../../starrocks/models';
import type { RestoreProperties } from '../../../starrocks/builders/restore';
import { validateRestoreProperties } from '../../../starrocks/validation';
import type { Capabilities } from '../../../starrocks/version';
import { stepsFor, type MultiStepInput, type WizardStep } from '../../../ui/multiStepInput';
import { formatSnapshotTimestamp } from '../../../text/format';
import { snapshotEntries } from '../../../views/snapshotEntries';
import { chooseConnection, chooseRepository, connectionName } from '../common/choices';
import type { WorkflowDeps } from '../common/deps';
import { WorkflowRefusal } from '../common/guard';
import { pickedBefore, recordPicks, type PartitionPicks } from '../common/partitionPicks';
import type { WorkflowTarget } from '../common/target';
import { ensureTargetRepository } from './targetRepository';

export type Naming = 'same' | 'rename' | 'database';

export interface RestoreState {
  /** The connection whose repository holds the snapshot. */
  profileId?: string;
  repository?: RepositoryInfo;
  label?: string;
  timestamps?: string[];
  timestamp?: string;
  detail?: SnapshotDetail;
  /** The snapshot's database (read with its detail). */
  database?: string;
  /** The answer to "what": the whole snapshot, or chosen tables (and partitions). */
  wholeSnapshot?: boolean;
  /** Undefined: everything in the snapshot. Otherwise table → partitions (undefined = whole table). */
  selection?: Map<string, string[] | undefined>;
  chosenTables?: string[];
  partitionPicks?: PartitionPicks;
  /** The answer to "where" was another connection (migration): its steps follow. */
  otherConnection?: boolean;
  /** Where the RESTORE runs; the source connection unless migrating. */
  targetProfileId?: string;
  targetCaps?: Capabilities;
  naming?: Naming;
  /** Table → new name, when restoring under new names. */
  aliases?: Map<string, string>;
  targetDatabase?: string;
  properties?: RestoreProperties;
}

export const RESTORED_SUFFIX = '_restored';

/** The tables a restore covers: the chosen ones, or every table of the snapshot. */
export function restoredTables(state: RestoreState): string[] {
  return state.selection ? [...state.selection.keys()] : (state.detail?.tables ?? []).map((t) => t.name);
}

const step = stepsFor<RestoreState>();

/**
 * The questions of Restore Snapshot…, each a step of one wizard: connection → repository →
 * snapshot → timestamp (when several) → what (whole, or tables → partitions) → where (same names,
 * new names, another database, another connection) → names → properties. What the tree node
 * already says is read before the first question (`start`) and its steps are left out.
 */
export class RestoreSteps {
  constructor(
    private readonly deps: WorkflowDeps,
    private readonly target: WorkflowTarget,
  ) {}

  /** The repository comes with the connection it is on: asking the connection asks the repository too. */
  private get knownRepository(): boolean {
    return !!(this.target.profileId && this.target.repository);
  }

  private get knownSnapshot(): boolean {
    return this.knownRepository && !!this.target.label;
  }

  /**
   * The answers the tree node gives, read before the first question: the repository, the
   * snapshot's detail when its timestamp is known or unique, and a table node's selection.
   */
  async start(): Promise<RestoreState> {
    const state: RestoreState = { profileId: this.target.profileId };
    if (this.target.targetProfileId) {
      // Chosen before (migration): the restore goes there, and only its naming is asked.
      state.otherConnection = true;
      state.targetProfileId = this.target.targetProfileId;
    }
    if (this.target.table) {
      state.selection = new Map([[this.target.table, this.target.partition ? [this.target.partition] : undefined]]);
    }
    const { profileId, repository, label } = this.target;
    if (!profileId || !repository) return state;
    state.repository = await this.repositoryInfo(profileId, repository);
    if (!label) return state;
    state.label = label;
    if (this.target.timestamp) {
      state.timestamp = this.target.timestamp;
    } else {
      const summary = (await this.deps.catalog.snapshots(profileId, repository)).find((s) => s.label === label);
      state.timestamps = summary?.timestamps ?? [];
      if (state.timestamps.length === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('Snapshot {0} is incomplete: it has no timestamp that RESTORE could use.', label));
      }
      // More than one: the timestamp step asks which.
      if (state.timestamps.length > 1) return state;
      state.timestamp = state.timestamps[0];
    }
    await this.loadDetail(state, { profileId, repository, label, timestamp: state.timestamp });
    return state;
  }

  readonly connection = step({ name: 'connection', when: () => !this.target.profileId }, async (input, state) => {
    state.profileId = await chooseConnection(input, this.deps, vscode.l10n.t('Connection whose repository holds the snapshot'));
  });

  readonly repository = step({ name: 'repository', needs: ['profileId'], when: () => !this.knownRepository }, async (input, state) => {
    state.repository = await chooseRepository(input, this.deps, state.profileId, {
      placeholder: vscode.l10n.t('Repository that holds the snapshot'),
    });
  });

  readonly snapshot = step(
    { name: 'snapshot', needs: ['profileId', 'repository'], when: () => !this.knownSnapshot },
    async (input, state) => {
      const repo = state.repository;
      const entries = snapshotEntries(await this.deps.catalog.snapshots(state.profileId, repo.name)).filter(
        (e) => e.timestamp && e.summary.status === 'OK',
      );
      if (entries.length === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('Repository {0} holds no complete snapshot to restore.', repo.name));
      }
      const byLabel = new Map<string, string[]>();
      for (const entry of entries) if (entry.timestamp) byLabel.set(entry.label, [...(byLabel.get(entry.label) ?? []), entry.timestamp]);
      const items = [...byLabel].map(([label, timestamps]) => ({
        label,
        description: formatSnapshotTimestamp(timestamps[0]),
        detail: timestamps.length > 1 ? vscode.l10n.t('{0} timestamps', timestamps.length) : undefined,
        timestamps,
      }));
      const picked = await input.pick(items, {
        placeholder: vscode.l10n.t('Snapshot to restore (newest first)'),
        matchOnDescription: true,
        activeItem: items.find((i) => i.label === state.label),
      });
      state.label = picked.label;
      state.timestamps = picked.timestamps;
      // More than one: the timestamp step asks which.
      if (picked.timestamps.length > 1) return;
      state.timestamp = picked.timestamps[0];
      await this.loadDetail(state, { profileId: state.profileId, repository: repo.name, label: picked.label, timestamp: state.timestamp });
    },
  );

  readonly timestamp = step(
    { name: 'timestamp', needs: ['profileId', 'repository', 'label', 'timestamps'], when: (state) => (state.timestamps?.length ?? 0) > 1 },
    async (input, state) => {
      const timestamps = state.timestamps;
      const picked = await input.pick(
        timestamps.map((ts) => ({ label: ts, description: formatSnapshotTimestamp(ts) })),
        { placeholder: vscode.l10n.t('Snapshot {0} was written more than once: which timestamp?', state.label) },
      );
      state.timestamp = picked.label;
      await this.loadDetail(state, {
        profileId: state.profileId,
        repository: state.repository.name,
        label: state.label,
        timestamp: picked.label,
      });
    },
  );

  /** A table node already says what: its table (and partition). */
  readonly what = step({ name: 'what', needs: ['detail', 'database'], when: () => !this.target.table }, async (input, state) => {
    const detail = state.detail;
    const items = [
      {
        label: vscode.l10n.t('Whole snapshot'),
        description: vscode.l10n.t('{0}: {1}', state.database, detail.tables.map((t) => t.name).join(', ')),
        whole: true,
      },
      { label: vscode.l10n.t('Choose tables and partitions…'), description: vscode.l10n.t('an ON (…) list'), whole: false },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('What to restore'),
      activeItem: items.find((i) => i.whole === state.wholeSnapshot),
    });
    state.wholeSnapshot = picked.whole;
    if (picked.whole) {
      state.selection = undefined;
      state.chosenTables = undefined;
    }
  });

  readonly tables = step(
    { name: 'tables', needs: ['detail', 'label'], when: (state) => !this.target.table && state.wholeSnapshot === false },
    async (input, state) => {
      const detail = state.detail;
      const items = detail.tables.map((t) => ({
        label: t.name,
        description: isUnpartitioned(t.name, t.partitions) ? undefined : vscode.l10n.t('{0} partition(s)', t.partitions.length),
        picked: state.chosenTables?.includes(t.name) ?? false,
      }));
      const chosen = await input.pickMany(items, {
        placeholder: vscode.l10n.t('Tables to restore from {0}', state.label),
        matchOnDescription: true,
      });
      if (chosen.length === 0) throw new WorkflowRefusal(vscode.l10n.t('No table was chosen, so there is nothing to restore.'));
      const chosenTables = chosen.map((c) => c.label);
      state.chosenTables = chosenTables;
      // Partitions are asked only when a chosen table has some (the partitions step).
      if (this.partitionedChosen(state).length > 0) return;
      // In the snapshot's order, whatever order they were picked in.
      state.selection = new Map(detail.tables.filter((t) => chosenTables.includes(t.name)).map((t) => [t.name, undefined]));
    },
  );

  readonly partitions = step(
    { name: 'partitions', needs: ['detail'], when: (state) => this.tables.when(state) && this.partitionedChosen(state).length > 0 },
    async (input, state) => {
      const detail = state.detail;
      const chosen = detail.tables.filter((t) => state.chosenTables?.includes(t.name));
      const selection = new Map<string, string[] | undefined>(
        chosen.filter((t) => isUnpartitioned(t.name, t.partitions)).map((t) => [t.name, undefined]),
      );
      const partitioned = this.partitionedChosen(state);
      const items = partitioned.flatMap((t) =>
        t.partitions.map((p) => ({
          label: p,
          description: t.name,
          table: t.name,
          partition: p,
          picked: pickedBefore(state.partitionPicks, t.name, p) ?? true,
        })),
      );
      const picked = await input.pickMany(items, { placeholder: vscode.l10n.t('Partitions to restore'), matchOnDescription: true });
      state.partitionPicks = recordPicks(
        partitioned.map((t) => t.name),
        picked,
      );
      for (const table of partitioned) {
        const mine = picked.filter((p) => p.table === table.name).map((p) => p.label);
        if (mine.length > 0) selection.set(table.name, mine.length === table.partitions.length ? undefined : mine);
      }
      if (selection.size === 0) throw new WorkflowRefusal(vscode.l10n.t('No partition was chosen, so there is nothing to restore.'));
      state.selection = selection;
    },
  );

  readonly where = step(
    { name: 'where', needs: ['profileId', 'database'], when: () => !this.target.targetProfileId },
    async (input, state) => {
      state.targetProfileId = state.profileId;
      state.otherConnection = await this.naming(input, state, state.profileId, state.database, true);
    },
  );

  readonly targetConnection = step(
    {
      name: 'target connection',
      needs: ['profileId', 'repository'],
      when: (state) => state.otherConnection === true && !this.target.targetProfileId,
    },
    async (input, state) => {
      const targetProfileId = await chooseConnection(input, this.deps, vscode.l10n.t('Connection to restore on'), state.profileId);
      await ensureTargetRepository(this.deps, state.profileId, state.repository, targetProfileId);
      state.targetProfileId = targetProfileId;
    },
  );

  readonly targetNaming = step(
    { name: 'target naming', needs: ['targetProfileId', 'database'], when: (state) => state.otherConnection === true },
    async (input, state) => {
      await this.naming(input, state, state.targetProfileId, state.database, false);
    },
  );

  /**
   * Same names, new names, another database — and, on the source connection, another connection.
   * Resolves to whether another connection was chosen (its steps follow).
   */
  private async naming(
    input: MultiStepInput<RestoreState>,
    state: RestoreState,
    targetProfileId: string,
    database: string,
    offerOtherConnection: boolean,
  ): Promise<boolean> {
    const session = await this.deps.connections.getSession(targetProfileId);
    const targetCaps = session.server.capabilities;
    state.targetCaps = targetCaps;
    const where = connectionName(this.deps, targetProfileId);
    type Item = { label: string; description?: string; detail?: string; choice: Naming | 'connection' };
    const items: Item[] = [
      {
        label: vscode.l10n.t('Same names'),
        description: vscode.l10n.t('into {0} on {1}', database, where),
        detail: vscode.l10n.t('Existing tables with the same names are overwritten (you confirm first).'),
        choice: 'same',
      },
      {
        label: vscode.l10n.t('New names'),
        description: vscode.l10n.t('<table>{0} (AS …)', RESTORED_SUFFIX),
        detail: vscode.l10n.t('Restores next to the existing tables.'),
        choice: 'rename',
      },
    ];
    if (targetCaps.newBackupGrammar) {
      items.push({
        label: vscode.l10n.t('Another database'),
        description: vscode.l10n.t('DATABASE {0} AS …', database),
        detail: vscode.l10n.t('Created when it does not exist.'),
        choice: 'database',
      });
    }
    if (offerOtherConnection && this.deps.connections.listProfiles().length > 1) {
      items.push({
        label: vscode.l10n.t('Another connection…'),
        description: vscode.l10n.t('migrate to another cluster'),
        detail: vscode.l10n.t('Needs a repository of the same name and location there (offered as READ ONLY).'),
        choice: 'connection',
      });
    }
    const placeholder = targetCaps.newBackupGrammar
      ? vscode.l10n.t('Where to restore')
      : vscode.l10n.t('Where to restore (restoring into another database needs StarRocks 3.4 or later)');
    const picked = await input.pick(items, { placeholder, activeItem: items.find((i) => i.choice === state.naming) });
    if (picked.choice === 'connection') return true;
    state.naming = picked.choice;
    if (picked.choice === 'same') {
      state.aliases = undefined;
      state.targetDatabase = undefined;
    }
    return false;
  }

  readonly newNames = step({ name: 'new names', when: (state) => state.naming === 'rename' }, async (input, state) => {
    const tables = restoredTables(state);
    state.targetDatabase = undefined;
    if (tables.length === 1) {
      const value = await input.input({
        prompt: vscode.l10n.t('New name for {0}', tables[0]),
        placeholder: tables[0] + RESTORED_SUFFIX,
        value: state.aliases?.get(tables[0]) ?? tables[0] + RESTORED_SUFFIX,
        validate: (text) => tableNameProblem(text.trim(), tables),
      });
      state.aliases = new Map([[tables[0], value.trim()]]);
    } else {
      const value = await input.input({
        prompt: vscode.l10n.t('Suffix added to each table name ({0})', tables.join(', ')),
        placeholder: RESTORED_SUFFIX,
        value: RESTORED_SUFFIX,
        validate: (text) =>
          text.trim() === ''
            ? vscode.l10n.t('Enter a suffix, e.g. {0}.', RESTORED_SUFFIX)
            : tables.map((t) => tableNameProblem(t + text.trim(), tables)).find(Boolean),
      });
      state.aliases = new Map(tables.map((t) => [t, t + value.trim()]));
    }
  });

  readonly targetDatabase = step(
    { name: 'target database', needs: ['database'], when: (state) => state.naming === 'database' },
    async (input, state) => {
      const source = state.database;
      const value = await input.input({
        prompt: vscode.l10n.t('Database to restore into (created when it does not exist)'),
        placeholder: source + RESTORED_SUFFIX,
        value: state.targetDatabase ?? source + RESTORED_SUFFIX,
        validate: (text) => {
          const invalid = validateName('database', text.trim());
          return invalid ? `${invalid}. ${nameFix('database')}` : undefined;
        },
      });
      state.targetDatabase = value.trim();
      state.aliases = undefined;
    },
  );

  readonly propertiesChoice = step({ name: 'properties' }, async (input, state) => {
    const items = [
      {
        label: vscode.l10n.t('Server defaults'),
        description: vscode.l10n.t('replication_num 3, allow_load false, timeout 86400 s'),
        custom: false,
      },
      { label: vscode.l10n.t('Set replication_num, allow_load and timeout…'), custom: true },
    ];
    const picked = await input.pick(items, { placeholder: vscode.l10n.t('RESTORE properties') });
    // Set before the property steps are answered: their guards, and so the step count, include them.
    state.properties = picked.custom ? (state.properties ?? {}) : undefined;
  });

  readonly replicationNum = step(
    { name: 'replication_num', needs: ['targetCaps', 'timestamp'], when: hasCustomProperties },
    async (input, state) => {
      const caps = state.targetCaps;
      const value = await input.input({
        prompt: vscode.l10n.t('Replicas of each restored tablet (empty: the server default, 3 on shared-nothing clusters)'),
        placeholder: '3',
        value: state.properties?.replicationNum?.toString() ?? '',
        validate: (text) =>
          text.trim() === ''
            ? undefined
            : validateRestoreProperties({ backup_timestamp: state.timestamp, replication_num: text.trim() }, caps)[0]?.message,
      });
      state.properties = { ...state.properties, replicationNum: value.trim() === '' ? undefined : Number(value.trim()) };
    },
  );

  readonly allowLoad = step({ name: 'allow_load', when: hasCustomProperties }, async (input, state) => {
    const items = [
      { label: 'false', description: vscode.l10n.t('no loads into the restored tables while the job runs (default)'), value: false },
      { label: 'true', description: vscode.l10n.t('loads are allowed while the job runs'), value: true },
    ];
    const picked = await input.pick(items, {
      placeholder: vscode.l10n.t('allow_load'),
      activeItem: items.find((i) => i.value === (state.properties?.allowLoad ?? false)),
    });
    state.properties = { ...state.properties, allowLoad: picked.value ? true : undefined };
  });

  readonly timeout = step({ name: 'timeout', needs: ['targetCaps', 'timestamp'], when: hasCustomProperties }, async (input, state) => {
    const caps = state.targetCaps;
    const value = await input.input({
      prompt: vscode.l10n.t('Timeout in seconds (at least 600)'),
      placeholder: '86400',
      value: String(state.properties?.timeoutSeconds ?? 86400),
      validate: (text) => validateRestoreProperties({ backup_timestamp: state.timestamp, timeout: text.trim() }, caps)[0]?.message,
    });
    state.properties = { ...state.properties, timeoutSeconds: Number(value.trim()) };
  });

  /** The wizard's steps, in the order they are asked; each one's guard says whether it is. */
  get steps(): WizardStep<RestoreState>[] {
    return [
      this.connection,
      this.repository,
      this.snapshot,
      this.timestamp,
      this.what,
      this.tables,
      this.partitions,
      this.where,
      this.targetConnection,
      this.targetNaming,
      this.newNames,
      this.targetDatabase,
      this.propertiesChoice,
      this.replicationNum,
      this.allowLoad,
      this.timeout,
    ];
  }

  /** Reads the detail of the snapshot `at` into `state`; refuses when the server cannot read it. */
  private async loadDetail(
    state: RestoreState,
    at: { profileId: string; repository: string; label: string; timestamp: string },
  ): Promise<void> {
    const detail = await this.deps.catalog.snapshotDetail(at.profileId, at.repository, at.label, at.timestamp);
    if (!detail?.ok || !detail.database) {
      throw new WorkflowRefusal(
        vscode.l10n.t(
          'The server could not read snapshot {0} ({1}): {2}',
          at.label,
          at.timestamp,
          detail?.status ?? vscode.l10n.t('no detail'),
        ),
      );
    }
    state.detail = detail;
    state.database = detail.database;
  }

  /** The chosen tables that have partitions to choose from. */
  private partitionedChosen(state: RestoreState): SnapshotTable[] {
    return (state.detail?.tables ?? []).filter((t) => state.chosenTables?.includes(t.name) && !isUnpartitioned(t.name, t.partitions));
  }

  private async repositoryInfo(profileId: string, name: string): Promise<RepositoryInfo> {
    const repo = await this.deps.catalog.repository(profileId, name);
    if (!repo) throw new WorkflowRefusal(vscode.l10n.t('The repository {0} no longer exists. Refresh the view.', name));
    return repo;
  }
}

function hasCustomProperties(state: RestoreState): boolean {
  return state.properties !== undefined;
}

function isUnpartitioned(table: string, partitions: readonly string[]): boolean {
  return partitions.length === 1 && partitions[0] === table;
}

function tableNameProblem(name: string, originals: readonly string[]): string | undefined {
  const invalid = validateName('table', name);
  if (invalid || name === '') return `${invalid ?? vscode.l10n.t('Enter a table name.')} ${nameFix('table')}`;
  return originals.includes(name) ? vscode.l10n.t('Duplicated alias name: {0}', name) : undefined;
}
