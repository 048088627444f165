/** What executing one statement produces, before the wire layer encodes it. */
import type { SqlError } from '../errors/sqlError';
import type { ColumnDescription } from '../wire/packetWriter';

export type ResultSet = { kind: 'ok'; affectedRows: number } | { kind: 'rows'; columns: ColumnDescription[]; rows: (string | null)[][] };

export type StatementOutcome = { ok: true; result: ResultSet } | { ok: false; error: SqlError };

export const OK: ResultSet = { kind: 'ok', affectedRows: 0 };

/** A result whose columns are all VARCHAR, like every SHOW result of the FE (spec §3). */
export function varcharResult(names: string[], rows: (string | null)[][]): ResultSet {
  return { kind: 'rows', columns: names.map((name) => ({ name })), rows };
}
