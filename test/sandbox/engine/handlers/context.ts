/** What a statement handler receives, and lookups several handlers share. */
import type { Database } from '../../catalog/catalog';
import type { Table } from '../../catalog/table';
import type { QualifiedName } from '../../sql/ast';
import type { Frontend } from '../frontend';
import type { Session } from '../session';

export interface ExecContext {
  fe: Frontend;
  session: Session;
}

/** The database a statement means: the named one, else the session's; errors as the analyzer. */
export function resolveDatabase(ctx: ExecContext, name: string | undefined): Database {
  const dbName = name ?? ctx.session.database;
  if (!dbName) throw ctx.fe.errors.noDatabaseSelected();
  const db = ctx.fe.catalog.database(dbName);
  if (!db) throw ctx.fe.errors.unknownDatabase(dbName);
  return db;
}

export function resolveTable(ctx: ExecContext, name: QualifiedName): { db: Database; table: Table } {
  const db = resolveDatabase(ctx, name.db);
  const table = db.table(name.name);
  if (!table) throw ctx.fe.errors.unknownTable(`${db.name}.${name.name}`);
  return { db, table };
}
