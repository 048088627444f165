/**
 * Validation that mirrors the server's own checks and messages. Every function returns
 * `{ key?, message, fix? }[]` (empty when all is well) so the UI can show what to do.
 */
export type { ValidationIssue } from './statement';
export type { PropertyMap } from './validation/jobProperties';
export { validateBackupProperties, validateRestoreProperties, backupPropertyKeys, RESTORE_PROPERTY_KEYS, SNAPSHOT_TIMESTAMP } from './validation/jobProperties';
export { validateSnapshotTtl } from './validation/snapshotTtl';
export { validateRepositoryProperties, S3_KEYS } from './validation/repositoryProperties';
export type { TableSelection } from './validation/tableSelection';
export { validateBackupTables, validateRestoreTables, tableNameIssues } from './validation/tableSelection';
export { validateLabelUnique, validateNoRunningJob } from './validation/conflicts';
export { validatePropertiesForStatement } from './validation/statementProperties';
export type { PropertiesStatementKind } from './validation/statementProperties';
export { parseJavaInt, parseJavaLong } from './validation/javaNumbers';
