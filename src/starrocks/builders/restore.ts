/**
 * RESTORE, in the grammar the server speaks: `RESTORE SNAPSHOT label FROM repo DATABASE db [AS target]`
 * (3.4+) or `RESTORE SNAPSHOT db.label FROM repo` (earlier). Always marked destructive: it overwrites
 * existing tables of the same name and locks them while it runs.
 */
import { nameIssue, qualifiedName, quoteIdentifier } from '../identifiers';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { ValidationIssue } from '../dialectError';
import { validateRestoreProperties } from '../validation/jobProperties';
import { TableSelection, validateRestoreTables } from '../validation/tableSelection';
import { Capabilities } from '../version';
import { onClause, propertiesClause } from './sqlParts';

export interface RestoreProperties {
  replicationNum?: number;
  /** Allow loads into the restored tables while the job runs (default false). */
  allowLoad?: boolean;
  /** At least 600. The server default is 86400. */
  timeoutSeconds?: number;
  metaVersion?: number;
  starrocksMetaVersion?: number;
}

export interface RestoreSpec {
  /** The database the snapshot was taken of. */
  database: string;
  label: string;
  repository: string;
  /** The snapshot's Timestamp from SHOW SNAPSHOT, verbatim (the `backup_timestamp` property). */
  timestamp: string;
  /** 3.4+: restore into this database instead (`DATABASE x AS y`); created when missing. */
  targetDatabase?: string;
  /** Tables to restore, with partitions and aliases; absent or empty restores everything in the snapshot. */
  tables?: TableSelection[];
  properties?: RestoreProperties;
}

export function restorePropertyMap(spec: Pick<RestoreSpec, 'timestamp' | 'properties'>): Record<string, string> {
  const props = spec.properties ?? {};
  const map: Record<string, string> = { backup_timestamp: spec.timestamp };
  const optional: [string, number | boolean | undefined][] = [
    ['replication_num', props.replicationNum],
    ['allow_load', props.allowLoad],
    ['timeout', props.timeoutSeconds],
    ['meta_version', props.metaVersion],
    ['starrocks_meta_version', props.starrocksMetaVersion],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) {
      map[key] = String(value);
    }
  }
  return map;
}

/** True when the restore goes to a database with another name than the snapshot's. */
function renames(spec: RestoreSpec): boolean {
  return spec.targetDatabase !== undefined && spec.targetDatabase !== spec.database;
}

function targetDatabaseIssues(spec: RestoreSpec, caps: Capabilities): ValidationIssue[] {
  if (spec.targetDatabase === undefined) {
    return [];
  }
  if (renames(spec) && !caps.newBackupGrammar) {
    return [
      {
        key: 'targetDatabase',
        message: 'Restoring into another database (RESTORE … DATABASE x AS y) needs StarRocks 3.4 or later',
        fix: `Restore into ${spec.database}, the database the snapshot was taken of.`,
      },
    ];
  }
  return collectIssues(nameIssue('database', spec.targetDatabase, 'targetDatabase'));
}

/** All issues with a RESTORE spec; empty when `buildRestore` will succeed. */
export function validateRestore(spec: RestoreSpec, caps: Capabilities): ValidationIssue[] {
  return collectIssues(
    nameIssue('database', spec.database, 'database'),
    nameIssue('snapshot', spec.label, 'label'),
    nameIssue('repository', spec.repository, 'repository'),
    targetDatabaseIssues(spec, caps),
    validateRestoreTables(spec.tables ?? []),
    validateRestoreProperties(restorePropertyMap(spec), caps),
  );
}

/**
 * Whether to write the 3.4+ grammar: on a known 3.4+ server, or when the version is unknown and the
 * restore goes into another database (`DATABASE x AS y`), which only the new grammar can say.
 */
export function restoreUsesNewGrammar(spec: RestoreSpec, caps: Capabilities): boolean {
  return caps.newBackupGrammar && (caps.versionKnown || renames(spec));
}

function restoreNotes(spec: RestoreSpec, caps: Capabilities): string[] {
  const notes = ['Existing tables with the same names are overwritten.'];
  if (!caps.versionKnown && !renames(spec)) {
    notes.push(
      `The server version is unknown, so the statement uses the form every version accepts; before StarRocks 3.4, RESTORE does not create databases: ${spec.database} must exist.`,
    );
  } else if (!caps.newBackupGrammar) {
    notes.push(`Before StarRocks 3.4, RESTORE does not create databases: ${spec.database} must exist.`);
  } else if (renames(spec)) {
    notes.push(`The snapshot of ${spec.database} is restored into ${spec.targetDatabase}, which is created if it does not exist.`);
  }
  return notes;
}

export function buildRestore(spec: RestoreSpec, caps: Capabilities): BuiltStatement {
  throwIfIssues(validateRestore(spec, caps));
  const newGrammar = restoreUsesNewGrammar(spec, caps);
  let source: string;
  if (newGrammar) {
    const alias = renames(spec) ? ` AS ${quoteIdentifier(spec.targetDatabase as string)}` : '';
    source = `${quoteIdentifier(spec.label)} FROM ${quoteIdentifier(spec.repository)} DATABASE ${quoteIdentifier(spec.database)}${alias}`;
  } else {
    source = `${qualifiedName(spec.database, spec.label)} FROM ${quoteIdentifier(spec.repository)}`;
  }
  const sql = `RESTORE SNAPSHOT ${source}${onClause(spec.tables, newGrammar)}${propertiesClause(restorePropertyMap(spec))}`;
  return builtStatement(sql, { destructive: true, notes: restoreNotes(spec, caps) });
}
