/**
 * Entry point of the SQL front end: text → statements, with the grammar of the chosen version.
 * A query may hold several statements separated by `;` (mysql2's multipleStatements).
 */
import type { ErrorReporter } from '../errors/errorReporter';
import type { VersionProfile } from '../version/versionProfile';
import type { Statement } from './ast';
import { LexError, tokenize } from './lexer';
import { parseBackup, parseCancel, parseRestore } from './parseBackupRestore';
import { parseCreate, parseDrop, parseInsert, parseTruncate } from './parseDdl';
import { parseGrant, parseSelect, parseSet, parseUse } from './parseQuery';
import { parseAdminShow, parseDescribe, parseShow } from './parseShow';
import { TokenStream } from './tokenStream';

export interface ParsedStatement {
  statement: Statement;
  /** The statement's own source text (for the statement log and slow-statement patterns). */
  text: string;
}

/** Grammar changes that are fault switches rather than version differences. */
export interface ParseOptions {
  /** SHOW BACKUP / SHOW RESTORE need FROM <db>, as on a server that has no cluster-wide form. */
  requireShowJobsFrom?: boolean;
}

const STATEMENT_STARTS = ["'SELECT'", "'SHOW'", "'CREATE'", "'DROP'", "'BACKUP'", "'RESTORE'", "'CANCEL'", "'INSERT'", "'USE'", "'SET'"];

export function parseSql(sql: string, profile: VersionProfile, errors: ErrorReporter, options: ParseOptions = {}): ParsedStatement[] {
  let tokens;
  try {
    tokens = tokenize(sql);
  } catch (e) {
    if (e instanceof LexError)
      throw errors.syntax(e.line, e.column, `Unexpected input '${e.input}', the most similar input is {<EOF>}.`, e.input);
    throw e;
  }
  const ts = new TokenStream(tokens, sql, errors);
  const statements: ParsedStatement[] = [];
  for (;;) {
    while (ts.acceptSymbol(';'));
    if (ts.peek().kind === 'eof') break;
    const start = ts.position;
    const statement = parseStatement(ts, profile, options);
    ts.expectStatementEnd();
    statements.push({ statement, text: ts.textSince(start) });
  }
  if (statements.length === 0) statements.push({ statement: { type: 'empty' }, text: '' });
  return statements;
}

function parseStatement(ts: TokenStream, profile: VersionProfile, options: ParseOptions): Statement {
  const flags = {
    requireShowJobsFrom: options.requireShowJobsFrom === true,
    newBackupGrammar: profile.newBackupGrammar,
    qualifiedLabelNames: !profile.mysqlStyleSyntaxErrors,
    optionalRepositoryProperties: profile.optionalRepositoryProperties,
    dropSnapshot: profile.snapshotRetention,
    showPredicates: profile.snapshotRetention,
  };
  const token = ts.peek();
  if (token.kind === 'symbol' && token.text === '(' && ts.isKeyword('SELECT', 1)) {
    ts.next();
    const select = parseSelect(ts);
    ts.expectSymbol(')');
    return select;
  }
  const word = token.kind === 'ident' ? token.value.toUpperCase() : '';
  switch (word) {
    case 'SELECT':
      return parseSelect(ts);
    case 'SHOW':
      return parseShow(ts, flags);
    case 'CREATE':
      return parseCreate(ts, flags);
    case 'DROP':
      return parseDrop(ts, flags);
    case 'BACKUP':
      return parseBackup(ts, flags);
    case 'RESTORE':
      return parseRestore(ts, flags);
    case 'CANCEL':
      return parseCancel(ts, flags);
    case 'INSERT':
      return parseInsert(ts);
    case 'TRUNCATE':
      return parseTruncate(ts);
    case 'USE':
      return parseUse(ts);
    case 'SET':
      return parseSet(ts);
    case 'DESC':
    case 'DESCRIBE':
      return parseDescribe(ts);
    case 'ADMIN':
      return parseAdminShow(ts);
    case 'GRANT':
    case 'REVOKE':
      return parseGrant(ts);
    default:
      throw ts.unexpected(STATEMENT_STARTS);
  }
}
