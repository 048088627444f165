/**
 * BACKUP, RESTORE and CANCEL in both grammars (spec §1.1 for 3.4+, §1.2 for 2.x–3.3).
 * The older grammar has no DATABASE clause, no object keywords and no external catalogs;
 * BACKUP's ON list there takes tables with partitions only (no AS).
 */
import type { BackupObjectKind, BackupObjectRef, BackupStmt, CancelJobStmt, RestoreStmt } from './ast';
import {
  atPartitionNames,
  parseIdentifierList,
  parseOptionalProperties,
  parsePartitionNames,
  parsePropertyList,
  parseQualifiedName,
} from './parseCommon';
import type { TokenStream } from './tokenStream';

export interface GrammarFlags {
  newBackupGrammar: boolean;
  /** 3.0+: labels are parsed as a `qualifiedName` and checked by the AstBuilder. */
  qualifiedLabelNames: boolean;
}

/**
 * The snapshot label, `[db.]label`. From 3.0 the grammar takes any `qualifiedName` there and the
 * AstBuilder's `qualifiedNameToLabelName` refuses more than two parts with
 * `PARSER_ERROR_MSG.invalidTableFormat` ("Invalid table name format '<a.b.c>'", ParserErrorMsg.java)
 * over the name's span. The 2.x parser stops at the second dot, worded the 2.x way.
 */
function parseLabelName(ts: TokenStream, flags: GrammarFlags): { db?: string; name: string } {
  if (!flags.qualifiedLabelNames) return parseQualifiedName(ts);
  const start = ts.position;
  const parts = [ts.identifier()];
  while (ts.acceptSymbol('.')) parts.push(ts.identifier());
  if (parts.length > 2) throw ts.spanError(start, `Invalid table name format '${parts.join('.')}'`);
  return parts.length === 2 ? { db: parts[0], name: parts[1] } : { name: parts[0] };
}

export function parseBackup(ts: TokenStream, flags: GrammarFlags): BackupStmt {
  ts.expectKeyword('BACKUP');
  const externalCatalogs = flags.newBackupGrammar ? parseExternalCatalogs(ts) : undefined;
  const database = flags.newBackupGrammar && ts.acceptKeyword('DATABASE') ? ts.identifier() : undefined;
  ts.expectKeyword('SNAPSHOT', ...(flags.newBackupGrammar && !database ? ['DATABASE'] : []));
  const label = parseLabelName(ts, flags);
  ts.expectKeyword('TO');
  const repo = ts.identifier();
  const { objects, withOnClause } = parseOnClause(ts, flags, false);
  const properties = flags.newBackupGrammar ? parseOptionalProperties(ts) : parseLegacyProperties(ts);
  return {
    type: 'backup',
    label,
    repo,
    database,
    objects,
    withOnClause,
    externalCatalogs: externalCatalogs && { all: externalCatalogs.all, names: externalCatalogs.names.map((n) => n.name) },
    properties,
  };
}

export function parseRestore(ts: TokenStream, flags: GrammarFlags): RestoreStmt {
  ts.expectKeyword('RESTORE');
  ts.expectKeyword('SNAPSHOT');
  const label = parseLabelName(ts, flags);
  ts.expectKeyword('FROM');
  const repo = ts.identifier();
  const externalCatalogs = flags.newBackupGrammar ? parseExternalCatalogs(ts, true) : undefined;
  let database: string | undefined;
  let databaseAlias: string | undefined;
  if (flags.newBackupGrammar && ts.acceptKeyword('DATABASE')) {
    database = ts.identifier();
    if (ts.acceptKeyword('AS')) databaseAlias = ts.identifier();
  }
  const { objects, withOnClause } = parseOnClause(ts, flags, true);
  const properties = flags.newBackupGrammar ? parseOptionalProperties(ts) : parseLegacyProperties(ts);
  return { type: 'restore', label, repo, database, databaseAlias, objects, withOnClause, externalCatalogs, properties };
}

/** `CANCEL BACKUP ((FROM | IN) db | FOR EXTERNAL CATALOG)?` (FOR EXTERNAL CATALOG: 3.4+). */
export function parseCancel(ts: TokenStream, flags: GrammarFlags): CancelJobStmt {
  ts.expectKeyword('CANCEL');
  const kind = ts.acceptKeyword('RESTORE') ? 'RESTORE' : (ts.expectKeyword('BACKUP', 'RESTORE'), 'BACKUP');
  if (ts.acceptKeyword('FROM') || ts.acceptKeyword('IN')) return { type: 'cancelJob', kind, db: ts.identifier(), externalCatalog: false };
  if (flags.newBackupGrammar && ts.acceptKeyword('FOR')) {
    ts.expectKeyword('EXTERNAL');
    ts.expectKeyword('CATALOG');
    return { type: 'cancelJob', kind, externalCatalog: true };
  }
  return { type: 'cancelJob', kind, externalCatalog: false };
}

/** The old grammar spells it `(PROPERTIES propertyList)?` — same shape, kept separate for clarity. */
function parseLegacyProperties(ts: TokenStream) {
  if (!ts.acceptKeyword('PROPERTIES')) return new Map<string, string>();
  return parsePropertyList(ts);
}

/** `ALL EXTERNAL CATALOGS | EXTERNAL (CATALOG | CATALOGS) (c [AS a], ...)` */
function parseExternalCatalogs(
  ts: TokenStream,
  withAlias = false,
): { all: boolean; names: { name: string; alias?: string }[] } | undefined {
  if (ts.isKeywords('ALL', 'EXTERNAL')) {
    ts.next();
    ts.next();
    ts.expectKeyword('CATALOGS');
    return { all: true, names: [] };
  }
  if (!ts.acceptKeyword('EXTERNAL')) return undefined;
  if (!ts.acceptKeyword('CATALOG')) ts.expectKeyword('CATALOGS', 'CATALOG');
  if (!withAlias) return { all: false, names: parseIdentifierList(ts).map((name) => ({ name })) };
  ts.expectSymbol('(');
  const names: { name: string; alias?: string }[] = [];
  do {
    const name = ts.identifier();
    names.push({ name, alias: ts.acceptKeyword('AS') ? ts.identifier() : undefined });
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  return { all: false, names };
}

function parseOnClause(ts: TokenStream, flags: GrammarFlags, restore: boolean): { objects: BackupObjectRef[]; withOnClause: boolean } {
  if (!ts.acceptKeyword('ON')) return { objects: [], withOnClause: false };
  ts.expectSymbol('(');
  const objects: BackupObjectRef[] = [];
  do {
    objects.push(flags.newBackupGrammar ? parseObjectDesc(ts) : parseLegacyTableDesc(ts, restore));
  } while (ts.acceptSymbol(','));
  ts.expectSymbol(')');
  return { objects, withOnClause: true };
}

/** 2.x–3.3: `qualifiedName partitionNames?`, plus `(AS identifier)?` in RESTORE. */
function parseLegacyTableDesc(ts: TokenStream, restore: boolean): BackupObjectRef {
  const start = ts.position;
  const name = parseQualifiedName(ts);
  const partitions = atPartitionNames(ts) ? parsePartitionNames(ts) : undefined;
  const alias = restore && ts.acceptKeyword('AS') ? ts.identifier() : undefined;
  return namedObject(ts, start, 'TABLE', name, partitions, alias);
}

/** A named (not `ALL`) object, in both grammars, spanning from `start` to here. */
function namedObject(
  ts: TokenStream,
  start: number,
  kind: BackupObjectKind,
  name: BackupObjectRef['name'],
  partitions: ReturnType<typeof parsePartitionNames> | undefined,
  alias: string | undefined,
): BackupObjectRef {
  return {
    kind,
    all: false,
    name,
    partitions: partitions?.names,
    temporaryPartitions: partitions?.temporary ?? false,
    alias,
    pos: ts.spanSince(start),
  };
}

const OBJECT_KEYWORDS: Record<string, BackupObjectKind> = {
  TABLE: 'TABLE',
  TABLES: 'TABLE',
  FUNCTION: 'FUNCTION',
  FUNCTIONS: 'FUNCTION',
  VIEW: 'VIEW',
  VIEWS: 'VIEW',
};

/** 3.4+ `backupRestoreObjectDesc`. */
function parseObjectDesc(ts: TokenStream): BackupObjectRef {
  const start = ts.position;
  if (ts.acceptKeyword('ALL')) {
    const kind = parseObjectKind(ts);
    return { kind, all: true, temporaryPartitions: false, pos: ts.spanSince(start) };
  }
  const keyword = ts.peek().kind === 'ident' ? ts.peek().value.toUpperCase() : '';
  const startsKind =
    (keyword in OBJECT_KEYWORDS || keyword === 'MATERIALIZED') &&
    (ts.isIdentifier(1) || ts.isKeyword('VIEW', 1) || ts.isKeyword('VIEWS', 1));
  const kind: BackupObjectKind = startsKind ? parseObjectKind(ts) : 'TABLE';
  const name = parseQualifiedName(ts);
  const partitions = kind === 'TABLE' && atPartitionNames(ts) ? parsePartitionNames(ts) : undefined;
  const alias = ts.acceptKeyword('AS') ? ts.identifier() : undefined;
  return namedObject(ts, start, kind, name, partitions, alias);
}

function parseObjectKind(ts: TokenStream): BackupObjectKind {
  if (ts.acceptKeyword('MATERIALIZED')) {
    if (!ts.acceptKeyword('VIEW')) ts.expectKeyword('VIEWS', 'VIEW');
    return 'MV';
  }
  const token = ts.peek();
  const kind = token.kind === 'ident' ? OBJECT_KEYWORDS[token.value.toUpperCase()] : undefined;
  if (!kind) throw ts.unexpected(["'TABLE'", "'TABLES'", "'FUNCTION'", "'FUNCTIONS'", "'VIEW'", "'VIEWS'", "'MATERIALIZED'"]);
  ts.next();
  return kind;
}
