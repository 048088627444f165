import * as vscode from 'vscode';
import { nameFix, validateName } from '../../../starrocks/identifiers';
import type { RepositoryInfo, SnapshotDetail, SnapshotTable } from '../../../starrocks/models';
import type { RestoreProperties } from '../../../starrocks/statements/restore';
import { validateRestoreProperties } from '../../../starrocks/validation';
import type { Capabilities } from '../../../starrocks/version';
import type { Step } from '../../../ui/multiStepInput';
import { formatSnapshotTimestamp } from '../../../views/format';
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
  /** The answer to "what": the whole snapshot, or chosen tables (and partitions). */
  wholeSnapshot?: boolean;
  /** Undefined: everything in the snapshot. Otherwise table → partitions (undefined = whole table). */
  selection?: Map<string, string[] | undefined>;
  chosenTables?: string[];
  partitionPicks?: PartitionPicks;
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

/**
 * The questions of Restore Snapshot…, each a step of one multi-step flow: connection → repository
 * → snapshot → timestamp (when several) → what (whole, or tables → partitions) → where (same names,
 * new names, another database, another connection) → names → properties.
 */
export class RestoreSteps {
  constructor(
    private readonly deps: WorkflowDeps,
    private readonly target: WorkflowTarget,
  ) {}

  first(): Step<RestoreState> {
    if (!this.target.profileId) return this.connection;
    if (!this.target.repository) return this.repository;
    if (!this.target.label) return this.snapshot;
    return this.knownSnapshot;
  }

  /** After the snapshot and its timestamp are known: the tree's table node already says what. */
  private get afterDetail(): Step<RestoreState> {
    return this.target.table ? this.where : this.what;
  }

  count(state: RestoreState): number {
    let steps = 4; // snapshot, what, where, properties
    if (!this.target.profileId) steps++;
    if (!this.target.repository) steps++;
    if (this.target.label) steps--;
    if (this.target.table) steps--;
    if ((state.timestamps?.length ?? 0) > 1) steps++;
    if (state.wholeSnapshot === false) steps += this.partitionedChosen(state).length > 0 ? 2 : 1;
    if (state.targetProfileId && state.targetProfileId !== state.profileId) steps += 2;
    if (state.naming === 'rename' || state.naming === 'database') steps++;
    if (state.properties) steps += 3;
    return steps;
  }

  readonly connection: Step<RestoreState> = async (input, state) => {
    state.profileId = await chooseConnection(input, this.deps, vscode.l10n.t('Connection whose repository holds the snapshot'));
    return this.repository;
  };

  readonly repository: Step<RestoreState> = async (input, state) => {
    state.repository = await chooseRepository(input, this.deps, state.profileId as string, { placeholder: vscode.l10n.t('Repository that holds the snapshot') });
    return this.snapshot;
  };

  readonly snapshot: Step<RestoreState> = async (input, state) => {
    const repo = state.repository as RepositoryInfo;
    const entries = snapshotEntries(await this.deps.explorer.catalog.snapshots(state.profileId as string, repo.name)).filter((e) => e.timestamp && e.summary.status === 'OK');
    if (entries.length === 0) {
      throw new WorkflowRefusal(vscode.l10n.t('Repository {0} holds no complete snapshot to restore.', repo.name));
    }
    const byLabel = new Map<string, string[]>();
    for (const entry of entries) byLabel.set(entry.label, [...(byLabel.get(entry.label) ?? []), entry.timestamp as string]);
    const items = [...byLabel].map(([label, timestamps]) => ({
      label,
      description: formatSnapshotTimestamp(timestamps[0]),
      detail: timestamps.length > 1 ? vscode.l10n.t('{0} timestamps', timestamps.length) : undefined,
      timestamps,
    }));
    const picked = await input.pick(items, { placeholder: vscode.l10n.t('Snapshot to restore (newest first)'), matchOnDescription: true, activeItem: items.find((i) => i.label === state.label) });
    state.label = picked.label;
    state.timestamps = picked.timestamps;
    if (picked.timestamps.length > 1) return this.timestamp;
    state.timestamp = picked.timestamps[0];
    await this.loadDetail(state);
    return this.afterDetail;
  };

  /** Run from a snapshot node (or with a label): the timestamp is asked only when it is not known and not unique. */
  readonly knownSnapshot: Step<RestoreState> = async (input, state) => {
    state.label = this.target.label;
    if (this.target.timestamp) {
      state.timestamp = this.target.timestamp;
    } else {
      const summary = (await this.deps.explorer.catalog.snapshots(state.profileId as string, this.repositoryName(state))).find((s) => s.label === state.label);
      state.timestamps = summary?.timestamps ?? [];
      if (state.timestamps.length === 0) {
        throw new WorkflowRefusal(vscode.l10n.t('Snapshot {0} is incomplete: it has no timestamp that RESTORE could use.', state.label ?? ''));
      }
      // This is the first step: asking the timestamp here keeps the flow free of steps that ask nothing.
      if (state.timestamps.length > 1) return this.timestamp(input, state);
      state.timestamp = state.timestamps[0];
    }
    await this.loadDetail(state);
    return this.afterDetail(input, state);
  };

  readonly timestamp: Step<RestoreState> = async (input, state) => {
    const timestamps = state.timestamps ?? [];
    const picked = await input.pick(
      timestamps.map((ts) => ({ label: ts, description: formatSnapshotTimestamp(ts) })),
      { placeholder: vscode.l10n.t('Snapshot {0} was written more than once: which timestamp?', state.label ?? '') },
    );
    state.timestamp = picked.label;
    await this.loadDetail(state);
    return this.afterDetail;
  };

  readonly what: Step<RestoreState> = async (input, state) => {
    const detail = state.detail as SnapshotDetail;
    const items = [
      { label: vscode.l10n.t('Whole snapshot'), description: vscode.l10n.t('{0}: {1}', detail.database ?? '', detail.tables.map((t) => t.name).join(', ')), whole: true },
      { label: vscode.l10n.t('Choose tables and partitions…'), description: vscode.l10n.t('an ON (…) list'), whole: false },
    ];
    const picked = await input.pick(items, { placeholder: vscode.l10n.t('What to restore'), activeItem: items.find((i) => i.whole === state.wholeSnapshot) });
    state.wholeSnapshot = picked.whole;
    if (picked.whole) {
      state.selection = undefined;
      state.chosenTables = undefined;
      return this.where;
    }
    return this.tables;
  };

  readonly tables: Step<RestoreState> = async (input, state) => {
    const detail = state.detail as SnapshotDetail;
    const items = detail.tables.map((t) => ({ label: t.name, description: isUnpartitioned(t.name, t.partitions) ? undefined : vscode.l10n.t('{0} partition(s)', t.partitions.length), picked: state.chosenTables?.includes(t.name) ?? false }));
    const chosen = await input.pickMany(items, { placeholder: vscode.l10n.t('Tables to restore from {0}', state.label ?? ''), matchOnDescription: true });
    if (chosen.length === 0) throw new WorkflowRefusal(vscode.l10n.t('No table was chosen, so there is nothing to restore.'));
    state.chosenTables = chosen.map((c) => c.label);
    // Partitions are asked only when a chosen table has some.
    if (this.partitionedChosen(state).length > 0) return this.partitions;
    // In the snapshot's order, whatever order they were picked in.
    state.selection = new Map(detail.tables.filter((t) => state.chosenTables?.includes(t.name)).map((t) => [t.name, undefined]));
    return this.where;
  };

  readonly partitions: Step<RestoreState> = async (input, state) => {
    const detail = state.detail as SnapshotDetail;
    const chosen = detail.tables.filter((t) => state.chosenTables?.includes(t.name));
    const selection = new Map<string, string[] | undefined>(chosen.filter((t) => isUnpartitioned(t.name, t.partitions)).map((t) => [t.name, undefined]));
    const partitioned = this.partitionedChosen(state);
    const items = partitioned.flatMap((t) => t.partitions.map((p) => ({ label: p, description: t.name, table: t.name, partition: p, picked: pickedBefore(state.partitionPicks, t.name, p) ?? true })));
    const picked = await input.pickMany(items, { placeholder: vscode.l10n.t('Partitions to restore'), matchOnDescription: true });
    state.partitionPicks = recordPicks(partitioned.map((t) => t.name), picked);
    for (const table of partitioned) {
      const mine = picked.filter((p) => p.table === table.name).map((p) => p.label);
      if (mine.length > 0) selection.set(table.name, mine.length === table.partitions.length ? undefined : mine);
    }
    if (selection.size === 0) throw new WorkflowRefusal(vscode.l10n.t('No partition was chosen, so there is nothing to restore.'));
    state.selection = selection;
    return this.where;
  };

  readonly where: Step<RestoreState> = async (input, state) => {
    if (this.target.table && !state.selection) {
      state.selection = new Map([[this.target.table, this.target.partition ? [this.target.partition] : undefined]]);
    }
    state.targetProfileId = state.profileId;
    return this.naming(input, state, true);
  };

  readonly targetConnection: Step<RestoreState> = async (input, state) => {
    const targetProfileId = await chooseConnection(input, this.deps, vscode.l10n.t('Connection to restore on'), state.profileId);
    await ensureTargetRepository(this.deps, state.profileId as string, state.repository ?? (await this.repositoryInfo(state)), targetProfileId);
    state.targetProfileId = targetProfileId;
    return this.targetNaming;
  };

  readonly targetNaming: Step<RestoreState> = async (input, state) => this.naming(input, state, false);

  /** Same names, new names, another database — and, on the source connection, another connection. */
  private async naming(input: Parameters<Step<RestoreState>>[0], state: RestoreState, offerOtherConnection: boolean): Promise<Step<RestoreState>> {
    const session = await this.deps.connections.getSession(state.targetProfileId as string);
    state.targetCaps = session.server.capabilities;
    const database = state.detail?.database ?? '';
    const where = connectionName(this.deps, state.targetProfileId as string);
    type Item = { label: string; description?: string; detail?: string; choice: Naming | 'connection' };
    const items: Item[] = [
      { label: vscode.l10n.t('Same names'), description: vscode.l10n.t('into {0} on {1}', database, where), detail: vscode.l10n.t('Existing tables with the same names are overwritten (you confirm first).'), choice: 'same' },
      { label: vscode.l10n.t('New names'), description: vscode.l10n.t('<table>{0} (AS …)', RESTORED_SUFFIX), detail: vscode.l10n.t('Restores next to the existing tables.'), choice: 'rename' },
    ];
    if (state.targetCaps.newBackupGrammar) {
      items.push({ label: vscode.l10n.t('Another database'), description: vscode.l10n.t('DATABASE {0} AS …', database), detail: vscode.l10n.t('Created when it does not exist.'), choice: 'database' });
    }
    if (offerOtherConnection && this.deps.connections.listProfiles().length > 1) {
      items.push({ label: vscode.l10n.t('Another connection…'), description: vscode.l10n.t('migrate to another cluster'), detail: vscode.l10n.t('Needs a repository of the same name and location there (offered as READ ONLY).'), choice: 'connection' });
    }
    const placeholder = state.targetCaps.newBackupGrammar ? vscode.l10n.t('Where to restore') : vscode.l10n.t('Where to restore (restoring into another database needs StarRocks 3.4 or later)');
    const picked = await input.pick(items, { placeholder, activeItem: items.find((i) => i.choice === state.naming) });
    if (picked.choice === 'connection') return this.targetConnection;
    state.naming = picked.choice;
    if (picked.choice === 'rename') return this.newNames;
    if (picked.choice === 'database') return this.targetDatabase;
    state.aliases = undefined;
    state.targetDatabase = undefined;
    return this.propertiesChoice;
  }

  readonly newNames: Step<RestoreState> = async (input, state) => {
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
        validate: (text) => (text.trim() === '' ? vscode.l10n.t('Enter a suffix, e.g. {0}.', RESTORED_SUFFIX) : tables.map((t) => tableNameProblem(t + text.trim(), tables)).find(Boolean)),
      });
      state.aliases = new Map(tables.map((t) => [t, t + value.trim()]));
    }
    return this.propertiesChoice;
  };

  readonly targetDatabase: Step<RestoreState> = async (input, state) => {
    const source = state.detail?.database ?? '';
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
    return this.propertiesChoice;
  };

  readonly propertiesChoice: Step<RestoreState> = async (input, state) => {
    const items = [
      { label: vscode.l10n.t('Server defaults'), description: vscode.l10n.t('replication_num 3, allow_load false, timeout 86400 s'), custom: false },
      { label: vscode.l10n.t('Set replication_num, allow_load and timeout…'), custom: true },
    ];
    const picked = await input.pick(items, { placeholder: vscode.l10n.t('RESTORE properties') });
    if (!picked.custom) {
      state.properties = undefined;
      return undefined;
    }
    state.properties ??= {};
    return this.replicationNum;
  };

  readonly replicationNum: Step<RestoreState> = async (input, state) => {
    const caps = state.targetCaps as Capabilities;
    const value = await input.input({
      prompt: vscode.l10n.t('Replicas of each restored tablet (empty: the server default, 3 on shared-nothing clusters)'),
      placeholder: '3',
      value: state.properties?.replicationNum?.toString() ?? '',
      validate: (text) => (text.trim() === '' ? undefined : validateRestoreProperties({ backup_timestamp: state.timestamp ?? '', replication_num: text.trim() }, caps)[0]?.message),
    });
    state.properties = { ...state.properties, replicationNum: value.trim() === '' ? undefined : Number(value.trim()) };
    return this.allowLoad;
  };

  readonly allowLoad: Step<RestoreState> = async (input, state) => {
    const items = [
      { label: 'false', description: vscode.l10n.t('no loads into the restored tables while the job runs (default)'), value: false },
      { label: 'true', description: vscode.l10n.t('loads are allowed while the job runs'), value: true },
    ];
    const picked = await input.pick(items, { placeholder: vscode.l10n.t('allow_load'), activeItem: items.find((i) => i.value === (state.properties?.allowLoad ?? false)) });
    state.properties = { ...state.properties, allowLoad: picked.value ? true : undefined };
    return this.timeout;
  };

  readonly timeout: Step<RestoreState> = async (input, state) => {
    const caps = state.targetCaps as Capabilities;
    const value = await input.input({
      prompt: vscode.l10n.t('Timeout in seconds (at least 600)'),
      placeholder: '86400',
      value: String(state.properties?.timeoutSeconds ?? 86400),
      validate: (text) => validateRestoreProperties({ backup_timestamp: state.timestamp ?? '', timeout: text.trim() }, caps)[0]?.message,
    });
    state.properties = { ...state.properties, timeoutSeconds: Number(value.trim()) };
    return undefined;
  };

  private async loadDetail(state: RestoreState): Promise<void> {
    state.repository ??= await this.repositoryInfo(state);
    const detail = await this.deps.explorer.catalog.snapshotDetail(state.profileId as string, state.repository.name, state.label as string, state.timestamp as string);
    if (!detail?.ok || !detail.database) {
      throw new WorkflowRefusal(vscode.l10n.t('The server could not read snapshot {0} ({1}): {2}', state.label ?? '', state.timestamp ?? '', detail?.status ?? vscode.l10n.t('no detail')));
    }
    state.detail = detail;
  }

  /** The chosen tables that have partitions to choose from. */
  private partitionedChosen(state: RestoreState): SnapshotTable[] {
    return (state.detail?.tables ?? []).filter((t) => state.chosenTables?.includes(t.name) && !isUnpartitioned(t.name, t.partitions));
  }

  private repositoryName(state: RestoreState): string {
    return state.repository?.name ?? (this.target.repository as string);
  }

  private async repositoryInfo(state: RestoreState): Promise<RepositoryInfo> {
    const repo = await this.deps.explorer.catalog.repository(state.profileId as string, this.repositoryName(state));
    if (!repo) throw new WorkflowRefusal(vscode.l10n.t('The repository {0} no longer exists. Refresh the view.', this.repositoryName(state)));
    return repo;
  }
}

function isUnpartitioned(table: string, partitions: readonly string[]): boolean {
  return partitions.length === 1 && partitions[0] === table;
}

function tableNameProblem(name: string, originals: readonly string[]): string | undefined {
  const invalid = validateName('table', name);
  if (invalid || name === '') return `${invalid ?? vscode.l10n.t('Enter a table name.')} ${nameFix('table')}`;
  return originals.includes(name) ? vscode.l10n.t('Duplicated alias name: {0}', name) : undefined;
}
