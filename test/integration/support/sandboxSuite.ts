import { S3Client } from '@aws-sdk/client-s3';
import { withoutNodeVersionWarning } from '../../../src/storage/s3Sdk';
import type { ConnectionProfile } from '../../../src/connections/types';
import type { ExtensionApi } from '../../../src/extension';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox';
import { activateApi } from './explorer';
import { addSandboxProfile } from './sandboxProfile';

/** One sandbox of a suite: how to start it, and whether the suite wants a connection to it and an S3 client on its bucket. */
export interface SandboxSpec {
  options: SandboxOptions;
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
export function useSandboxSuite<K extends string>(specs: Record<K, SandboxSpec>): SandboxSuite<K> {
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
    const started = await Promise.all(keys.map((key) => startSandbox(specs[key].options)));
    keys.forEach((key, i) => sandboxes.set(key, started[i]));
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
    await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.stop()));
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
