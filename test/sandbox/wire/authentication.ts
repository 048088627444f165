/**
 * Password checks for the two plugins the FE accepts: mysql_native_password (a scramble) and
 * mysql_clear_password (the password itself, as LDAP users send it).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function sha1(...parts: Buffer[]): Buffer {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** The token a client computes: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))). Empty password → empty token. */
export function nativePasswordToken(password: string, scramble: Buffer): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha1(Buffer.from(password, 'utf8'));
  const stage2 = sha1(stage1);
  const mix = sha1(scramble, stage2);
  return Buffer.from(stage1.map((byte, i) => byte ^ mix[i]));
}

export function checkNativePassword(password: string, scramble: Buffer, token: Buffer): boolean {
  const expected = nativePasswordToken(password, scramble);
  return expected.length === token.length && (expected.length === 0 || timingSafeEqual(expected, token));
}

/** A clear-password reply is the password followed by a NUL byte. */
export function checkClearPassword(password: string, token: Buffer): boolean {
  const sent = token.length > 0 && token[token.length - 1] === 0 ? token.subarray(0, token.length - 1) : token;
  const expected = Buffer.from(password, 'utf8');
  return sent.length === expected.length && (expected.length === 0 || timingSafeEqual(sent, expected));
}
