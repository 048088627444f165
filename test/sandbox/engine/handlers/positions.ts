/**
 * Semantic errors raised with a node position read
 * `Getting analyzing error from line A, column B to line C, column D. Detail message: <msg>.`
 * (SemanticException with a NodePosition; no ErrorCode, so 1064).
 */
import { SqlError } from '../../errors/sqlError';
import type { SourceSpan } from '../../sql/ast';
import type { ExecContext } from './context';

export function positioned(ctx: ExecContext, message: string, pos: SourceSpan): SqlError {
  if (ctx.fe.profile.legacyErrorCodes) return ctx.fe.errors.analyzing(message);
  return new SqlError(
    1064,
    'HY000',
    `Getting analyzing error from line ${pos.line}, column ${pos.column} to line ${pos.endLine}, column ${pos.endColumn}. Detail message: ${message}.`,
  );
}
