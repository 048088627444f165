import type { Agent } from 'node:http';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { ProxyChoice } from './proxy';
import { loadS3, withoutNodeVersionWarning } from './s3Sdk';
import type { StorageCredentials, StorageEndpoint } from './types';

export interface ClientOptions {
  credentials: StorageCredentials;
  endpoint?: StorageEndpoint;
  /** Attempts per request including the first (the SDK's default is 3). */
  maxAttempts?: number;
  connectionTimeoutMs?: number;
  /**
   * How long one request (listing page, download, delete batch) may take, and how long its socket
   * may stay silent, before it fails with a TimeoutError. Without it a stalled endpoint (accepts,
   * never answers) leaves the request, and whatever waits for it, pending for ever.
   */
  requestTimeoutMs?: number;
  /** The proxy chosen for the endpoint (`proxyFor(endpointOrigin(endpoint), …)`); absent: directly. */
  proxy?: ProxyChoice;
}

/** Default of `requestTimeoutMs` (the setting `starrocksBackup.storage.requestTimeoutSeconds`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** The region used when none is configured; `followRegionRedirects` corrects it for AWS buckets. */
export const DEFAULT_REGION = 'us-east-1';

/**
 * Builds the S3 client for a repository. Checksums are only computed where S3 requires them:
 * S3-compatible stores (MinIO, s3rver, OSS…) often reject the newer flexible-checksum headers.
 */
export async function createS3Client(options: ClientOptions): Promise<S3Client> {
  const endpoint = options.endpoint ?? {};
  const config: S3ClientConfig = {
    region: endpoint.region || DEFAULT_REGION,
    followRegionRedirects: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: options.maxAttempts,
    // An unreachable endpoint should fail in seconds, not hang until the OS gives up; a reachable
    // one that stops answering fails after the request time limit (the handler only warns about
    // an exceeded requestTimeout unless told to throw).
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      socketTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      ...(options.proxy?.kind === 'proxy' ? await proxyAgents(options.proxy) : {}),
    },
  };
  if (endpoint.endpoint) config.endpoint = normalizeEndpoint(endpoint.endpoint);
  if (endpoint.forcePathStyle !== undefined) config.forcePathStyle = endpoint.forcePathStyle;
  // Leaving `credentials` unset makes the SDK use the default chain (env, profile, SSO, IMDS…).
  if (options.credentials.kind === 'keys') {
    const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
    config.credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  const sdk = await loadS3();
  return withoutNodeVersionWarning(() => new sdk.S3Client(config));
}

/** StarRocks accepts `aws.s3.endpoint` without a scheme (`s3.us-west-2.amazonaws.com`); the SDK does not. */
export function normalizeEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * The origin S3 requests of a repository go to, for the proxy decision: its custom endpoint, or
 * AWS S3's regional endpoint (virtual-hosted bucket names are its subdomains, so a `NO_PROXY`
 * entry for `amazonaws.com` or the regional host covers them).
 */
export function endpointOrigin(endpoint: StorageEndpoint): URL {
  return new URL(
    endpoint.endpoint ? normalizeEndpoint(endpoint.endpoint) : `https://s3.${endpoint.region || DEFAULT_REGION}.amazonaws.com`,
  );
}

/**
 * The request handler's agents for a proxy: both tunnel through it (CONNECT for https endpoints,
 * absolute URLs for http ones), checking certificates unless `http.proxyStrictSSL` is off. Loaded
 * only when a proxy is configured.
 */
async function proxyAgents(proxy: Extract<ProxyChoice, { kind: 'proxy' }>): Promise<{ httpAgent: Agent; httpsAgent: Agent }> {
  const [{ HttpsProxyAgent }, { HttpProxyAgent }] = await Promise.all([import('https-proxy-agent'), import('http-proxy-agent')]);
  const options = { rejectUnauthorized: proxy.strictSSL, keepAlive: true };
  return { httpsAgent: new HttpsProxyAgent(proxy.url, options), httpAgent: new HttpProxyAgent(proxy.url, options) };
}
