/**
 * CREATE REPOSITORY properties. The FE hands them to its storage clients without checking them, so
 * a mistake only shows up as a storage error after a slow round trip to S3 (or, worse, as a
 * repository that works for the FE and fails on the BEs). These checks catch the usual mistakes
 * first; the messages are the extension's own.
 */
import { isS3Scheme, parseLocation } from '../location';
import { ValidationIssue } from '../dialectError';
import { isPlaceholder, placeholderFix } from '../placeholders';
import { Capabilities } from '../version';
import { PropertyMap } from './jobProperties';

export const S3_KEYS = {
  accessKey: 'aws.s3.access_key',
  secretKey: 'aws.s3.secret_key',
  sessionToken: 'aws.s3.session_token',
  endpoint: 'aws.s3.endpoint',
  region: 'aws.s3.region',
  useInstanceProfile: 'aws.s3.use_instance_profile',
  useDefaultBehavior: 'aws.s3.use_aws_sdk_default_behavior',
  iamRoleArn: 'aws.s3.iam_role_arn',
  externalId: 'aws.s3.external_id',
  pathStyle: 'aws.s3.enable_path_style_access',
  ssl: 'aws.s3.enable_ssl',
} as const;

const BOOLEAN_KEYS: string[] = [
  S3_KEYS.useInstanceProfile,
  S3_KEYS.useDefaultBehavior,
  S3_KEYS.pathStyle,
  S3_KEYS.ssl,
  'fs.s3a.connection.ssl.enabled',
];
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ENDPOINT = /^(https?:\/\/)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?\/?$/;

function isTrue(props: PropertyMap, key: string): boolean {
  return props[key]?.toLowerCase() === 'true';
}

function has(props: PropertyMap, key: string): boolean {
  return props[key] !== undefined;
}

function formatIssues(props: PropertyMap): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (key.trim() === '') {
      issues.push({ message: 'A property has an empty key', fix: 'Remove it or give it a name.' });
    } else if (isPlaceholder(value)) {
      issues.push({
        key,
        message: `${key} is still the placeholder ${value}: the extension does not know its value`,
        fix: placeholderFix(key),
      });
    } else if (value.trim() === '' && key !== 'ttl') {
      issues.push({ key, message: `The property ${key} is empty`, fix: 'Give it a value or remove it.' });
    } else if (BOOLEAN_KEYS.includes(key) && !/^(true|false)$/i.test(value)) {
      issues.push({ key, message: `${key} must be true or false, but got: ${value}`, fix: 'Use true or false.' });
    }
  }
  const checks: [string, RegExp, string][] = [
    [S3_KEYS.iamRoleArn, ROLE_ARN, 'An IAM role ARN looks like arn:aws:iam::123456789012:role/starrocks-backup.'],
    [S3_KEYS.externalId, EXTERNAL_ID, 'External ids are 2 to 1224 letters, digits and +=,.@:/-.'],
    [S3_KEYS.region, REGION, 'Regions look like us-east-1.'],
    [S3_KEYS.endpoint, ENDPOINT, 'Endpoints look like s3.us-east-1.amazonaws.com or http://minio:9000.'],
  ];
  for (const [key, pattern, fix] of checks) {
    const value = props[key];
    if (value !== undefined && value.trim() !== '' && !isPlaceholder(value) && !pattern.test(value)) {
      issues.push({ key, message: `Invalid ${key}: '${value}'`, fix });
    }
  }
  return issues;
}

/** Properties that only make sense together, or not at all together. */
function combinationIssues(props: PropertyMap): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const keys = has(props, S3_KEYS.accessKey) || has(props, S3_KEYS.secretKey);
  if (keys && !(has(props, S3_KEYS.accessKey) && has(props, S3_KEYS.secretKey))) {
    issues.push({
      key: has(props, S3_KEYS.accessKey) ? S3_KEYS.secretKey : S3_KEYS.accessKey,
      message: `${S3_KEYS.accessKey} and ${S3_KEYS.secretKey} go together`,
      fix: 'Give both the access key id and the secret access key.',
    });
  }
  if (has(props, S3_KEYS.sessionToken) && !keys) {
    issues.push({
      key: S3_KEYS.sessionToken,
      message: `${S3_KEYS.sessionToken} needs ${S3_KEYS.accessKey} and ${S3_KEYS.secretKey}`,
      fix: 'A session token belongs to temporary access keys; give the keys too.',
    });
  }
  if (isTrue(props, S3_KEYS.useInstanceProfile) && keys) {
    issues.push({
      key: S3_KEYS.useInstanceProfile,
      message: `${S3_KEYS.useInstanceProfile} = true cannot be combined with access keys`,
      fix: 'Use either the instance profile or access keys.',
    });
  }
  if (has(props, S3_KEYS.iamRoleArn) && !isTrue(props, S3_KEYS.useInstanceProfile) && !keys) {
    issues.push({
      key: S3_KEYS.iamRoleArn,
      message: `${S3_KEYS.iamRoleArn} needs ${S3_KEYS.useInstanceProfile} = true or access keys to assume the role with`,
      fix: `Set ${S3_KEYS.useInstanceProfile} to true.`,
    });
  }
  if (has(props, S3_KEYS.externalId) && !has(props, S3_KEYS.iamRoleArn)) {
    issues.push({
      key: S3_KEYS.externalId,
      message: `${S3_KEYS.externalId} needs ${S3_KEYS.iamRoleArn}`,
      fix: 'Give the role to assume, or remove the external id.',
    });
  }
  if (isTrue(props, S3_KEYS.ssl) && /^http:\/\//i.test(props[S3_KEYS.endpoint] ?? '')) {
    issues.push({
      key: S3_KEYS.ssl,
      message: `${S3_KEYS.ssl} = true contradicts the http:// endpoint`,
      fix: 'Use an https:// endpoint or set enable_ssl to false.',
    });
  }
  return issues;
}

/** An S3 location needs some way to authenticate; the FE's error otherwise is a late storage error. */
function credentialPresenceIssues(props: PropertyMap, location: string | undefined): ValidationIssue[] {
  let scheme: string | undefined;
  try {
    scheme = location === undefined ? undefined : parseLocation(location).scheme;
  } catch {
    return []; // the location's own issues are reported by validateLocation
  }
  const authenticated = [S3_KEYS.accessKey, S3_KEYS.useInstanceProfile, S3_KEYS.useDefaultBehavior, 'fs.s3a.access.key'].some((key) =>
    has(props, key),
  );
  if (scheme !== undefined && isS3Scheme(scheme) && !authenticated) {
    return [
      {
        message: 'The S3 location has no credentials',
        fix: `Add ${S3_KEYS.accessKey}/${S3_KEYS.secretKey}, or ${S3_KEYS.useInstanceProfile} = true with ${S3_KEYS.region}.`,
      },
    ];
  }
  return [];
}

export function validateRepositoryProperties(props: PropertyMap, caps: Capabilities, location?: string): ValidationIssue[] {
  const issues = [...formatIssues(props), ...combinationIssues(props), ...credentialPresenceIssues(props, location)];
  if (Object.keys(props).length === 0 && !caps.optionalRepositoryProperties) {
    issues.push({
      message: 'Before StarRocks 3.4, CREATE REPOSITORY needs a PROPERTIES clause',
      fix: 'Choose a credential method, or add at least one property.',
    });
  }
  return issues;
}
