/**
 * The FE renders lists inside one column: `[db.t1 PARTITIONS (p1, p2)], [db.t2]`,
 * `t1 PARTITIONS [p1, p2], t2`, `[sig: 3/10], [sig2: 1/4]`. Entries hold commas of their own, so
 * splitting has to respect brackets and parentheses.
 */

const OPENERS: Record<string, string> = { '[': ']', '(': ')', '{': '}' };

/** Splits at commas that are not inside (), [] or {}; entries are trimmed, empty ones dropped. */
export function splitTopLevel(text: string | undefined): string[] {
  if (text === undefined) {
    return [];
  }
  const entries: string[] = [];
  const closers: string[] = [];
  let current = '';
  for (const ch of text) {
    if (OPENERS[ch]) {
      closers.push(OPENERS[ch]);
    } else if (ch === closers[closers.length - 1]) {
      closers.pop();
    } else if (ch === ',' && closers.length === 0) {
      entries.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  entries.push(current);
  return entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0);
}

/** True when the whole entry is one `[…]` group: the first `[` closes at the very end. */
function isBracketed(entry: string): boolean {
  if (!entry.startsWith('[') || !entry.endsWith(']')) {
    return false;
  }
  let depth = 0;
  for (let i = 0; i < entry.length; i++) {
    depth += entry[i] === '[' ? 1 : entry[i] === ']' ? -1 : 0;
    if (depth === 0 && i < entry.length - 1) {
      return false;
    }
  }
  return depth === 0;
}

/** `[x]` → `x`; anything else unchanged. */
export function stripOuterBrackets(entry: string): string {
  return isBracketed(entry) ? entry.slice(1, -1).trim() : entry;
}

/** Entries of a list where each entry is bracketed (`[a], [b, c]` → `a`, `b, c`). */
export function bracketedEntries(text: string | undefined): string[] {
  return splitTopLevel(text).map(stripOuterBrackets);
}
