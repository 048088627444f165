/**
 * An error the FE sends to the client as an ERR packet: MySQL error number, SQLSTATE and text.
 * Everything that can fail inside the sandbox throws one of these; the wire layer turns it into
 * the packet, so mysql2 clients see `errno`, `sqlState` and `message` exactly as a real FE sends them.
 */
export class SqlError extends Error {
  constructor(
    readonly errno: number,
    readonly sqlState: string,
    message: string,
  ) {
    super(message);
    this.name = 'SqlError';
  }
}

export function isSqlError(value: unknown): value is SqlError {
  return value instanceof SqlError;
}
