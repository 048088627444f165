import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConnectionError } from '../../../src/connections/connectionError';
import { connectionOptions, DEFAULT_SETTINGS, poolOptions } from '../../../src/connections/driverOptions';
import type { ConnectionProfile } from '../../../src/connections/types';

const base: ConnectionProfile = { id: 'p1', name: 'ldap', host: 'fe1', port: 9030, user: 'ldap_user', tls: 'off', passwordMode: 'stored' };

describe('connections/driverOptions: the clear-text (LDAP) password', () => {
  let caFile: string;

  before(async () => {
    caFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sr-ca-')), 'ca.pem');
    await fs.writeFile(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  });

  after(async () => {
    await fs.rm(path.dirname(caFile), { recursive: true, force: true });
  });

  for (const tls of ['off', 'on'] as const) {
    it(`is never enabled over tls "${tls}": the profile is refused before any connection`, async () => {
      for (const build of [connectionOptions, poolOptions]) {
        const error = await build({ ...base, tls, allowClearTextPassword: true }, 'pw', DEFAULT_SETTINGS).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof ConnectionError, `${build.name} refused the profile`);
        assert.strictEqual(error.kind, 'config');
        assert.match(error.message, /needs TLS with certificate verification/);
      }
    });
  }

  it('is enabled only with certificate verification (a CA file, rejectUnauthorized, host name checked)', async () => {
    const options = await connectionOptions({ ...base, tls: 'verify', caFile, allowClearTextPassword: true }, 'pw', DEFAULT_SETTINGS);
    assert.strictEqual(options.enableCleartextPlugin, true);
    assert.ok(options.ssl && typeof options.ssl === 'object');
    assert.strictEqual(options.ssl.rejectUnauthorized, true);
    assert.strictEqual((options.ssl as { verifyIdentity?: boolean }).verifyIdentity, true);
  });

  it('stays off when the profile does not ask for it, whatever the TLS mode', async () => {
    assert.strictEqual((await connectionOptions({ ...base, tls: 'off' }, 'pw', DEFAULT_SETTINGS)).enableCleartextPlugin, false);
    const unverified = await connectionOptions({ ...base, tls: 'on' }, 'pw', DEFAULT_SETTINGS);
    assert.strictEqual(unverified.enableCleartextPlugin, false);
    assert.deepStrictEqual(unverified.ssl, { rejectUnauthorized: false });
    assert.strictEqual((await connectionOptions({ ...base, tls: 'verify', caFile }, 'pw', DEFAULT_SETTINGS)).enableCleartextPlugin, false);
  });
});
