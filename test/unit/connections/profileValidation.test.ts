import * as assert from 'assert';
import {
  english,
  formatHostPort,
  parseHostPort,
  profileProblems,
  uniqueName,
  validateClearText,
  validateDatabase,
  validateHost,
  validatePort,
  validateProfileName,
  validateUser,
} from '../../../src/connections/profileValidation';
import type { ConnectionProfile } from '../../../src/connections/types';

const base: Omit<ConnectionProfile, 'id'> = {
  name: 'local',
  host: '127.0.0.1',
  port: 9030,
  user: 'root',
  tls: 'off',
  passwordMode: 'stored',
};

describe('connections/profileValidation', () => {
  it('parses host, host:port, [ipv6]:port and bare IPv6, defaulting to 9030', () => {
    assert.deepStrictEqual(parseHostPort('fe1.example.com'), { host: 'fe1.example.com', port: 9030 });
    assert.deepStrictEqual(parseHostPort(' 10.0.0.5:19030 '), { host: '10.0.0.5', port: 19030 });
    assert.deepStrictEqual(parseHostPort('[::1]:9031'), { host: '::1', port: 9031 });
    assert.deepStrictEqual(parseHostPort('fe80::1'), { host: 'fe80::1', port: 9030 });
  });

  it('rejects schemes, spaces, bad addresses and bad ports with a message that says what to enter', () => {
    assert.match((parseHostPort('mysql://fe1:9030') as { error: string }).error, /without a scheme/);
    assert.match((parseHostPort('fe 1') as { error: string }).error, /spaces/);
    assert.match((parseHostPort('300.1.1.1') as { error: string }).error, /IPv4/);
    assert.match((parseHostPort('fe1:0') as { error: string }).error, /1 to 65535/);
    assert.match((parseHostPort('fe1:abc') as { error: string }).error, /1 to 65535/);
    assert.match((parseHostPort('') as { error: string }).error, /host name or IP/);
    assert.strictEqual(validateHost('-bad-.example'), 'This is not a valid host name.');
    assert.strictEqual(validatePort(65536), validatePort('0'));
    assert.strictEqual(validatePort(9030), undefined);
  });

  it('formats IPv6 hosts in brackets', () => {
    assert.strictEqual(formatHostPort('::1', 9030), '[::1]:9030');
    assert.strictEqual(formatHostPort('fe1', 9030), 'fe1:9030');
  });

  it('requires a unique name, case-insensitively', () => {
    assert.match(validateProfileName('  ', [])!, /Enter a name/);
    assert.match(validateProfileName('Prod', [{ name: 'prod' }])!, /already exists/);
    assert.strictEqual(validateProfileName('prod-2', [{ name: 'prod' }]), undefined);
    assert.strictEqual(uniqueName('prod', [{ name: 'Prod' }, { name: 'prod (2)' }]), 'prod (3)');
    assert.strictEqual(uniqueName('new', [{ name: 'prod' }]), 'new');
  });

  it('checks user and database names with the server rule', () => {
    assert.match(validateUser('')!, /user name/);
    assert.match(validateUser(' root')!, /spaces/);
    assert.strictEqual(validateDatabase(''), undefined);
    assert.strictEqual(validateDatabase('sales_db'), undefined);
    assert.match(validateDatabase('1sales')!, /Incorrect database name '1sales'/);
  });

  it('refuses the clear-text password without TLS, and over TLS that does not verify the certificate', () => {
    assert.match(validateClearText('off', true)!, /needs TLS with certificate verification/);
    // tls 'on' does not check the certificate: anyone in the path could present one and read the password.
    assert.match(validateClearText('on', true)!, /needs TLS with certificate verification, so that nobody in between can read it/);
    assert.strictEqual(validateClearText('verify', true), undefined);
    assert.strictEqual(validateClearText('off', false), undefined);
    assert.strictEqual(validateClearText('on', false), undefined);
    assert.deepStrictEqual(
      profileProblems({ ...base, tls: 'on', allowClearTextPassword: true }, []).map((p) => p.field),
      ['allowClearTextPassword'],
    );
  });

  it('lists every problem of a profile by field', () => {
    assert.deepStrictEqual(profileProblems(base, []), []);
    const fields = profileProblems(
      { ...base, port: 0, tls: 'verify', allowClearTextPassword: true, passwordMode: 'always' as never },
      [],
    ).map((p) => p.field);
    assert.deepStrictEqual(fields, ['port', 'caFile', 'passwordMode']);
    assert.deepStrictEqual(
      profileProblems({ ...base, allowClearTextPassword: true }, []).map((p) => p.field),
      ['allowClearTextPassword'],
    );
  });

  it('passes every message through the translate function with its arguments', () => {
    const seen: string[] = [];
    const t = (message: string, ...args: (string | number | boolean)[]) => {
      seen.push(message);
      return english(message, ...args).toUpperCase();
    };
    assert.strictEqual(validateProfileName('a', [{ name: 'A' }], t), 'A CONNECTION NAMED "A" ALREADY EXISTS.');
    assert.deepStrictEqual(seen, ['A connection named "{0}" already exists.']);
  });
});
