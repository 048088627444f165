import * as assert from 'assert';
import { createHash } from 'node:crypto';
import { formatFingerprint, hostKeyOf, sha256Of } from '../../../../src/connections/ssh/fingerprint';

/** A key blob in SSH wire format: a length-prefixed type name, then the key material. */
export function keyBlob(type: string, material: Buffer): Buffer {
  const name = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, material]);
}

// A throwaway key made with `ssh-keygen -t ed25519`, and what `ssh-keygen -l -E sha256` printed for it.
const ED25519_PUB = 'AAAAC3NzaC1lZDI1NTE5AAAAIKAvY5lnJoG4/dVjuhpt/yvLaDxUyQaG7uZFkld6uZx9';
const OPENSSH_FINGERPRINT = 'SHA256:1f/gRph5BqSOocaw1tGs93zIUZZqjbAdJKhv6g8uR4A';

describe('connections/ssh/fingerprint', () => {
  it('formats SHA256 as OpenSSH prints it: unpadded base64 after "SHA256:"', () => {
    const blob = Buffer.from(ED25519_PUB, 'base64');
    assert.strictEqual(formatFingerprint(sha256Of(blob)), OPENSSH_FINGERPRINT);
    const expected = createHash('sha256').update(blob).digest('base64');
    assert.ok(expected.endsWith('='), 'a SHA-256 digest in base64 always carries one "=" of padding');
    assert.strictEqual(sha256Of(blob), expected.slice(0, -1));
    assert.strictEqual(formatFingerprint(sha256Of(blob)), `SHA256:${expected.slice(0, -1)}`);
    assert.match(formatFingerprint(sha256Of(blob)), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads the algorithm from the blob', () => {
    assert.deepStrictEqual(hostKeyOf(Buffer.from(ED25519_PUB, 'base64')), {
      algorithm: 'ssh-ed25519',
      sha256: sha256Of(Buffer.from(ED25519_PUB, 'base64')),
    });
    assert.strictEqual(hostKeyOf(keyBlob('ecdsa-sha2-nistp256', Buffer.alloc(10)))?.algorithm, 'ecdsa-sha2-nistp256');
  });

  it('rejects blobs that are not SSH public keys', () => {
    assert.strictEqual(hostKeyOf(Buffer.alloc(0)), undefined);
    assert.strictEqual(hostKeyOf(Buffer.from([0, 0, 0, 50, 1, 2])), undefined, 'length beyond the blob');
    assert.strictEqual(hostKeyOf(Buffer.from([0, 0, 0, 0])), undefined, 'empty type name');
    assert.strictEqual(hostKeyOf(keyBlob('bad name', Buffer.alloc(4))), undefined, 'a space is not a type name');
  });
});
