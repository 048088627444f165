import * as assert from 'assert';
import { buildTransferFile, parseTransferFile, TRANSFER_FORMAT } from '../../../src/connections/profileTransfer';
import type { ConnectionProfile } from '../../../src/connections/types';

const profile: ConnectionProfile = {
  id: 'p1',
  name: 'prod',
  host: 'fe1',
  port: 9030,
  user: 'backup',
  tls: 'verify',
  caFile: '/etc/ca.pem',
  environment: 'production',
  passwordMode: 'stored',
  allowClearTextPassword: true,
  database: 'sales',
};

describe('connections/profileTransfer', () => {
  it('exports non-secret fields and endpoints, without the local id', () => {
    const file = buildTransferFile([profile], () => ({ repo1: { endpoint: 'http://minio:9000', forcePathStyle: true } }));
    assert.strictEqual(file.format, TRANSFER_FORMAT);
    const { id: _id, ...rest } = profile;
    assert.deepStrictEqual(file.connections, [
      { ...rest, s3Endpoints: { repo1: { endpoint: 'http://minio:9000', forcePathStyle: true } } },
    ]);
  });

  it('round-trips an export', () => {
    const text = JSON.stringify(buildTransferFile([profile], () => ({})));
    const result = parseTransferFile(text);
    assert.deepStrictEqual(result.errors, []);
    assert.deepStrictEqual(result.warnings, []);
    const { id: _id, ...rest } = profile;
    assert.deepStrictEqual(result.connections, [rest]);
  });

  it('never imports secrets, and says which fields it dropped', () => {
    const text = JSON.stringify([
      {
        name: 'a',
        host: 'h',
        user: 'u',
        password: 'hunter2',
        secretKey: 'x',
        s3Endpoints: { r: { region: 'us-east-1', secretAccessKey: 'sk' } },
      },
    ]);
    const result = parseTransferFile(text);
    assert.deepStrictEqual(result.errors, []);
    assert.strictEqual(result.connections.length, 1);
    assert.ok(!JSON.stringify(result.connections).includes('hunter2'));
    assert.ok(!JSON.stringify(result.connections).includes('"sk"'));
    assert.deepStrictEqual(result.connections[0], {
      name: 'a',
      host: 'h',
      port: 9030,
      user: 'u',
      tls: 'off',
      passwordMode: 'ask',
      s3Endpoints: { r: { region: 'us-east-1' } },
    });
    assert.strictEqual(result.warnings.filter((w) => /secrets are never imported/.test(w)).length, 3);
  });

  it('rejects the whole file when any entry is invalid, naming the entry and field', () => {
    const text = JSON.stringify({
      format: TRANSFER_FORMAT,
      version: 1,
      connections: [
        { name: 'ok', host: 'h', user: 'u' },
        { name: 'bad', host: 'h', user: 'u', port: 70000, tls: 'maybe' },
      ],
    });
    const result = parseTransferFile(text);
    assert.deepStrictEqual(result.connections, []);
    assert.ok(
      result.errors.some((e) => e.startsWith('connections[1].tls')),
      result.errors.join('\n'),
    );
    assert.ok(result.errors.length >= 1);
    const port = parseTransferFile(JSON.stringify([{ name: 'bad', host: 'h', user: 'u', port: 70000 }]));
    assert.ok(
      port.errors.some((e) => e.startsWith('connections[0].port')),
      port.errors.join('\n'),
    );
  });

  it('rejects duplicate names inside the file, clear text without TLS, and non-files', () => {
    assert.match(
      parseTransferFile(
        JSON.stringify([
          { name: 'a', host: 'h', user: 'u' },
          { name: 'A', host: 'h', user: 'u' },
        ]),
      ).errors.join(),
      /already exists/,
    );
    assert.match(
      parseTransferFile(JSON.stringify([{ name: 'a', host: 'h', user: 'u', allowClearTextPassword: true }])).errors.join(),
      /needs TLS/,
    );
    assert.match(parseTransferFile('{not json').errors.join(), /not valid JSON/);
    assert.match(parseTransferFile('{"hello": 1}').errors.join(), /connections/);
    assert.match(
      parseTransferFile(JSON.stringify({ format: 'other', connections: [] })).errors.join(),
      /not a StarRocks Backup connections file/,
    );
    assert.match(
      parseTransferFile(JSON.stringify({ format: TRANSFER_FORMAT, version: 99, connections: [] })).errors.join(),
      /newer version/,
    );
    assert.match(parseTransferFile(JSON.stringify([{ name: 'a', user: 'u' }])).errors.join(), /host: required/);
  });

  it('exports the SSH tunnel without its accepted host key, and imports it without secrets or a host key', () => {
    const tunnelled: ConnectionProfile = {
      ...profile,
      ssh: {
        host: 'bastion',
        port: 2222,
        user: 'ops',
        auth: 'key',
        keyFile: '/home/me/.ssh/id_ed25519',
        hostKey: { algorithm: 'ssh-ed25519', sha256: 'A'.repeat(43) },
      },
    };
    const file = buildTransferFile([tunnelled], () => ({}));
    assert.deepStrictEqual(file.connections[0].ssh, {
      host: 'bastion',
      port: 2222,
      user: 'ops',
      auth: 'key',
      keyFile: '/home/me/.ssh/id_ed25519',
    });

    const entry = {
      ...file.connections[0],
      ssh: { ...file.connections[0].ssh, hostKey: { algorithm: 'ssh-ed25519', sha256: 'B'.repeat(43) }, passphrase: 'x', sshPassword: 'y' },
    };
    const result = parseTransferFile(JSON.stringify([entry]));
    assert.deepStrictEqual(result.errors, []);
    assert.deepStrictEqual(result.connections[0].ssh, {
      host: 'bastion',
      port: 2222,
      user: 'ops',
      auth: 'key',
      keyFile: '/home/me/.ssh/id_ed25519',
    });
    assert.match(
      result.warnings.join('\n'),
      /ssh\.hostKey was not imported: the bastion's host key is shown and accepted on the first connection/,
    );
    assert.match(result.warnings.join('\n'), /ssh\.passphrase was not imported: secrets are never imported/);
    assert.match(result.warnings.join('\n'), /ssh\.sshPassword was not imported: secrets are never imported/);
    assert.ok(!JSON.stringify(result.connections).includes('"x"'));
  });

  it('validates the SSH tunnel of an imported connection', () => {
    const base = { name: 'a', host: '10.0.0.7', user: 'u' };
    const errors = (ssh: unknown) => parseTransferFile(JSON.stringify([{ ...base, ssh }])).errors.join('\n');
    assert.strictEqual(errors({ host: 'bastion', user: 'ops', auth: 'agent' }), '', 'port 22 by default');
    assert.strictEqual(
      parseTransferFile(JSON.stringify([{ ...base, ssh: { host: 'b', user: 'o', auth: 'agent' } }])).connections[0].ssh?.port,
      22,
    );
    assert.match(errors({ host: 'bastion', user: 'ops', auth: 'telepathy' }), /ssh\.auth: must be one of key, password, agent/);
    assert.match(errors({ host: 'bastion', user: 'ops', auth: 'key' }), /Choose the private key file/);
    assert.match(errors({ host: 'bastion', user: 'ops', auth: 'key', keyFile: 'id_rsa' }), /absolute path/);
    assert.match(errors({ host: '', user: 'ops', auth: 'agent' }), /host: expected a string|host name or IP address of the SSH bastion/);
    assert.match(errors({ host: 'bastion', user: 'ops', auth: 'agent', port: 70000 }), /SSH port must be a number/);
    assert.match(errors('bastion'), /expected an object/);
  });
});
