/**
 * Whether two repositories (of two connections, usually two clusters in a migration) hold the same
 * files on storage. The FE puts snapshots under `<location>/__starrocks_repository_<name>/` (spec
 * §5.3), so the name and the location must both match; for S3-compatible stores the endpoint
 * (the `aws.s3.endpoint` the repository was created with, as the extension remembered it) tells
 * two stores with the same bucket name apart. An endpoint that is not known cannot tell them
 * apart, so it counts as possibly the same: deleting errs towards checking too many clusters.
 */
import { sameLocation } from '../starrocks/location';

export interface RepositoryPlace {
  name: string;
  /** As SHOW REPOSITORIES reports it. */
  location: string;
  /** The S3 endpoint, when known. */
  endpoint?: string;
}

export function mayShareFiles(a: RepositoryPlace, b: RepositoryPlace): boolean {
  return a.name === b.name && sameLocation(a.location, b.location) && !endpointsDiffer(a.endpoint, b.endpoint);
}

/** True only when both endpoints are known and name different stores. */
export function endpointsDiffer(a: string | undefined, b: string | undefined): boolean {
  const x = normalizeEndpoint(a);
  const y = normalizeEndpoint(b);
  if (x === undefined || y === undefined) return false;
  // AWS answers for one bucket on its global and its regional endpoints alike.
  if (isAws(x) && isAws(y)) return false;
  return x !== y;
}

/** `HTTP://Host:9000/` → `host:9000`, `https://host:443` → `host`; undefined when empty. */
export function normalizeEndpoint(endpoint: string | undefined): string | undefined {
  const trimmed = endpoint
    ?.trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/:(80|443)$/, '');
  return trimmed ? trimmed : undefined;
}

function isAws(endpoint: string): boolean {
  const host = endpoint.replace(/:\d+$/, '');
  return /(^|\.)amazonaws\.com(\.cn)?$/.test(host);
}
