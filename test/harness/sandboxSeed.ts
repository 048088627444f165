/**
 * The connection to a sandbox, handed to the extension through `STARROCKS_BACKUP_SEED_CONNECTIONS`
 * (see src/connections/seedConnections.ts): the demo opens a window already connected, and UI
 * checks can start from a known connection without typing it. The password and S3 keys travel
 * only in this variable, which the extension moves into SecretStorage and then deletes.
 */
import { SEED_ENV, type SeedFile } from '../../src/connections/seedConnections';
import type { SandboxInfo } from '../sandbox/api';
import { DEMO_REPOSITORY } from '../sandbox/seed/demoSeed';

/** The name the seeded connection gets in the explorer. */
export function sandboxConnectionName(info: Pick<SandboxInfo, 'version'>): string {
  return `StarRocks ${info.version} sandbox`;
}

/** A profile for the sandbox's administrator, with the demo repository's S3 endpoint and keys. */
export function sandboxSeed(info: SandboxInfo, name = sandboxConnectionName(info)): SeedFile {
  return {
    connections: [
      {
        profile: {
          name,
          host: info.host,
          port: info.port,
          user: info.user,
          tls: 'off',
          passwordMode: 'stored',
          environment: 'sandbox',
          s3Endpoints: { [DEMO_REPOSITORY]: { endpoint: info.s3Endpoint, region: info.region, forcePathStyle: true } },
        },
        password: info.password,
        s3Credentials: { [DEMO_REPOSITORY]: { accessKeyId: info.accessKey, secretAccessKey: info.secretKey } },
      },
    ],
  };
}

/** The environment entry for code-server (its extension host inherits it). */
export function seedEnv(seed: SeedFile): Record<string, string> {
  return { [SEED_ENV]: JSON.stringify(seed) };
}
