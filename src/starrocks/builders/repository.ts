/** CREATE REPOSITORY and DROP REPOSITORY. */
import { nameIssue, quoteIdentifier, quoteString } from '../identifiers';
import { isS3Scheme, normalizeLocation, parseLocation, validateLocation } from '../location';
import { BuiltStatement, builtStatement, collectIssues, throwIfIssues } from '../builtStatement';
import { ValidationIssue } from '../dialectError';
import { isPlaceholder } from '../placeholders';
import { validateRepositoryProperties } from '../validation/repositoryProperties';
import { Capabilities } from '../version';
import { credentialIssues, credentialProperties, needsS3Location, RepositoryCredentials } from './credentials';
import { propertiesClause } from './sqlParts';

export type { RepositoryCredentials } from './credentials';

export interface CreateRepositorySpec {
  name: string;
  /** e.g. `s3a://bucket/backups`; `s3://` and `s3n://` become `s3a://` with a note. */
  location: string;
  /** READ ONLY repositories accept RESTORE but not BACKUP: the way to read another cluster's snapshots. */
  readOnly?: boolean;
  /** A broker name; normally absent (the FE and BEs use their own S3 clients since 2.5). */
  broker?: string;
  credentials: RepositoryCredentials;
  /** More properties, e.g. for HDFS. Cannot repeat a key the credential method sets. */
  extraProperties?: Record<string, string>;
  /**
   * Accept placeholder values (`<region>`, see `placeholders.ts`) for what is not known: the
   * statement is copied for the user to complete, never run as it is.
   */
  placeholders?: boolean;
}

function mergeProperties(spec: CreateRepositorySpec): { props: Record<string, string>; issues: ValidationIssue[] } {
  const props = credentialProperties(spec.credentials);
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(spec.extraProperties ?? {})) {
    if (key in props) {
      issues.push({
        key,
        message: `The property ${key} is already set by the chosen credentials`,
        fix: 'Remove it from the extra properties.',
      });
    } else {
      props[key] = value;
    }
  }
  return { props, issues };
}

function locationSchemeIssues(spec: CreateRepositorySpec): ValidationIssue[] {
  if (!needsS3Location(spec.credentials) || validateLocation(spec.location).length > 0) {
    return [];
  }
  const { scheme } = parseLocation(spec.location);
  return isS3Scheme(scheme)
    ? []
    : [
        {
          key: 'location',
          message: `S3 credentials need an s3a:// location, not ${scheme}://`,
          fix: 'Use s3a://bucket/path, or choose no credential method for other storage.',
        },
      ];
}

/** All issues with a CREATE REPOSITORY spec; empty when `buildCreateRepository` will succeed. */
export function validateCreateRepository(spec: CreateRepositorySpec, caps: Capabilities): ValidationIssue[] {
  const { props, issues: mergeIssues } = mergeProperties(spec);
  const brokerIssues =
    spec.broker !== undefined && spec.broker.trim() === ''
      ? [
          {
            key: 'broker',
            message: 'You must specify the broker of the repository',
            fix: 'Leave the broker out to use the built-in S3 client.',
          },
        ]
      : [];
  const issues = collectIssues(
    nameIssue('repository', spec.name, 'name'),
    brokerIssues,
    validateLocation(spec.location),
    locationSchemeIssues(spec),
    credentialIssues(spec.credentials),
    mergeIssues,
    validateRepositoryProperties(props, caps, spec.location),
  );
  return spec.placeholders ? issues.filter((issue) => !(issue.key !== undefined && isPlaceholder(props[issue.key]))) : issues;
}

/**
 * `CREATE [READ ONLY] REPOSITORY `name` WITH BROKER ON LOCATION '…' PROPERTIES (…)`.
 * CREATE REPOSITORY is synchronous: the FE contacts the storage before it answers.
 */
export function buildCreateRepository(spec: CreateRepositorySpec, caps: Capabilities): BuiltStatement {
  throwIfIssues(validateCreateRepository(spec, caps));
  const { location, note } = normalizeLocation(spec.location);
  const { props } = mergeProperties(spec);
  const broker = spec.broker === undefined ? '' : ' ' + quoteIdentifier(spec.broker);
  const sql = `CREATE ${spec.readOnly ? 'READ ONLY ' : ''}REPOSITORY ${quoteIdentifier(spec.name)} WITH BROKER${broker} ON LOCATION ${quoteString(location)}${propertiesClause(props)}`;
  return builtStatement(sql, { notes: note ? [note] : [] });
}

/** DROP REPOSITORY removes the FE's record only; the files on storage stay. */
export function buildDropRepository(name: string): BuiltStatement {
  throwIfIssues(collectIssues(nameIssue('repository', name, 'name')));
  return builtStatement(`DROP REPOSITORY ${quoteIdentifier(name)}`, {
    destructive: true,
    notes: [
      'Only the repository record is removed; its snapshots stay on storage and reappear when a repository with the same name and location is created again.',
    ],
  });
}
