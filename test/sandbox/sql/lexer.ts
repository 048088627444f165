/**
 * Tokenizer for the SQL the sandbox FE understands. Positions are kept so syntax errors can
 * report `line L, column C` the way StarRocks' ANTLR parser does (1-based line, 0-based column).
 */

export type TokenKind = 'ident' | 'quotedIdent' | 'string' | 'number' | 'symbol' | 'variable' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token, as the error messages quote it. */
  text: string;
  /** Unescaped value: identifier name, string contents, variable name. */
  value: string;
  line: number;
  column: number;
  offset: number;
}

export class LexError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly input: string,
  ) {
    super(`Unexpected input '${input}'`);
  }
}

const TWO_CHAR_SYMBOLS = new Set(['<=', '>=', '<>', '!=', '||', '&&', '<=>']);
const ONE_CHAR_SYMBOLS = new Set([
  '(',
  ')',
  ',',
  '.',
  ';',
  '=',
  '<',
  '>',
  '*',
  '+',
  '-',
  '/',
  '%',
  '!',
  '{',
  '}',
  '[',
  ']',
  ':',
  '|',
  '&',
  '^',
  '~',
  '?',
]);
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', Z: '\x1a' };

export function tokenize(sql: string): Token[] {
  return new Lexer(sql).run();
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  run(): Token[] {
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.src.length) break;
      this.tokens.push(this.next());
    }
    this.tokens.push(this.make('eof', this.pos, '<EOF>', ''));
    return this.tokens;
  }

  private get column(): number {
    return this.pos - this.lineStart;
  }

  private make(kind: TokenKind, start: number, text: string, value: string, line = this.line, column = start - this.lineStart): Token {
    return { kind, text, value, line, column, offset: start };
  }

  private advance(n = 1): void {
    for (let i = 0; i < n; i++) {
      if (this.src[this.pos] === '\n') {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) return;
      if (/\s/.test(c)) this.advance();
      else if (c === '#' || (c === '-' && this.src[this.pos + 1] === '-' && /[\s]|$/.test(this.src[this.pos + 2] ?? ''))) this.skipLine();
      else if (c === '/' && this.src[this.pos + 1] === '*') this.skipBlockComment();
      else return;
    }
  }

  private skipLine(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.advance();
  }

  private skipBlockComment(): void {
    const end = this.src.indexOf('*/', this.pos + 2);
    if (end < 0) throw new LexError(this.line, this.column, this.src.slice(this.pos));
    this.advance(end + 2 - this.pos);
  }

  private next(): Token {
    const c = this.src[this.pos];
    if (c === "'" || c === '"') return this.quoted(c, 'string');
    if (c === '`') return this.quoted('`', 'quotedIdent');
    if (c === '@') return this.variable();
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(this.src[this.pos + 1] ?? '') && !this.previousIsNameLike())) return this.number();
    if (/[A-Za-z_\u0080-\uffff$]/.test(c)) return this.word();
    return this.symbol();
  }

  /** `t.1` after a name is a qualified name, not a decimal. */
  private previousIsNameLike(): boolean {
    const prev = this.tokens[this.tokens.length - 1];
    return prev !== undefined && (prev.kind === 'ident' || prev.kind === 'quotedIdent');
  }

  private quoted(quote: string, kind: TokenKind): Token {
    const start = this.pos;
    const line = this.line;
    const column = this.column;
    this.advance();
    let value = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new LexError(line, column, this.src.slice(start));
      if (c === quote) {
        if (this.src[this.pos + 1] === quote) {
          value += quote;
          this.advance(2);
          continue;
        }
        this.advance();
        break;
      }
      if (c === '\\' && kind === 'string') {
        const e = this.src[this.pos + 1] ?? '';
        // MySQL keeps the backslash of \% and \_ (they matter to LIKE).
        value += e === '%' || e === '_' ? `\\${e}` : (ESCAPES[e] ?? e);
        this.advance(2);
        continue;
      }
      value += c;
      this.advance();
    }
    return this.make(kind, start, this.src.slice(start, this.pos), value, line, column);
  }

  private variable(): Token {
    const start = this.pos;
    this.advance(this.src[this.pos + 1] === '@' ? 2 : 1);
    while (/[A-Za-z0-9_.$]/.test(this.src[this.pos] ?? '')) this.advance();
    const text = this.src.slice(start, this.pos);
    return this.make('variable', start, text, text.replace(/^@@?/, ''));
  }

  private number(): Token {
    const start = this.pos;
    while (/[0-9]/.test(this.src[this.pos] ?? '')) this.advance();
    if (this.src[this.pos] === '.' && /[0-9]/.test(this.src[this.pos + 1] ?? '')) {
      this.advance();
      while (/[0-9]/.test(this.src[this.pos] ?? '')) this.advance();
    }
    if (/[eE]/.test(this.src[this.pos] ?? '') && /[-+0-9]/.test(this.src[this.pos + 1] ?? '')) {
      this.advance(2);
      while (/[0-9]/.test(this.src[this.pos] ?? '')) this.advance();
    }
    // `1abc` is an identifier in MySQL-family lexers, not a number followed by a word.
    if (/[A-Za-z_]/.test(this.src[this.pos] ?? '')) {
      while (/[A-Za-z0-9_$]/.test(this.src[this.pos] ?? '')) this.advance();
      const text = this.src.slice(start, this.pos);
      return this.make('ident', start, text, text);
    }
    const text = this.src.slice(start, this.pos);
    return this.make('number', start, text, text);
  }

  private word(): Token {
    const start = this.pos;
    while (/[A-Za-z0-9_\u0080-\uffff$]/.test(this.src[this.pos] ?? '')) this.advance();
    const text = this.src.slice(start, this.pos);
    return this.make('ident', start, text, text);
  }

  private symbol(): Token {
    const start = this.pos;
    const three = this.src.slice(this.pos, this.pos + 3);
    const two = this.src.slice(this.pos, this.pos + 2);
    const text = TWO_CHAR_SYMBOLS.has(three) ? three : TWO_CHAR_SYMBOLS.has(two) ? two : this.src[this.pos];
    if (!TWO_CHAR_SYMBOLS.has(text) && !ONE_CHAR_SYMBOLS.has(text)) throw new LexError(this.line, this.column, text);
    this.advance(text.length);
    return this.make('symbol', start, text, text);
  }
}
