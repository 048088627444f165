import * as assert from 'assert';
import { checkHostKey } from '../../../../src/connections/ssh/hostKeyCheck';
import type { KnownHostEntry } from '../../../../src/connections/ssh/knownHosts';

const key = (sha256: string, algorithm = 'ssh-ed25519') => ({ algorithm, sha256 });
const entry = (sha256: string, fields: Partial<KnownHostEntry> = {}): KnownHostEntry => ({
  ...key(sha256),
  line: 3,
  revoked: false,
  file: '/home/me/.ssh/known_hosts',
  ...fields,
});

describe('connections/ssh/hostKeyCheck', () => {
  it('an unknown key is for the user to accept', () => {
    assert.deepStrictEqual(checkHostKey(key('A'), undefined, []), { verdict: 'unknown' });
    assert.deepStrictEqual(
      checkHostKey(key('A'), undefined, [entry('B', { algorithm: 'ssh-rsa' })]),
      { verdict: 'unknown' },
      'only another algorithm is known',
    );
  });

  it('the stored key decides when there is one', () => {
    assert.deepStrictEqual(checkHostKey(key('A'), key('A'), []), { verdict: 'known', source: 'profile' });
    assert.deepStrictEqual(checkHostKey(key('B'), key('A'), [entry('B')]), { verdict: 'changed', previous: key('A'), source: 'profile' });
    assert.deepStrictEqual(checkHostKey(key('A', 'ssh-rsa'), key('A'), []).verdict, 'changed', 'same digest, another algorithm');
  });

  it('known_hosts accepts its keys and refuses another key of the same algorithm', () => {
    assert.deepStrictEqual(checkHostKey(key('A'), undefined, [entry('B', { algorithm: 'ssh-rsa' }), entry('A')]), {
      verdict: 'known',
      source: 'knownHosts',
    });
    assert.deepStrictEqual(checkHostKey(key('C'), undefined, [entry('A')]), {
      verdict: 'changed',
      previous: key('A'),
      source: 'knownHosts',
      file: '/home/me/.ssh/known_hosts',
      line: 3,
    });
  });

  it('a revoked key is refused even when stored', () => {
    const verdict = checkHostKey(key('A'), key('A'), [entry('A', { revoked: true, line: 7 })]);
    assert.strictEqual(verdict.verdict, 'changed');
    assert.strictEqual(verdict.verdict === 'changed' && verdict.revoked, true);
  });
});
