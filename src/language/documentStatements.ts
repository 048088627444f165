/**
 * The statements of a document with their tokens. Splitting itself is the dialect's
 * (`splitStatements` in `src/starrocks/sqlLexer.ts`); this adds what the editor features need on
 * top: each statement's significant tokens and the offset of its `;`, all in document offsets.
 */
import { isSignificant, splitStatements, tokenize, type Token } from '../starrocks/sqlLexer';

export interface SqlStatement {
  /** Offset of the first significant token (comments before it are not part of the statement). */
  start: number;
  /** Offset after the last significant token. */
  end: number;
  /** Offset of the terminating `;`, when there is one. */
  semicolon?: number;
  /** `text.slice(start, end)`. */
  text: string;
  /** Significant tokens (no whitespace, no comments), in document offsets. */
  tokens: Token[];
}

/** The statements of `text` in order; stretches holding only comments are left out. */
export function documentStatements(text: string): SqlStatement[] {
  const all = tokenize(text);
  const semicolons = all.filter((t) => t.kind === 'punctuation' && t.text === ';');
  return splitStatements(text)
    .map((range) => {
      const tokens = all.filter((t) => t.start >= range.start && t.end <= range.end && isSignificant(t));
      const start = tokens[0]?.start ?? range.start;
      const end = tokens[tokens.length - 1]?.end ?? range.end;
      const semicolon = semicolons.find((s) => s.start >= range.end)?.start;
      return { start, end, semicolon, text: text.slice(start, end), tokens };
    })
    .filter((s) => s.tokens.length > 0);
}

/** A statement made of the given significant tokens (for reading part of a statement). */
export function statementOf(tokens: Token[]): SqlStatement {
  const start = tokens[0]?.start ?? 0;
  const end = tokens[tokens.length - 1]?.end ?? 0;
  return { start, end, text: '', tokens };
}

/**
 * The statement an editor position belongs to: the one whose span contains `offset`, including the
 * position right after its last character or on its `;`.
 */
export function statementAt(statements: readonly SqlStatement[], offset: number): SqlStatement | undefined {
  return statements.find((s) => offset >= s.start && offset <= (s.semicolon !== undefined ? s.semicolon + 1 : s.end));
}

/** Statements overlapping the range [from, to) — for running a selection. */
export function statementsIn(statements: readonly SqlStatement[], from: number, to: number): SqlStatement[] {
  return statements.filter((s) => s.end > from && s.start < to);
}
