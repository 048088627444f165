import type { SnapshotSizeService } from '../../storage/sizeService';
import type { WorkflowDeps } from '../workflows/common/deps';
import type { S3ClientPool } from './s3Clients';

/** What the storage commands need: the workflows' dependencies plus the S3 side. */
export interface StorageDeps extends WorkflowDeps {
  readonly sizes: SnapshotSizeService;
  readonly clients: S3ClientPool;
}
