/**
 * Which statements may be re-sent after the connection dropped mid-flight: only those the
 * token-based classifier in `src/starrocks/statementClass.ts` proves read-only. Kept as this
 * module's name because the connection code asks the question from here.
 */
export { isReadOnlyStatement, leadingKeywords } from '../starrocks/statementClass';
