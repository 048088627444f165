/**
 * One entry point for checking the PROPERTIES of a statement someone typed, for editor diagnostics:
 * the same checks the builders apply to what they build.
 */
import { ValidationIssue } from '../dialectError';
import { Capabilities } from '../version';
import { PropertyMap, validateBackupProperties, validateRestoreProperties } from './jobProperties';
import { validateRepositoryProperties } from './repositoryProperties';

export type PropertiesStatementKind = 'BACKUP' | 'RESTORE' | 'CREATE REPOSITORY';

/** `location` is the CREATE REPOSITORY location, when known. */
export function validatePropertiesForStatement(
  kind: PropertiesStatementKind,
  props: PropertyMap,
  caps: Capabilities,
  location?: string,
): ValidationIssue[] {
  switch (kind) {
    case 'BACKUP':
      return validateBackupProperties(props, caps);
    case 'RESTORE':
      return validateRestoreProperties(props, caps);
    case 'CREATE REPOSITORY':
      return validateRepositoryProperties(props, caps, location);
  }
}
