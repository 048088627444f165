/**
 * A BACKUP job through the FE's state machine (spec §4.1):
 * PENDING → SNAPSHOTING → UPLOAD_SNAPSHOT → UPLOADING → SAVE_META → UPLOAD_INFO → FINISHED.
 * Data is copied at PENDING (the snapshot), tablet files go to storage during UPLOADING, and
 * `__meta` then `__info_<ts>` are written in UPLOAD_INFO.
 */
import type { Database, FunctionDef } from '../catalog/catalog';
import type { Table } from '../catalog/table';
import type { Row } from '../catalog/values';
import { snapshotPaths } from '../repository/layout';
import type { Repository } from '../repository/repositoryManager';
import {
  encodeMeta,
  encodeTablet,
  META_VERSION,
  STARROCKS_META_VERSION,
  type JobInfoJson,
  type SnapshotMeta,
  type TableMeta,
  type TabletFile,
} from '../repository/snapshotFiles';
import { formatSnapshotTimestamp } from '../util/timeFormat';
import { AbstractJob, backendOf, batchesPerBackend, type JobStatus, type TransferTask } from './abstractJob';

export type BackupState =
  'PENDING' | 'SNAPSHOTING' | 'UPLOAD_SNAPSHOT' | 'UPLOADING' | 'SAVE_META' | 'UPLOAD_INFO' | 'FINISHED' | 'CANCELLED';

/** A table (or view) to back up, with the partitions named in the statement. */
export interface BackupTarget {
  table: Table;
  partitions?: string[];
}

export interface BackupJobOptions {
  label: string;
  db: Database;
  repo: Repository;
  timeoutMs: number;
  targets: BackupTarget[];
  functions: FunctionDef[];
  /** 4.2 retention: the cluster that writes the snapshot, and its ttl (`'7 DAY'`, or '' for none). */
  retention?: { clusterId: string; ttl?: string; ttlMs?: number };
  /** Files one upload task moves per poll (job speed). */
  filesPerStep: () => number;
}

interface TabletSnapshot {
  tableName: string;
  partitionName: string;
  ids: { dbId: number; tableId: number; partitionId: number; indexId: number; tabletId: number };
  schemaHash: number;
  version: number;
  rows: Row[];
}

type UploadTask = TransferTask<{ tablet: TabletSnapshot; file: TabletFile }>;

export class BackupJob extends AbstractJob {
  readonly kind = 'BACKUP';
  state: BackupState = 'PENDING';
  uploadFinishedTime?: Date;
  private tablets: TabletSnapshot[] = [];
  private tableMetas: TableMeta[] = [];
  private uploadTasks: UploadTask[] = [];
  /** Final (checksummed) file names per tablet id, for the info file. */
  private readonly uploaded = new Map<number, string[]>();
  private info?: JobInfoJson;
  private meta?: SnapshotMeta;

  constructor(
    private readonly options: BackupJobOptions,
    private readonly nextId: () => number,
  ) {
    super(options.label, options.db.name, options.db.id, options.repo.name, options.timeoutMs);
  }

  /** The snapshot timestamp (`__info_<ts>`) and what RESTORE needs as backup_timestamp. */
  get timestamp(): string {
    return formatSnapshotTimestamp(this.createTime);
  }

  /** `[db.tbl]`, `[db.tbl PARTITIONS (p1, p2)]` joined with ", " (BackupObjs). */
  backupObjects(): string {
    return this.options.targets
      .map((t) => `[${this.dbName}.${t.table.name}${t.partitions ? ` PARTITIONS (${t.partitions.join(', ')})` : ''}]`)
      .join(', ');
  }

  showRow(): (string | null)[] {
    return [
      String(this.jobId),
      this.label,
      this.dbName,
      this.state,
      this.backupObjects(),
      this.time(this.createTime),
      this.time(this.snapshotFinishedTime),
      this.time(this.uploadFinishedTime),
      this.time(this.finishedTime),
      ...this.commonTail(),
    ];
  }

  timeoutStatus(): JobStatus {
    return { code: 'TIMEOUT', message: '' };
  }

  userCancelStatus(): JobStatus {
    return { code: 'COMMON_ERROR', message: 'user cancelled' };
  }

  /** Files already written stay in the repository, as on a real cluster. */
  protected onCancel(): void {
    this.tablets = [];
  }

  protected readonly steps: Partial<Record<BackupState, () => Promise<void>>> = {
    PENDING: () => this.prepareSnapshot(),
    SNAPSHOTING: () => this.waitForSnapshots(),
    UPLOAD_SNAPSHOT: () => this.createUploadTasks(),
    UPLOADING: () => this.upload(),
    SAVE_META: () => this.saveMeta(),
    UPLOAD_INFO: () => this.uploadInfo(),
  };

  /** PENDING: allocate the job id and copy every selected partition's rows and schema. */
  private async prepareSnapshot(): Promise<void> {
    this.jobId = this.nextId();
    for (const target of this.options.targets) {
      const table = target.table;
      const partitions = table.partitions.filter((p) => !target.partitions || target.partitions.includes(p.name));
      this.tableMetas.push(tableMeta(table, partitions));
      if (!table.isOlap) continue;
      for (const partition of partitions) {
        for (const tablet of partition.tablets) {
          this.tablets.push({
            tableName: table.name,
            partitionName: partition.name,
            ids: { dbId: this.dbId, tableId: table.id, partitionId: partition.id, indexId: table.indexId, tabletId: tablet.id },
            schemaHash: table.schemaHash,
            version: partition.visibleVersion,
            rows: tablet.rows.map((row) => ({ ...row })),
          });
          this.unfinishedTasks.set(tablet.id, backendOf(tablet.id));
        }
      }
    }
    this.state = 'SNAPSHOTING';
  }

  /** SNAPSHOTING: the BEs finish their snapshot tasks over a couple of polls. */
  private async waitForSnapshots(): Promise<void> {
    if (this.snapshotTasksDone()) this.state = 'UPLOAD_SNAPSHOT';
  }

  /** UPLOAD_SNAPSHOT: at most three upload tasks per backend, each with a share of the tablets. */
  private async createUploadTasks(): Promise<void> {
    for (const { backend, items } of batchesPerBackend(this.tablets, (tablet) => tablet.ids.tabletId)) {
      const files = items.flatMap((tablet) =>
        encodeTablet(tablet.ids.tabletId, tablet.schemaHash, tablet.version, tablet.rows).map((file) => ({ tablet, file })),
      );
      this.addTransferTask(this.uploadTasks, this.nextId(), backend, files);
    }
    this.state = 'UPLOADING';
  }

  /**
   * UPLOADING: each task writes a few files per poll (`.part`, then renamed to `.<md5>`). A
   * storage error is reported in TaskErrMsg and retried on the next poll, until the job times out.
   */
  private async upload(): Promise<void> {
    if (!(await this.transferStep(this.uploadTasks, this.options.filesPerStep, (f) => this.uploadFile(f)))) return;
    this.uploadFinishedTime = new Date();
    this.state = 'SAVE_META';
  }

  private async uploadFile({ tablet, file }: UploadTask['files'][number]): Promise<void> {
    const key = await this.options.repo.storage.uploadChecksummed(
      snapshotPaths.tabletDir(this.label, tablet.ids) + file.name,
      file.content,
    );
    const name = key.slice(key.lastIndexOf('/') + 1);
    this.uploaded.set(tablet.ids.tabletId, [...(this.uploaded.get(tablet.ids.tabletId) ?? []), name]);
  }

  /** SAVE_META: build `__meta` and the job-info JSON. */
  private async saveMeta(): Promise<void> {
    this.meta = {
      format: 'starrocks-sandbox-backup-meta/1',
      database: this.dbName,
      tables: this.tableMetas,
      functions: this.options.functions.map((f) => ({ ...f })),
    };
    this.info = this.buildInfo();
    this.state = 'UPLOAD_INFO';
  }

  private buildInfo(): JobInfoJson {
    const objects: JobInfoJson['backup_objects'] = {};
    for (const meta of this.tableMetas.filter((t) => t.kind === 'OLAP')) {
      const partitions: JobInfoJson['backup_objects'][string]['partitions'] = {};
      for (const p of meta.partitions) {
        const tabletIds = p.tabletIds.map(String);
        partitions[p.name] = {
          id: p.id,
          version: p.version,
          version_hash: 0,
          indexes: {
            [meta.name]: {
              id: meta.indexId,
              schema_hash: meta.schemaHash,
              tablets: Object.fromEntries(tabletIds.map((id) => [id, this.uploaded.get(Number(id)) ?? []])),
              tablets_order: tabletIds,
            },
          },
          subPartitions: {},
        };
      }
      objects[meta.name] = { id: meta.id, partitions };
    }
    return {
      name: this.label,
      database: this.dbName,
      id: this.dbId,
      backup_time: this.createTime.getTime(),
      backup_objects: objects,
      meta_version: META_VERSION,
      starrocks_meta_version: STARROCKS_META_VERSION,
      backup_result: 'succeed',
    };
  }

  /** UPLOAD_INFO: `__meta` first, then `__info_<ts>`; errors here are retried until timeout. */
  private async uploadInfo(): Promise<void> {
    if (!this.meta || !this.info) return;
    try {
      await this.options.repo.storage.uploadChecksummed(snapshotPaths.meta(this.label), encodeMeta(this.meta));
      const info = this.withRetention(this.info);
      await this.options.repo.storage.uploadChecksummed(snapshotPaths.info(this.label, this.timestamp), JSON.stringify(info));
      this.status = { code: 'OK' };
      this.finish();
    } catch (e) {
      this.status = { code: 'COMMON_ERROR', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** 4.2: the info file records which cluster wrote it, when, and until when it is kept. */
  private withRetention(info: JobInfoJson): JobInfoJson {
    const retention = this.options.retention;
    if (!retention) return info;
    const finishTime = Date.now();
    return {
      ...info,
      cluster_id: retention.clusterId,
      finish_time: finishTime,
      ttl: retention.ttl ?? '',
      ...(retention.ttlMs ? { expire_time: finishTime + retention.ttlMs } : {}),
    };
  }

  /** Tables this job reads (for DROP SNAPSHOT's "a backup is writing it"). */
  get tableNames(): string[] {
    return this.options.targets.map((t) => t.table.name);
  }
}

function tableMeta(table: Table, partitions: Table['partitions']): TableMeta {
  return {
    id: table.id,
    name: table.name,
    kind: table.spec.kind,
    indexId: table.indexId,
    schemaHash: table.schemaHash,
    columns: table.spec.columns.map((c) => ({ ...c })),
    keysType: table.spec.keysType,
    partitionColumn: table.spec.partitionColumn,
    distributionColumns: [...table.spec.distributionColumns],
    buckets: table.spec.buckets,
    properties: { ...table.spec.properties },
    comment: table.spec.comment,
    viewQuery: table.spec.viewQuery,
    partitions: partitions.map((p) => ({
      id: p.id,
      name: p.name,
      lowerBound: p.lowerBound,
      upperBound: p.upperBound,
      version: p.visibleVersion,
      tabletIds: p.tablets.map((t) => t.id),
    })),
  };
}
