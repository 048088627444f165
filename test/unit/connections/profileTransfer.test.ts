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
});
