/**
 * Tables, views and their partitions. A partition keeps its rows, split over tablets by the hash
 * of the distribution columns, so a backup can write one file set per tablet and a restore can
 * put them back.
 */
import { createHash } from 'node:crypto';
import type { ColumnDef, ColumnType, KeysType, PropertyList } from '../sql/ast';
import type { IdGenerator } from './ids';
import { compareValues, typeFamily, type CellValue, type Row } from './values';

export type TableState = 'NORMAL' | 'RESTORE';
export type TableKind = 'OLAP' | 'VIEW' | 'MATERIALIZED_VIEW';

export interface Column {
  name: string;
  type: ColumnType;
  nullable: boolean;
  isKey: boolean;
  defaultValue?: string | null;
  aggregation?: string;
  comment?: string;
}

export interface Tablet {
  id: number;
  rows: Row[];
}

export interface Partition {
  id: number;
  name: string;
  /** Exclusive upper bound of a range partition (undefined = MAXVALUE); unused for unpartitioned tables. */
  upperBound?: CellValue;
  /** Inclusive lower bound (undefined = MIN). */
  lowerBound?: CellValue;
  visibleVersion: number;
  visibleVersionTime: Date;
  tablets: Tablet[];
}

export interface TableSpec {
  name: string;
  kind: TableKind;
  columns: Column[];
  keysType: KeysType;
  partitionColumn?: string;
  distributionColumns: string[];
  buckets: number;
  properties: Record<string, string>;
  comment?: string;
  viewQuery?: string;
}

export class Table {
  readonly id: number;
  readonly indexId: number;
  readonly schemaHash: number;
  readonly createTime = new Date();
  state: TableState = 'NORMAL';
  readonly partitions: Partition[] = [];

  constructor(
    readonly spec: TableSpec,
    private readonly ids: IdGenerator,
  ) {
    this.id = ids.next();
    this.indexId = ids.next();
    this.schemaHash = Math.abs(createHash('md5').update(JSON.stringify(spec.columns)).digest().readInt32BE(0));
  }

  get name(): string {
    return this.spec.name;
  }

  get isPartitioned(): boolean {
    return this.spec.partitionColumn !== undefined;
  }

  get isOlap(): boolean {
    return this.spec.kind === 'OLAP';
  }

  column(name: string): Column | undefined {
    const lower = name.toLowerCase();
    return this.spec.columns.find((c) => c.name.toLowerCase() === lower);
  }

  partition(name: string): Partition | undefined {
    return this.partitions.find((p) => p.name === name);
  }

  /** Adds a partition with empty tablets; ranges are kept sorted by upper bound. */
  addPartition(name: string, lowerBound: CellValue | undefined, upperBound: CellValue | undefined): Partition {
    const partition: Partition = {
      id: this.ids.next(),
      name,
      lowerBound,
      upperBound,
      visibleVersion: 1,
      visibleVersionTime: new Date(),
      tablets: Array.from({ length: this.spec.buckets }, () => ({ id: this.ids.next(), rows: [] })),
    };
    this.partitions.push(partition);
    this.sortPartitions();
    return partition;
  }

  private sortPartitions(): void {
    if (!this.isPartitioned) return;
    const family = typeFamily(this.partitionColumnDef().type);
    this.partitions.sort((a, b) => {
      if (a.upperBound === undefined) return 1;
      if (b.upperBound === undefined) return -1;
      return compareValues(a.upperBound, b.upperBound, family);
    });
  }

  partitionColumnDef(): Column {
    const column = this.spec.partitionColumn && this.column(this.spec.partitionColumn);
    if (!column) throw new Error(`table ${this.name} is not range partitioned`);
    return column;
  }

  /** The partition whose range holds the row, or undefined when it falls outside every range. */
  partitionFor(row: Row): Partition | undefined {
    if (!this.isPartitioned) return this.partitions[0];
    const column = this.partitionColumnDef();
    const family = typeFamily(column.type);
    const value = row[column.name];
    return this.partitions.find(
      (p) =>
        (p.lowerBound === undefined || (value !== null && compareValues(value, p.lowerBound, family) >= 0)) &&
        (p.upperBound === undefined || compareValues(value, p.upperBound, family) < 0),
    );
  }

  /** Routes a row to its tablet by hashing the distribution columns (BUCKETS n). */
  tabletFor(partition: Partition, row: Row): Tablet {
    const key = this.spec.distributionColumns.map((c) => row[c] ?? '\\N').join('\u0001');
    const hash = createHash('md5').update(key).digest().readUInt32BE(0);
    return partition.tablets[hash % partition.tablets.length];
  }

  /** Appends rows (already coerced and routed), bumping each touched partition's version. */
  insert(rows: { partition: Partition; row: Row }[]): void {
    const touched = new Set<Partition>();
    for (const { partition, row } of rows) {
      this.tabletFor(partition, row).rows.push(row);
      touched.add(partition);
    }
    for (const partition of touched) bumpVersion(partition);
  }

  /** Replaces a partition's rows (restore commit, INSERT OVERWRITE, TRUNCATE). */
  replaceRows(partition: Partition, rows: Row[]): void {
    for (const tablet of partition.tablets) tablet.rows = [];
    for (const row of rows) this.tabletFor(partition, row).rows.push(row);
    bumpVersion(partition);
  }

  rows(partition?: Partition): Row[] {
    const partitions = partition ? [partition] : this.partitions;
    return partitions.flatMap((p) => p.tablets.flatMap((t) => t.rows));
  }

  rowCount(partition?: Partition): number {
    return this.rows(partition).length;
  }
}

function bumpVersion(partition: Partition): void {
  partition.visibleVersion++;
  partition.visibleVersionTime = new Date();
}

export function columnsFromDefs(defs: ColumnDef[], keyColumns: string[]): Column[] {
  const keys = new Set(keyColumns.map((k) => k.toLowerCase()));
  return defs.map((d) => ({
    name: d.name,
    type: d.type,
    nullable: d.nullable,
    isKey: keys.has(d.name.toLowerCase()),
    defaultValue: d.defaultValue,
    aggregation: d.aggregation,
    comment: d.comment,
  }));
}

export function propertiesToRecord(properties: PropertyList): Record<string, string> {
  return Object.fromEntries(properties);
}
