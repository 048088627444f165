/**
 * A tolerant reader of the backup/restore statements (spec §1): it records what a statement names
 * (repository, snapshot, database, objects, properties, location) with source spans, and simply
 * stops where the text stops making sense, because half-typed statements are the normal case in an
 * editor. It is no validator: diagnostics decide what is wrong from what this reports.
 */
import { isKeyword, isName, isSymbol, type Token } from './tokens';
import type { SqlStatement } from './documentStatements';

export type StatementKind =
  | 'createRepository'
  | 'dropRepository'
  | 'showRepositories'
  | 'backup'
  | 'restore'
  | 'showSnapshot'
  | 'showBackup'
  | 'showRestore'
  | 'cancelBackup'
  | 'cancelRestore'
  | 'dropSnapshot'
  | 'other';

export interface Span {
  start: number;
  end: number;
}

/** A name or string literal with where it is written. */
export interface ValueRef extends Span {
  value: string;
  /** The token kind it came from: `string`, `quotedIdentifier`, `word`, `number`. */
  kind: Token['kind'];
  /** False for a string still being typed. */
  terminated: boolean;
}

export interface QualifiedName extends Span {
  /** The `db` of `db.name`. */
  qualifier?: ValueRef;
  /** Absent while the user has typed `db.` and nothing more. */
  name?: ValueRef;
}

export type ObjectType = 'table' | 'materializedView' | 'view' | 'function';

/** One entry of `ON ( … )`. */
export interface ObjectDesc extends Span {
  type: ObjectType;
  /** `ALL TABLES` and friends. */
  all: boolean;
  /** The 3.4+ object keywords (`TABLE`, `ALL TABLES`, `MATERIALIZED VIEW` …), when written. */
  typeKeyword?: Span;
  name?: QualifiedName;
  partitions?: PartitionList;
  alias?: { as: Span; name?: ValueRef } & Span;
}

export interface PartitionList extends Span {
  temporary: boolean;
  /** Offset after `(` when the list is parenthesised. */
  open?: number;
  /** Offset of `)`, when written. */
  close?: number;
  names: ValueRef[];
}

export interface Property extends Span {
  key: ValueRef;
  /** Offset of `=`, when written. */
  equals?: number;
  value?: ValueRef;
}

export interface PropertiesClause extends Span {
  keyword: Span;
  /** Offset after `(`, when written. */
  open?: number;
  /** Offset of `)`, when written. */
  close?: number;
  items: Property[];
}

export interface ParsedStatement extends Span {
  kind: StatementKind;
  tokens: Token[];
  readOnly?: boolean;
  repository?: ValueRef;
  snapshot?: QualifiedName;
  /** `DATABASE x` (3.4+). */
  database?: { keyword: Span; name?: ValueRef; alias?: ValueRef } & Span;
  /** Any external-catalog clause (3.4+). */
  externalCatalogs?: Span;
  on?: { keyword: Span; open?: number; close?: number; objects: ObjectDesc[] } & Span;
  properties?: PropertiesClause;
  location?: ValueRef;
  broker?: { keyword: Span; name?: ValueRef };
  force?: Span;
  /** `FROM db` / `IN db` of SHOW BACKUP/RESTORE and CANCEL. */
  fromDatabase?: ValueRef;
  /** CANCEL … FOR EXTERNAL CATALOG (3.4+). */
  forExternalCatalog?: Span;
  /** SHOW … WHERE …: the whole clause, and for SHOW SNAPSHOT the two recognised comparisons. */
  where?: Span & {
    snapshot?: ValueRef;
    timestamp?: ValueRef;
    /** `SNAPSHOT = name` written without quotes (a word or a backtick name): the server wants a string. */
    unquotedSnapshot?: ValueRef;
  };
  /** SHOW … ORDER BY / LIMIT (4.2). */
  orderOrLimit?: Span;
}

/** Words that shape these statements and are reserved, so a bare one is never a name. */
const STRUCTURAL_KEYWORDS = new Set([
  'TO',
  'FROM',
  'ON',
  'AS',
  'WHERE',
  'PROPERTIES',
  'DATABASE',
  'PARTITION',
  'PARTITIONS',
  'TEMPORARY',
  'WITH',
  'ORDER',
  'LIMIT',
  'IN',
  'AND',
  'FOR',
]);

const OBJECT_KEYWORDS = new Set(['TABLE', 'TABLES', 'VIEW', 'VIEWS', 'FUNCTION', 'FUNCTIONS', 'MATERIALIZED', 'ALL']);

/** Walks the tokens of one statement. Every `accept…` consumes only on success. */
class Reader {
  pos = 0;
  constructor(readonly tokens: Token[]) {}

  peek(k = 0): Token | undefined {
    return this.tokens[this.pos + k];
  }
  get done(): boolean {
    return this.pos >= this.tokens.length;
  }
  keyword(...words: string[]): Token | undefined {
    const t = this.peek();
    if (t && words.some((w) => isKeyword(t, w))) {
      this.pos++;
      return t;
    }
    return undefined;
  }
  symbol(s: string): Token | undefined {
    const t = this.peek();
    if (isSymbol(t, s)) {
      this.pos++;
      return t;
    }
    return undefined;
  }
  name(): ValueRef | undefined {
    const t = this.peek();
    if (!isName(t) || (t!.kind === 'word' && STRUCTURAL_KEYWORDS.has(t!.text.toUpperCase()))) return undefined;
    this.pos++;
    return ref(t!);
  }
  nameOrString(): ValueRef | undefined {
    if (this.peek()?.kind !== 'string') return this.name();
    return ref(this.tokens[this.pos++]);
  }
  /** `name` or `db.name` or `db.` (still typing). */
  qualifiedName(): QualifiedName | undefined {
    const first = this.name();
    if (!first) return undefined;
    const dot = this.symbol('.');
    if (!dot) return { start: first.start, end: first.end, name: first };
    const second = this.name();
    return { start: first.start, end: second?.end ?? dot.end, qualifier: first, name: second };
  }
  /** Skips to the matching `)` of a `(` just consumed; returns the `)` token if found. */
  skipParens(): Token | undefined {
    let depth = 1;
    while (!this.done) {
      const t = this.tokens[this.pos++];
      if (isSymbol(t, '(')) depth++;
      else if (isSymbol(t, ')') && --depth === 0) return t;
    }
    return undefined;
  }
}

export function ref(t: Token): ValueRef {
  return { value: t.value, start: t.start, end: t.end, kind: t.kind, terminated: t.terminated };
}

function span(a: { start: number }, b: { end: number }): Span {
  return { start: a.start, end: b.end };
}

/** Reads one statement (as split by `splitStatements`). */
export function parseStatement(statement: SqlStatement): ParsedStatement {
  const r = new Reader(statement.tokens);
  const p: ParsedStatement = { kind: 'other', start: statement.start, end: statement.end, tokens: statement.tokens };
  if (r.keyword('BACKUP')) parseBackup(r, p);
  else if (r.keyword('RESTORE')) parseRestore(r, p);
  else if (r.keyword('CREATE')) parseCreate(r, p);
  else if (r.keyword('DROP')) parseDrop(r, p);
  else if (r.keyword('SHOW')) parseShow(r, p);
  else if (r.keyword('CANCEL')) parseCancel(r, p);
  return p;
}

function parseBackup(r: Reader, p: ParsedStatement): void {
  p.kind = 'backup';
  parseExternalCatalogs(r, p);
  parseDatabaseClause(r, p, false);
  if (!r.keyword('SNAPSHOT')) return;
  p.snapshot = r.qualifiedName();
  if (!r.keyword('TO')) return;
  p.repository = r.name();
  parseTail(r, p);
}

function parseRestore(r: Reader, p: ParsedStatement): void {
  p.kind = 'restore';
  if (!r.keyword('SNAPSHOT')) return;
  p.snapshot = r.qualifiedName();
  if (!r.keyword('FROM')) return;
  p.repository = r.name();
  parseExternalCatalogs(r, p);
  parseDatabaseClause(r, p, true);
  parseTail(r, p);
}

/** `ALL EXTERNAL CATALOGS` or `EXTERNAL CATALOG(S) ( … )`. */
function parseExternalCatalogs(r: Reader, p: ParsedStatement): void {
  const first = r.peek();
  if (isKeyword(first, 'ALL') && isKeyword(r.peek(1), 'EXTERNAL')) {
    r.pos += 2;
    const last = r.keyword('CATALOGS', 'CATALOG') ?? r.tokens[r.pos - 1];
    p.externalCatalogs = span(first!, last);
  } else if (isKeyword(first, 'EXTERNAL')) {
    r.pos++;
    let last = r.keyword('CATALOGS', 'CATALOG') ?? first!;
    if (r.symbol('(')) last = r.skipParens() ?? r.tokens[r.pos - 1];
    p.externalCatalogs = span(first!, last);
  }
}

function parseDatabaseClause(r: Reader, p: ParsedStatement, allowAlias: boolean): void {
  const keyword = r.keyword('DATABASE');
  if (!keyword) return;
  const name = r.name();
  let end = name?.end ?? keyword.end;
  let alias: ValueRef | undefined;
  if (allowAlias && name && r.keyword('AS')) {
    alias = r.name();
    end = alias?.end ?? r.tokens[r.pos - 1].end;
  }
  p.database = { keyword: span(keyword, keyword), name, alias, start: keyword.start, end };
}

/** `ON ( … )` then `PROPERTIES ( … )`, both optional. */
function parseTail(r: Reader, p: ParsedStatement): void {
  const on = r.peek();
  if (isKeyword(on, 'ON')) {
    r.pos++;
    p.on = { keyword: span(on!, on!), start: on!.start, end: on!.end, objects: [] };
    const open = r.symbol('(');
    if (open) {
      p.on.open = open.end;
      parseObjects(r, p.on.objects);
      const close = r.symbol(')');
      if (close) p.on.close = close.start;
      p.on.end = close?.end ?? r.tokens[r.pos - 1].end;
    }
  }
  parseProperties(r, p);
}

function parseObjects(r: Reader, out: ObjectDesc[]): void {
  for (;;) {
    const o = parseObject(r);
    if (o) out.push(o);
    if (!r.symbol(',')) return;
  }
}

function parseObject(r: Reader): ObjectDesc | undefined {
  const first = r.peek();
  if (!first) return undefined;
  const typed = readObjectType(r);
  if (typed?.all) return { type: typed.type, all: true, typeKeyword: typed.span, start: typed.span.start, end: typed.span.end };
  const name = r.qualifiedName();
  if (!typed && !name) return undefined;
  const o: ObjectDesc = {
    type: typed?.type ?? 'table',
    all: false,
    typeKeyword: typed?.span,
    name,
    start: first.start,
    end: name?.end ?? typed!.span.end,
  };
  if (name && o.type === 'table') {
    o.partitions = parsePartitions(r);
    if (o.partitions) o.end = o.partitions.end;
  }
  const as = r.keyword('AS');
  if (as) {
    const aliasName = r.name();
    o.alias = { as: span(as, as), name: aliasName, start: as.start, end: aliasName?.end ?? as.end };
    o.end = o.alias.end;
  }
  return o;
}

/** The 3.4+ object keywords; a keyword-like word followed by `,` `)` `.` is a table name instead. */
function readObjectType(r: Reader): { type: ObjectType; all: boolean; span: Span } | undefined {
  const t = r.peek();
  if (!t || t.kind !== 'word' || !OBJECT_KEYWORDS.has(t.value.toUpperCase())) return undefined;
  const next = r.peek(1);
  if (
    next === undefined ||
    isSymbol(next, ',') ||
    isSymbol(next, ')') ||
    isSymbol(next, '.') ||
    isKeyword(next, 'PARTITION') ||
    isKeyword(next, 'PARTITIONS') ||
    isKeyword(next, 'AS')
  ) {
    return undefined;
  }
  const start = r.pos;
  const all = Boolean(r.keyword('ALL'));
  let type: ObjectType | undefined;
  if (r.keyword('MATERIALIZED')) {
    r.keyword('VIEW', 'VIEWS');
    type = 'materializedView';
  } else if (r.keyword('TABLE', 'TABLES')) type = 'table';
  else if (r.keyword('VIEW', 'VIEWS')) type = 'view';
  else if (r.keyword('FUNCTION', 'FUNCTIONS')) type = 'function';
  if (!type) {
    r.pos = start;
    return undefined;
  }
  return { type, all, span: span(r.tokens[start], r.tokens[r.pos - 1]) };
}

function parsePartitions(r: Reader): PartitionList | undefined {
  const start = r.pos;
  const temporary = r.keyword('TEMPORARY');
  const keyword = r.keyword('PARTITION', 'PARTITIONS');
  if (!keyword) {
    r.pos = start;
    return undefined;
  }
  const list: PartitionList = { temporary: Boolean(temporary), names: [], start: (temporary ?? keyword).start, end: keyword.end };
  const open = r.symbol('(');
  if (open) {
    list.open = open.end;
    list.end = open.end;
  }
  for (;;) {
    const name = r.nameOrString();
    if (!name) break;
    list.names.push(name);
    list.end = name.end;
    if (!isSymbol(r.peek(), ',')) break;
    // Without parentheses a comma may equally end the object (see isPartitionListEnd).
    if (!open && isPartitionListEnd(r)) break;
    r.pos++;
  }
  if (open) {
    const close = r.symbol(')');
    if (close) {
      list.close = close.start;
      list.end = close.end;
    }
  }
  return list;
}

/**
 * `PARTITIONS p1, p2, t2` is ambiguous in the grammar too; ANTLR reads greedily, so a bare list
 * goes on while names follow commas. We do the same except that a name followed by `.` or a
 * partition keyword clearly starts the next table.
 */
function isPartitionListEnd(r: Reader): boolean {
  const name = r.peek(1);
  const after = r.peek(2);
  if (!isName(name) && name?.kind !== 'string') return true;
  if (name!.kind === 'word' && OBJECT_KEYWORDS.has(name!.value.toUpperCase()) && isName(after)) return true;
  return isSymbol(after, '.') || isKeyword(after, 'PARTITION') || isKeyword(after, 'PARTITIONS') || isKeyword(after, 'TEMPORARY');
}

function parseProperties(r: Reader, p: ParsedStatement): void {
  const keyword = r.keyword('PROPERTIES');
  if (!keyword) return;
  const clause: PropertiesClause = { keyword: span(keyword, keyword), items: [], start: keyword.start, end: keyword.end };
  p.properties = clause;
  const open = r.symbol('(');
  if (!open) return;
  clause.open = open.end;
  clause.end = open.end;
  for (;;) {
    const key = r.nameOrString();
    if (!key) break;
    const prop: Property = { key, start: key.start, end: key.end };
    const eq = r.symbol('=');
    if (eq) {
      prop.equals = eq.start;
      prop.end = eq.end;
      prop.value = r.nameOrString();
      if (prop.value) prop.end = prop.value.end;
    }
    clause.items.push(prop);
    clause.end = prop.end;
    if (!r.symbol(',')) break;
  }
  const close = r.symbol(')');
  if (close) {
    clause.close = close.start;
    clause.end = close.end;
  }
}

function parseCreate(r: Reader, p: ParsedStatement): void {
  const readOnly = isKeyword(r.peek(), 'READ') && isKeyword(r.peek(1), 'ONLY');
  if (readOnly) r.pos += 2;
  if (!r.keyword('REPOSITORY')) return;
  p.kind = 'createRepository';
  p.readOnly = readOnly;
  p.repository = r.name();
  if (!p.repository || !r.keyword('WITH')) return;
  const broker = r.keyword('BROKER');
  if (!broker) return;
  p.broker = { keyword: span(broker, broker) };
  if (!isKeyword(r.peek(), 'ON')) p.broker.name = r.nameOrString();
  if (!r.keyword('ON') || !r.keyword('LOCATION')) return;
  const loc = r.peek();
  if (loc?.kind === 'string') {
    r.pos++;
    p.location = ref(loc);
  }
  parseProperties(r, p);
}

function parseDrop(r: Reader, p: ParsedStatement): void {
  if (r.keyword('REPOSITORY')) {
    p.kind = 'dropRepository';
    p.repository = r.name();
  } else if (r.keyword('SNAPSHOT')) {
    p.kind = 'dropSnapshot';
    p.snapshot = r.qualifiedName();
    if (p.snapshot && r.keyword('ON')) {
      p.repository = r.name();
      const force = r.keyword('FORCE');
      if (force) p.force = span(force, force);
    }
  }
}

function parseShow(r: Reader, p: ParsedStatement): void {
  if (r.keyword('REPOSITORIES')) {
    p.kind = 'showRepositories';
  } else if (r.keyword('SNAPSHOT')) {
    p.kind = 'showSnapshot';
    if (r.keyword('ON')) p.repository = r.name();
    parseShowTail(r, p);
  } else if (r.keyword('BACKUP', 'RESTORE')) {
    p.kind = isKeyword(r.tokens[r.pos - 1], 'BACKUP') ? 'showBackup' : 'showRestore';
    if (r.keyword('FROM', 'IN')) p.fromDatabase = r.name();
    parseShowTail(r, p);
  }
}

/** `WHERE …`, `ORDER BY …`, `LIMIT …` of the SHOW statements. */
function parseShowTail(r: Reader, p: ParsedStatement): void {
  const where = r.keyword('WHERE');
  if (where) {
    const clause: NonNullable<ParsedStatement['where']> = { start: where.start, end: where.end };
    while (!r.done && !isKeyword(r.peek(), 'ORDER') && !isKeyword(r.peek(), 'LIMIT')) {
      const t = r.peek()!;
      // `SNAPSHOT = '…'` / `TIMESTAMP = '…'`: remembered for completion and for diagnostics.
      if ((isKeyword(t, 'SNAPSHOT') || isKeyword(t, 'TIMESTAMP')) && isSymbol(r.peek(1), '=') && r.peek(2)?.kind === 'string') {
        const value = ref(r.peek(2)!);
        if (isKeyword(t, 'SNAPSHOT')) clause.snapshot = value;
        else clause.timestamp = value;
      } else if (isKeyword(t, 'SNAPSHOT') && isSymbol(r.peek(1), '=') && isName(r.peek(2))) {
        clause.unquotedSnapshot = ref(r.peek(2)!);
      }
      clause.end = t.end;
      r.pos++;
    }
    p.where = clause;
  }
  const first = r.peek();
  if (first && (isKeyword(first, 'ORDER') || isKeyword(first, 'LIMIT'))) {
    p.orderOrLimit = { start: first.start, end: r.tokens[r.tokens.length - 1].end };
    r.pos = r.tokens.length;
  }
}

function parseCancel(r: Reader, p: ParsedStatement): void {
  const kind = r.keyword('BACKUP', 'RESTORE');
  if (!kind) return;
  p.kind = isKeyword(kind, 'BACKUP') ? 'cancelBackup' : 'cancelRestore';
  if (r.keyword('FROM', 'IN')) {
    p.fromDatabase = r.name();
  } else {
    const forToken = r.keyword('FOR');
    if (forToken) {
      const last = r.keyword('EXTERNAL') ? (r.keyword('CATALOG') ?? r.tokens[r.pos - 1]) : forToken;
      p.forExternalCatalog = span(forToken, last);
    }
  }
}

/** The property of `p` with this key (keys are case-sensitive on the server, spec §10). */
export function findProperty(p: ParsedStatement, key: string): Property | undefined {
  return p.properties?.items.find((i) => i.key.value === key);
}
