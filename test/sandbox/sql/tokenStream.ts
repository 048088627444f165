/**
 * Cursor over the token list with the helpers a recursive-descent parser needs, and the
 * ANTLR-style syntax errors StarRocks reports:
 * `Unexpected input 'x', the most similar input is {'A', 'B'}.`
 */
import type { ErrorReporter } from '../errors/errorReporter';
import type { SqlError } from '../errors/sqlError';
import type { SourceSpan } from './ast';
import type { Token } from './lexer';

/**
 * Words StarRocks reserves: they cannot be unquoted identifiers. (BACKUP, SNAPSHOT, REPOSITORY,
 * VIEWS… are non-reserved, spec §1.1, so they are absent here.)
 */
const RESERVED = new Set([
  'ADD',
  'ALL',
  'ALTER',
  'AND',
  'AS',
  'ASC',
  'BETWEEN',
  'BY',
  'CANCEL',
  'CASE',
  'CREATE',
  'CROSS',
  'DATABASE',
  'DATABASES',
  'DEFAULT',
  'DELETE',
  'DESC',
  'DESCRIBE',
  'DISTINCT',
  'DISTRIBUTED',
  'DROP',
  'ELSE',
  'END',
  'EXISTS',
  'EXPLAIN',
  'FALSE',
  'FROM',
  'FULL',
  'FUNCTION',
  'GRANT',
  'GROUP',
  'HAVING',
  'IF',
  'IN',
  'INDEX',
  'INNER',
  'INSERT',
  'INTO',
  'IS',
  'JOIN',
  'KEY',
  'LEFT',
  'LIKE',
  'LIMIT',
  'NOT',
  'NULL',
  'ON',
  'OR',
  'ORDER',
  'OUTER',
  'PARTITION',
  'PROPERTIES',
  'RANGE',
  'REVOKE',
  'RIGHT',
  'SELECT',
  'SET',
  'SHOW',
  'TABLE',
  'TABLES',
  'THEN',
  'TO',
  'TRUE',
  'UNION',
  'UPDATE',
  'USE',
  'USING',
  'VALUES',
  'WHEN',
  'WHERE',
  'WITH',
]);

export class TokenStream {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    readonly sql: string,
    private readonly errors: ErrorReporter,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** The token just consumed (for source spans). */
  previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)];
  }

  get position(): number {
    return this.index;
  }

  /** Source text from token `from` (inclusive) to the last consumed token. */
  textSince(from: number): string {
    const first = this.tokens[from];
    const last = this.previous();
    return this.sql.slice(first.offset, last.offset + last.text.length);
  }

  /**
   * Span from token `from` to the last consumed token. UNVERIFIED: the end column is taken as the
   * start column of the last token, which is what ANTLR's `stop.getCharPositionInLine()` gives.
   */
  spanSince(from: number): SourceSpan {
    const first = this.tokens[from];
    const last = this.previous();
    return { line: first.line, column: first.column, endLine: last.line, endColumn: last.column };
  }

  /** Remaining source text up to the end of the statement (used for CREATE VIEW … AS <query>). */
  restOfStatement(): string {
    const start = this.peek().offset;
    while (!this.atStatementEnd()) this.next();
    return this.sql.slice(start, this.peek().offset).trim();
  }

  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'ident' && token.value.toUpperCase() === word;
  }

  /** True when the next tokens are exactly these keywords. */
  isKeywords(...words: string[]): boolean {
    return words.every((w, i) => this.isKeyword(w, i));
  }

  acceptKeyword(...words: string[]): boolean {
    if (!this.isKeywords(...words)) return false;
    this.index += words.length;
    return true;
  }

  expectKeyword(word: string, ...alternatives: string[]): Token {
    if (this.isKeyword(word)) return this.next();
    throw this.unexpected([word, ...alternatives].map((w) => `'${w}'`));
  }

  isSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.text === symbol;
  }

  acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.next();
    return true;
  }

  expectSymbol(symbol: string): Token {
    if (this.isSymbol(symbol)) return this.next();
    throw this.unexpected([`'${symbol}'`]);
  }

  /** An identifier (unquoted non-reserved word, or backquoted). */
  isIdentifier(ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'quotedIdent' || (token.kind === 'ident' && !RESERVED.has(token.value.toUpperCase()));
  }

  identifier(): string {
    if (this.isIdentifier()) return this.next().value;
    throw this.unexpected(['a legal identifier']);
  }

  /** `identifierOrString` in the grammar. */
  identifierOrString(): string {
    if (this.peek().kind === 'string') return this.next().value;
    return this.identifier();
  }

  string(): string {
    if (this.peek().kind === 'string') return this.next().value;
    throw this.unexpected(['a string']);
  }

  atStatementEnd(): boolean {
    const token = this.peek();
    return token.kind === 'eof' || this.isSymbol(';');
  }

  expectStatementEnd(): void {
    if (!this.atStatementEnd()) throw this.unexpected(["';'"], true);
  }

  /** A ParsingException over the tokens from `from` to the last consumed one (see ErrorReporter.syntaxSpan). */
  spanError(from: number, detail: string): SqlError {
    return this.errors.syntaxSpan(this.spanSince(from), detail);
  }

  /**
   * The syntax error at the current token. `trailing` is the case ANTLR reports as
   * `Input 'x' is not valid at this position.` (extra input after a complete statement).
   */
  unexpected(expected: string[], trailing = false): SqlError {
    const token = this.peek();
    const text = token.kind === 'eof' ? '<EOF>' : token.text;
    const detail = trailing
      ? `Input '${text}' is not valid at this position.`
      : `Unexpected input '${text}', the most similar input is {${expected.join(', ')}}.`;
    return this.errors.syntax(token.line, token.column, detail, text);
  }
}
