/** SELECT, SET, USE, GRANT / REVOKE. */
import type { Expr, SelectItem, SelectStmt, Statement } from './ast';
import { parseExpression } from './expressionParser';
import { atPartitionNames, parsePartitionNames, parseQualifiedName, parseUserName } from './parseCommon';
import { parseLimit, parseOrderBy } from './parseShow';
import type { TokenStream } from './tokenStream';

export function parseSelect(ts: TokenStream): SelectStmt {
  ts.expectKeyword('SELECT');
  const items: SelectItem[] = [];
  do items.push(parseSelectItem(ts));
  while (ts.acceptSymbol(','));
  const stmt: SelectStmt = { type: 'select', items, orderBy: [] };
  if (ts.acceptKeyword('FROM')) {
    stmt.from = parseQualifiedName(ts);
    // relationPrimary: qualifiedName temporalClause? partitionNames? tabletList? (AS? alias)?
    if (atPartitionNames(ts)) stmt.partitions = parsePartitionNames(ts);
    // A table alias is accepted and ignored: the sandbox resolves columns by name.
    if (ts.acceptKeyword('AS') || ts.isIdentifier()) ts.identifier();
  }
  if (ts.acceptKeyword('WHERE')) stmt.where = parseExpression(ts);
  stmt.orderBy = parseOrderBy(ts);
  const limit = parseLimit(ts);
  if (limit) {
    stmt.limit = limit.limit;
    stmt.offset = limit.offset;
  }
  return stmt;
}

function parseSelectItem(ts: TokenStream): SelectItem {
  const start = ts.position;
  if (ts.acceptSymbol('*')) return { expr: 'star', text: '*' };
  const expr = parseExpression(ts);
  const text = ts.textSince(start);
  if (ts.acceptKeyword('AS')) return { expr, alias: ts.identifierOrString(), text };
  if (ts.isIdentifier() || ts.peek().kind === 'string') return { expr, alias: ts.identifierOrString(), text };
  return { expr, text };
}

/** `SET [GLOBAL|SESSION] v = e, @u = e`, `SET NAMES x [COLLATE y]`, `SET PASSWORD …` (ignored). */
export function parseSet(ts: TokenStream): Statement {
  ts.expectKeyword('SET');
  if (ts.acceptKeyword('NAMES') || ts.acceptKeyword('CHARSET') || ts.acceptKeyword('CHARACTER', 'SET')) {
    const charset = ts.identifierOrString();
    if (ts.acceptKeyword('COLLATE')) ts.identifierOrString();
    return { type: 'set', assignments: [{ name: 'names', value: { kind: 'literal', value: charset }, scope: 'SESSION' }] };
  }
  const assignments: { name: string; value: Expr; scope: 'SESSION' | 'GLOBAL' | 'USER' }[] = [];
  do {
    let scope: 'SESSION' | 'GLOBAL' | 'USER' = 'SESSION';
    if (ts.acceptKeyword('GLOBAL')) scope = 'GLOBAL';
    else if (!ts.acceptKeyword('SESSION')) ts.acceptKeyword('LOCAL');
    let name: string;
    const token = ts.peek();
    if (token.kind === 'variable') {
      ts.next();
      name = token.value.replace(/^(session|global|local)\./i, '');
      if (!token.text.startsWith('@@')) scope = 'USER';
      else if (/^global\./i.test(token.value)) scope = 'GLOBAL';
    } else {
      name = ts.identifier();
    }
    // `=` or `:=` (lexed as ':' then '=').
    if (!ts.acceptSymbol('=')) {
      ts.expectSymbol(':');
      ts.expectSymbol('=');
    }
    assignments.push({ name: name.toLowerCase(), value: parseSetValue(ts), scope });
  } while (ts.acceptSymbol(','));
  return { type: 'set', assignments };
}

/** Values like `utf8mb4` or `ON` are bare words in MySQL's SET; treat them as strings. */
function parseSetValue(ts: TokenStream): Expr {
  const token = ts.peek();
  if (token.kind === 'ident' && !ts.isSymbol('(', 1) && !['NULL', 'TRUE', 'FALSE'].includes(token.value.toUpperCase())) {
    ts.next();
    return { kind: 'literal', value: token.value };
  }
  return parseExpression(ts);
}

export function parseUse(ts: TokenStream): Statement {
  ts.expectKeyword('USE');
  const first = ts.identifier();
  // `USE catalog.db`: only default_catalog exists in the sandbox.
  if (ts.acceptSymbol('.')) return { type: 'use', db: ts.identifier() };
  return { type: 'use', db: first };
}

/**
 * `GRANT p[, p] ON <object> TO [USER|ROLE] u` and `REVOKE … FROM u`. The object is kept as
 * normalised text (`SYSTEM`, `TABLE db.t`, `*.*`…), which is all the privilege model needs.
 */
export function parseGrant(ts: TokenStream): Statement {
  const revoke = ts.acceptKeyword('REVOKE');
  if (!revoke) ts.expectKeyword('GRANT', 'REVOKE');
  const privileges: string[] = [];
  do {
    const words: string[] = [];
    while (ts.peek().kind === 'ident' && !ts.isKeyword('ON') && !ts.isSymbol(',')) words.push(ts.next().value.toUpperCase());
    if (words.length === 0) throw ts.unexpected(['a privilege']);
    privileges.push(words.join(' '));
  } while (ts.acceptSymbol(','));
  ts.expectKeyword('ON');
  const objectStart = ts.position;
  while (!ts.isKeyword(revoke ? 'FROM' : 'TO') && !ts.atStatementEnd()) ts.next();
  const object = ts.textSince(objectStart).replace(/\s+/g, ' ').replace(/`/g, '').toUpperCase();
  if (!ts.acceptKeyword(revoke ? 'FROM' : 'TO')) throw ts.unexpected([revoke ? "'FROM'" : "'TO'"]);
  if (!ts.acceptKeyword('USER')) ts.acceptKeyword('ROLE');
  return { type: 'grant', privileges, object, user: parseUserName(ts), revoke };
}
