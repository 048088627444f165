/** Grammar pieces several statements share: qualified names, property lists, partition names. */
import type { PropertyList, QualifiedName } from './ast';
import type { TokenStream } from './tokenStream';

/** `name` or `db.name` (backquotes allowed on either part). */
export function parseQualifiedName(ts: TokenStream): QualifiedName {
  const first = ts.identifier();
  if (ts.acceptSymbol('.')) return { db: first, name: ts.identifier() };
  return { name: first };
}

/** `'(' "k" = "v" (',' "k" = "v")* ')'`; keys and values are string literals. */
export function parsePropertyList(ts: TokenStream): PropertyList {
  const properties: PropertyList = new Map();
  ts.expectSymbol('(');
  do {
    const key = ts.string();
    ts.expectSymbol('=');
    properties.set(key, ts.string());
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  return properties;
}

/** `PROPERTIES (...)` when present, else an empty list. */
export function parseOptionalProperties(ts: TokenStream): PropertyList {
  if (!ts.acceptKeyword('PROPERTIES')) return new Map();
  return parsePropertyList(ts);
}

export interface PartitionNames {
  names: string[];
  temporary: boolean;
}

/** True when a `partitionNames` clause starts here. */
export function atPartitionNames(ts: TokenStream): boolean {
  const at = ts.isKeyword('TEMPORARY') ? 1 : 0;
  return ts.isKeyword('PARTITION', at) || ts.isKeyword('PARTITIONS', at);
}

/**
 * `TEMPORARY? (PARTITION | PARTITIONS) '(' p (',' p)* ')'` or the unparenthesised list, which
 * ANTLR matches greedily (a following `, x` is taken as another partition).
 */
export function parsePartitionNames(ts: TokenStream): PartitionNames {
  const temporary = ts.acceptKeyword('TEMPORARY');
  if (!ts.acceptKeyword('PARTITION')) ts.expectKeyword('PARTITIONS', 'PARTITION');
  const names: string[] = [];
  if (ts.acceptSymbol('(')) {
    do names.push(ts.identifierOrString());
    while (ts.acceptSymbol(','));
    ts.expectSymbol(')');
  } else {
    do names.push(ts.identifierOrString());
    while (ts.acceptSymbol(','));
  }
  return { names, temporary };
}

/** `'(' ident (',' ident)* ')'` */
export function parseIdentifierList(ts: TokenStream): string[] {
  ts.expectSymbol('(');
  const names = [ts.identifier()];
  while (ts.acceptSymbol(',')) names.push(ts.identifier());
  ts.expectSymbol(')');
  return names;
}

/** A user name: `u`, `'u'`, `'u'@'host'` (the host is ignored by the sandbox). */
export function parseUserName(ts: TokenStream): string {
  const name = ts.identifierOrString();
  const token = ts.peek();
  if (token.kind === 'variable' && token.value === '') {
    ts.next();
    ts.identifierOrString();
  } else if (token.kind === 'variable') {
    // `u@host` lexes as a variable token: the part after '@' is the host.
    ts.next();
  }
  return name;
}
