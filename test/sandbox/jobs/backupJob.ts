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
import { encodeMeta, encodeTablet, META_VERSION, STARROCKS_META_VERSION, type JobInfoJson, type SnapshotMeta, type TableMeta, type TabletFile } from '../repository/snapshotFiles';
import { formatSnapshotTimestamp } from '../util/timeFormat';
import { AbstractJob, backendOf, type JobStatus } from './abstractJob';

export type BackupState = 'PENDING' | 'SNAPSHOTING' | 'UPLOAD_SNAPSHOT' | 'UPLOADING' | 'SAVE_META' | 'UPLOAD_INFO' | 'FINISHED' | 'CANCELLED';

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

interface UploadTask {
  signature: number;
  files: { tablet: TabletSnapshot; file: TabletFile }[];
  done: number;
}

export class BackupJob extends AbstractJob {
  readonly kind = 'BACKUP';
  state: BackupState = 'PENDING';
  snapshotFinishedTime?: Date;
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

  async step(): Promise<void> {
    switch (this.state) {
      case 'PENDING':
        return this.prepareSnapshot();
      case 'SNAPSHOTING':
        return this.waitForSnapshots();
      case 'UPLOAD_SNAPSHOT':
        return this.createUploadTasks();
      case 'UPLOADING':
        return this.upload();
      case 'SAVE_META':
        return this.saveMeta();
      case 'UPLOAD_INFO':
        return this.uploadInfo();
      default:
        return;
    }
  }

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
    const pending = [...this.unfinishedTasks.keys()];
    for (const taskId of pending.slice(0, Math.max(1, Math.ceil(pending.length / 2)))) this.unfinishedTasks.delete(taskId);
    if (this.unfinishedTasks.size > 0) return;
    this.snapshotFinishedTime = new Date();
    this.state = 'UPLOAD_SNAPSHOT';
  }

  /** UPLOAD_SNAPSHOT: at most three upload tasks per backend, each with a share of the tablets. */
  private async createUploadTasks(): Promise<void> {
    const byBackend = new Map<number, TabletSnapshot[]>();
    for (const tablet of this.tablets) {
      const be = backendOf(tablet.ids.tabletId);
      byBackend.set(be, [...(byBackend.get(be) ?? []), tablet]);
    }
    for (const [be, tablets] of byBackend) {
      const batches = Math.min(tablets.length, 3);
      for (let b = 0; b < batches; b++) {
        const share = tablets.filter((_, i) => i % batches === b);
        const files = share.flatMap((tablet) => encodeTablet(tablet.ids.tabletId, tablet.schemaHash, tablet.version, tablet.rows).map((file) => ({ tablet, file })));
        const task: UploadTask = { signature: this.nextId(), files, done: 0 };
        this.uploadTasks.push(task);
        this.unfinishedTasks.set(task.signature, be);
        this.progress.set(task.signature, [0, files.length]);
      }
    }
    this.state = 'UPLOADING';
  }

  /**
   * UPLOADING: each task writes a few files per poll (`.part`, then renamed to `.<md5>`). A
   * storage error is reported in TaskErrMsg and retried on the next poll, until the job times out.
   */
  private async upload(): Promise<void> {
    await Promise.all(this.uploadTasks.filter((t) => t.done < t.files.length).map((task) => this.uploadSome(task)));
    if (this.isDone()) return;
    if (this.faults.failWith !== undefined) {
      this.cancel({ code: 'COMMON_ERROR', message: this.faults.failWith });
      return;
    }
    if (this.uploadTasks.some((t) => t.done < t.files.length)) return;
    this.progress.clear();
    this.uploadFinishedTime = new Date();
    this.state = 'SAVE_META';
  }

  private async uploadSome(task: UploadTask): Promise<void> {
    const batch = task.files.slice(task.done, task.done + this.options.filesPerStep());
    try {
      for (const { tablet, file } of batch) {
        const key = await this.options.repo.storage.uploadChecksummed(snapshotPaths.tabletDir(this.label, tablet.ids) + file.name, file.content);
        const name = key.slice(key.lastIndexOf('/') + 1);
        this.uploaded.set(tablet.ids.tabletId, [...(this.uploaded.get(tablet.ids.tabletId) ?? []), name]);
        task.done++;
        this.progress.set(task.signature, [task.done, task.files.length]);
      }
      this.taskErrors.delete(task.signature);
      if (task.done === task.files.length) this.unfinishedTasks.delete(task.signature);
    } catch (e) {
      this.taskErrors.set(task.signature, e instanceof Error ? e.message : String(e));
    }
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
