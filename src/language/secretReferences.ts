/**
 * Secrets kept out of `.sql` files. A clear-text secret in a CREATE REPOSITORY is moved to VS Code's
 * SecretStorage and replaced by a reference the runner resolves just before the statement is sent:
 *
 *   "aws.s3.secret_key" = "${secret:my_repo/aws.s3.secret_key}"
 *
 * The reference names `<repository>/<property key>`; the SecretStorage key is that name under a
 * prefix of its own (`SECRET_STORAGE_PREFIX`), so a file can only reach secrets that were put there
 * for SQL files — never a connection password or another extension secret.
 */
import { quoteString } from '../starrocks/identifiers';
import { isSecretPropertyKey } from '../starrocks/redact';
import { tokenize, type Token } from '../starrocks/sqlLexer';

export const SECRET_STORAGE_PREFIX = 'starrocksBackup.sqlSecret/';

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

/** The SecretStorage key that holds the secret a reference names. */
export function secretStorageKey(name: string): string {
  return SECRET_STORAGE_PREFIX + name;
}

/** The secret name when `value` (a string literal's contents) is exactly a reference. */
export function referencedName(value: string): string | undefined {
  return REFERENCE.exec(value)?.[1];
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

/**
 * `sql` with each reference replaced by its secret as a string literal. Names the lookup does not
 * know are returned in `missing` and left in place, so the caller can ask for them and retry;
 * references outside a secret property are returned in `misplaced` and never resolved.
 */
export async function resolveSecretReferences(sql: string, lookup: (name: string) => Promise<string | undefined>): Promise<{ sql: string; missing: string[]; misplaced: string[] }> {
  const uses = findSecretReferences(sql);
  const missing: string[] = [];
  const misplaced = uses.filter((use) => !use.underSecretKey).map((use) => use.name);
  let out = '';
  let at = 0;
  for (const use of uses.filter((u) => u.underSecretKey)) {
    const secret = await lookup(use.name);
    if (secret === undefined) {
      if (!missing.includes(use.name)) missing.push(use.name);
      continue;
    }
    out += sql.slice(at, use.start) + quoteString(secret);
    at = use.end;
  }
  return { sql: out + sql.slice(at), missing, misplaced };
}
