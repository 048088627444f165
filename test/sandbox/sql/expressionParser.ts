/**
 * Expressions: the subset SELECT lists, WHERE clauses, INSERT values and SET need.
 * Precedence (low → high): OR, AND, NOT, comparison / IN / LIKE / IS NULL, + -, * / %, unary, primary.
 */
import type { Expr } from './ast';
import type { TokenStream } from './tokenStream';

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>']);

export function parseExpression(ts: TokenStream): Expr {
  return parseOr(ts);
}

function parseOr(ts: TokenStream): Expr {
  let left = parseAnd(ts);
  while (ts.acceptKeyword('OR') || ts.acceptSymbol('||')) left = { kind: 'binary', op: 'OR', left, right: parseAnd(ts) };
  return left;
}

function parseAnd(ts: TokenStream): Expr {
  let left = parseNot(ts);
  while (ts.acceptKeyword('AND') || ts.acceptSymbol('&&')) left = { kind: 'binary', op: 'AND', left, right: parseNot(ts) };
  return left;
}

function parseNot(ts: TokenStream): Expr {
  if (ts.acceptKeyword('NOT')) return { kind: 'unary', op: 'NOT', operand: parseNot(ts) };
  return parseComparison(ts);
}

function parseComparison(ts: TokenStream): Expr {
  const left = parseAdditive(ts);
  const token = ts.peek();
  if (token.kind === 'symbol' && COMPARISONS.has(token.text)) {
    ts.next();
    return { kind: 'binary', op: token.text === '!=' ? '<>' : token.text, left, right: parseAdditive(ts) };
  }
  if (ts.isKeywords('IS')) {
    ts.next();
    const negated = ts.acceptKeyword('NOT');
    ts.expectKeyword('NULL');
    return { kind: 'isNull', operand: left, negated };
  }
  const negated = ts.isKeyword('NOT') && (ts.isKeyword('IN', 1) || ts.isKeyword('LIKE', 1));
  if (negated) ts.next();
  if (ts.acceptKeyword('IN')) {
    ts.expectSymbol('(');
    const list = [parseExpression(ts)];
    while (ts.acceptSymbol(',')) list.push(parseExpression(ts));
    ts.expectSymbol(')');
    return { kind: 'in', operand: left, list, negated };
  }
  if (ts.acceptKeyword('LIKE')) return { kind: 'like', operand: left, pattern: parseAdditive(ts), negated };
  return left;
}

function parseAdditive(ts: TokenStream): Expr {
  let left = parseMultiplicative(ts);
  while (ts.isSymbol('+') || ts.isSymbol('-')) {
    const op = ts.next().text;
    left = { kind: 'binary', op, left, right: parseMultiplicative(ts) };
  }
  return left;
}

function parseMultiplicative(ts: TokenStream): Expr {
  let left = parseUnary(ts);
  while (ts.isSymbol('*') || ts.isSymbol('/') || ts.isSymbol('%')) {
    const op = ts.next().text;
    left = { kind: 'binary', op, left, right: parseUnary(ts) };
  }
  return left;
}

function parseUnary(ts: TokenStream): Expr {
  if (ts.isSymbol('-') || ts.isSymbol('+')) {
    const op = ts.next().text;
    return { kind: 'unary', op, operand: parseUnary(ts) };
  }
  return parsePrimary(ts);
}

function parsePrimary(ts: TokenStream): Expr {
  const token = ts.peek();
  switch (token.kind) {
    case 'number':
      ts.next();
      return { kind: 'literal', value: Number(token.text) };
    case 'string':
      ts.next();
      return { kind: 'literal', value: token.value };
    case 'variable': {
      ts.next();
      const system = token.text.startsWith('@@');
      const name = token.value.replace(/^(session|global|local)\./i, '');
      return { kind: 'variable', name, system };
    }
    case 'symbol':
      if (ts.acceptSymbol('(')) {
        const inner = parseExpression(ts);
        ts.expectSymbol(')');
        return inner;
      }
      break;
    case 'ident':
      if (ts.acceptKeyword('NULL')) return { kind: 'literal', value: null };
      if (ts.acceptKeyword('TRUE')) return { kind: 'literal', value: true };
      if (ts.acceptKeyword('FALSE')) return { kind: 'literal', value: false };
      if (isDateLiteral(ts)) {
        ts.next();
        return { kind: 'literal', value: ts.string() };
      }
      if (ts.isKeyword('CAST') && ts.isSymbol('(', 1)) return parseCast(ts);
      if (ts.isSymbol('(', 1)) return parseCall(ts);
      break;
    default:
      break;
  }
  if (ts.isIdentifier() || isCallableKeyword(ts)) return parseColumn(ts);
  throw ts.unexpected(['a legal identifier']);
}

/** `DATE '2024-01-01'` / `DATETIME '...'` typed literals. */
function isDateLiteral(ts: TokenStream): boolean {
  return (ts.isKeyword('DATE') || ts.isKeyword('DATETIME') || ts.isKeyword('TIMESTAMP')) && ts.peek(1).kind === 'string';
}

/** Reserved words that are still function names (`DATABASE()`, `IF(...)`). */
function isCallableKeyword(ts: TokenStream): boolean {
  return (ts.isKeyword('DATABASE') || ts.isKeyword('IF') || ts.isKeyword('LEFT') || ts.isKeyword('RIGHT')) && ts.isSymbol('(', 1);
}

/** `CAST(expr AS type[(n[, m])])`. */
function parseCast(ts: TokenStream): Expr {
  ts.next();
  ts.expectSymbol('(');
  const operand = parseExpression(ts);
  ts.expectKeyword('AS');
  const type = ts.identifier().toUpperCase();
  if (ts.acceptSymbol('(')) {
    do ts.next();
    while (ts.acceptSymbol(','));
    ts.expectSymbol(')');
  }
  ts.expectSymbol(')');
  return { kind: 'cast', operand, type };
}

function parseCall(ts: TokenStream): Expr {
  const name = ts.next().value.toLowerCase();
  ts.expectSymbol('(');
  if (ts.acceptSymbol('*')) {
    ts.expectSymbol(')');
    return { kind: 'call', name, args: [], star: true };
  }
  const args: Expr[] = [];
  if (!ts.isSymbol(')')) {
    ts.acceptKeyword('DISTINCT');
    args.push(parseExpression(ts));
    while (ts.acceptSymbol(',')) args.push(parseExpression(ts));
  }
  ts.expectSymbol(')');
  return { kind: 'call', name, args, star: false };
}

function parseColumn(ts: TokenStream): Expr {
  const first = ts.next().value;
  if (ts.isSymbol('.') && (ts.isIdentifier(1) || ts.peek(1).kind === 'ident')) {
    ts.next();
    const second = ts.next().value;
    if (ts.isSymbol('.') && (ts.isIdentifier(1) || ts.peek(1).kind === 'ident')) {
      ts.next();
      return { kind: 'column', table: second, name: ts.next().value };
    }
    return { kind: 'column', table: first, name: second };
  }
  return { kind: 'column', name: first };
}
