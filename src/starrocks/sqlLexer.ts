/**
 * A tokenizer for the StarRocks (MySQL-family) SQL dialect, precise about the parts that decide
 * what a statement means: backtick identifiers (`` ` `` doubled inside), '…' and "…" strings with
 * backslash escapes and doubled quotes, comments (`-- …`, `# …`, `/* … *\/`) and semicolons.
 *
 * Used to mask secrets in any SQL text (`redact.ts`), to split a document into statements, and by
 * tests to prove built statements mean what they were built to mean. Every character of the input
 * belongs to exactly one token, so `tokens.map(t => t.text).join('')` is the input again.
 */

export type TokenKind =
  'whitespace' | 'comment' | 'word' | 'quotedIdentifier' | 'string' | 'number' | 'variable' | 'punctuation' | 'operator' | 'unknown';

export interface Token {
  kind: TokenKind;
  /** The token's source text, quotes and escapes included. */
  text: string;
  /** Offsets into the input: `input.slice(start, end) === text`. */
  start: number;
  end: number;
  /** Strings and quoted identifiers: the value after unescaping. Other tokens: `text`. */
  value: string;
  /** False when a string, quoted identifier or block comment runs to the end of the input unclosed. */
  terminated: boolean;
}

export interface StatementRange {
  /** The statement's text without the terminating `;` and without surrounding whitespace. */
  text: string;
  start: number;
  end: number;
}

const OPERATORS = [
  '<=>',
  '->>',
  '<=',
  '>=',
  '<>',
  '!=',
  '||',
  '&&',
  ':=',
  '->',
  '<<',
  '>>',
  '=',
  '<',
  '>',
  '!',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '~',
  ':',
  '?',
  '[',
  ']',
  '{',
  '}',
];
const PUNCTUATION = new Set(['(', ')', ',', ';', '.']);

function isWordChar(ch: string): boolean {
  return /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) >= 0x80;
}

function isWordStart(ch: string): boolean {
  return /[A-Za-z_$]/.test(ch) || ch.charCodeAt(0) >= 0x80;
}

/**
 * The value of a quoted string body under the server's rules (StarRocks follows MySQL):
 * `\n \t \r \b \0 \Z` are control characters, `\%` and `\_` keep their backslash (they matter to
 * LIKE), any other escaped character stands for itself, and a doubled quote is one quote.
 */
export function unescapeStringBody(body: string, quote: "'" | '"'): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[++i];
      out += ESCAPES[next] ?? (next === '%' || next === '_' ? '\\' + next : next);
    } else if (ch === quote && body[i + 1] === quote) {
      out += quote;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' };

/** End offset (exclusive) of a quoted token starting at `start`, and whether it was closed. */
function scanQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): { end: number; terminated: boolean } {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
      } else {
        return { end: i + 1, terminated: true };
      }
    } else {
      i++;
    }
  }
  return { end: sql.length, terminated: false };
}

/** End of the run of `pattern` (a sticky regex) that starts at `start`. */
function scanRun(sql: string, start: number, pattern: RegExp): number {
  pattern.lastIndex = start;
  pattern.test(sql);
  return Math.max(pattern.lastIndex, start);
}

const WORD_RUN = /[A-Za-z0-9_$\u0080-\uffff]*/y;
const WHITESPACE_RUN = /\s*/y;
const LINE_RUN = /[^\n\r]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const VARIABLE_RUN = /[A-Za-z0-9_$.\u0080-\uffff]*/y;

/** A number, or a word when digits run straight into letters (`1abc` is an identifier in MySQL). */
function scanNumberOrWord(sql: string, start: number): { end: number; kind: TokenKind } {
  const numberEnd = scanRun(sql, start, NUMBER);
  if (numberEnd < sql.length && isWordChar(sql[numberEnd]) && /^\d+$/.test(sql.slice(start, numberEnd))) {
    return { end: scanRun(sql, numberEnd, WORD_RUN), kind: 'word' };
  }
  return { end: numberEnd, kind: 'number' };
}

interface Scanned {
  kind: TokenKind;
  end: number;
  terminated?: boolean;
}

function scanToken(sql: string, i: number): Scanned {
  const ch = sql[i];
  const next = sql[i + 1] ?? '';
  if (/\s/.test(ch)) {
    return { kind: 'whitespace', end: scanRun(sql, i, WHITESPACE_RUN) };
  }
  if ((ch === '-' && next === '-') || ch === '#') {
    return { kind: 'comment', end: scanRun(sql, i, LINE_RUN) };
  }
  if (ch === '/' && next === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? { kind: 'comment', end: sql.length, terminated: false } : { kind: 'comment', end: close + 2 };
  }
  if (ch === "'" || ch === '"') {
    return { kind: 'string', ...scanQuoted(sql, i, ch, true) };
  }
  if (ch === '`') {
    return { kind: 'quotedIdentifier', ...scanQuoted(sql, i, '`', false) };
  }
  if (/\d/.test(ch) || (ch === '.' && /\d/.test(next))) {
    return scanNumberOrWord(sql, i);
  }
  if (isWordStart(ch)) {
    return { kind: 'word', end: scanRun(sql, i, WORD_RUN) };
  }
  if (ch === '@') {
    const nameStart = next === '@' ? i + 2 : i + 1;
    const quote = sql[nameStart];
    if (quote === "'" || quote === '"' || quote === '`') {
      return { kind: 'variable', ...scanQuoted(sql, nameStart, quote, quote !== '`') };
    }
    return { kind: 'variable', end: scanRun(sql, nameStart, VARIABLE_RUN) };
  }
  if (PUNCTUATION.has(ch)) {
    return { kind: 'punctuation', end: i + 1 };
  }
  const op = OPERATORS.find((candidate) => sql.startsWith(candidate, i));
  if (op) {
    return { kind: 'operator', end: i + op.length };
  }
  return { kind: 'unknown', end: i + 1 };
}

function tokenValue(kind: TokenKind, text: string, terminated: boolean): string {
  const closing = terminated ? 1 : 0;
  if (kind === 'string') {
    return unescapeStringBody(text.slice(1, text.length - closing), text[0] as "'" | '"');
  }
  if (kind === 'quotedIdentifier') {
    return text.slice(1, text.length - closing).replace(/``/g, '`');
  }
  return text;
}

/** Every token of `sql`, whitespace and comments included. Never throws. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const scanned = scanToken(sql, i);
    const text = sql.slice(i, scanned.end);
    const terminated = scanned.terminated ?? true;
    tokens.push({ kind: scanned.kind, text, start: i, end: scanned.end, value: tokenValue(scanned.kind, text, terminated), terminated });
    i = scanned.end;
  }
  return tokens;
}

/** True for tokens that carry meaning (not whitespace, not comments). */
export function isSignificant(token: Token): boolean {
  return token.kind !== 'whitespace' && token.kind !== 'comment';
}

/** The tokens of `sql` without whitespace and comments. */
export function significantTokens(sql: string): Token[] {
  return tokenize(sql).filter(isSignificant);
}

/** True when the token is the keyword or bare word `word` (case-insensitive). */
export function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === word.toUpperCase();
}

/**
 * Splits a script at top-level semicolons (not those inside strings, identifiers or comments).
 * Statements that hold nothing but whitespace and comments are left out.
 */
export function splitStatements(sql: string): StatementRange[] {
  const statements: StatementRange[] = [];
  let current: Token[] = [];
  const flush = (): void => {
    const content = current.filter((t) => t.kind !== 'whitespace');
    if (content.some(isSignificant)) {
      const start = content[0].start;
      const end = content[content.length - 1].end;
      statements.push({ text: sql.slice(start, end), start, end });
    }
    current = [];
  };
  for (const token of tokenize(sql)) {
    if (token.kind === 'punctuation' && token.text === ';') {
      flush();
    } else {
      current.push(token);
    }
  }
  flush();
  return statements;
}
