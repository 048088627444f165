/** Counters and a log of every statement the FE received, for tests that assert on traffic. */

export interface StatementLogEntry {
  /** ISO time the statement arrived. */
  time: string;
  connectionId: number;
  user: string;
  sql: string;
  /** Statement kind, e.g. `SHOW BACKUP`, `BACKUP`, `SELECT`; `SYNTAX ERROR` when it did not parse. */
  kind: string;
  /** `<errno>: <message>` when the statement failed. */
  error?: string;
}

export interface SandboxStats {
  /** Statements received (each statement of a multi-statement query counts). */
  statements: number;
  /** Per statement kind, e.g. `{ 'SHOW BACKUP': 3 }`. */
  byKind: Record<string, number>;
  errors: number;
  connections: number;
}

/** Keeps the last entries only, so a long-running sandbox does not grow without bound. */
const LOG_LIMIT = 10_000;

export class StatementStats {
  private statements = 0;
  private errors = 0;
  private connections = 0;
  private byKind = new Map<string, number>();
  private log: StatementLogEntry[] = [];

  record(entry: StatementLogEntry): void {
    this.statements++;
    this.byKind.set(entry.kind, (this.byKind.get(entry.kind) ?? 0) + 1);
    if (entry.error) this.errors++;
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  connectionOpened(): void {
    this.connections++;
  }

  snapshot(): SandboxStats {
    return { statements: this.statements, byKind: Object.fromEntries(this.byKind), errors: this.errors, connections: this.connections };
  }

  entries(): StatementLogEntry[] {
    return [...this.log];
  }

  reset(): void {
    this.statements = 0;
    this.errors = 0;
    this.connections = 0;
    this.byKind = new Map();
    this.log = [];
  }
}

/** The kind a statement is counted under: its leading keywords, upper-case. */
export function statementKind(type: string): string {
  return STATEMENT_KINDS[type] ?? type.toUpperCase();
}

const STATEMENT_KINDS: Record<string, string> = {
  select: 'SELECT',
  createTable: 'CREATE TABLE',
  backup: 'BACKUP',
  restore: 'RESTORE',
  createRepository: 'CREATE REPOSITORY',
  showSnapshot: 'SHOW SNAPSHOT',
  showBackup: 'SHOW BACKUP',
  showRestore: 'SHOW RESTORE',
  cancelJob: 'CANCEL',
  dropRepository: 'DROP REPOSITORY',
  showRepositories: 'SHOW REPOSITORIES',
  dropSnapshot: 'DROP SNAPSHOT',
  createDatabase: 'CREATE DATABASE',
  dropDatabase: 'DROP DATABASE',
  dropTable: 'DROP TABLE',
  createView: 'CREATE VIEW',
  createFunction: 'CREATE FUNCTION',
  dropFunction: 'DROP FUNCTION',
  createCatalog: 'CREATE EXTERNAL CATALOG',
  dropCatalog: 'DROP CATALOG',
  insert: 'INSERT',
  truncate: 'TRUNCATE',
  use: 'USE',
  set: 'SET',
  showDatabases: 'SHOW DATABASES',
  showTables: 'SHOW TABLES',
  showPartitions: 'SHOW PARTITIONS',
  showCreateTable: 'SHOW CREATE TABLE',
  showCreateDatabase: 'SHOW CREATE DATABASE',
  describe: 'DESC',
  showVariables: 'SHOW VARIABLES',
  showGrants: 'SHOW GRANTS',
  showFrontends: 'SHOW FRONTENDS',
  showCatalogs: 'SHOW CATALOGS',
  showFunctions: 'SHOW FUNCTIONS',
  showProcesslist: 'SHOW PROCESSLIST',
  showStatus: 'SHOW STATUS',
  adminShowConfig: 'ADMIN SHOW FRONTEND CONFIG',
  grant: 'GRANT',
  empty: 'EMPTY',
};
