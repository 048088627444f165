/**
 * Which statements provably cannot write. Pure (no `vscode`); works on the tokens of the one SQL
 * lexer, so comments, line breaks, quotes and case cannot change the answer.
 *
 * A statement counts as read-only only when it is on an allow-list of reads; everything else —
 * anything unrecognised, more than one statement, text the lexer could not close — is a write.
 * Callers rely on that: a read-only statement runs from a SQL file without a confirmation and is
 * re-sent after a dropped connection, and re-sending BACKUP, RESTORE, CREATE/DROP REPOSITORY,
 * CANCEL, DROP SNAPSHOT or an export could start a second job or act twice.
 */
import { isWord, tokenize, isSignificant, type Token } from './sqlLexer';

/** Words that may stand between EXPLAIN/DESCRIBE and the explained statement. */
const EXPLAIN_OPTIONS = new Set(['LOGICAL', 'VERBOSE', 'COSTS', 'ANALYZE', 'SCHEDULER', 'DISTRIBUTED', 'PLAN', 'FORMAT']);

/** The first keyword(s) of a statement, upper-cased: `SHOW`, `SELECT`, `ADMIN SHOW`, … (for messages). */
export function leadingKeywords(sql: string, count = 2): string[] {
  const words: string[] = [];
  for (const token of tokenize(sql)) {
    if (!isSignificant(token)) continue;
    if (token.kind !== 'word') break;
    words.push(token.text.toUpperCase());
    if (words.length === count) break;
  }
  return words;
}

/**
 * True for one SHOW, DESC/DESCRIBE, EXPLAIN (EXPLAIN ANALYZE only of a read-only statement, as it
 * runs it), ADMIN SHOW, or SELECT (also after WITH) that has no INTO and assigns no variable.
 * False for everything else.
 */
export function isReadOnlyStatement(sql: string): boolean {
  const all = tokenize(sql);
  // An unclosed string or comment means the server may read the text differently; a `/*! … */`
  // comment is executed by MySQL-family servers; an unknown character is something not understood.
  if (all.some((t) => !t.terminated || t.kind === 'unknown' || (t.kind === 'comment' && t.text.startsWith('/*!')))) return false;
  const tokens = all.filter(isSignificant);
  if (tokens.length > 0 && isSemicolon(tokens[tokens.length - 1])) tokens.pop();
  // A second statement after a semicolon could be anything.
  if (tokens.length === 0 || tokens.some(isSemicolon)) return false;
  return readOnlyTokens(tokens);
}

function isSemicolon(token: Token): boolean {
  return token.kind === 'punctuation' && token.text === ';';
}

function readOnlyTokens(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first.kind !== 'word') return false;
  switch (first.text.toUpperCase()) {
    case 'SHOW':
      return true;
    case 'ADMIN':
      return isWord(tokens[1], 'SHOW');
    case 'DESC':
    case 'DESCRIBE':
    case 'EXPLAIN':
      return explainIsReadOnly(tokens);
    case 'SELECT':
      return selectIsReadOnly(tokens);
    case 'WITH':
      return withIsReadOnly(tokens);
    default:
      return false;
  }
}

/** EXPLAIN does not run the statement it explains; EXPLAIN ANALYZE does. */
function explainIsReadOnly(tokens: Token[]): boolean {
  let i = 1;
  let analyze = false;
  while (tokens[i]?.kind === 'word' && EXPLAIN_OPTIONS.has(tokens[i].text.toUpperCase())) {
    if (isWord(tokens[i], 'ANALYZE')) analyze = true;
    i++;
  }
  return !analyze || (i < tokens.length && readOnlyTokens(tokens.slice(i)));
}

/**
 * A SELECT writes with INTO OUTFILE/DUMPFILE; INTO @var and `:=` only set variables, but anything
 * with INTO or an assignment is counted as a write rather than told apart.
 */
function selectIsReadOnly(tokens: Token[]): boolean {
  return !tokens.some((t) => isWord(t, 'INTO') || (t.kind === 'operator' && t.text === ':='));
}

/** WITH [RECURSIVE] name [(columns)] AS (…) [, …] followed by a read-only SELECT. */
function withIsReadOnly(tokens: Token[]): boolean {
  let i = isWord(tokens[1], 'RECURSIVE') ? 2 : 1;
  for (;;) {
    if (tokens[i]?.kind !== 'word' && tokens[i]?.kind !== 'quotedIdentifier') return false;
    i++;
    if (tokens[i]?.text === '(') i = afterParentheses(tokens, i);
    if (!isWord(tokens[i], 'AS') || tokens[i + 1]?.text !== '(') return false;
    i = afterParentheses(tokens, i + 1);
    if (tokens[i]?.text !== ',') break;
    i++;
  }
  return isWord(tokens[i], 'SELECT') && selectIsReadOnly(tokens);
}

/** Index after the `)` that closes the `(` at `open`, or past the end when it is never closed. */
function afterParentheses(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === '(' && tokens[i].kind === 'punctuation') depth++;
    if (tokens[i].text === ')' && tokens[i].kind === 'punctuation' && --depth === 0) return i + 1;
  }
  return tokens.length;
}
