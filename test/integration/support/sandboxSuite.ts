import { S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../../src/storage/s3Sdk';
import type { ConnectionProfile } from '../../../src/connections/types';
import type { ExtensionApi } from '../../../src/extension';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { activateApi } from './explorer';
import { addSandboxProfile } from './sandboxProfile';

/** One sandbox of a suite: how to start it, and whether the suite wants a connection to it and an S3 client on its bucket. */
export interface SandboxSpec<K extends string = string> {
  options: SandboxOptions;
  /**
   * A second cluster over the S3 server of the sandbox with this key (`sharedS3`, as a migration
   * target): started after it, stopped before it (its stop leaves that server running).
   */
  sharesS3With?: K;
  /** The name of a connection to it (its own account, password stored); none when omitted. */
  profile?: string;
  profileOverrides?: Partial<ConnectionProfile>;
  /** An S3 client with the sandbox's keys, for looking at the repository files directly. */
  s3?: boolean;
}

/** What the suite's hooks set up, readable once its `before` hook ran. */
export interface SandboxSuite<K extends string> {
  readonly api: ExtensionApi;
  /** The prompter the extension had before the suite; put back after it. */
  readonly originalPrompter: ExtensionApi['prompter'];
  sandbox(key: K): RunningSandbox;
  profile(key: K): ConnectionProfile;
  s3(key: K): S3Client;
}

/**
 * The set-up the integration suites share, as mocha hooks registered where it is called (at the top
 * of a `describe`, before the suite's own hooks): activate the extension, keep its prompter, start
 * the sandboxes together, add a connection to each and an S3 client where asked; after the suite, put
 * the prompter back, remove the connections that still exist, close the clients and stop the
 * sandboxes. A suite's own `after` runs once that is done.
 */
export function useSandboxSuite<K extends string>(specs: Record<K, SandboxSpec<NoInfer<K>>>): SandboxSuite<K> {
  const keys = Object.keys(specs) as K[];
  const sandboxes = new Map<K, RunningSandbox>();
  const profiles = new Map<K, ConnectionProfile>();
  const clients = new Map<K, S3Client>();
  let api: ExtensionApi | undefined;
  let originalPrompter: ExtensionApi['prompter'] | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up: the suite's before hook has not run or failed`);
    return value;
  };

  before(async () => {
    api = await activateApi();
    originalPrompter = api.prompter;
    const owners = keys.filter((key) => specs[key].sharesS3With === undefined);
    const borrowers = keys.filter((key) => specs[key].sharesS3With !== undefined);
    const own = await Promise.all(owners.map((key) => startSandbox(specs[key].options)));
    owners.forEach((key, i) => sandboxes.set(key, own[i]));
    const borrowed = await Promise.all(
      borrowers.map((key) => {
        const lender = sandboxes.get(specs[key].sharesS3With as K);
        if (!lender)
          throw new Error(`Sandbox ${key} shares the S3 server of ${specs[key].sharesS3With}, which is not in the suite or borrows itself`);
        return startSandbox({ ...specs[key].options, sharedS3: lender.control.s3 });
      }),
    );
    borrowers.forEach((key, i) => sandboxes.set(key, borrowed[i]));
    const started = keys.map((key) => sandboxes.get(key) as RunningSandbox);
    for (const [i, key] of keys.entries()) {
      const { profile, profileOverrides, s3 } = specs[key];
      const sandbox = started[i];
      if (profile !== undefined) profiles.set(key, await addSandboxProfile(api, sandbox, profile, profileOverrides));
      if (s3) {
        const { s3Endpoint, region, accessKey, secretKey } = sandbox.info;
        clients.set(
          key,
          withoutNodeVersionWarning(
            () =>
              new S3Client({
                endpoint: s3Endpoint,
                region,
                forcePathStyle: true,
                credentials: { accessKeyId: accessKey, secretAccessKey: secretKey },
              }),
          ),
        );
      }
    }
  });

  after(async () => {
    if (api && originalPrompter) api.prompter = originalPrompter;
    for (const profile of profiles.values()) if (api?.connections.getProfile(profile.id)) await api.connections.removeProfile(profile.id);
    for (const client of clients.values()) client.destroy();
    // Borrowers first: the lenders' stop ends the S3 server the borrowers use.
    const stopping = (borrower: boolean) => keys.filter((key) => (specs[key].sharesS3With !== undefined) === borrower);
    await Promise.all(stopping(true).map((key) => sandboxes.get(key)?.stop()));
    await Promise.all(stopping(false).map((key) => sandboxes.get(key)?.stop()));
  });

  return {
    get api() {
      return ready(api, 'The extension API');
    },
    get originalPrompter() {
      return ready(originalPrompter, 'The original prompter');
    },
    sandbox: (key) => ready(sandboxes.get(key), `Sandbox ${key}`),
    profile: (key) => ready(profiles.get(key), `The connection to sandbox ${key}`),
    s3: (key) => ready(clients.get(key), `The S3 client of sandbox ${key}`),
  };
}
