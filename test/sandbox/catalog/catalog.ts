/**
 * The FE's metadata: databases with their tables, views and functions, plus external catalogs.
 * Names are case-sensitive, as StarRocks' defaults make them.
 */
import { IdGenerator } from './ids';
import { Table, type TableSpec } from './table';

export interface FunctionDef {
  name: string;
  signature: string;
  returns: string;
  aggregate: boolean;
  properties: Record<string, string>;
}

export interface ExternalCatalog {
  name: string;
  comment?: string;
  properties: Record<string, string>;
}

export class Database {
  readonly tables = new Map<string, Table>();
  readonly functions = new Map<string, FunctionDef>();
  readonly createTime = new Date();

  constructor(
    readonly id: number,
    readonly name: string,
  ) {}

  table(name: string): Table | undefined {
    return this.tables.get(name);
  }
}

export class Catalog {
  readonly ids = new IdGenerator();
  private readonly databases = new Map<string, Database>();
  readonly externalCatalogs = new Map<string, ExternalCatalog>();
  readonly globalFunctions = new Map<string, FunctionDef>();

  database(name: string): Database | undefined {
    return this.databases.get(name);
  }

  databaseNames(): string[] {
    return [...this.databases.keys()].sort();
  }

  allDatabases(): Database[] {
    return [...this.databases.values()];
  }

  databaseById(id: number): Database | undefined {
    return this.allDatabases().find((d) => d.id === id);
  }

  createDatabase(name: string): Database {
    const db = new Database(this.ids.next(), name);
    this.databases.set(name, db);
    return db;
  }

  dropDatabase(name: string): void {
    this.databases.delete(name);
  }

  createTable(db: Database, spec: TableSpec): Table {
    const table = new Table(spec, this.ids);
    db.tables.set(spec.name, table);
    return table;
  }
}
