import * as assert from 'assert';
import { ConnectionError, isConnectionLoss, toConnectionError, type ErrorContext } from '../../../src/connections/connectionError';
import { capabilitiesOf, parseServerVersion } from '../../../src/starrocks/version';

const ctx: ErrorContext = {
  host: 'fe1',
  port: 9030,
  user: 'backup',
  tls: 'off',
  connectTimeoutSeconds: 10,
  queryTimeoutSeconds: 60,
  secrets: ['s3cr3t-pw'],
};
const driver = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? '')), fields);

describe('connections/connectionError', () => {
  it('wrong password (1045): auth, names the user and the command that fixes it', () => {
    const e = toConnectionError(
      driver({
        errno: 1045,
        sqlState: '28000',
        code: 'ER_ACCESS_DENIED_ERROR',
        message: "Access denied for user 'backup'@'10.0.0.1' (using password: YES)",
        fatal: true,
      }),
      ctx,
    );
    assert.strictEqual(e.kind, 'auth');
    assert.strictEqual(e.errno, 1045);
    assert.strictEqual(e.sqlState, '28000');
    assert.match(e.message, /Access denied for user "backup" on fe1:9030/);
    assert.match(e.message, /Update Password/);
  });

  it('refused / unknown host / connect timeout: unreachable or timeout, with host:port', () => {
    const refused = toConnectionError(
      driver({ code: 'ECONNREFUSED', errno: -111, message: 'connect ECONNREFUSED 127.0.0.1:9030', fatal: true }),
      ctx,
    );
    assert.strictEqual(refused.kind, 'unreachable');
    assert.strictEqual(refused.errno, undefined, 'a socket errno is not a server errno');
    assert.match(refused.message, /Cannot connect to fe1:9030: The server refused the connection\. Check the host and the port/);
    assert.strictEqual(toConnectionError(driver({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND fe1' }), ctx).kind, 'unreachable');
    const slow = toConnectionError(driver({ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT', fatal: true }), ctx);
    assert.strictEqual(slow.kind, 'timeout');
    assert.match(slow.message, /within 10 seconds.*connectTimeoutSeconds/);
    assert.match(toConnectionError(driver({ code: 'QUERY_TIMEOUT', message: 'x' }), ctx).message, /within 60 seconds.*queryTimeoutSeconds/);
  });

  it('TLS failures say what to change', () => {
    const e = toConnectionError(driver({ code: 'HANDSHAKE_NO_SSL_SUPPORT', message: 'Server does not support secure connection' }), ctx);
    assert.strictEqual(e.kind, 'tls');
    assert.match(e.message, /turn TLS off/);
    assert.strictEqual(
      toConnectionError(driver({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), { ...ctx, tls: 'verify' })
        .kind,
      'tls',
    );
  });

  it('a dropped connection is a connection loss, a server error is not', () => {
    const lost = driver({ code: 'PROTOCOL_CONNECTION_LOST', message: 'Connection lost: The server closed the connection.', fatal: true });
    assert.strictEqual(isConnectionLoss(lost), true);
    assert.strictEqual(toConnectionError(lost, ctx).kind, 'connectionLost');
    assert.strictEqual(isConnectionLoss(driver({ errno: 1064, sqlState: '42000', message: 'syntax', fatal: false })), false);
    assert.strictEqual(isConnectionLoss(driver({ code: 'ECONNREFUSED', fatal: true })), false);
  });

  it('missing privilege: names the GRANT (RBAC on 3.x, ADMIN before 3.0)', () => {
    const message =
      'Access denied; you need (at least one of) the REPOSITORY privilege(s) on SYSTEM for this operation. Please ask the admin to grant permission(s).';
    const rbac = toConnectionError(driver({ errno: 5203, sqlState: '42000', message }), {
      ...ctx,
      caps: capabilitiesOf(parseServerVersion('3.4.1')),
    });
    assert.strictEqual(rbac.kind, 'permission');
    assert.strictEqual(rbac.grant, "GRANT REPOSITORY ON SYSTEM TO USER 'backup'");
    assert.ok(rbac.message.includes(rbac.grant!), rbac.message);
    const old = toConnectionError(
      driver({
        errno: 1064,
        sqlState: 'HY000',
        message: 'Access denied; you need (at least one of) the ADMIN privilege(s) for this operation',
      }),
      { ...ctx, caps: capabilitiesOf(parseServerVersion('2.5.0')) },
    );
    assert.strictEqual(old.kind, 'permission');
    assert.match(old.grant!, /ADMIN/);
  });

  it('another job in the database: busy, with what to do', () => {
    const e = toConnectionError(
      driver({ errno: 5064, sqlState: '42000', message: 'Can only run one backup or restore job of a database at same time' }),
      ctx,
    );
    assert.strictEqual(e.kind, 'busy');
    assert.match(e.message, /Wait for the running BACKUP or RESTORE/);
  });

  it('never carries the password or a secret from the statement', () => {
    const e = toConnectionError(
      driver({ errno: 1064, sqlState: '42000', message: "Getting syntax error near 'secret_key' = 'AKsecretvalue' and s3cr3t-pw" }),
      ctx,
    );
    assert.ok(!e.message.includes('s3cr3t-pw'), e.message);
    assert.ok(!(e.detail ?? '').includes('s3cr3t-pw'));
    const wrapped = toConnectionError(new ConnectionError('failed', { kind: 'server', detail: 'server said s3cr3t-pw' }), ctx);
    assert.strictEqual(wrapped.detail, 'server said ***');
  });

  it('masks the password only where it stands as a whole token', () => {
    const one = { ...ctx, secrets: ['1'] };
    const unreachable = toConnectionError(
      new ConnectionError('failed', { kind: 'server', detail: 'connect ECONNREFUSED 127.0.0.1:9030 (tried 1 time, password 1)' }),
      one,
    );
    assert.strictEqual(unreachable.detail, 'connect ECONNREFUSED 127.0.0.1:9030 (tried *** time, password ***)');
    const word = toConnectionError(new ConnectionError('failed', { kind: 'server', detail: 'passwords: pw, pw2, my-pw, pw.' }), {
      ...ctx,
      secrets: ['pw'],
    });
    assert.strictEqual(word.detail, 'passwords: ***, pw2, my-pw, ***.');
    const symbols = toConnectionError(new ConnectionError('failed', { kind: 'server', detail: 'near x!pw! and "!pw!"' }), {
      ...ctx,
      secrets: ['!pw!'],
    });
    assert.strictEqual(symbols.detail, 'near x*** and "***"');
  });

  it("does not mangle the extension's own text when the password is an ordinary word", () => {
    const e = toConnectionError(
      driver({ errno: 1045, sqlState: '28000', message: "Access denied for user 'backup'@'h' (using password: YES)" }),
      { ...ctx, secrets: ['wrong'] },
    );
    assert.match(e.message, /password is wrong/);
  });

  it('an LDAP user without the clear-text option: auth, says it needs verified TLS, and is not a connection loss', () => {
    const ldap = driver({
      code: 'MYSQL_CLEAR_PASSWORD_NOT_ENABLED',
      fatal: true,
      message:
        'Server requested authentication using mysql_clear_password, which sends the password in plaintext … Only use this over a secure connection (TLS/SSL).',
    });
    assert.strictEqual(isConnectionLoss(ldap), false);
    for (const tls of ['off', 'on'] as const) {
      const e = toConnectionError(ldap, { ...ctx, tls });
      assert.strictEqual(e.kind, 'auth');
      assert.match(
        e.message,
        /clear text \(an LDAP user\), and this connection does not verify the server's certificate, so the password was not sent/,
        tls,
      );
      assert.match(e.message, /choose "TLS with certificate verification" .* and allow the clear-text password/, tls);
    }
    const verified = toConnectionError(ldap, { ...ctx, tls: 'verify' });
    assert.match(verified.message, /clear text \(an LDAP user\)\. Edit the connection and allow the clear-text password\./);
  });

  it('a connection in closed state counts as lost', () => {
    assert.strictEqual(
      isConnectionLoss(driver({ fatal: true, message: "Can't add new command when connection is in closed state" })),
      true,
    );
  });
});
