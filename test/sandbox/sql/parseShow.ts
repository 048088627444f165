/**
 * SHOW statements, DESC and ADMIN SHOW FRONTEND CONFIG. Versions before 4.2 know no
 * WHERE / ORDER BY / LIMIT on SHOW BACKUP (SHOW RESTORE has always taken a WHERE) — spec §1.1, §1.3.
 */
import type { Expr, OrderItem, Statement } from './ast';
import { parseExpression } from './expressionParser';
import { parseQualifiedName, parseUserName } from './parseCommon';
import type { TokenStream } from './tokenStream';

export interface ShowFlags {
  /** 4.2+: showPredicateClauses on SHOW BACKUP / RESTORE / SNAPSHOT. */
  showPredicates: boolean;
  /** Fault switch: SHOW BACKUP / RESTORE without FROM is a syntax error (`control.rejectBareShowJobs`). */
  requireShowJobsFrom?: boolean;
}

export function parseShow(ts: TokenStream, flags: ShowFlags): Statement {
  ts.expectKeyword('SHOW');
  if (ts.acceptKeyword('DATABASES') || ts.acceptKeyword('SCHEMAS')) return { type: 'showDatabases', like: parseLike(ts) };
  if (ts.acceptKeyword('REPOSITORIES')) return { type: 'showRepositories' };
  if (ts.isKeyword('SNAPSHOT')) return parseShowSnapshot(ts, flags);
  if (ts.isKeyword('BACKUP') || ts.isKeyword('RESTORE')) return parseShowJobs(ts, flags);
  if (ts.isKeywords('FULL', 'TABLES') || ts.isKeyword('TABLES')) return parseShowTables(ts);
  if (ts.isKeywords('TEMPORARY', 'PARTITIONS') || ts.isKeyword('PARTITIONS')) {
    const temporary = ts.acceptKeyword('TEMPORARY');
    ts.expectKeyword('PARTITIONS');
    if (!ts.acceptKeyword('FROM')) ts.expectKeyword('FROM', 'IN');
    return { type: 'showPartitions', table: parseQualifiedName(ts), temporary };
  }
  if (ts.acceptKeyword('CREATE')) return parseShowCreate(ts);
  if (ts.acceptKeyword('FULL', 'COLUMNS') || ts.acceptKeyword('COLUMNS') || ts.acceptKeyword('FIELDS')) return parseShowColumns(ts);
  if (ts.isKeyword('VARIABLES') || (ts.isKeyword('VARIABLES', 1) && (ts.isKeyword('GLOBAL') || ts.isKeyword('SESSION'))))
    return parseShowVariables(ts);
  if (ts.acceptKeyword('GRANTS')) return { type: 'showGrants', user: ts.acceptKeyword('FOR') ? parseUserName(ts) : undefined };
  if (ts.acceptKeyword('FRONTENDS')) return { type: 'showFrontends' };
  if (ts.acceptKeyword('CATALOGS')) return { type: 'showCatalogs' };
  if (ts.isKeywords('FULL', 'PROCESSLIST') || ts.isKeyword('PROCESSLIST')) {
    const full = ts.acceptKeyword('FULL');
    ts.expectKeyword('PROCESSLIST');
    return { type: 'showProcesslist', full };
  }
  if (ts.acceptKeyword('STATUS') || ts.acceptKeyword('SESSION', 'STATUS') || ts.acceptKeyword('GLOBAL', 'STATUS')) {
    parseLike(ts);
    return { type: 'showStatus' };
  }
  if (ts.isKeywords('GLOBAL', 'FUNCTIONS') || ts.isKeywords('FULL', 'FUNCTIONS') || ts.isKeyword('FUNCTIONS')) {
    const global = ts.acceptKeyword('GLOBAL');
    ts.acceptKeyword('FULL');
    ts.expectKeyword('FUNCTIONS');
    const db = ts.acceptKeyword('FROM') || ts.acceptKeyword('IN') ? ts.identifier() : undefined;
    return { type: 'showFunctions', db, global };
  }
  throw ts.unexpected(["'DATABASES'", "'TABLES'", "'PARTITIONS'", "'REPOSITORIES'", "'SNAPSHOT'", "'BACKUP'", "'RESTORE'", "'VARIABLES'"]);
}

function parseLike(ts: TokenStream): string | undefined {
  return ts.acceptKeyword('LIKE') ? ts.string() : undefined;
}

function parseShowTables(ts: TokenStream): Statement {
  const full = ts.acceptKeyword('FULL');
  ts.expectKeyword('TABLES');
  const db = ts.acceptKeyword('FROM') || ts.acceptKeyword('IN') ? ts.identifier() : undefined;
  return { type: 'showTables', db, full, like: parseLike(ts) };
}

function parseShowCreate(ts: TokenStream): Statement {
  if (ts.acceptKeyword('DATABASE') || ts.acceptKeyword('SCHEMA')) return { type: 'showCreateDatabase', db: ts.identifier() };
  if (ts.acceptKeyword('VIEW')) return { type: 'showCreateTable', table: parseQualifiedName(ts), view: true };
  ts.expectKeyword('TABLE', 'VIEW', 'DATABASE');
  return { type: 'showCreateTable', table: parseQualifiedName(ts), view: false };
}

function parseShowColumns(ts: TokenStream): Statement {
  if (!ts.acceptKeyword('FROM')) ts.expectKeyword('FROM', 'IN');
  const table = parseQualifiedName(ts);
  if (ts.acceptKeyword('FROM') || ts.acceptKeyword('IN')) table.db = ts.identifier();
  return { type: 'describe', table };
}

function parseShowVariables(ts: TokenStream): Statement {
  const global = ts.acceptKeyword('GLOBAL');
  if (!global) ts.acceptKeyword('SESSION');
  ts.expectKeyword('VARIABLES');
  if (ts.acceptKeyword('WHERE')) return { type: 'showVariables', global, where: parseExpression(ts) };
  return { type: 'showVariables', global, like: parseLike(ts) };
}

function parseShowSnapshot(ts: TokenStream, flags: ShowFlags): Statement {
  ts.expectKeyword('SNAPSHOT');
  ts.expectKeyword('ON');
  const repo = ts.identifier();
  if (!ts.acceptKeyword('WHERE')) {
    if (flags.showPredicates) skipOrderAndLimit(ts);
    return { type: 'showSnapshot', repo };
  }
  const start = ts.position;
  const where = parseExpression(ts);
  const whereText = ts.textSince(start);
  if (flags.showPredicates) skipOrderAndLimit(ts);
  return { type: 'showSnapshot', repo, where, whereText };
}

/** UNVERIFIED how 4.2 applies ORDER BY / LIMIT to SHOW SNAPSHOT; they are parsed and ignored. */
function skipOrderAndLimit(ts: TokenStream): void {
  parseOrderBy(ts);
  parseLimit(ts);
}

function parseShowJobs(ts: TokenStream, flags: ShowFlags): Statement {
  const type = ts.acceptKeyword('BACKUP') ? 'showBackup' : (ts.expectKeyword('RESTORE'), 'showRestore');
  const db = ts.acceptKeyword('FROM') || ts.acceptKeyword('IN') ? ts.identifier() : undefined;
  // Rejected where FROM would go, as ANTLR would if the grammar made it mandatory.
  if (db === undefined && flags.requireShowJobsFrom) throw ts.unexpected(["'FROM'", "'IN'"]);
  let where: Expr | undefined;
  if ((type === 'showRestore' || flags.showPredicates) && ts.acceptKeyword('WHERE')) where = parseExpression(ts);
  const orderBy = flags.showPredicates ? parseOrderBy(ts) : [];
  const limit = flags.showPredicates ? parseLimit(ts)?.limit : undefined;
  return { type, db, where, orderBy, limit };
}

export function parseOrderBy(ts: TokenStream): OrderItem[] {
  if (!ts.acceptKeyword('ORDER', 'BY')) return [];
  const items: OrderItem[] = [];
  do {
    const expr = parseExpression(ts);
    const descending = ts.acceptKeyword('DESC');
    if (!descending) ts.acceptKeyword('ASC');
    items.push({ expr, descending });
  } while (ts.acceptSymbol(','));
  return items;
}

/** `LIMIT n`, `LIMIT offset, n`, `LIMIT n OFFSET m`. */
export function parseLimit(ts: TokenStream): { limit: number; offset: number } | undefined {
  if (!ts.acceptKeyword('LIMIT')) return undefined;
  const first = Number(expectNumber(ts));
  if (ts.acceptSymbol(',')) return { offset: first, limit: Number(expectNumber(ts)) };
  if (ts.acceptKeyword('OFFSET')) return { limit: first, offset: Number(expectNumber(ts)) };
  return { limit: first, offset: 0 };
}

function expectNumber(ts: TokenStream): string {
  if (ts.peek().kind !== 'number') throw ts.unexpected(['INTEGER_VALUE']);
  return ts.next().text;
}

export function parseAdminShow(ts: TokenStream): Statement {
  ts.expectKeyword('ADMIN');
  ts.expectKeyword('SHOW');
  ts.expectKeyword('FRONTEND');
  ts.expectKeyword('CONFIG');
  return { type: 'adminShowConfig', like: parseLike(ts) };
}

export function parseDescribe(ts: TokenStream): Statement {
  ts.next();
  return { type: 'describe', table: parseQualifiedName(ts) };
}
