/**
 * Validation that mirrors the server's own checks and messages. Every function returns
 * `{ key?, message, fix? }[]` (empty when all is well) so the UI can show what to do.
 */
export type { ValidationIssue } from '../dialectError';
export type { PropertyMap } from './jobProperties';
export {
  validateBackupProperties,
  validateRestoreProperties,
  backupPropertyKeys,
  RESTORE_PROPERTY_KEYS,
  SNAPSHOT_TIMESTAMP,
} from './jobProperties';
export { validateSnapshotTtl } from './snapshotTtl';
export { validateRepositoryProperties, S3_KEYS } from './repositoryProperties';
export type { TableSelection } from './tableSelection';
export { validateBackupTables, validateRestoreTables, tableNameIssues } from './tableSelection';
export { validateLabelUnique, validateNoRunningJob } from './conflicts';
export { validatePropertiesForStatement } from './statementProperties';
export type { PropertiesStatementKind } from './statementProperties';
export { parseJavaInt, parseJavaLong } from './javaNumbers';
