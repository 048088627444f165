/**
 * Whether the key a bastion presents may be used: the one decision every tunnel makes before it
 * authenticates. Pure (no `vscode`). Never accepts a key it has not seen accepted: an unknown key
 * is for the user to accept (a modal), a different key is refused.
 */
import type { HostKeyId } from './fingerprint';
import type { KnownHostEntry } from './knownHosts';

export type HostKeyVerdict =
  /** The key the profile stores, or one the user's known_hosts lists for this host. */
  | { verdict: 'known'; source: 'profile' | 'knownHosts' }
  /** Never seen: ask the user, showing the fingerprint. */
  | { verdict: 'unknown' }
  /** A different key of the same kind was accepted before (or known_hosts lists the key as revoked). */
  | { verdict: 'changed'; previous: HostKeyId; source: 'profile' | 'knownHosts'; file?: string; line?: number; revoked?: boolean };

/**
 * The profile's accepted key decides when there is one (a different key is "changed", even when
 * known_hosts lists the new one: the user accepted that connection's key, and only Forget SSH Host
 * Key undoes that). Without one, known_hosts decides as OpenSSH does: a listed key is accepted, a
 * different key of the same algorithm is a change, and a key whose algorithm is not listed is unknown.
 */
export function checkHostKey(presented: HostKeyId, stored: HostKeyId | undefined, knownHosts: readonly KnownHostEntry[]): HostKeyVerdict {
  const revoked = knownHosts.find((e) => e.revoked && sameKey(e, presented));
  if (revoked)
    return { verdict: 'changed', previous: presented, source: 'knownHosts', file: revoked.file, line: revoked.line, revoked: true };
  if (stored)
    return sameKey(stored, presented)
      ? { verdict: 'known', source: 'profile' }
      : { verdict: 'changed', previous: stored, source: 'profile' };
  const listed = knownHosts.filter((e) => !e.revoked);
  if (listed.some((e) => sameKey(e, presented))) return { verdict: 'known', source: 'knownHosts' };
  const sameAlgorithm = listed.find((e) => e.algorithm === presented.algorithm);
  if (sameAlgorithm)
    return {
      verdict: 'changed',
      previous: { algorithm: sameAlgorithm.algorithm, sha256: sameAlgorithm.sha256 },
      source: 'knownHosts',
      file: sameAlgorithm.file,
      line: sameAlgorithm.line,
    };
  return { verdict: 'unknown' };
}

function sameKey(a: HostKeyId, b: HostKeyId): boolean {
  return a.algorithm === b.algorithm && a.sha256 === b.sha256;
}
