/**
 * Small predicates over the dialect's tokens (`src/starrocks/sqlLexer.ts`, the one lexer of the
 * extension) that the language features share.
 */
import type { Token } from '../starrocks/sqlLexer';

export type { Token } from '../starrocks/sqlLexer';

/** True for a bare word equal (case-insensitively) to `keyword`. */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === keyword;
}

/** True for a token that can name something: a bare word, a backtick identifier, or digits. */
export function isName(token: Token | undefined): boolean {
  return (
    token !== undefined &&
    (token.kind === 'word' || token.kind === 'quotedIdentifier' || (token.kind === 'number' && /^\d+$/.test(token.text)))
  );
}

/** True for punctuation or an operator spelled `symbol`. */
export function isSymbol(token: Token | undefined, symbol: string): boolean {
  return token !== undefined && (token.kind === 'punctuation' || token.kind === 'operator') && token.text === symbol;
}

/** The quote character of a string or backtick identifier token. */
export function quoteOf(token: Token): string {
  return token.text[0];
}
