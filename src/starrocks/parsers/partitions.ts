/** SHOW PARTITIONS FROM db.tbl. Shared-nothing and shared-data servers print different columns. */
import { PartitionInfo } from '../models';
import { cellInteger, cellNonEmpty, cellText, cellTime, Row, TimeOptions } from './cells';

export type { PartitionInfo } from '../models';

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };

/** `1.234 KB` → 1264 (the FE prints binary units); undefined when unreadable. */
export function parseDataSize(text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*([KMGTP]?B)\s*$/i.exec(text);
  return m ? Math.round(Number(m[1]) * UNITS[m[2].toUpperCase()]) : undefined;
}

export function parsePartition(row: Row, options?: TimeOptions): PartitionInfo {
  const dataSize = cellNonEmpty(row, 'DataSize');
  return {
    id: cellText(row, 'PartitionId') ?? '',
    name: cellText(row, 'PartitionName') ?? '',
    state: cellNonEmpty(row, 'State'),
    visibleVersion: cellInteger(row, 'VisibleVersion'),
    visibleVersionTime: cellTime(row, 'VisibleVersionTime', options),
    partitionKey: cellNonEmpty(row, 'PartitionKey'),
    range: cellNonEmpty(row, 'Range') ?? cellNonEmpty(row, 'List'),
    distributionKey: cellNonEmpty(row, 'DistributionKey'),
    buckets: cellInteger(row, 'Buckets'),
    replicationNum: cellInteger(row, 'ReplicationNum'),
    storageMedium: cellNonEmpty(row, 'StorageMedium'),
    dataSize,
    dataSizeBytes: parseDataSize(dataSize),
    rowCount: cellInteger(row, 'RowCount'),
  };
}

export function parsePartitions(rows: readonly Row[], options?: TimeOptions): PartitionInfo[] {
  return rows.map((row) => parsePartition(row, options)).filter((p) => p.name !== '');
}
