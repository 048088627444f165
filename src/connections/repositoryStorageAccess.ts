import { PLACEHOLDER } from '../starrocks/placeholders';
import type { RepositoryCredentials } from '../starrocks/builders/repository';
import type { ConnectionService, RepositoryAuthRecord, S3CredentialSource, S3EndpointSettings } from './types';

/**
 * Keeps what the extension itself needs to list, size and delete a repository's files on S3, once
 * the server accepted its CREATE REPOSITORY: keys go to SecretStorage (through `setS3Credentials`),
 * the endpoint settings next to the profile, with the repository's own non-secret credential
 * properties (`repositoryAuth`, for Copy SQL). Shared by the Create Repository wizard and statements
 * run from SQL files, so both leave the storage features the same access.
 */
export async function rememberStorageAccess(
  connections: Pick<ConnectionService, 'setS3Credentials' | 'setS3Endpoint'>,
  profileId: string,
  repository: string,
  credentials: RepositoryCredentials,
): Promise<void> {
  let endpoint: S3EndpointSettings;
  const repositoryAuth = authRecordOf(credentials);
  switch (credentials.method) {
    case 'accessKeys':
      await connections.setS3Credentials(profileId, repository, {
        kind: 'keys',
        accessKeyId: credentials.accessKey,
        secretAccessKey: credentials.secretKey,
        sessionToken: credentials.sessionToken,
      });
      endpoint = { endpoint: credentials.endpoint, region: credentials.region, repositoryAuth };
      break;
    case 's3Compatible':
      await connections.setS3Credentials(profileId, repository, {
        kind: 'keys',
        accessKeyId: credentials.accessKey,
        secretAccessKey: credentials.secretKey,
      });
      endpoint = { endpoint: credentials.endpoint, region: credentials.region, forcePathStyle: credentials.pathStyle, repositoryAuth };
      break;
    case 'instanceProfile':
    case 'assumeRole':
    case 'defaultChain':
      // The cluster's role is not the user's: the extension reads S3 with its own default chain.
      await connections.setS3Credentials(profileId, repository, { kind: 'defaultChain' });
      endpoint = { region: credentials.region, repositoryAuth };
      break;
    case 'none':
      endpoint = { repositoryAuth };
      break;
  }
  await connections.setS3Endpoint(profileId, repository, endpoint);
}

/** The non-secret part of a repository's credentials. */
function authRecordOf(credentials: RepositoryCredentials): RepositoryAuthRecord {
  switch (credentials.method) {
    case 'instanceProfile':
      return { method: credentials.method, region: credentials.region };
    case 'assumeRole':
      return { method: credentials.method, roleArn: credentials.roleArn, externalId: credentials.externalId, region: credentials.region };
    case 'accessKeys':
      return { method: credentials.method, accessKey: credentials.accessKey, region: credentials.region, endpoint: credentials.endpoint };
    case 's3Compatible':
      return {
        method: credentials.method,
        accessKey: credentials.accessKey,
        region: credentials.region,
        endpoint: credentials.endpoint,
        pathStyle: credentials.pathStyle,
      };
    case 'defaultChain':
      return { method: credentials.method, region: credentials.region };
    case 'none':
      return { method: credentials.method };
  }
}

/**
 * The credential properties of a repository, for Copy SQL: what the extension recorded when it
 * saw the repository created, else what its storage access implies. Nothing is guessed: an unknown
 * region or role is a placeholder (`<region>`, `<iam_role_arn>`) the `.sql` diagnostics flag, and
 * secrets the extension does not hold are placeholders too (masked as *** when shown).
 */
export function recalledCredentials(
  stored: S3CredentialSource | undefined,
  endpoint: S3EndpointSettings | undefined,
): RepositoryCredentials {
  const auth = endpoint?.repositoryAuth;
  const region = auth?.region ?? endpoint?.region;
  if (auth) {
    // The stored keys are the repository's only when they are the same key id.
    const keys = stored?.kind === 'keys' && stored.accessKeyId === auth.accessKey ? stored : undefined;
    switch (auth.method) {
      case 'instanceProfile':
        return { method: 'instanceProfile', region: region ?? PLACEHOLDER.region };
      case 'assumeRole':
        return {
          method: 'assumeRole',
          roleArn: auth.roleArn ?? PLACEHOLDER.iamRoleArn,
          externalId: auth.externalId,
          region: region ?? PLACEHOLDER.region,
        };
      case 'defaultChain':
        return { method: 'defaultChain', region };
      case 'accessKeys':
        return {
          method: 'accessKeys',
          accessKey: auth.accessKey ?? PLACEHOLDER.accessKey,
          secretKey: keys?.secretAccessKey ?? PLACEHOLDER.secretKey,
          sessionToken: keys?.sessionToken,
          region: region ?? (auth.endpoint ? undefined : PLACEHOLDER.region),
          endpoint: auth.endpoint,
        };
      case 's3Compatible':
        return {
          method: 's3Compatible',
          endpoint: auth.endpoint ?? PLACEHOLDER.endpoint,
          accessKey: auth.accessKey ?? PLACEHOLDER.accessKey,
          secretKey: keys?.secretAccessKey ?? PLACEHOLDER.secretKey,
          region,
          pathStyle: auth.pathStyle,
        };
      case 'none':
        return { method: 'none' };
    }
  }
  if (stored?.kind === 'keys') {
    return credentialsFromKeys(stored, endpoint, endpoint?.endpoint ? region : (region ?? PLACEHOLDER.region));
  }
  if (stored?.kind === 'defaultChain') {
    // The extension reads with its own default chain; the repository may use the cluster's
    // instance profile or a role it assumes. Which, and which role, is not known: the role is a
    // placeholder whose fix says to remove it for a plain instance profile.
    return { method: 'assumeRole', roleArn: PLACEHOLDER.iamRoleArn, region: region ?? PLACEHOLDER.region };
  }
  return { method: 'none' };
}

/**
 * CREATE REPOSITORY credentials from keys the extension holds: an S3-compatible store when an
 * endpoint is known, AWS keys otherwise. `region` is what the caller knows (or its placeholder).
 */
export function credentialsFromKeys(
  keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  endpoint: S3EndpointSettings | undefined,
  region: string | undefined,
): RepositoryCredentials {
  if (endpoint?.endpoint) {
    return {
      method: 's3Compatible',
      endpoint: endpoint.endpoint,
      accessKey: keys.accessKeyId,
      secretKey: keys.secretAccessKey,
      region,
      pathStyle: endpoint.forcePathStyle,
    };
  }
  return { method: 'accessKeys', accessKey: keys.accessKeyId, secretKey: keys.secretAccessKey, sessionToken: keys.sessionToken, region };
}
