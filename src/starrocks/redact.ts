/**
 * Masks secrets in SQL text before it is logged, previewed or kept in history. Works on any SQL,
 * not only the extension's own: it tokenizes the text, so quotes, escapes, spacing, case and
 * comments cannot hide a secret from it, and a secret-looking text inside some other string
 * literal is left alone.
 */
import { isSignificant, isWord, Token, tokenize } from './sqlLexer';

export const MASK = '***';

/**
 * True for property keys whose values are secrets: AWS/S3A/OSS/COS/KS3/OBS secret keys, session
 * tokens, passwords, private keys, Azure account keys and SAS tokens. `aws.s3.access_key` is an
 * identifier, not a secret, and stays visible (StarRocks' own CreateRepositoryStmt masks more, but
 * showing the key id helps users tell repositories apart).
 */
export function isSecretPropertyKey(key: string): boolean {
  const k = key.toLowerCase();
  if (/secret|password|passwd|token|private_?key|keytab/.test(k)) {
    return true;
  }
  return /^(fs\.)?azure\./.test(k) && /key/.test(k);
}

function masked(token: Token): string {
  const quote = token.kind === 'string' ? token.text[0] : "'";
  return `${quote}${MASK}${quote}`;
}

/** Indexes (into `tokens`) of value tokens that hold secrets. */
function secretValueIndexes(tokens: Token[]): Set<number> {
  const significant = tokens.map((token, index) => ({ token, index })).filter((entry) => isSignificant(entry.token));
  const secrets = new Set<number>();
  const at = (i: number): Token | undefined => significant[i]?.token;
  const isValue = (token: Token | undefined): boolean =>
    token !== undefined && (token.kind === 'string' || token.kind === 'number' || token.kind === 'word');
  for (let i = 0; i < significant.length; i++) {
    const token = significant[i].token;
    // 'secret.key' = 'value'  (properties of CREATE REPOSITORY, CATALOG, RESOURCE, LOAD, …)
    if (token.kind === 'string' && at(i + 1)?.text === '=' && isValue(at(i + 2)) && isSecretPropertyKey(token.value)) {
      secrets.add(significant[i + 2].index);
    }
    // IDENTIFIED [WITH plugin] BY [PASSWORD] 'pw'   and   PASSWORD('pw')
    if (isWord(token, 'BY') && significant.slice(Math.max(0, i - 3), i).some((e) => isWord(e.token, 'IDENTIFIED'))) {
      const valueAt = isWord(at(i + 1), 'PASSWORD') ? i + 2 : i + 1;
      if (at(valueAt)?.kind === 'string') {
        secrets.add(significant[valueAt].index);
      }
    }
    if (isWord(token, 'PASSWORD') && at(i + 1)?.text === '(' && at(i + 2)?.kind === 'string') {
      secrets.add(significant[i + 2].index);
    }
    // SET PASSWORD [FOR user] = 'pw'
    if (isWord(token, 'SET') && isWord(at(i + 1), 'PASSWORD')) {
      const eq = significant.findIndex((e, j) => j > i && e.token.text === '=');
      if (eq > 0 && at(eq + 1)?.kind === 'string') {
        secrets.add(significant[eq + 1].index);
      }
    }
  }
  return secrets;
}

/** `sql` with every secret value replaced by `'***'`; everything else is kept byte for byte. */
export function redactSql(sql: string): string {
  const tokens = tokenize(sql);
  const secrets = secretValueIndexes(tokens);
  if (secrets.size === 0) {
    return sql;
  }
  return tokens.map((token, index) => (secrets.has(index) ? masked(token) : token.text)).join('');
}
