import type { RepositoryCredentials } from '../starrocks/builders/repository';
import type { ConnectionService, S3EndpointSettings } from './types';

/**
 * Keeps what the extension itself needs to list, size and delete a repository's files on S3, once
 * the server accepted its CREATE REPOSITORY: keys go to SecretStorage (through `setS3Credentials`),
 * the endpoint settings next to the profile. Shared by the Create Repository wizard and statements
 * run from SQL files, so both leave the storage features the same access.
 */
export async function rememberStorageAccess(connections: Pick<ConnectionService, 'setS3Credentials' | 'setS3Endpoint'>, profileId: string, repository: string, credentials: RepositoryCredentials): Promise<void> {
  let endpoint: S3EndpointSettings | undefined;
  switch (credentials.method) {
    case 'accessKeys':
      await connections.setS3Credentials(profileId, repository, { kind: 'keys', accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey, sessionToken: credentials.sessionToken });
      endpoint = { endpoint: credentials.endpoint, region: credentials.region };
      break;
    case 's3Compatible':
      await connections.setS3Credentials(profileId, repository, { kind: 'keys', accessKeyId: credentials.accessKey, secretAccessKey: credentials.secretKey });
      endpoint = { endpoint: credentials.endpoint, region: credentials.region, forcePathStyle: credentials.pathStyle };
      break;
    case 'instanceProfile':
    case 'assumeRole':
    case 'defaultChain':
      // The cluster's role is not the user's: the extension reads S3 with its own default chain.
      await connections.setS3Credentials(profileId, repository, { kind: 'defaultChain' });
      endpoint = { region: credentials.region };
      break;
    case 'none':
      break;
  }
  if (endpoint) {
    await connections.setS3Endpoint(profileId, repository, endpoint);
  }
}
