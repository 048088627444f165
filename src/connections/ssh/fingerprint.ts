/**
 * SSH host key fingerprints as OpenSSH prints them (`ssh-keygen -l`, the "authenticity of host"
 * prompt): `SHA256:` and the unpadded base64 of the SHA-256 of the key blob. Pure (no `vscode`).
 */
import { createHash } from 'node:crypto';

/** A host key as the profile stores it: its algorithm and its fingerprint without the `SHA256:` prefix. */
export interface HostKeyId {
  algorithm: string;
  sha256: string;
}

/** The unpadded base64 SHA-256 of a key blob (the part after `SHA256:`). */
export function sha256Of(blob: Uint8Array): string {
  return createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** `SHA256:…`, the fingerprint exactly as OpenSSH shows it. */
export function formatFingerprint(sha256: string): string {
  return `SHA256:${sha256}`;
}

/**
 * The algorithm and fingerprint of a public key blob in SSH wire format (a length-prefixed key type
 * name, then the key): what a server presents during the handshake and what a known_hosts line holds
 * in base64. Undefined for a blob that does not start with a plausible type name.
 */
export function hostKeyOf(blob: Uint8Array): HostKeyId | undefined {
  const algorithm = keyType(blob);
  return algorithm === undefined ? undefined : { algorithm, sha256: sha256Of(blob) };
}

function keyType(blob: Uint8Array): string | undefined {
  if (blob.length < 4) return undefined;
  const length = ((blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3]) >>> 0;
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  const name = Buffer.from(blob.subarray(4, 4 + length)).toString('latin1');
  return /^[\x21-\x7e]+$/.test(name) ? name : undefined;
}
