/**
 * Runs the text of one COM_QUERY: parse with the version's grammar, then each statement in turn
 * (stopping at the first error, as MySQL servers do), recording statistics and applying the
 * slow-statement rules.
 */
import { isSqlError, SqlError } from '../errors/sqlError';
import type { Statement } from '../sql/ast';
import { parseSql, type ParsedStatement } from '../sql/parser';
import { sleep } from '../util/timeFormat';
import type { Frontend } from './frontend';
import * as backupStatement from './handlers/backupStatement';
import * as catalogDdl from './handlers/catalogDdl';
import * as catalogShow from './handlers/catalogShow';
import type { ExecContext } from './handlers/context';
import * as data from './handlers/dataStatements';
import * as jobStatements from './handlers/jobStatements';
import * as repositoryStatements from './handlers/repositoryStatements';
import * as restoreStatement from './handlers/restoreStatement';
import * as serverInfo from './handlers/serverInfo';
import * as snapshotStatements from './handlers/snapshotStatements';
import * as system from './handlers/systemFunctions';
import { OK, type ResultSet, type StatementOutcome } from './resultSet';
import type { Session } from './session';
import { statementKind } from './statementStats';

export class StatementExecutor {
  constructor(private readonly fe: Frontend) {}

  async run(session: Session, sql: string): Promise<StatementOutcome[]> {
    let statements: ParsedStatement[];
    try {
      statements = parseSql(sql, this.fe.profile, this.fe.errors, { requireShowJobsFrom: this.fe.rejectBareShowJobs });
    } catch (e) {
      const error = toSqlError(e);
      this.record(session, sql, 'SYNTAX ERROR', error);
      await this.delayIfSlow(sql);
      return [{ ok: false, error }];
    }
    const outcomes: StatementOutcome[] = [];
    for (const parsed of statements) {
      const outcome = await this.runOne(session, parsed);
      outcomes.push(outcome);
      if (!outcome.ok) break;
    }
    return outcomes;
  }

  private async runOne(session: Session, parsed: ParsedStatement): Promise<StatementOutcome> {
    await this.delayIfSlow(parsed.text);
    const ctx: ExecContext = { fe: this.fe, session };
    try {
      const failing = this.fe.failingStatements.find((r) => r.pattern.test(parsed.text));
      if (failing) throw failing.error;
      const result = await dispatch(ctx, parsed.statement);
      this.record(session, parsed.text, statementKind(parsed.statement.type));
      return { ok: true, result };
    } catch (e) {
      const error = toSqlError(e);
      this.record(session, parsed.text, statementKind(parsed.statement.type), error);
      return { ok: false, error };
    }
  }

  private async delayIfSlow(text: string): Promise<void> {
    const rule = this.fe.slowStatements.find((r) => r.pattern.test(text));
    if (!rule) return;
    this.fe.heldStatements.add(text);
    try {
      await sleep(rule.delayMs);
    } finally {
      this.fe.heldStatements.delete(text);
    }
  }

  private record(session: Session, sql: string, kind: string, error?: SqlError): void {
    this.fe.stats.record({
      time: new Date().toISOString(),
      connectionId: session.connectionId,
      user: session.user,
      sql,
      kind,
      error: error ? `${error.errno}: ${error.message}` : undefined,
    });
  }
}

/** An unexpected exception reaches the client as the FE's generic 1064 failure, not as a hang. */
function toSqlError(e: unknown): SqlError {
  if (isSqlError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new SqlError(1064, 'HY000', `Unexpected exception: ${message}`);
}

function dispatch(ctx: ExecContext, stmt: Statement): ResultSet | Promise<ResultSet> {
  switch (stmt.type) {
    case 'select':
      return stmt.from ? data.selectFromTable(ctx, stmt) : system.selectConstants(ctx, stmt);
    case 'insert':
      return data.insert(ctx, stmt);
    case 'truncate':
      return catalogDdl.truncateTable(ctx, stmt);
    case 'createDatabase':
      return catalogDdl.createDatabase(ctx, stmt);
    case 'dropDatabase':
      return catalogDdl.dropDatabase(ctx, stmt);
    case 'createTable':
      return catalogDdl.createTable(ctx, stmt);
    case 'dropTable':
      return catalogDdl.dropTable(ctx, stmt);
    case 'createView':
      return catalogDdl.createView(ctx, stmt);
    case 'createFunction':
      return catalogDdl.createFunction(ctx, stmt);
    case 'dropFunction':
      return catalogDdl.dropFunction(ctx, stmt);
    case 'createCatalog':
      return catalogDdl.createCatalog(ctx, stmt);
    case 'dropCatalog':
      return catalogDdl.dropCatalog(ctx, stmt);
    case 'use':
      return system.useDatabase(ctx, stmt.db);
    case 'set':
      return system.setVariables(ctx, stmt);
    case 'showVariables':
      return system.showVariables(ctx, stmt);
    case 'showDatabases':
      return catalogShow.showDatabases(ctx, stmt);
    case 'showTables':
      return catalogShow.showTables(ctx, stmt);
    case 'showPartitions':
      return catalogShow.showPartitions(ctx, stmt);
    case 'showCreateTable':
      return catalogShow.showCreateTable(ctx, stmt);
    case 'showCreateDatabase':
      return catalogShow.showCreateDatabase(ctx, stmt);
    case 'describe':
      return catalogShow.describeTable(ctx, stmt);
    case 'showFunctions':
      return catalogShow.showFunctions(ctx, stmt);
    case 'showCatalogs':
      return catalogShow.showCatalogs(ctx);
    case 'showFrontends':
      return serverInfo.showFrontends(ctx);
    case 'adminShowConfig':
      return serverInfo.adminShowConfig(ctx, stmt);
    case 'showGrants':
      return serverInfo.showGrants(ctx, stmt);
    case 'grant':
      return serverInfo.grant(ctx, stmt);
    case 'showProcesslist':
      return serverInfo.showProcesslist(ctx);
    case 'showStatus':
      return serverInfo.showStatus();
    case 'createRepository':
      return repositoryStatements.createRepository(ctx, stmt);
    case 'dropRepository':
      return repositoryStatements.dropRepository(ctx, stmt.name);
    case 'showRepositories':
      return repositoryStatements.showRepositories(ctx);
    case 'showSnapshot':
      return snapshotStatements.showSnapshot(ctx, stmt);
    case 'dropSnapshot':
      return snapshotStatements.dropSnapshot(ctx, stmt);
    case 'backup':
      return backupStatement.backup(ctx, stmt);
    case 'restore':
      return restoreStatement.restore(ctx, stmt);
    case 'showBackup':
    case 'showRestore':
      return jobStatements.showJobs(ctx, stmt);
    case 'cancelJob':
      return jobStatements.cancelJob(ctx, stmt);
    case 'empty':
      return OK;
  }
}
