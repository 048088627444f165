/** The reading statements: listings, and what the extension asks on connect. CANCEL and DROP SNAPSHOT have files of their own. */
import { NameKind, nameIssue, qualifiedName, quoteIdentifier, quoteString } from '../identifiers';
import { JobKind } from '../models';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { DialectError } from '../dialectError';
import { SNAPSHOT_TIMESTAMP } from '../validation/jobProperties';

/** Which snapshots SHOW SNAPSHOT reports: one (optionally one timestamp of it, the detail form) or several. */
export type SnapshotFilter = { snapshot: string; timestamp?: string } | { snapshots: string[] };

function checkNames(...names: [NameKind, string, string][]): void {
  throwIfIssues(collectIssues(...names.map(([kind, name, key]) => nameIssue(kind, name, key))));
}

export function showRepositories(): BuiltStatement {
  return builtStatement('SHOW REPOSITORIES');
}

function snapshotWhere(filter: SnapshotFilter): string {
  if ('snapshots' in filter) {
    if (filter.snapshots.length === 0) {
      throw new DialectError({ message: 'SHOW SNAPSHOT … SNAPSHOT IN () needs at least one snapshot name' });
    }
    checkNames(...filter.snapshots.map((s): [NameKind, string, string] => ['snapshot', s, 'snapshots']));
    return ` WHERE SNAPSHOT IN (${filter.snapshots.map(quoteString).join(', ')})`;
  }
  checkNames(['snapshot', filter.snapshot, 'snapshot']);
  if (filter.timestamp === undefined) {
    return ` WHERE SNAPSHOT = ${quoteString(filter.snapshot)}`;
  }
  if (!SNAPSHOT_TIMESTAMP.test(filter.timestamp)) {
    throw new DialectError({
      key: 'timestamp',
      message: `Invalid snapshot timestamp: '${filter.timestamp}'`,
      fix: 'Copy the Timestamp exactly as SHOW SNAPSHOT reports it.',
    });
  }
  // SNAPSHOT first, then TIMESTAMP: the documented order. Whether the FE accepts the reverse is
  // UNVERIFIED, so the extension never writes it.
  return ` WHERE SNAPSHOT = ${quoteString(filter.snapshot)} AND TIMESTAMP = ${quoteString(filter.timestamp)}`;
}

/** `SHOW SNAPSHOT ON repo [WHERE …]`: the list form, or the detail form when a timestamp is given. */
export function showSnapshots(repository: string, filter?: SnapshotFilter): BuiltStatement {
  checkNames(['repository', repository, 'repository']);
  return builtStatement(`SHOW SNAPSHOT ON ${quoteIdentifier(repository)}${filter ? snapshotWhere(filter) : ''}`);
}

function showJobs(kind: JobKind, database?: string): BuiltStatement {
  if (database === undefined) {
    return builtStatement(`SHOW ${kind}`);
  }
  checkNames(['database', database, 'database']);
  return builtStatement(`SHOW ${kind} FROM ${quoteIdentifier(database)}`);
}

/** Without a database: the last job of every database. */
export function showBackup(database?: string): BuiltStatement {
  return showJobs('BACKUP', database);
}

export function showRestore(database?: string): BuiltStatement {
  return showJobs('RESTORE', database);
}

export function showDatabases(): BuiltStatement {
  return builtStatement('SHOW DATABASES');
}

export function showTables(database: string): BuiltStatement {
  checkNames(['database', database, 'database']);
  return builtStatement(`SHOW TABLES FROM ${quoteIdentifier(database)}`);
}

/** SHOW FULL TABLES: each table's `Table_type` too (`BASE TABLE` or `VIEW`). */
export function showFullTables(database: string): BuiltStatement {
  checkNames(['database', database, 'database']);
  return builtStatement(`SHOW FULL TABLES FROM ${quoteIdentifier(database)}`);
}

export function showPartitions(database: string, table: string): BuiltStatement {
  checkNames(['database', database, 'database'], ['table', table, 'table']);
  return builtStatement(`SHOW PARTITIONS FROM ${qualifiedName(database, table)}`);
}

export function currentVersion(): BuiltStatement {
  return builtStatement('SELECT current_version()');
}

/** MySQL's VERSION(): asked only when current_version() failed, to say what the server is instead. */
export function versionFunction(): BuiltStatement {
  return builtStatement('SELECT VERSION()');
}

/**
 * Asks whether the cluster runs shared-data (BACKUP/RESTORE unsupported there before 4.x docs say
 * otherwise). The answer's `Value` column is `shared_nothing` or `shared_data`; servers before 3.0
 * have no `run_mode` and return no row, which means shared-nothing. Needs a privilege to run
 * ADMIN statements; when it is refused, the caller should assume shared-nothing.
 */
export function showRunMode(): BuiltStatement {
  return builtStatement("ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'");
}

/** The current user's grants (roles and privileges; before 3.0 the old privilege columns). */
export function showGrants(): BuiltStatement {
  return builtStatement('SHOW GRANTS');
}

/** 3.0+: the privileges a role holds. */
export function showRoleGrants(role: string): BuiltStatement {
  return builtStatement(`SHOW GRANTS FOR ROLE ${quoteString(role)}`);
}
