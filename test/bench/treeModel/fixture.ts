/**
 * A repository of many snapshots for the tree benchmark. Running 10,000 real BACKUP jobs would take
 * far too long, so the snapshots' info files are written straight into the S3 server's folder
 * (s3rver's on-disk format, as the sizing bench does) under the sandbox's own repository layout
 * (`__ss_<label>/__info_<timestamp>.<md5>`, `__meta.<md5>`); the sandbox's FE then lists them for
 * SHOW SNAPSHOT exactly as it lists snapshots its BACKUP wrote.
 */
import { snapshotPaths, withChecksum } from '../../sandbox/repository/layout';
import { encodeMeta, type JobInfoJson } from '../../sandbox/repository/snapshotFiles';
import { timestampOf, writeS3rverStore, type FixtureObject } from '../../unit/storage/fixture/repositoryFixture';

export interface ManySnapshots {
  /** Key prefix of the repository root inside the bucket (ends with `/`). */
  root: string;
  labels: string[];
}

/** The info file of one snapshot of `demo_sales.orders` (one partition, one tablet). */
function jobInfo(label: string, backupTime: Date, index: number): JobInfoJson {
  const id = 50_000 + index * 10;
  return {
    name: label,
    database: 'demo_sales',
    id,
    backup_time: backupTime.getTime(),
    backup_objects: {
      orders: {
        id: id + 1,
        partitions: {
          p202401: {
            id: id + 2,
            version: 2,
            version_hash: 0,
            indexes: {
              orders: { id: id + 3, schema_hash: 1_000 + index, tablets: { [String(id + 4)]: [] }, tablets_order: [String(id + 4)] },
            },
            subPartitions: {},
          },
        },
      },
    },
    meta_version: 92,
    starrocks_meta_version: 4,
    backup_result: 'succeed',
  };
}

function snapshotFiles(root: string, label: string, backupTime: Date, index: number): FixtureObject[] {
  const info = Buffer.from(JSON.stringify(jobInfo(label, backupTime, index)));
  const meta = encodeMeta({ format: 'starrocks-sandbox-backup-meta/1', database: 'demo_sales', tables: [], functions: [] });
  return [
    { key: root + withChecksum(snapshotPaths.meta(label), meta), body: meta },
    { key: root + withChecksum(snapshotPaths.info(label, timestampOf(backupTime)), info), body: info },
  ];
}

/**
 * Writes `count` complete snapshots, one an hour from 2024-01-01, into the repository root
 * `<prefix>/__starrocks_repository_<repository>/` of `bucket` in the s3rver folder `directory`.
 */
export function writeManySnapshots(directory: string, bucket: string, prefix: string, repository: string, count: number): ManySnapshots {
  const root = `${prefix}/__starrocks_repository_${repository}/`;
  const labels: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  const batch: FixtureObject[] = [];
  for (let i = 0; i < count; i++) {
    const backupTime = new Date(start + i * 3_600_000);
    const stamp = timestampOf(backupTime);
    // The label the extension proposes: <db>_<yyyyMMdd_HHmmss>.
    const label = `demo_sales_${stamp.slice(0, 10).replace(/-/g, '')}_${stamp.slice(11, 19).replace(/-/g, '')}`;
    labels.push(label);
    batch.push(...snapshotFiles(root, label, backupTime, i));
  }
  writeS3rverStore(directory, bucket, batch);
  return { root, labels };
}
