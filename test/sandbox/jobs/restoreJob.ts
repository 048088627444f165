/**
 * A RESTORE job through the FE's state machine (spec §4.2):
 * PENDING → SNAPSHOTING → DOWNLOAD → DOWNLOADING → COMMIT → COMMITTING → FINISHED.
 * PENDING checks or creates the target tables (state RESTORE); DOWNLOADING reads the tablet
 * files back from storage (checksums verified); COMMITTING swaps the rows in.
 */
import type { Catalog, Database } from '../catalog/catalog';
import type { Partition, Table } from '../catalog/table';
import type { Row } from '../catalog/values';
import { snapshotPaths } from '../repository/layout';
import type { Repository } from '../repository/repositoryManager';
import { decodeTabletRows, type FunctionMeta, type JobInfoJson, type TableMeta } from '../repository/snapshotFiles';
import { AbstractJob, backendOf, batchesPerBackend, type JobStatus, type TransferTask } from './abstractJob';
import { schemaMismatch } from './schemaCompare';

export type RestoreState = 'PENDING' | 'SNAPSHOTING' | 'DOWNLOAD' | 'DOWNLOADING' | 'COMMIT' | 'COMMITTING' | 'FINISHED' | 'CANCELLED';

/** One table of the snapshot to restore, under its target name, with the partitions to restore. */
export interface RestoreTableRequest {
  source: TableMeta;
  targetName: string;
  partitions: string[];
}

export interface RestoreJobOptions {
  label: string;
  backupTimestamp: string;
  db: Database;
  repo: Repository;
  catalog: Catalog;
  timeoutMs: number;
  allowLoad: boolean;
  replicationNum: number;
  info: JobInfoJson;
  tables: RestoreTableRequest[];
  functions: FunctionMeta[];
  filesPerStep: () => number;
}

interface DownloadFile {
  request: RestoreTableRequest;
  partitionName: string;
  /** Path without checksum: the FE lists `<path>*` and expects one file. */
  path: string;
}

type DownloadTask = TransferTask<DownloadFile>;

export class RestoreJob extends AbstractJob {
  readonly kind = 'RESTORE';
  state: RestoreState = 'PENDING';
  metaPreparedTime?: Date;
  downloadFinishedTime?: Date;
  private readonly createdTables: Table[] = [];
  private readonly addedPartitions: { table: Table; partition: Partition }[] = [];
  private readonly lockedTables: Table[] = [];
  private downloadTasks: DownloadTask[] = [];
  /** Rows read back, per target table and partition. */
  private readonly restoredRows = new Map<string, Map<string, Row[]>>();

  constructor(
    private readonly options: RestoreJobOptions,
    private readonly nextId: () => number,
  ) {
    super(options.label, options.db.name, options.db.id, options.repo.name, options.timeoutMs);
  }

  /** RestoreObjs: `tbl PARTITIONS [p1, p2]`, leaving out a partition named like its table. */
  restoreObjects(): string {
    return this.options.tables
      .map((t) => {
        const partitions = t.partitions.filter((p) => p !== t.source.name);
        return partitions.length > 0 ? `${t.source.name} PARTITIONS [${partitions.join(', ')}]` : t.source.name;
      })
      .join(', ');
  }

  showRow(): (string | null)[] {
    return [
      String(this.jobId),
      this.label,
      this.options.backupTimestamp,
      this.dbName,
      this.state,
      String(this.options.allowLoad),
      String(this.options.replicationNum),
      this.restoreObjects(),
      this.time(this.createTime),
      this.time(this.metaPreparedTime),
      this.time(this.snapshotFinishedTime),
      this.time(this.downloadFinishedTime),
      this.time(this.finishedTime),
      ...this.commonTail(),
    ];
  }

  timeoutStatus(): JobStatus {
    return { code: 'TIMEOUT', message: `restore job with label: ${this.label}  timeout.` };
  }

  userCancelStatus(): JobStatus {
    return { code: 'COMMON_ERROR', message: `user cancelled, current state: ${this.state}` };
  }

  /** Drops what PENDING created and gives the existing tables back (data untouched before COMMIT). */
  protected onCancel(): void {
    for (const table of this.createdTables) this.options.db.tables.delete(table.name);
    for (const { table, partition } of this.addedPartitions) table.partitions.splice(table.partitions.indexOf(partition), 1);
    for (const table of this.lockedTables) table.state = 'NORMAL';
  }

  protected readonly steps: Partial<Record<RestoreState, () => Promise<void>>> = {
    PENDING: () => this.prepareTables(),
    SNAPSHOTING: () => this.waitForSnapshots(),
    DOWNLOAD: () => this.createDownloadTasks(),
    DOWNLOADING: () => this.download(),
    COMMIT: () => this.sendCommitTasks(),
    COMMITTING: () => this.commit(),
  };

  /** PENDING: check existing tables against the snapshot, create missing ones, mark all RESTORE. */
  private async prepareTables(): Promise<void> {
    this.jobId = this.nextId();
    for (const request of this.options.tables) {
      const problem = this.prepareTable(request);
      if (problem) {
        this.cancel({ code: 'COMMON_ERROR', message: problem });
        return;
      }
    }
    for (const fn of this.options.functions) if (!this.options.db.functions.has(fn.name)) this.options.db.functions.set(fn.name, { ...fn });
    for (const table of this.lockedTables) {
      for (const partition of table.partitions)
        for (const tablet of partition.tablets) this.unfinishedTasks.set(tablet.id, backendOf(tablet.id));
    }
    this.metaPreparedTime = new Date();
    this.state = 'SNAPSHOTING';
  }

  /** Returns the §6.3 message that cancels the job, or undefined when the table is ready. */
  private prepareTable(request: RestoreTableRequest): string | undefined {
    const existing = this.options.db.table(request.targetName);
    if (request.source.kind === 'VIEW') {
      if (!existing) this.createdTables.push(this.createTable(request));
      return undefined;
    }
    if (!existing) {
      const table = this.createTable(request);
      this.createdTables.push(table);
      this.lockedTables.push(table);
      table.state = 'RESTORE';
      return undefined;
    }
    if (!existing.isOlap) return `Only support restore OLAP table: ${existing.name}`;
    if (existing.state !== 'NORMAL') return `Table ${existing.name}'s state is not NORMAL: ${existing.state}`;
    const mismatch = schemaMismatch(existing, request.source);
    if (mismatch) return mismatch;
    const problem = this.preparePartitions(existing, request);
    if (problem) return problem;
    this.lockedTables.push(existing);
    existing.state = 'RESTORE';
    return undefined;
  }

  private preparePartitions(table: Table, request: RestoreTableRequest): string | undefined {
    for (const name of request.partitions) {
      const source = request.source.partitions.find((p) => p.name === name);
      if (!source) continue;
      const current = table.partition(name);
      if (current) {
        if (table.isPartitioned && (current.lowerBound !== source.lowerBound || current.upperBound !== source.upperBound)) {
          return `Partition ${name} in table ${table.name} has different range with partition in repository`;
        }
        continue;
      }
      const overlaps = table.partitions.some((p) => rangesOverlap(p, source));
      if (overlaps) return `Partition ${name} in table ${table.name} has conflict range with existing ranges`;
      this.addedPartitions.push({ table, partition: table.addPartition(name, source.lowerBound, source.upperBound) });
    }
    return undefined;
  }

  private createTable(request: RestoreTableRequest): Table {
    const source = request.source;
    const table = this.options.catalog.createTable(this.options.db, {
      name: request.targetName,
      kind: source.kind,
      columns: source.columns.map((c) => ({ ...c })),
      keysType: source.keysType,
      partitionColumn: source.partitionColumn,
      distributionColumns: [...source.distributionColumns],
      buckets: source.buckets,
      properties: { ...source.properties, replication_num: String(this.options.replicationNum) },
      comment: source.comment,
      viewQuery: source.viewQuery,
    });
    if (source.kind !== 'OLAP') return table;
    for (const p of source.partitions.filter((p) => request.partitions.includes(p.name)))
      table.addPartition(p.name, p.lowerBound, p.upperBound);
    return table;
  }

  private async waitForSnapshots(): Promise<void> {
    if (this.snapshotTasksDone()) this.state = 'DOWNLOAD';
  }

  /** DOWNLOAD: one task list per backend (at most three), each naming the files to fetch. */
  private async createDownloadTasks(): Promise<void> {
    const files: (DownloadFile & { tabletId: number })[] = [];
    for (const request of this.options.tables.filter((t) => t.source.kind === 'OLAP')) {
      const tableInfo = this.options.info.backup_objects[request.source.name];
      for (const partitionName of request.partitions) {
        const partitionInfo = tableInfo?.partitions[partitionName];
        const index = partitionInfo && Object.values(partitionInfo.indexes)[0];
        if (!partitionInfo || !index) continue;
        for (const [tabletId, names] of Object.entries(index.tablets)) {
          const dir = snapshotPaths.tabletDir(this.label, {
            dbId: this.options.info.id,
            tableId: request.source.id,
            partitionId: partitionInfo.id,
            indexId: index.id,
            tabletId: Number(tabletId),
          });
          for (const name of names)
            files.push({ request, partitionName, path: dir + name.slice(0, name.lastIndexOf('.')), tabletId: Number(tabletId) });
        }
      }
    }
    for (const { backend, items } of batchesPerBackend(files, (file) => file.tabletId)) {
      this.addTransferTask(this.downloadTasks, this.nextId(), backend, items);
    }
    this.state = 'DOWNLOADING';
  }

  /** Storage errors (missing file, bad checksum, unreachable) go to TaskErrMsg and are retried. */
  private async download(): Promise<void> {
    if (!(await this.transferStep(this.downloadTasks, this.options.filesPerStep, (f) => this.downloadFile(f)))) return;
    this.downloadFinishedTime = new Date();
    this.state = 'COMMIT';
  }

  private async downloadFile(file: DownloadFile): Promise<void> {
    const content = await this.options.repo.storage.downloadChecksummed(file.path);
    const rows = decodeTabletRows(file.path, content);
    const byPartition = this.restoredRows.get(file.request.targetName) ?? new Map<string, Row[]>();
    byPartition.set(file.partitionName, [...(byPartition.get(file.partitionName) ?? []), ...rows]);
    this.restoredRows.set(file.request.targetName, byPartition);
  }

  private async sendCommitTasks(): Promise<void> {
    for (const task of this.downloadTasks)
      this.unfinishedTasks.set(task.signature, this.unfinishedTasks.get(task.signature) ?? backendOf(task.signature));
    this.state = 'COMMITTING';
  }

  /** COMMITTING: the downloaded rows replace the partitions' rows; tables go back to NORMAL. */
  private async commit(): Promise<void> {
    for (const request of this.options.tables.filter((t) => t.source.kind === 'OLAP')) {
      const table = this.options.db.table(request.targetName);
      if (!table) continue;
      for (const name of request.partitions) {
        const partition = table.partition(name);
        const source = request.source.partitions.find((p) => p.name === name);
        if (!partition || !source) continue;
        table.replaceRows(partition, this.restoredRows.get(request.targetName)?.get(name) ?? []);
        partition.visibleVersion = source.version;
      }
    }
    for (const table of this.lockedTables) table.state = 'NORMAL';
    this.unfinishedTasks.clear();
    this.finish();
  }

  get tableNames(): string[] {
    return this.options.tables.map((t) => t.targetName);
  }
}

function rangesOverlap(existing: Partition, source: { lowerBound?: string | null; upperBound?: string | null }): boolean {
  const lowA = existing.lowerBound ?? null;
  const highA = existing.upperBound ?? null;
  const lowB = source.lowerBound ?? null;
  const highB = source.upperBound ?? null;
  // Bounds are canonical texts of one type; equal-width date/number texts compare correctly only
  // when numeric, so compare as numbers when both sides are numeric.
  const less = (a: string, b: string) => (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b) ? Number(a) < Number(b) : a < b);
  const startsBeforeEnd = (low: string | null, high: string | null) => low === null || high === null || less(low, high);
  return startsBeforeEnd(lowB, highA) && startsBeforeEnd(lowA, highB);
}
