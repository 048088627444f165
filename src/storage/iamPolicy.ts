/**
 * IAM policy JSON for a repository location: what the extension (and the FE/BE, which use the
 * same actions) need on the bucket. Shared by "Check S3 Access…" and the tree's "Show IAM Policy".
 */
import { s3LocationOf, type S3Location } from './repositoryLocation';

/** Why the credentials are used: reading snapshots, writing backups, deleting snapshots. */
export type AccessPurpose = 'browse' | 'backup' | 'delete';

export const ALL_PURPOSES: readonly AccessPurpose[] = ['browse', 'backup', 'delete'];

export type S3Action = 's3:ListBucket' | 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject' | 's3:AbortMultipartUpload';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: S3Action[];
  Resource: string;
  Condition?: { StringLike: { 's3:prefix': string[] } };
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyOptions {
  /** `aws`, or `aws-cn` / `aws-us-gov`, derived from the region when not given. */
  partition?: string;
  region?: string;
}

export function partitionOf(options: PolicyOptions = {}): string {
  if (options.partition) return options.partition;
  if (options.region?.startsWith('cn-')) return 'aws-cn';
  if (options.region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * ListBucket is granted on the bucket, limited to keys under the location: the FE lists both
 * `__starrocks_repository_<name>/` and the legacy `__palo_repository_<name>/` there.
 */
export function statementFor(action: S3Action, target: S3Location, options: PolicyOptions = {}): PolicyStatement {
  const arn = `arn:${partitionOf(options)}:s3:::${target.bucket}`;
  const objects = target.prefix ? `${arn}/${target.prefix}/*` : `${arn}/*`;
  switch (action) {
    case 's3:ListBucket':
      return {
        Sid: 'ListRepositoryLocation',
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: arn,
        ...(target.prefix ? { Condition: { StringLike: { 's3:prefix': [`${target.prefix}/*`] } } } : {}),
      };
    case 's3:GetObject':
      return { Sid: 'ReadSnapshots', Effect: 'Allow', Action: ['s3:GetObject'], Resource: objects };
    case 's3:PutObject':
    case 's3:AbortMultipartUpload':
      return { Sid: 'WriteBackups', Effect: 'Allow', Action: [action], Resource: objects };
    case 's3:DeleteObject':
      return { Sid: 'DeleteSnapshotFiles', Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: objects };
  }
}

/** The actions each purpose needs. Backups delete too: the FE replaces `.part` uploads by renaming (copy + delete). */
export function actionsFor(purposes: readonly AccessPurpose[]): S3Action[] {
  const actions = new Set<S3Action>(['s3:ListBucket', 's3:GetObject']);
  if (purposes.includes('backup'))
    ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'].forEach((a) => actions.add(a as S3Action));
  if (purposes.includes('delete')) actions.add('s3:DeleteObject');
  return [...actions];
}

/** The full policy for a bucket location, statements merged by resource. */
export function policyForTarget(
  target: S3Location,
  purposes: readonly AccessPurpose[] = ALL_PURPOSES,
  options: PolicyOptions = {},
): PolicyDocument {
  const actions = actionsFor(purposes);
  const list = statementFor('s3:ListBucket', target, options);
  const objectActions = actions.filter((a) => a !== 's3:ListBucket');
  const statements: PolicyStatement[] = [list];
  const read = statementFor('s3:GetObject', target, options);
  statements.push({ ...read, Sid: objectActions.length > 1 ? 'RepositoryObjects' : read.Sid, Action: objectActions });
  return { Version: '2012-10-17', Statement: statements };
}

/** The policy for a repository location string (`s3a://bucket/prefix`), for the tree's command. */
export function iamPolicyForLocation(
  location: string,
  purposes: readonly AccessPurpose[] = ALL_PURPOSES,
  options: PolicyOptions = {},
): PolicyDocument {
  return policyForTarget(s3LocationOf(location), purposes, options);
}

export function policyJson(policy: PolicyDocument | PolicyStatement | GuidePolicy): string {
  return JSON.stringify(policy, null, 2);
}

/** A statement as the CelerData guide writes it: Resource as a list. */
export interface GuideStatement {
  Sid: string;
  Effect: 'Allow';
  Action: S3Action[];
  Resource: string[];
}

export interface GuidePolicy {
  Version: '2012-10-17';
  Statement: GuideStatement[];
}

/**
 * The policy of CelerData's "Back up and restore data with AWS S3" guide, exactly as documented:
 * `s3:GetObject` on the bucket's objects and `s3:ListBucket` on the bucket. Enough to browse the
 * repository and restore from it (a READ ONLY repository), not to back up.
 */
export function guideReadPolicy(bucket: string, options: PolicyOptions = {}): GuidePolicy {
  const arn = `arn:${partitionOf(options)}:s3:::${bucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 's3', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`${arn}/*`] },
      { Sid: 's3list', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [arn] },
    ],
  };
}

/** The object actions backing up (and deleting snapshots) adds to the guide's read policy. */
export const WRITE_ACTIONS: readonly S3Action[] = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'];

/**
 * The guide's policy plus what BACKUP and snapshot deletion need: the FE uploads each file as a
 * `.part` object and renames it (a copy and a delete), large files go up in multipart uploads that
 * are aborted on failure, and deleting snapshots deletes objects. With a prefix, the write actions
 * are limited to the repository's keys under it; reading stays as the guide writes it.
 */
export function guideWritePolicy(bucket: string, prefix: string | undefined, options: PolicyOptions = {}): GuidePolicy {
  const read = guideReadPolicy(bucket, options);
  const arn = `arn:${partitionOf(options)}:s3:::${bucket}`;
  const trimmed = prefix?.replace(/^\/+|\/+$/g, '');
  const objects = trimmed ? `${arn}/${trimmed}/*` : `${arn}/*`;
  return {
    ...read,
    Statement: [...read.Statement, { Sid: 's3write', Effect: 'Allow', Action: [...WRITE_ACTIONS], Resource: [objects] }],
  };
}
