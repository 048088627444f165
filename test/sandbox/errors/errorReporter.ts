/**
 * Builds the errors a StarRocks FE of the chosen version would send (spec §6.1): which code and
 * SQLSTATE a failure gets, and whether the analyzer wraps the text.
 */
import type { VersionProfile } from '../version/versionProfile';
import { SqlError } from './sqlError';

/** Codes from `fe/fe-core/src/main/java/com/starrocks/common/ErrorCode.java` (new and old numbering). */
export const ErrorCodes = {
  syntax: { errno: 1064, sqlState: '42000' },
  accessDeniedLogin: { errno: 1045, sqlState: '28000' },
  noDatabaseSelected: { errno: 1046, sqlState: '3D000' },
  commonError: { errno: 5064, sqlState: '42000' },
  legacyCommonError: { errno: 1064, sqlState: 'HY000' },
  badDb: { errno: 5501, sqlState: '3F000' },
  legacyBadDb: { errno: 1049, sqlState: '42000' },
  badTable: { errno: 5502, sqlState: '42602' },
  legacyBadTable: { errno: 1051, sqlState: '42S02' },
  wrongLabelName: { errno: 5082, sqlState: '42000' },
  // UNVERIFIED: the spec records no code for ERR_WRONG_TABLE_NAME; MySQL's 1103 (42000) is kept.
  wrongTableName: { errno: 1103, sqlState: '42000' },
  accessDenied: { errno: 5203, sqlState: '42000' },
  // 2.x reports a missing ADMIN privilege as ERR_SPECIFIC_ACCESS_DENIED_ERROR.
  legacyAccessDenied: { errno: 1227, sqlState: '42000' },
  tableExists: { errno: 1050, sqlState: '42S01' },
  // ERR_NOT_OLAP_TABLE; 2.x DdlExceptions carry no code to the client (issue StarRocks#13382).
  notOlapTable: { errno: 5503, sqlState: '42000' },
  dbExists: { errno: 1007, sqlState: 'HY000' },
  unknownSystemVariable: { errno: 1193, sqlState: 'HY000' },
} as const;

export type ErrorKind = keyof typeof ErrorCodes;

export class ErrorReporter {
  constructor(private readonly profile: VersionProfile) {}

  /**
   * `Getting syntax error at line L, column C. Detail message: <detail>` (ANTLR positions: column
   * is 0-based), 1064 / 42000 as the project's brief fixes it (some 3.x servers were seen sending HY000).
   * 2.x: `You have an error in your SQL syntax; … near '<offending token>' at line L`, 1064 / HY000
   * (`sql/parser/ErrorHandler.java` of the 2.x line; the text StarRocks#18890 quotes from a 2.5 FE).
   * `near` is the offending token's text, `<EOF>` at the end of the statement.
   */
  syntax(line: number, column: number, detail: string, near: string): SqlError {
    if (this.profile.mysqlStyleSyntaxErrors) {
      return new SqlError(
        1064,
        'HY000',
        `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near}' at line ${line}`,
      );
    }
    return new SqlError(1064, '42000', `Getting syntax error at line ${line}, column ${column}. Detail message: ${detail}`);
  }

  /**
   * A ParsingException the AstBuilder throws with a node position, after the grammar accepted the
   * text: `Getting syntax error from line A, column B to line C, column D. Detail message: <detail>.`
   * (ParsingException.getMessage; the FE's own test expects this for `use a.b.c`). The end column
   * is the last token's start column, as `spanSince` gives it.
   */
  syntaxSpan(span: { line: number; column: number; endLine: number; endColumn: number }, detail: string): SqlError {
    return new SqlError(
      1064,
      '42000',
      `Getting syntax error from line ${span.line}, column ${span.column} to line ${span.endLine}, column ${span.endColumn}. Detail message: ${detail}.`,
    );
  }

  /**
   * A semantic (analyzer) failure: `Getting analyzing error. Detail message: <msg>.` with the code of
   * its ErrorCode, or 1064 when it carries none. 2.x used the old analyzer, which sent the bare
   * text as 1064 / HY000 (UNVERIFIED for every statement; true for the backup family per #13382).
   */
  analyzing(message: string, kind?: ErrorKind): SqlError {
    if (this.profile.legacyErrorCodes) {
      const code = kind && kind !== 'commonError' ? this.codeOf(kind) : ErrorCodes.legacyCommonError;
      return new SqlError(code.errno, code.sqlState, message);
    }
    // A SemanticException without an ErrorCode reaches clients as 1064 (HY000), e.g.
    // `ERROR 1064 (HY000): Getting analyzing error. Detail message: ...` in StarRocks' docs.
    const code = kind ? this.codeOf(kind) : { errno: 1064, sqlState: 'HY000' };
    return new SqlError(code.errno, code.sqlState, `Getting analyzing error. Detail message: ${message}.`);
  }

  /** A DDL handler failure, sent unwrapped: 5064 / 42000 (2.x: 1064 / HY000). */
  handler(message: string, kind: ErrorKind = 'commonError'): SqlError {
    const code = this.codeOf(kind);
    return new SqlError(code.errno, code.sqlState, message);
  }

  /** Maps a kind to this version's numbering. */
  codeOf(kind: ErrorKind): { errno: number; sqlState: string } {
    if ((kind === 'commonError' || kind === 'notOlapTable') && this.profile.legacyErrorCodes) return ErrorCodes.legacyCommonError;
    if (kind === 'badDb' && !this.profile.renumberedErrorCodes) return ErrorCodes.legacyBadDb;
    if (kind === 'badTable' && !this.profile.renumberedErrorCodes) return ErrorCodes.legacyBadTable;
    if (kind === 'accessDenied' && !this.profile.rbac) return ErrorCodes.legacyAccessDenied;
    return ErrorCodes[kind];
  }

  unknownDatabase(db: string): SqlError {
    return this.analyzing(`Unknown database '${db}'`, 'badDb');
  }

  noDatabaseSelected(): SqlError {
    return this.analyzing('No database selected', 'noDatabaseSelected');
  }

  unknownTable(table: string): SqlError {
    return this.analyzing(`Unknown table '${table}'`, 'badTable');
  }
}
