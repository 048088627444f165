/**
 * Catalog DDL and DML: CREATE/DROP DATABASE, TABLE, VIEW, FUNCTION, EXTERNAL CATALOG,
 * [READ ONLY] REPOSITORY, DROP SNAPSHOT (4.2), INSERT, TRUNCATE.
 */
import type { ColumnDef, ColumnType, CreateRepositoryStmt, CreateTableStmt, Expr, KeysType, RangePartitionDef, Statement } from './ast';
import { parseExpression } from './expressionParser';
import { parseIdentifierList, parseOptionalProperties, parsePropertyList, parseQualifiedName } from './parseCommon';
import type { TokenStream } from './tokenStream';

export interface DdlFlags {
  /** 3.4+: PROPERTIES may be omitted from CREATE REPOSITORY. */
  optionalRepositoryProperties: boolean;
  /** 4.2+: DROP SNAPSHOT. */
  dropSnapshot: boolean;
}

export function parseCreate(ts: TokenStream, flags: DdlFlags): Statement {
  ts.expectKeyword('CREATE');
  if (ts.isKeywords('READ', 'ONLY') || ts.isKeyword('REPOSITORY')) return parseCreateRepository(ts, flags);
  if (ts.acceptKeyword('DATABASE') || ts.acceptKeyword('SCHEMA')) {
    const ifNotExists = ts.acceptKeyword('IF', 'NOT', 'EXISTS');
    const name = ts.identifier();
    parseOptionalProperties(ts);
    return { type: 'createDatabase', name, ifNotExists };
  }
  if (ts.acceptKeyword('TABLE')) return parseCreateTable(ts);
  if (ts.isKeyword('VIEW') || ts.isKeywords('OR', 'REPLACE')) return parseCreateView(ts);
  if (ts.isKeyword('FUNCTION') || ts.isKeyword('GLOBAL') || ts.isKeyword('AGGREGATE')) return parseCreateFunction(ts);
  if (ts.isKeywords('EXTERNAL', 'CATALOG')) return parseCreateCatalog(ts);
  throw ts.unexpected(["'DATABASE'", "'TABLE'", "'VIEW'", "'FUNCTION'", "'EXTERNAL'", "'REPOSITORY'"]);
}

export function parseDrop(ts: TokenStream, flags: DdlFlags): Statement {
  ts.expectKeyword('DROP');
  if (ts.acceptKeyword('REPOSITORY')) return { type: 'dropRepository', name: ts.identifier() };
  if (flags.dropSnapshot && ts.acceptKeyword('SNAPSHOT')) {
    const label = ts.identifier();
    ts.expectKeyword('ON');
    const repo = ts.identifier();
    return { type: 'dropSnapshot', label, repo, force: ts.acceptKeyword('FORCE') };
  }
  if (ts.acceptKeyword('DATABASE') || ts.acceptKeyword('SCHEMA')) {
    const ifExists = ts.acceptKeyword('IF', 'EXISTS');
    const name = ts.identifier();
    return { type: 'dropDatabase', name, ifExists, force: ts.acceptKeyword('FORCE') };
  }
  if (ts.acceptKeyword('TABLE') || ts.acceptKeyword('VIEW')) {
    const view = ts.previous().value.toUpperCase() === 'VIEW';
    const ifExists = ts.acceptKeyword('IF', 'EXISTS');
    const name = parseQualifiedName(ts);
    return { type: 'dropTable', name, ifExists, force: ts.acceptKeyword('FORCE'), view };
  }
  if (ts.acceptKeyword('FUNCTION') || ts.acceptKeyword('GLOBAL', 'FUNCTION')) {
    const ifExists = ts.acceptKeyword('IF', 'EXISTS');
    const name = parseQualifiedName(ts);
    return { type: 'dropFunction', name, signature: parseParenthesisedText(ts), ifExists };
  }
  if (ts.acceptKeyword('CATALOG')) {
    const ifExists = ts.acceptKeyword('IF', 'EXISTS');
    return { type: 'dropCatalog', name: ts.identifier(), ifExists };
  }
  const expected = ["'DATABASE'", "'TABLE'", "'VIEW'", "'FUNCTION'", "'CATALOG'", "'REPOSITORY'"];
  throw ts.unexpected(flags.dropSnapshot ? [...expected, "'SNAPSHOT'"] : expected);
}

/** `CREATE (READ ONLY)? REPOSITORY r WITH BROKER b? ON LOCATION "loc" PROPERTIES (...)` */
function parseCreateRepository(ts: TokenStream, flags: DdlFlags): CreateRepositoryStmt {
  const readOnly = ts.acceptKeyword('READ', 'ONLY');
  ts.expectKeyword('REPOSITORY');
  const name = ts.identifier();
  ts.expectKeyword('WITH');
  ts.expectKeyword('BROKER');
  const broker = ts.isKeyword('ON') ? undefined : ts.identifierOrString();
  ts.expectKeyword('ON');
  ts.expectKeyword('LOCATION');
  const location = ts.string();
  const properties =
    flags.optionalRepositoryProperties || ts.isKeyword('PROPERTIES')
      ? parseOptionalProperties(ts)
      : (ts.expectKeyword('PROPERTIES'), new Map());
  return { type: 'createRepository', readOnly, name, broker, location, properties };
}

function parseCreateTable(ts: TokenStream): CreateTableStmt {
  const ifNotExists = ts.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = parseQualifiedName(ts);
  ts.expectSymbol('(');
  const columns: ColumnDef[] = [];
  do {
    if (ts.isKeyword('INDEX')) skipIndexDef(ts);
    else columns.push(parseColumnDef(ts));
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  const stmt: CreateTableStmt = { type: 'createTable', ifNotExists, name, columns, properties: new Map() };
  parseTableClauses(ts, stmt);
  return stmt;
}

/** ENGINE, keys, COMMENT, PARTITION BY RANGE, DISTRIBUTED BY, ORDER BY, PROPERTIES, in order. */
function parseTableClauses(ts: TokenStream, stmt: CreateTableStmt): void {
  if (ts.acceptKeyword('ENGINE')) {
    ts.expectSymbol('=');
    ts.identifier();
  }
  const keysType = ['DUPLICATE', 'PRIMARY', 'UNIQUE', 'AGGREGATE'].find((k) => ts.isKeywords(k, 'KEY'));
  if (keysType) {
    ts.next();
    ts.next();
    stmt.keys = { type: keysType as KeysType, columns: parseIdentifierList(ts) };
  }
  if (ts.acceptKeyword('COMMENT')) stmt.comment = ts.string();
  if (ts.acceptKeyword('PARTITION', 'BY')) {
    ts.expectKeyword('RANGE');
    const partitionColumns = parseIdentifierList(ts);
    stmt.partitionBy = { columns: partitionColumns, partitions: parseRangePartitions(ts) };
  }
  if (ts.acceptKeyword('DISTRIBUTED', 'BY')) {
    const random = ts.acceptKeyword('RANDOM');
    if (!random) ts.expectKeyword('HASH', 'RANDOM');
    const distributionColumns = random ? [] : parseIdentifierList(ts);
    const buckets = ts.acceptKeyword('BUCKETS') ? Number(ts.next().text) : undefined;
    stmt.distribution = { columns: distributionColumns, buckets, random };
  }
  if (ts.acceptKeyword('ORDER', 'BY')) parseIdentifierList(ts);
  stmt.properties = parseOptionalProperties(ts);
}

/** `( PARTITION p VALUES LESS THAN ("v" | MAXVALUE), ... )` */
function parseRangePartitions(ts: TokenStream): RangePartitionDef[] {
  ts.expectSymbol('(');
  const partitions: RangePartitionDef[] = [];
  if (ts.isSymbol(')')) {
    ts.next();
    return partitions;
  }
  do {
    ts.expectKeyword('PARTITION');
    const ifNotExists = ts.acceptKeyword('IF', 'NOT', 'EXISTS');
    void ifNotExists;
    const name = ts.identifier();
    ts.expectKeyword('VALUES');
    ts.expectKeyword('LESS');
    ts.expectKeyword('THAN');
    partitions.push({ name, lessThan: parseLessThan(ts) });
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  return partitions;
}

function parseLessThan(ts: TokenStream): (string | undefined)[] {
  if (ts.acceptKeyword('MAXVALUE')) return [undefined];
  ts.expectSymbol('(');
  const values: (string | undefined)[] = [];
  do {
    if (ts.acceptKeyword('MAXVALUE')) values.push(undefined);
    else values.push(ts.peek().kind === 'number' ? ts.next().text : ts.string());
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  return values;
}

const AGGREGATIONS = new Set(['SUM', 'MAX', 'MIN', 'REPLACE', 'REPLACE_IF_NOT_NULL', 'HLL_UNION', 'BITMAP_UNION', 'PERCENTILE_UNION']);

function parseColumnDef(ts: TokenStream): ColumnDef {
  const name = ts.identifier();
  const type = parseColumnType(ts);
  const column: ColumnDef = { name, type, nullable: true };
  for (;;) {
    if (ts.acceptKeyword('NOT', 'NULL')) column.nullable = false;
    else if (ts.acceptKeyword('NULL')) column.nullable = true;
    else if (ts.peek().kind === 'ident' && AGGREGATIONS.has(ts.peek().value.toUpperCase()))
      column.aggregation = ts.next().value.toUpperCase();
    else if (ts.acceptKeyword('DEFAULT')) column.defaultValue = parseDefault(ts);
    else if (ts.acceptKeyword('AUTO_INCREMENT')) continue;
    else if (ts.acceptKeyword('COMMENT')) column.comment = ts.string();
    else if (ts.acceptKeyword('KEY')) continue;
    else return column;
  }
}

function parseDefault(ts: TokenStream): string | null {
  if (ts.acceptKeyword('NULL')) return null;
  if (ts.acceptKeyword('CURRENT_TIMESTAMP')) return 'CURRENT_TIMESTAMP';
  const token = ts.next();
  if (token.kind !== 'string' && token.kind !== 'number') throw ts.unexpected(['a string']);
  return token.value;
}

/** `INT`, `VARCHAR(20)`, `DECIMAL(10, 2)`, `ARRAY<INT>`… (type arguments must be numbers). */
export function parseColumnType(ts: TokenStream): ColumnType {
  const token = ts.peek();
  if (token.kind !== 'ident') throw ts.unexpected(['a type']);
  ts.next();
  const name = token.value.toUpperCase();
  const args: number[] = [];
  if (ts.acceptSymbol('(')) {
    do args.push(Number(ts.next().text));
    while (ts.acceptSymbol(','));
    ts.expectSymbol(')');
  } else if (ts.acceptSymbol('<')) {
    // Nested types are kept by name only: the sandbox stores their values as text.
    let depth = 1;
    while (depth > 0 && !ts.atStatementEnd()) {
      const t = ts.next();
      if (t.text === '<') depth++;
      if (t.text === '>') depth--;
    }
  }
  if (ts.acceptKeyword('UNSIGNED')) return { name: `${name} UNSIGNED`, args };
  return { name, args };
}

function skipIndexDef(ts: TokenStream): void {
  ts.expectKeyword('INDEX');
  ts.identifier();
  parseIdentifierList(ts);
  if (ts.acceptKeyword('USING')) ts.identifier();
  if (ts.acceptKeyword('COMMENT')) ts.string();
}

function parseCreateView(ts: TokenStream): Statement {
  const orReplace = ts.acceptKeyword('OR', 'REPLACE');
  ts.expectKeyword('VIEW');
  const ifNotExists = ts.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = parseQualifiedName(ts);
  const columns = ts.isSymbol('(') ? parseIdentifierList(ts) : [];
  if (ts.acceptKeyword('COMMENT')) ts.string();
  ts.expectKeyword('AS');
  if (!ts.isKeyword('SELECT') && !ts.isKeyword('WITH')) throw ts.unexpected(["'SELECT'", "'WITH'", "'('"]);
  return { type: 'createView', name, orReplace, ifNotExists, query: ts.restOfStatement(), columns };
}

/** `CREATE [GLOBAL] [AGGREGATE] FUNCTION f(types) RETURNS type [PROPERTIES (...)]` — metadata only. */
function parseCreateFunction(ts: TokenStream): Statement {
  const global = ts.acceptKeyword('GLOBAL');
  const aggregate = ts.acceptKeyword('AGGREGATE');
  ts.expectKeyword('FUNCTION');
  const name = parseQualifiedName(ts);
  const signature = parseParenthesisedText(ts);
  ts.expectKeyword('RETURNS');
  const returnsStart = ts.position;
  parseColumnType(ts);
  const returns = ts.textSince(returnsStart);
  if (ts.acceptKeyword('INTERMEDIATE')) parseColumnType(ts);
  const properties = ts.isKeyword('PROPERTIES') ? parseOptionalProperties(ts) : new Map<string, string>();
  if (ts.acceptKeyword('AS')) ts.restOfStatement();
  return { type: 'createFunction', name, global, signature, returns, properties, aggregate };
}

/** `( INT, VARCHAR(10) )` kept as its source text (function signatures). */
function parseParenthesisedText(ts: TokenStream): string {
  ts.expectSymbol('(');
  const start = ts.position;
  if (ts.acceptSymbol(')')) return '';
  do parseColumnType(ts);
  while (ts.acceptSymbol(','));
  const text = ts.textSince(start);
  ts.expectSymbol(')');
  return text;
}

function parseCreateCatalog(ts: TokenStream): Statement {
  ts.expectKeyword('EXTERNAL');
  ts.expectKeyword('CATALOG');
  const ifNotExists = ts.acceptKeyword('IF', 'NOT', 'EXISTS');
  const name = ts.identifier();
  const comment = ts.acceptKeyword('COMMENT') ? ts.string() : undefined;
  ts.expectKeyword('PROPERTIES');
  return { type: 'createCatalog', name, ifNotExists, comment, properties: parsePropertyList(ts) };
}

/** `INSERT (INTO | OVERWRITE) t [PARTITION (...)] [(cols)] VALUES (...), (...)` */
export function parseInsert(ts: TokenStream): Statement {
  ts.expectKeyword('INSERT');
  const overwrite = ts.acceptKeyword('OVERWRITE');
  if (!overwrite) ts.expectKeyword('INTO', 'OVERWRITE');
  else ts.acceptKeyword('TABLE');
  const table = parseQualifiedName(ts);
  const partitions = ts.acceptKeyword('PARTITION') ? parseIdentifierList(ts) : undefined;
  const columns = ts.isSymbol('(') ? parseIdentifierList(ts) : undefined;
  // INSERT … SELECT is StarRocks syntax the sandbox does not emulate; only VALUES is offered.
  ts.expectKeyword('VALUES');
  const rows: Expr[][] = [];
  do {
    ts.expectSymbol('(');
    const row: Expr[] = [];
    if (!ts.isSymbol(')')) {
      do row.push(parseExpression(ts));
      while (ts.acceptSymbol(','));
    }
    ts.expectSymbol(')');
    rows.push(row);
  } while (ts.acceptSymbol(','));
  return { type: 'insert', table, columns, rows, overwrite, partitions };
}

export function parseTruncate(ts: TokenStream): Statement {
  ts.expectKeyword('TRUNCATE');
  ts.expectKeyword('TABLE');
  return { type: 'truncate', table: parseQualifiedName(ts) };
}
