/**
 * Secrets kept out of `.sql` files. A clear-text secret in a CREATE REPOSITORY is moved to VS Code's
 * SecretStorage and replaced by a reference the runner resolves just before the statement is sent:
 *
 *   "aws.s3.secret_key" = "${secret:my_repo/aws.s3.secret_key}"
 *
 * The reference names `<repository>/<property key>`. What it stands for is bound to where it was
 * stored: the SecretStorage key holds the connection (profile id), and the stored value (JSON) holds
 * the repository name, LOCATION and endpoint properties of the CREATE REPOSITORY it came from. A
 * reference resolves only as a secret property of a CREATE REPOSITORY run on that same connection,
 * for that same repository, location and endpoint: a file cannot send a stored key to a bucket or
 * endpoint of its choosing, and two clusters with a repository of the same name have a slot each.
 * All keys are under a prefix of their own, so a file never reaches a connection password.
 */
import { normalizeLocation } from '../starrocks/location';
import { quoteString } from '../starrocks/identifiers';
import { isSecretPropertyKey } from '../starrocks/redact';
import { tokenize, type Token } from '../starrocks/sqlLexer';
import { parseStatement, type ParsedStatement } from './parser';
import { documentStatements } from './documentStatements';

/**
 * Values stored before secrets were bound (`<prefix><name>`, the bare secret). They are bound to
 * nothing, so they are never resolved: the user is asked to enter the secret again, which stores it
 * bound and removes the old value.
 */
export const LEGACY_SECRET_PREFIX = 'starrocksBackup.sqlSecret/';
export const SECRET_STORAGE_PREFIX = 'starrocksBackup.sqlSecret.v2/';
const STORED_FORMAT = 'starrocksBackup.sqlSecret';

const NAME = '[A-Za-z0-9_][\\w.-]*(?:/[\\w.-]+)*';
const REFERENCE = new RegExp(`^\\$\\{secret:(${NAME})\\}$`);

/** The name for the secret of property `key` of repository `repository`. */
export function secretName(repository: string, key: string): string {
  return `${repository.replace(/[^\w.-]/g, '_')}/${key.replace(/[^\w.-]/g, '_')}`;
}

/** `${secret:<name>}` — what stands in the file instead of the secret. */
export function secretReference(name: string): string {
  return '${secret:' + name + '}';
}

/** The SecretStorage key of the secret `name` on connection `profileId`: one slot per connection. */
export function secretStorageKey(profileId: string, name: string): string {
  return `${SECRET_STORAGE_PREFIX}${encodeURIComponent(profileId)}/${name}`;
}

/** Where a value stored before binding sits (read only to say so, and removed once stored again). */
export function legacySecretStorageKey(name: string): string {
  return LEGACY_SECRET_PREFIX + name;
}

/** The secret name when `value` (a string literal's contents) is exactly a reference. */
export function referencedName(value: string): string | undefined {
  return REFERENCE.exec(value)?.[1];
}

/** The CREATE REPOSITORY a stored secret belongs to. Holds no secret. */
export interface SecretBinding {
  profileId: string;
  repository: string;
  /** Normalized (`comparableLocation`). */
  location: string;
  /** Every endpoint property of the statement (key lower-cased → normalized value); the secret goes there. */
  endpoints: Record<string, string>;
}

export interface StoredSecret {
  secret: string;
  binding: SecretBinding;
}

/** The SecretStorage value: the secret together with what it is bound to. */
export function encodeStoredSecret(stored: StoredSecret): string {
  return JSON.stringify({ format: STORED_FORMAT, version: 2, secret: stored.secret, binding: stored.binding });
}

/** The stored secret, or undefined for anything that is not a bound value of this format (bound to nothing). */
export function decodeStoredSecret(text: string | undefined): StoredSecret | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const d = data as { format?: unknown; version?: unknown; secret?: unknown; binding?: Partial<SecretBinding> } | null;
  const b = d?.binding;
  if (!d || d.format !== STORED_FORMAT || d.version !== 2 || typeof d.secret !== 'string' || !b) return undefined;
  if (
    typeof b.profileId !== 'string' ||
    typeof b.repository !== 'string' ||
    typeof b.location !== 'string' ||
    !b.endpoints ||
    typeof b.endpoints !== 'object'
  )
    return undefined;
  const endpoints = Object.fromEntries(Object.entries(b.endpoints).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { secret: d.secret, binding: { profileId: b.profileId, repository: b.repository, location: b.location, endpoints } };
}

/** The location as the FE reads it (`s3://` and `s3a://` are one place, a trailing `/` is dropped). */
export function comparableLocation(location: string): string {
  try {
    return normalizeLocation(location.trim()).location;
  } catch {
    return location.trim();
  }
}

function comparableEndpoint(endpoint: string): string {
  return endpoint.trim().replace(/\/+$/, '').toLowerCase();
}

/** Property keys that say where the storage is (`aws.s3.endpoint`, `fs.oss.endpoint`, …). */
function isEndpointKey(key: string): boolean {
  return /endpoint/i.test(key);
}

/** What a secret of this statement is bound to: a CREATE REPOSITORY with a name and a location, else undefined. */
export function statementBinding(p: ParsedStatement, profileId: string): SecretBinding | undefined {
  if (p.kind !== 'createRepository' || !p.repository || !p.location?.terminated) return undefined;
  const endpoints: Record<string, string> = {};
  for (const item of p.properties?.items ?? []) {
    if (item.value && isEndpointKey(item.key.value)) endpoints[item.key.value.toLowerCase()] = comparableEndpoint(item.value.value);
  }
  return { profileId, repository: p.repository.value, location: comparableLocation(p.location.value), endpoints };
}

export type BindingMismatch = 'connection' | 'repository' | 'location' | 'endpoint';

/** How `actual` (the statement about to run) differs from what the secret was stored for, or undefined. */
export function bindingMismatch(stored: SecretBinding, actual: SecretBinding): BindingMismatch | undefined {
  if (stored.profileId !== actual.profileId) return 'connection';
  if (stored.repository !== actual.repository) return 'repository';
  if (stored.location !== actual.location) return 'location';
  const keys = new Set([...Object.keys(stored.endpoints), ...Object.keys(actual.endpoints)]);
  for (const key of keys) if (stored.endpoints[key] !== actual.endpoints[key]) return 'endpoint';
  return undefined;
}

export interface SecretReferenceUse {
  name: string;
  /** Offsets of the whole string literal holding the reference. */
  start: number;
  end: number;
  /**
   * True when the reference is the value of a property that `redactSql` masks. Only those are
   * resolved: a secret put anywhere else would reach logs and previews in clear text.
   */
  underSecretKey: boolean;
}

/** Every string literal in `sql` that is a secret reference. */
export function findSecretReferences(sql: string): SecretReferenceUse[] {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'comment');
  return tokens.flatMap((t, i) => {
    const name = t.kind === 'string' ? referencedName(t.value) : undefined;
    return name === undefined ? [] : [{ name, start: t.start, end: t.end, underSecretKey: isSecretPropertyValue(tokens, i) }];
  });
}

/** Whether tokens[i] is the value in `"<secret key>" = <value>`. */
function isSecretPropertyValue(tokens: Token[], i: number): boolean {
  const equals = tokens[i - 1];
  const key = tokens[i - 2];
  return equals?.text === '=' && key?.kind === 'string' && isSecretPropertyKey(key.value);
}

export interface RefusedReference {
  name: string;
  mismatch: BindingMismatch;
  stored: SecretBinding;
}

export interface SecretResolution {
  /** `sql` with every resolvable reference replaced by its secret as a string literal. */
  sql: string;
  /** Names nothing is stored for on this connection: left in place, so the caller can ask for them and retry. */
  missing: string[];
  /** References that are not the value of a secret property of one CREATE REPOSITORY: never resolved. */
  misplaced: string[];
  /** References whose secret was stored for another repository, location or endpoint: never resolved. */
  refused: RefusedReference[];
  /** What the statement binds a secret to (a CREATE REPOSITORY with a location), for storing a missing one. */
  binding?: SecretBinding;
}

/**
 * Resolves the references of one statement run on connection `profileId`. `lookup` gives what is
 * stored under a name for that connection. A reference resolves only when it is the value of a
 * secret property of a CREATE REPOSITORY whose repository, location and endpoints are those the
 * secret was stored for; the caller must refuse to run when `misplaced` or `refused` is not empty.
 */
export async function resolveSecretReferences(
  sql: string,
  profileId: string,
  lookup: (name: string) => Promise<StoredSecret | undefined>,
): Promise<SecretResolution> {
  const uses = findSecretReferences(sql);
  const result: SecretResolution = { sql, missing: [], misplaced: [], refused: [] };
  if (uses.length === 0) return result;
  const statements = documentStatements(sql);
  const parsed = statements.length === 1 ? parseStatement(statements[0]) : undefined;
  result.binding = parsed ? statementBinding(parsed, profileId) : undefined;
  // Only the value of a secret property of the statement's own PROPERTIES clause, as the parser reads it.
  const secretValues = new Set(
    (result.binding ? (parsed?.properties?.items ?? []) : [])
      .filter((i) => i.value && isSecretPropertyKey(i.key.value))
      .map((i) => i.value!.start),
  );
  let out = '';
  let at = 0;
  for (const use of uses) {
    if (!result.binding || !secretValues.has(use.start)) {
      result.misplaced.push(use.name);
      continue;
    }
    const stored = await lookup(use.name);
    if (stored === undefined) {
      if (!result.missing.includes(use.name)) result.missing.push(use.name);
      continue;
    }
    const mismatch = bindingMismatch(stored.binding, result.binding);
    if (mismatch) {
      result.refused.push({ name: use.name, mismatch, stored: stored.binding });
      continue;
    }
    out += sql.slice(at, use.start) + quoteString(stored.secret);
    at = use.end;
  }
  result.sql = out + sql.slice(at);
  return result;
}
