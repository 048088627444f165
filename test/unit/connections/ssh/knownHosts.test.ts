import * as assert from 'assert';
import { createHmac, randomBytes } from 'node:crypto';
import { hostKeyOf } from '../../../../src/connections/ssh/fingerprint';
import { hostMatches, knownHostKeys, knownHostsName } from '../../../../src/connections/ssh/knownHosts';
import { keyBlob } from './fingerprint.test';

const ed = keyBlob('ssh-ed25519', Buffer.alloc(32, 1));
const ed2 = keyBlob('ssh-ed25519', Buffer.alloc(32, 2));
const rsa = keyBlob('ssh-rsa', Buffer.alloc(64, 3));
const b64 = (blob: Buffer): string => blob.toString('base64');

/** A hashed host field as `HashKnownHosts yes` / `ssh-keygen -H` writes it. */
function hashed(name: string, salt = randomBytes(20)): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('connections/ssh/knownHosts', () => {
  it('names a host as known_hosts does: bare on port 22, [host]:port otherwise, lower case', () => {
    assert.strictEqual(knownHostsName('Bastion.Example.com', 22), 'bastion.example.com');
    assert.strictEqual(knownHostsName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });

  it('finds plain entries, with comma lists and comments, and reports their line', () => {
    const text = [
      '# comment',
      '',
      `other.example.com ssh-ed25519 ${b64(ed2)}`,
      `bastion,10.0.0.5 ssh-ed25519 ${b64(ed)} me@laptop`,
      `bastion ssh-rsa ${b64(rsa)}`,
    ].join('\n');
    const found = knownHostKeys(text, 'bastion', 22);
    assert.deepStrictEqual(
      found.map((e) => [e.algorithm, e.sha256, e.line, e.revoked]),
      [
        ['ssh-ed25519', hostKeyOf(ed)?.sha256, 4, false],
        ['ssh-rsa', hostKeyOf(rsa)?.sha256, 5, false],
      ],
    );
    assert.deepStrictEqual(knownHostKeys(text, '10.0.0.5', 22).length, 1);
    assert.deepStrictEqual(knownHostKeys(text, 'bastion', 2222), [], 'port 22 entries do not name another port');
  });

  it('matches [host]:port entries only on that port', () => {
    const text = `[bastion]:2222 ssh-ed25519 ${b64(ed)}\n`;
    assert.strictEqual(knownHostKeys(text, 'bastion', 2222).length, 1);
    assert.strictEqual(knownHostKeys(text, 'bastion', 22).length, 0);
    assert.strictEqual(knownHostKeys(text, 'bastion', 2223).length, 0);
  });

  it('matches hashed entries (|1|salt|hash) by HMAC-SHA1 of the name, on port 22 and [host]:port', () => {
    const text = [`${hashed('bastion')} ssh-ed25519 ${b64(ed)}`, `${hashed('[bastion]:2222')} ssh-ed25519 ${b64(ed2)}`].join('\n');
    assert.deepStrictEqual(
      knownHostKeys(text, 'bastion', 22).map((e) => e.sha256),
      [hostKeyOf(ed)?.sha256],
    );
    assert.deepStrictEqual(
      knownHostKeys(text, 'bastion', 2222).map((e) => e.sha256),
      [hostKeyOf(ed2)?.sha256],
    );
    assert.deepStrictEqual(knownHostKeys(text, 'other', 22), []);
    assert.strictEqual(hostMatches('|1|not-base64|', 'bastion'), false, 'a malformed hash matches nothing');
  });

  it('honours wildcards and negation', () => {
    assert.strictEqual(hostMatches('*.example.com', 'b1.example.com'), true);
    assert.strictEqual(hostMatches('b?.example.com', 'b1.example.com'), true);
    assert.strictEqual(hostMatches('b?.example.com', 'b12.example.com'), false);
    assert.strictEqual(hostMatches('*.example.com,!b1.example.com', 'b1.example.com'), false, 'a negated match wins');
    assert.strictEqual(hostMatches('!b1.example.com', 'b2.example.com'), false, 'negation alone matches nothing');
    assert.strictEqual(hostMatches('[b*]:2222', '[bastion]:2222'), true);
    assert.strictEqual(hostMatches('b.example.com', 'bXexample.com'), false, 'a dot is literal');
  });

  it('flags @revoked keys and skips @cert-authority lines', () => {
    const text = [
      `@revoked bastion ssh-ed25519 ${b64(ed2)}`,
      `@cert-authority bastion ssh-ed25519 ${b64(rsa)}`,
      `bastion ssh-ed25519 ${b64(ed)}`,
    ].join('\n');
    assert.deepStrictEqual(
      knownHostKeys(text, 'bastion', 22).map((e) => [e.sha256, e.revoked]),
      [
        [hostKeyOf(ed2)?.sha256, true],
        [hostKeyOf(ed)?.sha256, false],
      ],
    );
  });

  it('ignores lines whose key is not a key', () => {
    assert.deepStrictEqual(knownHostKeys('bastion ssh-ed25519 !!!!\nbastion ssh-ed25519\n', 'bastion', 22), []);
  });
});
