import type * as S3 from '@aws-sdk/client-s3';

let sdk: Promise<typeof S3> | undefined;

/**
 * The AWS SDK's S3 client, loaded when storage is first used instead of at activation: evaluating
 * it is a large part of the bundle's require time, and browsing a cluster never needs it. In the
 * esbuild bundle the dynamic import becomes a lazily initialised module, so this is the only place
 * that may load the SDK; elsewhere import its types only (`import type`).
 */
export function loadS3(): Promise<typeof S3> {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
}
