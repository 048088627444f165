/**
 * Which statements may be re-sent after the connection dropped mid-flight. Pure (no `vscode`).
 *
 * A statement that lost its connection may or may not have reached the server. Re-sending a read
 * is harmless; re-sending BACKUP, RESTORE, CREATE/DROP REPOSITORY, CANCEL or DROP SNAPSHOT could
 * start a second job or act twice, so only an allow-list of reads is ever retried.
 */

/** The statement with leading comments and whitespace removed. */
function stripLeadingComments(sql: string): string {
  let s = sql;
  for (;;) {
    const next = s.replace(/^\s+/, '').replace(/^(--|#)[^\n]*(\n|$)/, '').replace(/^\/\*[\s\S]*?\*\//, '');
    if (next === s) return s;
    s = next;
  }
}

/** The first keyword(s) of a statement, upper-cased: `SHOW`, `SELECT`, `ADMIN SHOW`, … */
export function leadingKeywords(sql: string, count = 2): string[] {
  return stripLeadingComments(sql)
    .split(/[\s(;]+/)
    .filter(Boolean)
    .slice(0, count)
    .map((w) => w.toUpperCase());
}

/**
 * True for SHOW, SELECT (without INTO), DESC/DESCRIBE, EXPLAIN and ADMIN SHOW, and only for a
 * single statement. Anything else (including anything unrecognised) is treated as a write.
 */
export function isReadOnlyStatement(sql: string): boolean {
  const body = stripLeadingComments(sql).replace(/;\s*$/, '');
  // A second statement after a semicolon could be anything.
  if (/;/.test(body.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, ''))) return false;
  const [first, second] = leadingKeywords(body);
  switch (first) {
    case 'SHOW':
    case 'DESC':
    case 'DESCRIBE':
    case 'EXPLAIN':
      return true;
    case 'SELECT':
      return !/\bINTO\s+(OUTFILE|DUMPFILE)\b/i.test(body);
    case 'ADMIN':
      return second === 'SHOW';
    default:
      return false;
  }
}
