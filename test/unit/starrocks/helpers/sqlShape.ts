/**
 * Test helpers that look at a statement through the tokenizer: its "skeleton" (keywords and
 * punctuation, with every identifier and literal replaced by a placeholder) and the values of its
 * identifiers and literals in order. Two statements with the same skeleton have the same meaning
 * up to the names and values in them.
 */
import { significantTokens, splitStatements, Token, tokenize } from '../../../../src/starrocks/sqlLexer';

function placeholder(token: Token): string {
  switch (token.kind) {
    case 'quotedIdentifier':
      return '<ID>';
    case 'string':
      return '<STR>';
    case 'number':
      return '<NUM>';
    case 'word':
      return token.text.toUpperCase();
    default:
      return token.text;
  }
}

export function skeleton(sql: string): string {
  return significantTokens(sql).map(placeholder).join(' ');
}

/** Values of quoted identifiers and string literals, in order. */
export function literalValues(sql: string): string[] {
  return significantTokens(sql)
    .filter((t) => t.kind === 'quotedIdentifier' || t.kind === 'string')
    .map((t) => t.value);
}

/** Asserts structural safety facts every built statement must have. */
export function structuralProblems(sql: string): string[] {
  const problems: string[] = [];
  const tokens = significantTokens(sql);
  if (splitStatements(sql).length !== 1) problems.push('not exactly one statement');
  if (tokens.some((t) => !t.terminated)) problems.push('unterminated token');
  if (tokens.some((t) => t.kind === 'unknown' || t.kind === 'variable')) problems.push('unexpected token kind');
  // Identifiers cannot escape characters, so a table name with a line break keeps it; nothing else may.
  if (tokenize(sql).some((t) => t.kind !== 'quotedIdentifier' && /[\n\r\0]/.test(t.text))) problems.push('raw line break or NUL');
  return problems;
}
