/**
 * Reading OpenSSH's known_hosts (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"). Pure (no `vscode`): the
 * caller reads the file. Supported: comma-separated host patterns with `*`/`?` wildcards and `!`
 * negation, `[host]:port` for ports other than 22, hashed names (`|1|salt|hash`, HMAC-SHA1 of the
 * name keyed with the salt, as `HashKnownHosts yes` writes them), and the `@revoked` marker.
 * `@cert-authority` lines are skipped: the extension does not accept host certificates.
 */
import { createHmac } from 'node:crypto';
import { hostKeyOf, type HostKeyId } from './fingerprint';

export interface KnownHostEntry extends HostKeyId {
  /** 1-based line number in the file, for messages. */
  line: number;
  revoked: boolean;
  /** The file it was read from, for messages (set by the caller that read it). */
  file?: string;
}

/** The name known_hosts uses for a host and port: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host.toLowerCase() : `[${host.toLowerCase()}]:${port}`;
}

/** Every key the file lists for `host`:`port` (revoked ones flagged), in file order. */
export function knownHostKeys(text: string, host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  const found: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) return;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') return;
      revoked = true;
      fields.shift();
    }
    const [patterns, , base64] = fields;
    if (!patterns || !base64 || !hostMatches(patterns, name)) return;
    const key = hostKeyOf(Buffer.from(base64, 'base64'));
    if (key) found.push({ ...key, line: index + 1, revoked });
  });
  return found;
}

/** Whether a line's host field names `name`: a hashed entry, or patterns where a negated match wins. */
export function hostMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) return hashedMatches(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const expected = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return expected === hash;
}

/** `*` (any run) and `?` (one character), case-insensitively, over the whole name. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(name);
}
