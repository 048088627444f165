import * as assert from 'assert';
import { toConnectionError } from '../../../../src/connections/connectionError';
import {
  classifySshError,
  hostKeyChangedError,
  hostKeyNotAcceptedError,
  sshConnectionError,
  sshKeyError,
  type SshErrorContext,
} from '../../../../src/connections/ssh/sshErrors';

const ctx: SshErrorContext = {
  bastionHost: 'bastion',
  bastionPort: 22,
  sshUser: 'ops',
  auth: 'password',
  feHost: '10.0.0.7',
  fePort: 9030,
  connectTimeoutSeconds: 10,
  secrets: ['hunter2-ssh'],
};
const sshError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('connections/ssh/sshErrors', () => {
  it('classifies what ssh2 reports by its stage', () => {
    assert.strictEqual(
      classifySshError(sshError('connect ECONNREFUSED', { level: 'client-socket', code: 'ECONNREFUSED' }), false),
      'bastionUnreachable',
    );
    assert.strictEqual(
      classifySshError(sshError('Timed out while waiting for handshake', { level: 'client-timeout' }), false),
      'bastionTimeout',
    );
    assert.strictEqual(
      classifySshError(sshError('All configured authentication methods failed', { level: 'client-authentication' }), false),
      'sshAuth',
    );
    assert.strictEqual(classifySshError(sshError('(SSH) Channel open failure: Connection refused', { reason: 2 }), true), 'forwardFailed');
    assert.strictEqual(
      classifySshError(sshError('Handshake failed: no matching key exchange', { level: 'handshake' }), false),
      'sshProtocol',
    );
  });

  it('names each failure, distinct from a wrong database password, and says what to do', () => {
    const unreachable = sshConnectionError(
      sshError('connect ECONNREFUSED 10.1.1.1:22', { level: 'client-socket', code: 'ECONNREFUSED' }),
      false,
      ctx,
    );
    assert.strictEqual(unreachable.kind, 'bastionUnreachable');
    assert.match(unreachable.message, /^Cannot reach the SSH bastion bastion:22: connect ECONNREFUSED .*Check the bastion's host and port/);

    const timeout = sshConnectionError(sshError('Timed out while waiting for handshake', { level: 'client-timeout' }), false, ctx);
    assert.strictEqual(timeout.kind, 'bastionUnreachable');
    assert.match(timeout.message, /did not complete the SSH handshake within 10 seconds.*starrocksBackup\.connectTimeoutSeconds/);

    const auth = sshConnectionError(
      sshError('All configured authentication methods failed', { level: 'client-authentication' }),
      false,
      ctx,
    );
    assert.strictEqual(auth.kind, 'sshAuth');
    assert.match(
      auth.message,
      /refused the login of user "ops" \(password\)\. This is the SSH login to the bastion, not the StarRocks password/,
    );
    const keyAuth = sshConnectionError(
      sshError('All configured authentication methods failed', { level: 'client-authentication' }),
      false,
      {
        ...ctx,
        auth: 'key',
        keyFile: '/home/me/.ssh/id_ed25519',
      },
    );
    assert.match(keyAuth.message, /public key of \/home\/me\/\.ssh\/id_ed25519 is in ~\/\.ssh\/authorized_keys/);

    const forward = sshConnectionError(sshError('(SSH) Channel open failure: Connection refused', { reason: 2 }), true, ctx);
    assert.strictEqual(forward.kind, 'forwardFailed');
    assert.match(
      forward.message,
      /accepted the login but could not open a connection to the FE 10\.0\.0\.7:9030: \(SSH\) Channel open failure: Connection refused\. .*AllowTcpForwarding/,
    );

    const database = toConnectionError(
      Object.assign(new Error("Access denied for user 'ops'"), { errno: 1045, sqlState: '28000', code: 'ER_ACCESS_DENIED_ERROR' }),
      { host: '10.0.0.7', port: 9030, user: 'ops', tls: 'off', connectTimeoutSeconds: 10 },
    );
    assert.strictEqual(database.kind, 'auth');
    assert.notStrictEqual(database.kind, auth.kind);
  });

  it('never repeats the secret in use', () => {
    const error = sshConnectionError(sshError('bad thing hunter2-ssh happened', { level: 'protocol' }), false, ctx);
    assert.ok(!error.message.includes('hunter2-ssh'));
    assert.ok(!error.detail?.includes('hunter2-ssh'));
    assert.match(error.message, /bad thing \*\*\* happened/);
  });

  it('a changed host key shows the old and new fingerprints and how to accept the new one deliberately', () => {
    const fromProfile = hostKeyChangedError(
      { verdict: 'changed', previous: { algorithm: 'ssh-ed25519', sha256: 'OLD' }, source: 'profile' },
      { algorithm: 'ssh-ed25519', sha256: 'NEW' },
      'bastion',
      2222,
    );
    assert.strictEqual(fromProfile.kind, 'hostKeyChanged');
    assert.match(
      fromProfile.message,
      /bastion:2222 has changed: this connection accepted ssh-ed25519 SHA256:OLD, the bastion now presents ssh-ed25519 SHA256:NEW\. Nothing was sent/,
    );
    assert.match(fromProfile.message, /run "Forget SSH Host Key" on the connection/);

    const fromFile = hostKeyChangedError(
      {
        verdict: 'changed',
        previous: { algorithm: 'ssh-ed25519', sha256: 'OLD' },
        source: 'knownHosts',
        file: '/root/.ssh/known_hosts',
        line: 4,
      },
      { algorithm: 'ssh-ed25519', sha256: 'NEW' },
      'bastion',
      2222,
    );
    assert.match(
      fromFile.message,
      /does not match \/root\/\.ssh\/known_hosts \(line 4\): it lists ssh-ed25519 SHA256:OLD, the bastion now presents ssh-ed25519 SHA256:NEW/,
    );
    assert.match(fromFile.message, /ssh-keygen -R "\[bastion\]:2222"/);

    const revoked = hostKeyChangedError(
      {
        verdict: 'changed',
        previous: { algorithm: 'ssh-ed25519', sha256: 'NEW' },
        source: 'knownHosts',
        file: '/k',
        line: 2,
        revoked: true,
      },
      { algorithm: 'ssh-ed25519', sha256: 'NEW' },
      'bastion',
      22,
    );
    assert.match(revoked.message, /which \/k marks as revoked \(line 2\)/);
  });

  it('a refused unknown key and unusable key files say what happened', () => {
    const refused = hostKeyNotAcceptedError({ algorithm: 'ssh-ed25519', sha256: 'XYZ' }, 'bastion', 22);
    assert.strictEqual(refused.kind, 'cancelled');
    assert.match(refused.message, /host key ssh-ed25519 SHA256:XYZ of the SSH bastion bastion:22 was not accepted, so nothing was sent/);
    assert.strictEqual(sshKeyError('needsPassphrase', '/k', 'no passphrase given').kind, 'sshAuth');
    assert.strictEqual(sshKeyError('wrongPassphrase', '/k', 'bad passphrase?').kind, 'sshAuth');
    assert.strictEqual(sshKeyError('unreadable', '/k', 'ENOENT').kind, 'config');
    assert.match(sshKeyError('notAKey', '/k.pub', 'Unsupported key format').message, /not the \.pub file/);
  });
});
