import * as assert from 'node:assert/strict';
import { describeAddress, parseConnectionAddress, type ParsedAddress } from '../../../src/connections/connectionAddress';

function parsed(text: string): ParsedAddress {
  const result = parseConnectionAddress(text);
  if ('error' in result) assert.fail(`${text}: ${result.error}`);
  return result;
}

function error(text: string): string {
  const result = parseConnectionAddress(text);
  assert.ok('error' in result, `${text} should be refused, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('connection address: a pasted mysql:// or jdbc:mysql:// address', () => {
  it('reads user, host, port and database from a mysql:// address', () => {
    const p = parsed('mysql://admin@fe1.example.com:9030/sales');
    assert.deepEqual(
      { host: p.host, port: p.port, user: p.user, database: p.database, password: p.password, tls: p.tls },
      { host: 'fe1.example.com', port: 9030, user: 'admin', database: 'sales', password: undefined, tls: undefined },
    );
    assert.deepEqual(p.notes, []);
    assert.equal(describeAddress(p), 'admin@fe1.example.com:9030/sales');
  });

  it('reads a jdbc:mysql:// address with user, password and TLS as query parameters', () => {
    const p = parsed('jdbc:mysql://10.0.0.5:9030/demo?user=etl&password=p%40ss%20word&sslMode=VERIFY_IDENTITY&characterEncoding=utf8');
    assert.equal(p.host, '10.0.0.5');
    assert.equal(p.user, 'etl');
    assert.equal(p.password, 'p@ss word');
    assert.equal(p.tls, 'verify');
    assert.equal(p.database, 'demo');
  });

  it('moves a password in the user info apart, decoded, and never shows it in the description', () => {
    const p = parsed('mysql://root:s%3Acret%2F1@[::1]:9131');
    assert.equal(p.user, 'root');
    assert.equal(p.password, 's:cret/1');
    assert.equal(p.host, '::1');
    assert.equal(p.port, 9131);
    assert.ok(!describeAddress(p).includes('cret'));
    assert.equal(describeAddress(p), 'root@[::1]:9131');
  });

  it('assumes the FE query port when there is none, and says so', () => {
    const p = parsed('mysql://fe.internal');
    assert.equal(p.port, 9030);
    assert.equal(p.user, undefined);
    assert.match(p.notes.join(' '), /no port; the FE query port 9030 is assumed/);
  });

  it('takes the first of several FEs (Connector/J load-balancing) and notes it', () => {
    const p = parsed('jdbc:mysql:loadbalance://fe1:9030,fe2:9030,fe3:9030/db1?user=u');
    assert.equal(p.host, 'fe1');
    assert.match(p.notes.join(' '), /lists 3 FEs; the form uses the first, fe1:9030/);
  });

  it('maps useSSL and sslMode to the TLS choice', () => {
    assert.equal(parsed('jdbc:mysql://h:1/?useSSL=true').tls, 'on');
    assert.equal(parsed('jdbc:mysql://h:1/?useSSL=false').tls, 'off');
    assert.equal(parsed('jdbc:mysql://h:1?sslMode=REQUIRED').tls, 'on');
    assert.equal(parsed('jdbc:mysql://h:1?ssl-mode=disabled').tls, 'off');
    assert.equal(parsed('jdbc:mysql://h:1?sslMode=VERIFY_CA').tls, 'verify');
    assert.equal(parsed('mariadb://h:1').tls, undefined);
  });

  it('prefers the user info over the user parameter and ignores a trailing slash', () => {
    const p = parsed('  mysql://a@h:9030/?user=b  ');
    assert.equal(p.user, 'a');
    assert.equal(p.database, undefined);
  });

  it('refuses malformed input with what to write instead', () => {
    assert.match(error(''), /Paste an address such as mysql:\/\//);
    assert.match(error('fe1.example.com:9030'), /not a connection address/);
    assert.match(error('postgres://u@h:5432/db'), /Only mysql:\/\/, mariadb:\/\/ and jdbc:mysql:\/\//);
    assert.match(error('mysql://'), /names no host/);
    assert.match(error('mysql://u@'), /names no host/);
    assert.match(error('mysql://u@h:99999'), /port must be a number from 1 to 65535/);
    assert.match(error('mysql://u@h:abc'), /port must be a number/);
    assert.match(error('mysql://u@bad host:9030'), /cannot contain spaces/);
    assert.match(error('mysql://u%ZZ@h:9030'), /malformed %-escape/);
    assert.match(error('jdbc:mysql://h:9030/db?password=%E0%A4%A'), /malformed %-escape/);
    assert.match(error('mysql://u@h:9030/1bad-db'), /Database names start with a letter/);
    assert.match(error('mysql://%20u@h:9030'), /cannot start or end with spaces/);
  });

  it('never puts the password into an error message', () => {
    for (const text of ['mysql://u:hunter2@h:99999', 'mysql://u:hunter2@h:9030/1bad', 'jdbc:mysql://h:0/?password=hunter2']) {
      assert.ok(!error(text).includes('hunter2'), text);
    }
  });
});
