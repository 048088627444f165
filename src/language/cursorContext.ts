/**
 * What belongs at the cursor: a pure function of the document text and an offset. It reads the
 * statement around the cursor twice — the tokens before the cursor decide the slot being typed
 * (repository after `TO`, partition inside `PARTITION (`, a property value after `=` …) and the
 * whole statement supplies the facts the slot depends on (the repository named later in a
 * RESTORE, the snapshot whose timestamps are wanted).
 */
import { parseStatement, type ParsedStatement, type PartitionList, type Span, type StatementKind } from './parser';
import { isSignificant, tokenize } from '../starrocks/sqlLexer';
import { statementOf, type SqlStatement } from './documentStatements';
import { isKeyword, isName, isSymbol, quoteOf, type Token } from './tokens';

/** Facts from the whole statement that completions may need. */
export interface StatementFacts {
  statement: StatementKind;
  repository?: string;
  /** The snapshot label (without its `db.` part). */
  label?: string;
  /** The `db` of `db.label`. */
  labelQualifier?: string;
  /** `DATABASE x` (3.4+). */
  database?: string;
  /** The `backup_timestamp` property's value. */
  timestamp?: string;
}

export type CursorSlot =
  /** Nothing useful to offer: inside a comment, an unknown statement, an alias. */
  | { kind: 'none' }
  | { kind: 'repository' }
  /** An existing snapshot label (RESTORE, DROP SNAPSHOT, SHOW SNAPSHOT … WHERE SNAPSHOT = '…'). */
  | { kind: 'snapshot'; qualifier?: string; quoted?: boolean }
  /** A new label for BACKUP. */
  | { kind: 'newSnapshot'; qualifier?: string }
  | { kind: 'timestamp'; label?: string }
  | { kind: 'database' }
  /** The start of an `ON ( … )` entry: a table, or (3.4+) an object keyword. */
  | { kind: 'object'; qualifier?: string }
  /** A table after `TABLE` or `db.`. */
  | { kind: 'table'; qualifier?: string }
  | { kind: 'partition'; table: string; qualifier?: string; written: string[] }
  /** Right after a table name inside `ON ( … )`. */
  | { kind: 'afterTable' }
  | { kind: 'propertyKey'; written: string[] }
  | { kind: 'propertyValue'; key: string }
  /** After the repository of a BACKUP/RESTORE (or its ON list): the clauses that may follow. */
  | { kind: 'clause'; keywords: string[] };

export interface CursorContext {
  slot: CursorSlot;
  facts: StatementFacts;
  /** The text to replace by a completion: the word or string contents being typed, or an empty span at the cursor. */
  replace: Span;
  /** What is typed so far in `replace` up to the cursor. */
  typed: string;
  /** Set when the cursor is inside a string literal (completions insert raw contents, no quotes). */
  inString?: { quote: string; terminated: boolean };
  /** Set when the word being typed is a backtick identifier. */
  inBackticks?: boolean;
}

const NONE: CursorSlot = { kind: 'none' };

/** The cursor context at `offset` in `text` (a whole document). */
export function cursorContext(text: string, offset: number): CursorContext {
  const all = tokenize(text);
  const empty: CursorContext = { slot: NONE, facts: { statement: 'other' }, replace: { start: offset, end: offset }, typed: '' };
  if (all.some((t) => t.kind === 'comment' && offset > t.start && (offset < t.end || (offset === t.end && !isBlockCommentClosed(t)))))
    return empty;
  const statement = statementAround(all, offset);
  if (!statement) return empty;
  const full = parseStatement(statement);
  const facts = factsOf(full);
  const current = tokenAtCursor(statement.tokens, offset);
  const replace = replaceSpan(current, offset);
  const typed = current ? text.slice(replace.start, offset) : '';
  const before = statement.tokens.filter((t) => t.end <= (current?.start ?? offset) && t !== current);
  const ctx: CursorContext = { slot: NONE, facts, replace, typed };
  if (current?.kind === 'string') ctx.inString = { quote: quoteOf(current), terminated: current.terminated };
  if (current?.kind === 'quotedIdentifier') ctx.inBackticks = true;
  ctx.slot = current?.kind === 'string' ? stringSlot(before, full) : nameSlot(before, full);
  return ctx;
}

/** A line comment runs to the newline, so the cursor at its end is still in it; a closed `/* … *\/` is not. */
function isBlockCommentClosed(t: Token): boolean {
  return t.text.startsWith('/*') && t.terminated;
}

/**
 * The statement the cursor is in: significant tokens from the separator before the cursor to the
 * one after, even when the cursor sits in blank space past the statement's last token.
 */
function statementAround(all: Token[], offset: number): SqlStatement | undefined {
  const separators = all.filter((t) => isSymbol(t, ';'));
  const from = [...separators].reverse().find((s) => s.end <= offset)?.end ?? 0;
  const to = separators.find((s) => s.start >= offset)?.start ?? Number.MAX_SAFE_INTEGER;
  const tokens = all.filter((t) => t.start >= from && t.end <= to && isSignificant(t));
  return tokens.length === 0 ? undefined : statementOf(tokens);
}

/** The word, backtick identifier or string the cursor is in or right at the end of. */
function tokenAtCursor(tokens: Token[], offset: number): Token | undefined {
  return tokens.find((t) => {
    if (t.kind === 'string' || t.kind === 'quotedIdentifier') return offset > t.start && (offset < t.end || !t.terminated);
    return isName(t) && offset > t.start && offset <= t.end;
  });
}

function replaceSpan(t: Token | undefined, offset: number): Span {
  if (!t) return { start: offset, end: offset };
  if (t.kind === 'string' || t.kind === 'quotedIdentifier') return { start: t.start + 1, end: t.terminated ? t.end - 1 : t.end };
  return { start: t.start, end: t.end };
}

function factsOf(p: ParsedStatement): StatementFacts {
  const facts: StatementFacts = { statement: p.kind };
  if (p.repository) facts.repository = p.repository.value;
  if (p.snapshot?.name) facts.label = p.snapshot.name.value;
  if (p.snapshot?.qualifier) facts.labelQualifier = p.snapshot.qualifier.value;
  if (p.database?.name) facts.database = p.database.name.value;
  const ts = p.properties?.items.find((i) => i.key.value === 'backup_timestamp');
  if (ts?.value) facts.timestamp = ts.value.value;
  if (p.kind === 'showSnapshot' && p.where?.snapshot) facts.label = p.where.snapshot.value;
  return facts;
}

/** The slot for a name being typed (or nothing typed yet) after the tokens `before`. */
function nameSlot(before: Token[], full: ParsedStatement): CursorSlot {
  if (before.length === 0) return NONE;
  const prefix = parseStatement(statementOf(before));
  const last = before[before.length - 1];
  const kind = full.kind;
  const inOn = prefix.on?.open !== undefined && prefix.on.close === undefined;
  const inProps = prefix.properties?.open !== undefined && prefix.properties.close === undefined;
  if (inProps) return propertySlot(before, prefix);
  if (inOn) return objectSlot(before, prefix);
  if ((kind === 'backup' || kind === 'restore') && isSnapshotPosition(before)) {
    const qualifier = isSymbol(last, '.') ? before[before.length - 2].value : undefined;
    return kind === 'backup' ? { kind: 'newSnapshot', qualifier } : { kind: 'snapshot', qualifier };
  }
  if (kind === 'backup' && isKeyword(last, 'TO') && prefix.snapshot) return { kind: 'repository' };
  if (kind === 'restore' && isKeyword(last, 'FROM') && prefix.snapshot && !prefix.repository) return { kind: 'repository' };
  if ((kind === 'showSnapshot' || kind === 'dropSnapshot') && isKeyword(last, 'ON')) return { kind: 'repository' };
  // `WHERE SNAPSHOT = |` before any quote: the labels are offered as the string literals the server wants.
  if (kind === 'showSnapshot' && prefix.where && isSymbol(last, '=') && isKeyword(before[before.length - 2], 'SNAPSHOT'))
    return { kind: 'snapshot', quoted: true };
  if (kind === 'showSnapshot' && prefix.where && isSymbol(last, '=') && isKeyword(before[before.length - 2], 'TIMESTAMP'))
    return { kind: 'timestamp', label: full.where?.snapshot?.value };
  if (kind === 'dropRepository' && isKeyword(last, 'REPOSITORY')) return { kind: 'repository' };
  if (kind === 'dropSnapshot' && isKeyword(last, 'SNAPSHOT')) return { kind: 'snapshot' };
  if ((kind === 'backup' || kind === 'restore') && isKeyword(last, 'DATABASE')) return { kind: 'database' };
  if (['showBackup', 'showRestore', 'cancelBackup', 'cancelRestore'].includes(kind) && (isKeyword(last, 'FROM') || isKeyword(last, 'IN')))
    return { kind: 'database' };
  if ((kind === 'backup' || kind === 'restore') && prefix.repository && last.end === prefix.repository.end) return clauseSlot(kind);
  if ((kind === 'backup' || kind === 'restore') && prefix.on?.close !== undefined && last.end === prefix.on.end)
    return { kind: 'clause', keywords: ['PROPERTIES'] };
  if (kind === 'restore' && prefix.database?.name && last.end === prefix.database.name.end)
    return { kind: 'clause', keywords: ['AS', 'ON', 'PROPERTIES'] };
  return NONE;
}

function clauseSlot(kind: 'backup' | 'restore'): CursorSlot {
  return { kind: 'clause', keywords: kind === 'backup' ? ['ON', 'PROPERTIES'] : ['DATABASE', 'ON', 'PROPERTIES'] };
}

/** `… SNAPSHOT |` or `… SNAPSHOT db.|` in BACKUP/RESTORE. */
function isSnapshotPosition(before: Token[]): boolean {
  const n = before.length;
  if (isKeyword(before[n - 1], 'SNAPSHOT')) return true;
  return n >= 3 && isSymbol(before[n - 1], '.') && isName(before[n - 2]) && isKeyword(before[n - 3], 'SNAPSHOT');
}

/** Inside `ON ( … )`: which part of the current entry the cursor is at. */
function objectSlot(before: Token[], prefix: ParsedStatement): CursorSlot {
  const last = before[before.length - 1];
  const objects = prefix.on!.objects;
  const current = objects[objects.length - 1];
  const lastIsSeparator = isSymbol(last, ',') || last.end === prefix.on!.open;
  const parts = current?.partitions;
  if (current?.name?.name && parts && current === objects[objects.length - 1] && isPartitionPosition(last, parts)) {
    return {
      kind: 'partition',
      table: current.name.name.value,
      qualifier: current.name.qualifier?.value,
      written: parts.names.map((n) => n.value),
    };
  }
  if (lastIsSeparator) return { kind: 'object' };
  if (isSymbol(last, '.') && current?.name?.qualifier && !current.name.name)
    return { kind: 'table', qualifier: current.name.qualifier.value };
  if (current?.typeKeyword && !current.name && !current.all && last.end === current.typeKeyword.end) {
    return current.type === 'table' ? { kind: 'table' } : NONE;
  }
  // `ON (TABLE |`: with nothing after it the reader cannot tell the keyword from a table named TABLE.
  if (
    current?.name?.name &&
    !current.name.qualifier &&
    last.end === current.name.end &&
    (isKeyword(last, 'TABLE') || isKeyword(last, 'TABLES'))
  ) {
    return { kind: 'table' };
  }
  if (current?.name?.name && last.end === current.name.end && !current.partitions && !current.alias) return { kind: 'afterTable' };
  return NONE;
}

/** Right after `PARTITION`, or after `(` / `,` inside a still open `PARTITION ( … )`. */
function isPartitionPosition(last: Token, parts: PartitionList): boolean {
  if (isKeyword(last, 'PARTITION') || isKeyword(last, 'PARTITIONS')) return true;
  const inOpenList = parts.open !== undefined && parts.close === undefined;
  return inOpenList && (isSymbol(last, '(') || isSymbol(last, ','));
}

function propertySlot(before: Token[], prefix: ParsedStatement): CursorSlot {
  const last = before[before.length - 1];
  const props = prefix.properties!;
  if (isSymbol(last, '(') || isSymbol(last, ',')) return { kind: 'propertyKey', written: props.items.map((i) => i.key.value) };
  if (isSymbol(last, '=')) {
    const item = props.items[props.items.length - 1];
    if (item) return { kind: 'propertyValue', key: item.key.value };
  }
  return NONE;
}

/** The slot for the contents of a string being typed. */
function stringSlot(before: Token[], full: ParsedStatement): CursorSlot {
  if (before.length === 0) return NONE;
  const last = before[before.length - 1];
  const prefix = parseStatement(statementOf(before));
  if (prefix.properties?.open !== undefined && prefix.properties.close === undefined) return propertySlot(before, prefix);
  if (full.kind === 'showSnapshot' && isSymbol(last, '=')) {
    const left = before[before.length - 2];
    if (isKeyword(left, 'SNAPSHOT')) return { kind: 'snapshot' };
    if (isKeyword(left, 'TIMESTAMP')) return { kind: 'timestamp', label: full.where?.snapshot?.value };
  }
  if (
    full.kind === 'showSnapshot' &&
    prefix.where &&
    (isSymbol(last, '(') || isSymbol(last, ',')) &&
    before.some((t) => isKeyword(t, 'IN'))
  ) {
    return { kind: 'snapshot' };
  }
  if (prefix.on?.open !== undefined && prefix.on.close === undefined) {
    // Partition names may be written as strings: `PARTITION ('p1')`.
    const slot = objectSlot(before, prefix);
    if (slot.kind === 'partition') return slot;
  }
  return NONE;
}
