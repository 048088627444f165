/**
 * The statements the sandbox parser produces. Only what the executor needs is kept; names and
 * shapes follow StarRocks' AST classes where one exists (spec §1.4).
 */

/** Start and end of a node, as StarRocks' NodePosition reports it (1-based lines, 0-based columns). */
export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface QualifiedName {
  /** `db.name` → db; undefined when unqualified. */
  db?: string;
  name: string;
}

/** `"k" = "v"` pairs in source order (duplicates keep the last value, as a Java map does). */
export type PropertyList = Map<string, string>;

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'column'; table?: string; name: string }
  | { kind: 'variable'; name: string; system: boolean }
  | { kind: 'call'; name: string; args: Expr[]; star: boolean }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean }
  | { kind: 'isNull'; operand: Expr; negated: boolean }
  | { kind: 'like'; operand: Expr; pattern: Expr; negated: boolean }
  /** `CAST(expr AS type)`; the type's name upper-cased, its arguments dropped (the sandbox casts by family). */
  | { kind: 'cast'; operand: Expr; type: string };

export interface SelectItem {
  expr: Expr | 'star';
  alias?: string;
  /** Source text, used as the column name when there is no alias (as MySQL servers do). */
  text: string;
}

export interface OrderItem {
  expr: Expr;
  descending: boolean;
}

export interface SelectStmt {
  type: 'select';
  items: SelectItem[];
  from?: QualifiedName;
  /** `FROM t [TEMPORARY] PARTITION (p, …)`: read only these partitions (StarRocks.g4 `partitionNames` on `relationPrimary`). */
  partitions?: { names: string[]; temporary: boolean };
  where?: Expr;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

export type ColumnType = { name: string; args: number[] };

export interface ColumnDef {
  name: string;
  type: ColumnType;
  nullable: boolean;
  defaultValue?: string | null;
  comment?: string;
  /** The AGGREGATE KEY column aggregation (SUM, MAX, REPLACE...), if any. */
  aggregation?: string;
}

export type KeysType = 'DUPLICATE' | 'PRIMARY' | 'UNIQUE' | 'AGGREGATE';

export interface RangePartitionDef {
  name: string;
  /** Upper bound values (exclusive); `MAXVALUE` is represented by undefined. */
  lessThan: (string | undefined)[];
}

export interface CreateTableStmt {
  type: 'createTable';
  ifNotExists: boolean;
  name: QualifiedName;
  columns: ColumnDef[];
  keys?: { type: KeysType; columns: string[] };
  partitionBy?: { columns: string[]; partitions: RangePartitionDef[] };
  distribution?: { columns: string[]; buckets?: number; random: boolean };
  properties: PropertyList;
  comment?: string;
}

export type BackupObjectKind = 'TABLE' | 'MV' | 'VIEW' | 'FUNCTION';

export interface BackupObjectRef {
  kind: BackupObjectKind;
  /** `ALL TABLES` and friends. */
  all: boolean;
  name?: QualifiedName;
  partitions?: string[];
  temporaryPartitions: boolean;
  alias?: string;
  /** Where the reference stands in the statement (semantic errors quote it). */
  pos: SourceSpan;
}

export interface BackupStmt {
  type: 'backup';
  label: QualifiedName;
  repo: string;
  database?: string;
  objects: BackupObjectRef[];
  withOnClause: boolean;
  externalCatalogs?: { all: boolean; names: string[] };
  properties: PropertyList;
}

export interface RestoreStmt {
  type: 'restore';
  label: QualifiedName;
  repo: string;
  database?: string;
  databaseAlias?: string;
  objects: BackupObjectRef[];
  withOnClause: boolean;
  externalCatalogs?: { all: boolean; names: { name: string; alias?: string }[] };
  properties: PropertyList;
}

export interface CreateRepositoryStmt {
  type: 'createRepository';
  readOnly: boolean;
  name: string;
  broker?: string;
  location: string;
  properties: PropertyList;
}

export interface ShowSnapshotStmt {
  type: 'showSnapshot';
  repo: string;
  where?: Expr;
  /** Source text of the WHERE expression, for error messages. */
  whereText?: string;
}

export interface ShowJobsStmt {
  type: 'showBackup' | 'showRestore';
  db?: string;
  where?: Expr;
  orderBy: OrderItem[];
  limit?: number;
}

export interface CancelJobStmt {
  type: 'cancelJob';
  kind: 'BACKUP' | 'RESTORE';
  db?: string;
  externalCatalog: boolean;
}

export type Statement =
  | SelectStmt
  | CreateTableStmt
  | BackupStmt
  | RestoreStmt
  | CreateRepositoryStmt
  | ShowSnapshotStmt
  | ShowJobsStmt
  | CancelJobStmt
  | { type: 'dropRepository'; name: string }
  | { type: 'showRepositories' }
  | { type: 'dropSnapshot'; label: string; repo: string; force: boolean }
  | { type: 'createDatabase'; name: string; ifNotExists: boolean }
  | { type: 'dropDatabase'; name: string; ifExists: boolean; force: boolean }
  | { type: 'dropTable'; name: QualifiedName; ifExists: boolean; force: boolean; view: boolean }
  | { type: 'createView'; name: QualifiedName; orReplace: boolean; ifNotExists: boolean; query: string; columns: string[] }
  | {
      type: 'createFunction';
      name: QualifiedName;
      global: boolean;
      signature: string;
      returns: string;
      properties: PropertyList;
      aggregate: boolean;
    }
  | { type: 'dropFunction'; name: QualifiedName; signature: string; ifExists: boolean }
  | { type: 'createCatalog'; name: string; ifNotExists: boolean; comment?: string; properties: PropertyList }
  | { type: 'dropCatalog'; name: string; ifExists: boolean }
  | { type: 'insert'; table: QualifiedName; columns?: string[]; rows: Expr[][]; overwrite: boolean; partitions?: string[] }
  | { type: 'truncate'; table: QualifiedName }
  | { type: 'use'; db: string }
  | { type: 'set'; assignments: { name: string; value: Expr; scope: 'SESSION' | 'GLOBAL' | 'USER' }[] }
  | { type: 'showDatabases'; like?: string }
  | { type: 'showTables'; db?: string; full: boolean; like?: string }
  | { type: 'showPartitions'; table: QualifiedName; temporary: boolean }
  | { type: 'showCreateTable'; table: QualifiedName; view: boolean }
  | { type: 'showCreateDatabase'; db: string }
  | { type: 'describe'; table: QualifiedName }
  | { type: 'showVariables'; global: boolean; like?: string; where?: Expr }
  | { type: 'showGrants'; user?: string }
  | { type: 'showFrontends' }
  | { type: 'showCatalogs' }
  | { type: 'showFunctions'; db?: string; global: boolean }
  | { type: 'showProcesslist'; full: boolean }
  | { type: 'showStatus' }
  | { type: 'adminShowConfig'; like?: string }
  | { type: 'grant'; privileges: string[]; object: string; user: string; revoke: boolean }
  | { type: 'empty' };

export type StatementType = Statement['type'];
