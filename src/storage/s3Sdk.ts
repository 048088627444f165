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

/** The switch @aws-sdk/core reads (`emitWarningIfUnsupportedVersion`, run when a client is constructed). */
const NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Constructs an SDK client without the SDK's Node-version warning. The pinned SDK runs on Node
 * ≥ 20 (its `engines`), but warns once per process on Node < 22 that releases after January 2027
 * will need 22; VS Code 1.100's extension host runs Node 20, and the warning is noise to the user
 * and in test logs. The SDK's own switch is set only while the client is constructed (the check
 * runs there, once per loaded SDK copy), so the process environment that other extensions in
 * the same host see is left as it was.
 */
export function withoutNodeVersionWarning<T>(construct: () => T): T {
  const before = process.env[NODE_WARNING_SWITCH];
  process.env[NODE_WARNING_SWITCH] = 'true';
  try {
    return construct();
  } finally {
    if (before === undefined) delete process.env[NODE_WARNING_SWITCH];
    else process.env[NODE_WARNING_SWITCH] = before;
  }
}
