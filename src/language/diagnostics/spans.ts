/** Where to put a diagnostic about a statement as a whole, and small edit helpers. */
import type { ParsedStatement, Span, ValueRef } from '../parser';

/** The statement's opening words up to the snapshot or repository it names: short, and says which statement. */
export function headSpan(p: ParsedStatement): Span {
  const first = p.tokens[0];
  const named = p.kind === 'createRepository' || p.kind === 'dropRepository' ? p.repository : (p.snapshot ?? p.repository);
  return { start: first.start, end: named && named.end > first.end ? named.end : first.end };
}

/** `value` written again as a string literal with the quote the user chose (double quotes for bare words). */
export function quoteLike(original: ValueRef | undefined, value: string, text: string): string {
  const quote = original && original.kind === 'string' ? text[original.start] : '"';
  const escaped = value
    .replace(/\\/g, '\\\\')
    .split(quote)
    .join('\\' + quote);
  return quote + escaped + quote;
}

/** The offset where the whitespace before `offset` begins, so a removal takes the space with it. */
export function trimLeft(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /[ \t]/.test(text[start - 1])) start--;
  return start;
}
