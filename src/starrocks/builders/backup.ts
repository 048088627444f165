/** BACKUP, in the grammar the server speaks: `BACKUP DATABASE db SNAPSHOT label` (3.4+) or `BACKUP SNAPSHOT db.label` (earlier). */
import { nameIssue, qualifiedName, quoteIdentifier } from '../identifiers';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { ValidationIssue } from '../dialectError';
import { validateBackupProperties } from '../validation/jobProperties';
import { TableSelection, validateBackupTables } from '../validation/tableSelection';
import { Capabilities } from '../version';
import { onClause, propertiesClause } from './sqlParts';

export interface BackupProperties {
  /** Only FULL is supported; INCREMENTAL is refused like the server refuses it. */
  type?: string;
  /** At least 600. The server default is 86400. */
  timeoutSeconds?: number;
  /** 4.2+: how long the snapshot is kept, e.g. `7 DAY`; `''` keeps it forever. */
  ttl?: string;
}

export interface BackupSpec {
  database: string;
  /** The snapshot label; it can be used once per repository. */
  label: string;
  repository: string;
  /** Tables to back up, each whole or some partitions; absent or empty backs up the whole database. */
  tables?: TableSelection[];
  properties?: BackupProperties;
}

/** The PROPERTIES map as the server will see it; validated as raw strings like the server does. */
export function backupPropertyMap(props: BackupProperties | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (props?.type !== undefined) {
    map.type = props.type;
  }
  if (props?.timeoutSeconds !== undefined) {
    map.timeout = String(props.timeoutSeconds);
  }
  if (props?.ttl !== undefined) {
    map.ttl = props.ttl;
  }
  return map;
}

/** All issues with a BACKUP spec; empty when `buildBackup` will succeed. */
export function validateBackup(spec: BackupSpec, caps: Capabilities): ValidationIssue[] {
  return collectIssues(
    nameIssue('database', spec.database, 'database'),
    nameIssue('label', spec.label, 'label'),
    nameIssue('repository', spec.repository, 'repository'),
    validateBackupTables(spec.tables ?? []),
    validateBackupProperties(backupPropertyMap(spec.properties), caps),
  );
}

/**
 * Whether to write the 3.4+ grammar. A spec of tables and partitions never needs it (3.4+ still
 * accepts `BACKUP SNAPSHOT db.label … ON (t …)`), so when the version is unknown the form every
 * supported version accepts is written.
 */
export function backupUsesNewGrammar(caps: Capabilities): boolean {
  return caps.newBackupGrammar && caps.versionKnown;
}

export function buildBackup(spec: BackupSpec, caps: Capabilities): BuiltStatement {
  throwIfIssues(validateBackup(spec, caps));
  const newGrammar = backupUsesNewGrammar(caps);
  const target = newGrammar
    ? `DATABASE ${quoteIdentifier(spec.database)} SNAPSHOT ${quoteIdentifier(spec.label)}`
    : `SNAPSHOT ${qualifiedName(spec.database, spec.label)}`;
  const sql = `BACKUP ${target} TO ${quoteIdentifier(spec.repository)}${onClause(spec.tables, newGrammar)}${propertiesClause(backupPropertyMap(spec.properties))}`;
  return builtStatement(sql);
}
