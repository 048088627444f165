/** One client connection's state: user, current database, session variables. */

export class Session {
  /** The database chosen with USE or at connect time. */
  database?: string;
  readonly variables = new Map<string, string>();
  readonly userVariables = new Map<string, string | null>();

  constructor(
    readonly user: string,
    readonly connectionId: number,
    database?: string,
  ) {
    this.database = database;
  }
}
