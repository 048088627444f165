/** How a repository authenticates to S3, turned into the `aws.s3.*` properties the FE and BEs read. */
import { ValidationIssue } from '../dialectError';
import { S3_KEYS } from '../validation/repositoryProperties';

export type RepositoryCredentials =
  /** The EC2 instance profile of the FE and BE hosts. */
  | { method: 'instanceProfile'; region: string }
  /** A role assumed from the instance profile (CelerData's recommended setup). */
  | { method: 'assumeRole'; roleArn: string; externalId?: string; region: string }
  /** IAM user keys, optionally temporary ones with a session token. */
  | { method: 'accessKeys'; accessKey: string; secretKey: string; sessionToken?: string; region?: string; endpoint?: string }
  /** MinIO and other S3-compatible stores. */
  | { method: 's3Compatible'; endpoint: string; accessKey: string; secretKey: string; region?: string; pathStyle?: boolean; ssl?: boolean }
  /** The AWS SDK's default provider chain on the FE and BE hosts. */
  | { method: 'defaultChain'; region?: string }
  /** No credential properties (HDFS without auth, or properties given in `extraProperties`). */
  | { method: 'none' };

function required(value: string | undefined, key: string, label: string): ValidationIssue[] {
  return value === undefined || value.trim() === '' ? [{ key, message: `The ${label} is required`, fix: `Enter the ${label}.` }] : [];
}

/** Fields a credential method needs that the raw property checks cannot know are missing. */
export function credentialIssues(credentials: RepositoryCredentials): ValidationIssue[] {
  switch (credentials.method) {
    case 'instanceProfile':
      return required(credentials.region, S3_KEYS.region, 'region');
    case 'assumeRole':
      return [
        ...required(credentials.roleArn, S3_KEYS.iamRoleArn, 'IAM role ARN'),
        ...required(credentials.region, S3_KEYS.region, 'region'),
      ];
    case 'accessKeys': {
      const issues = [
        ...required(credentials.accessKey, S3_KEYS.accessKey, 'access key'),
        ...required(credentials.secretKey, S3_KEYS.secretKey, 'secret key'),
      ];
      if (!credentials.region && !credentials.endpoint) {
        issues.push({
          key: S3_KEYS.region,
          message: 'Access keys need a region or an endpoint',
          fix: "Enter the bucket's region, e.g. us-east-1.",
        });
      }
      return issues;
    }
    case 's3Compatible':
      return [
        ...required(credentials.endpoint, S3_KEYS.endpoint, 'endpoint'),
        ...required(credentials.accessKey, S3_KEYS.accessKey, 'access key'),
        ...required(credentials.secretKey, S3_KEYS.secretKey, 'secret key'),
      ];
    case 'defaultChain':
    case 'none':
      return [];
  }
}

function optional(props: Record<string, string>, key: string, value: string | boolean | undefined): void {
  if (value !== undefined && value !== '') {
    props[key] = String(value);
  }
}

/** The properties for a credential method, in the order the StarRocks docs show them. */
export function credentialProperties(credentials: RepositoryCredentials): Record<string, string> {
  const props: Record<string, string> = {};
  switch (credentials.method) {
    case 'instanceProfile':
      props[S3_KEYS.useInstanceProfile] = 'true';
      props[S3_KEYS.region] = credentials.region;
      break;
    case 'assumeRole':
      props[S3_KEYS.useInstanceProfile] = 'true';
      props[S3_KEYS.iamRoleArn] = credentials.roleArn;
      optional(props, S3_KEYS.externalId, credentials.externalId);
      props[S3_KEYS.region] = credentials.region;
      break;
    case 'accessKeys':
      props[S3_KEYS.useInstanceProfile] = 'false';
      props[S3_KEYS.accessKey] = credentials.accessKey;
      props[S3_KEYS.secretKey] = credentials.secretKey;
      optional(props, S3_KEYS.sessionToken, credentials.sessionToken);
      optional(props, S3_KEYS.region, credentials.region);
      optional(props, S3_KEYS.endpoint, credentials.endpoint);
      break;
    case 's3Compatible':
      props[S3_KEYS.useInstanceProfile] = 'false';
      props[S3_KEYS.accessKey] = credentials.accessKey;
      props[S3_KEYS.secretKey] = credentials.secretKey;
      props[S3_KEYS.endpoint] = credentials.endpoint;
      optional(props, S3_KEYS.region, credentials.region);
      optional(props, S3_KEYS.pathStyle, credentials.pathStyle);
      optional(props, S3_KEYS.ssl, credentials.ssl);
      break;
    case 'defaultChain':
      props[S3_KEYS.useDefaultBehavior] = 'true';
      optional(props, S3_KEYS.region, credentials.region);
      break;
    case 'none':
      break;
  }
  return props;
}

/** True for methods that only make sense with an S3 location. */
export function needsS3Location(credentials: RepositoryCredentials): boolean {
  return credentials.method !== 'none';
}

/**
 * The credential method a written CREATE REPOSITORY's properties amount to: the inverse of
 * `credentialProperties`, so a statement run from a SQL file leaves the extension the same storage
 * access as the wizard. Keys with an endpoint and no session token read as an S3-compatible store
 * (the only form that carries path-style access); without a region the instance-profile forms read as
 * the default chain, which the extension treats alike.
 */
export function credentialsFromProperties(props: Readonly<Record<string, string>>): RepositoryCredentials {
  const isTrue = (key: string): boolean => props[key]?.toLowerCase() === 'true';
  const region = props[S3_KEYS.region] || undefined;
  const accessKey = props[S3_KEYS.accessKey];
  const secretKey = props[S3_KEYS.secretKey];
  if (accessKey && secretKey) return keyCredentials(props, accessKey, secretKey, region);
  if (isTrue(S3_KEYS.useInstanceProfile) && region) {
    const roleArn = props[S3_KEYS.iamRoleArn];
    return roleArn
      ? { method: 'assumeRole', roleArn, externalId: props[S3_KEYS.externalId] || undefined, region }
      : { method: 'instanceProfile', region };
  }
  if (isTrue(S3_KEYS.useInstanceProfile) || isTrue(S3_KEYS.useDefaultBehavior)) return { method: 'defaultChain', region };
  return { method: 'none' };
}

function keyCredentials(
  props: Readonly<Record<string, string>>,
  accessKey: string,
  secretKey: string,
  region: string | undefined,
): RepositoryCredentials {
  const endpoint = props[S3_KEYS.endpoint] || undefined;
  const sessionToken = props[S3_KEYS.sessionToken] || undefined;
  if (endpoint && !sessionToken) {
    const flag = (key: string): boolean | undefined => (props[key] === undefined ? undefined : props[key].toLowerCase() === 'true');
    return { method: 's3Compatible', endpoint, accessKey, secretKey, region, pathStyle: flag(S3_KEYS.pathStyle), ssl: flag(S3_KEYS.ssl) };
  }
  return { method: 'accessKeys', accessKey, secretKey, sessionToken, region, endpoint };
}
