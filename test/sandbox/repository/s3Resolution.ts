/**
 * Turns a repository's location and `aws.s3.*` properties into an S3 client for the sandbox's own
 * S3 server — the one place where "the cloud" is resolved to loopback. Anything that would not
 * reach that server (another endpoint, another scheme, no credentials) fails the way the FE's
 * storage layer would, with a message naming what went wrong.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../../src/storage/s3Sdk';
import { StorageError } from './storageError';

export interface S3Target {
  /** `http://127.0.0.1:<port>` of the sandbox's S3 server. */
  endpoint: string;
  port: number;
  region: string;
  /** Key pair an instance profile or an assumed role stands for. */
  accessKey: string;
  secretKey: string;
}

export interface ParsedLocation {
  scheme: string;
  bucket: string;
  /** Path inside the bucket without leading or trailing `/` ('' for the bucket root). */
  path: string;
}

export function parseLocation(location: string): ParsedLocation | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/]*)(\/.*)?$/.exec(location);
  if (!m) return undefined;
  return { scheme: m[1].toLowerCase(), bucket: m[2], path: (m[3] ?? '').replace(/^\/+|\/+$/g, '') };
}

/** Schemes the FE hands to Hadoop file systems (spec §5.2); only s3a reaches the sandbox's storage. */
const HADOOP_SCHEMES = new Set(['hdfs', 'viewfs', 's3a', 'oss', 'cosn', 'ks3', 'obs']);

/** Validates location + properties and builds the client, or throws a StorageError. */
export function resolveS3Client(location: ParsedLocation, properties: Map<string, string>, target: S3Target): S3Client {
  if (!HADOOP_SCHEMES.has(location.scheme)) throw new StorageError(`No FileSystem for scheme "${location.scheme}"`);
  if (location.scheme !== 's3a') throw new StorageError(`java.net.UnknownHostException: ${location.bucket}`);
  if (!location.bucket) throw new StorageError('java.lang.IllegalArgumentException: bucket is null/empty');
  checkEndpoint(properties, target);
  return withoutNodeVersionWarning(
    () =>
      new S3Client({
        endpoint: target.endpoint,
        region: properties.get('aws.s3.region') || target.region,
        forcePathStyle: true,
        credentials: resolveCredentials(properties, target),
        maxAttempts: 1,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
  );
}

/**
 * `aws.s3.endpoint` may name the sandbox's S3 server (with or without scheme, as 127.0.0.1 or
 * localhost). Without it, the region's endpoint is used, which the sandbox resolves to its server.
 */
function checkEndpoint(properties: Map<string, string>, target: S3Target): void {
  const endpoint = properties.get('aws.s3.endpoint') ?? properties.get('fs.s3a.endpoint');
  if (!endpoint) return;
  const hostPort = endpoint.replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const accepted = [`127.0.0.1:${target.port}`, `localhost:${target.port}`];
  if (accepted.includes(hostPort.toLowerCase())) return;
  const [host] = hostPort.split(':');
  if (host === '127.0.0.1' || host.toLowerCase() === 'localhost') {
    throw new StorageError(
      `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to ${hostPort} failed: Connection refused`,
    );
  }
  throw new StorageError(
    `software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: ${host}: Name or service not known`,
  );
}

function resolveCredentials(properties: Map<string, string>, target: S3Target): { accessKeyId: string; secretAccessKey: string } {
  const accessKey = properties.get('aws.s3.access_key') ?? properties.get('fs.s3a.access.key');
  const secretKey = properties.get('aws.s3.secret_key') ?? properties.get('fs.s3a.secret.key');
  if (accessKey && secretKey) {
    // s3rver does not verify SigV4 signatures, so a wrong secret for a known key would pass; the
    // sandbox refuses it here with the error S3 itself returns.
    if (accessKey === target.accessKey && secretKey !== target.secretKey) {
      throw new StorageError(
        'software.amazon.awssdk.services.s3.model.S3Exception: The request signature we calculated does not match the signature you provided. Check your key and signing method. (Service: S3, Status Code: 403, Request ID: null)',
      );
    }
    return { accessKeyId: accessKey, secretAccessKey: secretKey };
  }
  // An instance profile (optionally assuming iam_role_arn) stands for the machine's role: the
  // sandbox's main key pair.
  if ((properties.get('aws.s3.use_instance_profile') ?? '').toLowerCase() === 'true')
    return { accessKeyId: target.accessKey, secretAccessKey: target.secretKey };
  if ((properties.get('aws.s3.use_aws_sdk_default_behavior') ?? '').toLowerCase() === 'true')
    return { accessKeyId: target.accessKey, secretAccessKey: target.secretKey };
  throw new StorageError(
    'software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(), ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()])',
  );
}
