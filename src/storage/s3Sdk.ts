import type * as S3 from '@aws-sdk/client-s3';
import type * as STS from '@aws-sdk/client-sts';

let sdk: Promise<typeof S3> | undefined;

/**
 * The AWS SDK's S3 client, loaded when storage is first used instead of at activation: browsing a
 * cluster never needs it, and compiling and running it was a large part of the bundle's require
 * time. esbuild.js bundles it into its own file (dist/lazy/client-s3.js) and turns this import into
 * a `require()` of that file, so this must stay the only place that loads the SDK: elsewhere import
 * its types only (eslint enforces it).
 */
export function loadS3(): Promise<typeof S3> {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
}

let stsSdk: Promise<typeof STS> | undefined;

/** The AWS SDK's STS client, loaded (from dist/lazy/client-sts.js) only when an access check names an identity. */
export function loadSts(): Promise<typeof STS> {
  stsSdk ??= import('@aws-sdk/client-sts');
  return stsSdk;
}
