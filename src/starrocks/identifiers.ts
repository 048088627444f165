/**
 * Quoting and name rules. Names are checked with the server's own rules (FeNameFormat in the
 * StarRocks FE) and rejected with the server's own message before anything is built; they are
 * never "fixed up". Quoting then makes any accepted name safe to embed.
 */
import { DialectError } from './dialectError';

/**
 * - `database`: a database name (FeNameFormat.checkDbName, 3.x+ rule that also allows `-~!@#$%^&<>=+`;
 *   older servers are stricter and answer with their own error).
 * - `table`: a table, view or alias name (checkTableName: anything but NUL, 1–1024 characters).
 * - `partition`: checkPartitionName (common-name rule, not starting with `placeholder_`).
 * - `repository`: checkCommonName("repository", …).
 * - `label`: a *new* snapshot label. The BACKUP analyzer only rejects an empty label, but the label
 *   becomes a directory name on storage, so the extension applies the FE's general label rule
 *   (checkLabel: `^[-\w]{1,128}$`) to labels it creates.
 * - `snapshot`: the label of an *existing* snapshot (RESTORE, SHOW SNAPSHOT, DROP SNAPSHOT): taken as
 *   the repository reports it, so only what cannot be a snapshot directory name is refused.
 */
export type NameKind = 'database' | 'table' | 'partition' | 'repository' | 'label' | 'snapshot';

const COMMON_NAME = /^[a-zA-Z]\w{0,63}$|^_[a-zA-Z0-9]\w{0,62}$/;
const DB_SPECIALS = '\\-~!@#$%^&<>=+';
const DB_NAME = new RegExp(`^[a-zA-Z][\\w${DB_SPECIALS}]{0,255}$|^_[a-zA-Z0-9][\\w${DB_SPECIALS}]{0,254}$`);
const TABLE_NAME = /^[^\0]{1,1024}$/;
export const LABEL_PATTERN = '^[-\\w]{1,128}$';
const LABEL = new RegExp(LABEL_PATTERN);
const FORBIDDEN_PARTITION_PREFIX = 'placeholder_';

/** The server's message for an invalid name, or undefined when the name is valid. */
export function validateName(kind: NameKind, name: string): string | undefined {
  switch (kind) {
    case 'database':
      return DB_NAME.test(name) ? undefined : `Incorrect database name '${name}'`;
    case 'table':
      return TABLE_NAME.test(name) ? undefined : `Incorrect table name '${name}'`;
    case 'partition':
      return COMMON_NAME.test(name) && !name.startsWith(FORBIDDEN_PARTITION_PREFIX) ? undefined : `Incorrect partition name '${name}'`;
    case 'repository':
      return COMMON_NAME.test(name) ? undefined : `Incorrect repository name '${name}'`;
    case 'label':
      return LABEL.test(name) ? undefined : `Label format error. regex: ${LABEL_PATTERN}, label: ${name}`;
    case 'snapshot':
      // Empty is the server's ERR_WRONG_LABEL_NAME; NUL and path separators cannot name a directory.
      return name.length > 0 && !/[\0/\\]/.test(name) ? undefined : `Incorrect label name '${name}'`;
  }
}

/** What the user can do about an invalid name of each kind. */
export function nameFix(kind: NameKind): string {
  switch (kind) {
    case 'database':
      return 'Database names start with a letter (or _ and a letter or digit) and hold letters, digits, _ and -~!@#$%^&<>=+, at most 256 characters.';
    case 'table':
      return 'Table names are 1 to 1024 characters and cannot contain the NUL character.';
    case 'partition':
      return 'Partition names start with a letter (or _ and a letter or digit), hold letters, digits and _, at most 64 characters, and do not start with "placeholder_".';
    case 'repository':
      return 'Repository names start with a letter (or _ and a letter or digit) and hold letters, digits and _, at most 64 characters.';
    case 'label':
      return 'Snapshot labels hold letters, digits, _ and -, 1 to 128 characters.';
    case 'snapshot':
      return 'Pick the snapshot from SHOW SNAPSHOT ON <repository>.';
  }
}

/** A validation issue for `name`, or undefined when it is valid. */
export function nameIssue(kind: NameKind, name: string, key?: string): { key?: string; message: string; fix: string } | undefined {
  const message = validateName(kind, name);
  return message === undefined ? undefined : { key, message, fix: nameFix(kind) };
}

/** `` `name` `` with backticks doubled. NUL cannot be represented in an identifier and is refused. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\0')) {
    throw new DialectError({ message: 'An identifier cannot contain the NUL character.' });
  }
  return '`' + name.replace(/`/g, '``') + '`';
}

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
  '\x1a': '\\Z',
};

/**
 * A single-quoted string literal. StarRocks string literals honour backslash escapes like MySQL,
 * so backslash and the quote are escaped; line breaks, NUL and ^Z are written as escapes too, which
 * keeps every built statement on one line and free of raw control characters.
 */
export function quoteString(value: string): string {
  return "'" + Array.from(value, (ch) => STRING_ESCAPES[ch] ?? ch).join('') + "'";
}

/** `` `db`.`name` `` */
export function qualifiedName(database: string, name: string): string {
  return `${quoteIdentifier(database)}.${quoteIdentifier(name)}`;
}
