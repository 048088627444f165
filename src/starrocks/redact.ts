/**
 * Masks secrets in SQL text before it is logged, previewed or kept in history. Works on any SQL,
 * not only the extension's own: it tokenizes the text, so quotes, escapes, spacing, case and
 * comments cannot hide a secret from it, and a secret-looking text inside some other string
 * literal is left alone.
 *
 * What is masked is the whole value expression, not one token: `'ab' 'cd'`, `_utf8'…'`, `N'…'`,
 * `X'…'`, `0x…` and `CONCAT(…)` are all ways to write one secret, and only masking everything up to
 * the `,` or `)` that ends the value keeps every one of them out of sight.
 */
import { quoteString } from './identifiers';
import { isSignificant, isWord, Token, tokenize } from './sqlLexer';

export const MASK = '***';

/** Credential properties whose names do not say "secret" (StarRocks' CloudConfigurationConstants). */
const SECRET_KEYS = new Set(['azure.adls1.oauth2_credential', 'fs.oss.accesskeysecret', 'fs.ks3.accesssecret']);

/**
 * True for property keys whose values are secrets: AWS/S3A/OSS/COS/KS3/OBS/TOS secret keys,
 * session and SAS tokens, passwords, private keys, Azure shared/account keys and OAuth2 client
 * secrets and credentials, Kerberos keytabs. `aws.s3.access_key` is an identifier, not a secret,
 * and stays visible (StarRocks' own CreateRepositoryStmt masks more, but showing the key id helps
 * users tell repositories apart).
 */
export function isSecretPropertyKey(key: string): boolean {
  const k = key.toLowerCase();
  if (SECRET_KEYS.has(k) || /secret|passw|passphrase|token|credential|private_?key|privatekey|keytab|api_?key/.test(k)) {
    return true;
  }
  if (/(^|[^a-z])(sas|pwd|psw)([^a-z]|$)/.test(k)) return true;
  return /^(fs\.)?azure\./.test(k) && /key/.test(k);
}

/** A part of the text to replace. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A masked value, in the quotes of the value it replaces when those were double quotes. */
function maskFor(first: Token): string {
  return first.kind === 'string' && first.text.startsWith('"') ? `"${MASK}"` : `'${MASK}'`;
}

/** The significant tokens of one statement, with helpers that read them. */
class Reader {
  constructor(readonly tokens: Token[]) {}

  at(i: number): Token | undefined {
    return this.tokens[i];
  }

  is(i: number, text: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && (t.kind === 'punctuation' || t.kind === 'operator') && t.text === text;
  }

  /**
   * Index of the last token of the expression starting at `from`: it ends before the next `,`,
   * `)` or `;` at its own nesting depth, or at the end of the text.
   */
  expressionEnd(from: number): number {
    let depth = 0;
    for (let i = from; i < this.tokens.length; i++) {
      if (this.is(i, '(')) depth++;
      else if (this.is(i, ')') && depth-- === 0) return i - 1;
      else if ((this.is(i, ',') && depth === 0) || this.is(i, ';')) return i - 1;
    }
    return this.tokens.length - 1;
  }

  /**
   * Index of the last token of the literal starting at `from`: adjacent strings, with charset
   * introducers (`_utf8'…'`) and `N`/`X`/`B` prefixes, or a hex/bit number (`0x…`, `0b…`).
   * `from - 1` when there is no literal there.
   */
  literalEnd(from: number): number {
    let i = from;
    for (;;) {
      const t = this.tokens[i];
      if (t === undefined) return i - 1;
      const next = this.tokens[i + 1];
      if (t.kind === 'string' || t.kind === 'number' || (t.kind === 'word' && /^0(x[0-9a-f]*|b[01]*)$/i.test(t.text))) i++;
      else if (t.kind === 'word' && next?.kind === 'string' && /^(_\w+|[nxb])$/i.test(t.text)) i++;
      else return i - 1;
    }
  }

  /** Replaces tokens `from`..`to` (inclusive) by one masked literal. */
  mask(from: number, to: number): Edit | undefined {
    if (to < from) return undefined;
    return { start: this.tokens[from].start, end: this.tokens[to].end, text: maskFor(this.tokens[from]) };
  }

  /** The name of a property key ending at `i`: a quoted key, or dotted bare words (`aws.s3.secret_key`). */
  keyEndingAt(i: number): string | undefined {
    const t = this.tokens[i];
    if (t === undefined) return undefined;
    if (t.kind === 'string' || t.kind === 'quotedIdentifier') return t.value;
    if (t.kind === 'variable') return t.text.replace(/^@+/, '');
    if (t.kind !== 'word') return undefined;
    let key = t.text;
    for (let j = i - 1; j >= 1 && this.is(j, '.') && this.tokens[j - 1].kind === 'word'; j -= 2) key = `${this.tokens[j - 1].text}.${key}`;
    return key;
  }
}

/** `'secret.key' = value` in PROPERTIES, catalogs, resources, loads, … and `SET @password := …`. */
function secretProperties(r: Reader): Edit[] {
  const edits: Edit[] = [];
  for (let i = 1; i < r.tokens.length; i++) {
    if (!r.is(i, '=') && !r.is(i, ':=')) continue;
    const key = r.keyEndingAt(i - 1);
    if (key !== undefined && isSecretPropertyKey(key)) {
      const edit = r.mask(i + 1, r.expressionEnd(i + 1));
      if (edit) edits.push(edit);
    }
  }
  return edits;
}

/** `IDENTIFIED [WITH plugin] BY [PASSWORD] 'pw'`, `IDENTIFIED WITH plugin AS 'auth'`, `PASSWORD(…)`, `SET PASSWORD … = …`. */
function passwords(r: Reader): Edit[] {
  const edits: Edit[] = [];
  const push = (edit: Edit | undefined): void => {
    if (edit) edits.push(edit);
  };
  for (let i = 0; i < r.tokens.length; i++) {
    const token = r.tokens[i];
    if (isWord(token, 'IDENTIFIED')) {
      for (let j = i + 1; j <= i + 4 && j < r.tokens.length; j++) {
        if (!isWord(r.at(j), 'BY') && !isWord(r.at(j), 'AS')) continue;
        const from = isWord(r.at(j), 'BY') && isWord(r.at(j + 1), 'PASSWORD') && !r.is(j + 2, '(') ? j + 2 : j + 1;
        const literal = r.literalEnd(from);
        // Something other than a literal (a function, a variable): mask all of it.
        push(r.mask(from, literal >= from ? literal : r.expressionEnd(from)));
        break;
      }
    }
    if (isWord(token, 'PASSWORD') && r.is(i + 1, '(')) {
      push(r.mask(i + 2, r.expressionEnd(i + 2)));
    }
    if (isWord(token, 'SET') && isWord(r.at(i + 1), 'PASSWORD')) {
      for (let j = i + 2; j < r.tokens.length && !r.is(j, ';'); j++) {
        if (r.is(j, '=')) {
          push(r.mask(j + 1, r.expressionEnd(j + 1)));
          break;
        }
      }
    }
  }
  return edits;
}

/** Schemes whose user-info is a container name (`wasbs://container@account…`), not a credential. */
const CONTAINER_SCHEMES = /^(wasbs?|abfss?)$/i;

/**
 * `text` with the user-info of its URL (`s3a://KEY:SECRET@bucket`) masked, or undefined when it has
 * none. Secret keys may hold `/` and `@`, so the user-info runs to the last `@`; a path that holds an
 * `@` (`s3://bucket/a@b`) is told apart by having no `:` before its first `/`.
 */
function withoutUserInfo(text: string): string | undefined {
  const m = /([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!m) return undefined;
  const from = m.index + m[0].length;
  const at = text.lastIndexOf('@');
  if (at < from) return undefined;
  const userInfo = text.slice(from, at);
  const beforePath = userInfo.split('/')[0];
  if (userInfo.includes('/') && !beforePath.includes(':')) return undefined;
  if (CONTAINER_SCHEMES.test(m[1]) && !beforePath.includes(':')) return undefined;
  return text.slice(0, from) + MASK + text.slice(at);
}

/** The text a literal token stands for, as far as it matters for finding URLs. */
function literalText(token: Token, prefix: Token | undefined): string {
  if (token.kind === 'word' && /^0x/i.test(token.text)) return Buffer.from(token.text.slice(2), 'hex').toString('latin1');
  if (token.kind === 'string' && prefix && /^x$/i.test(prefix.text)) return Buffer.from(token.value, 'hex').toString('latin1');
  return token.kind === 'string' ? token.value : '';
}

/** Every literal that is a URL with user-info (ON LOCATION, LOCATIONS, 'path' = …), however it is written. */
function urlUserInfo(r: Reader): Edit[] {
  const edits: Edit[] = [];
  for (let i = 0; i < r.tokens.length; i++) {
    const end = r.literalEnd(i);
    if (end < i) continue;
    const text = r.tokens
      .slice(i, end + 1)
      .map((t, k) => literalText(t, r.at(i + k - 1)))
      .join('');
    const masked = withoutUserInfo(text);
    if (masked !== undefined) edits.push({ start: r.tokens[i].start, end: r.tokens[end].end, text: quoteString(masked) });
    i = end;
  }
  return edits;
}

/** The edits in text order; an edit inside another is dropped, partly overlapping ones become one mask. */
function merged(edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Edit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || edit.start >= last.end) out.push(edit);
    else if (edit.end > last.end) out[out.length - 1] = { start: last.start, end: edit.end, text: `'${MASK}'` };
  }
  return out;
}

/** `sql` with every secret value replaced by `'***'`; everything else is kept byte for byte. */
export function redactSql(sql: string): string {
  const r = new Reader(tokenize(sql).filter(isSignificant));
  const edits = merged([...secretProperties(r), ...passwords(r), ...urlUserInfo(r)]);
  if (edits.length === 0) {
    return sql;
  }
  let out = '';
  let pos = 0;
  for (const edit of edits) {
    out += sql.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return out + sql.slice(pos);
}
