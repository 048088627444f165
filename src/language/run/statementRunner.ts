import * as vscode from 'vscode';
import { ConnectionError, isUnknownWriteOutcome } from '../../connections/connectionError';
import { rememberStorageAccess } from '../../connections/repositoryStorageAccess';
import { checkOverwritesOrAsk, describeOverwrites } from '../../connections/restoreOverwrites';
import { settleUnknownCreate } from '../../connections/unknownCreate';
import type { ConnectionProfile, ConnectionService, QueryResult, StarRocksSession } from '../../connections/types';
import type { JobTrackerService } from '../../jobs/types';
import { explainServerError } from '../../starrocks/errors';
import { redactSql } from '../../starrocks/redact';
import { errorText } from '../../ui/errorText';
import { credentialsFromProperties } from '../../starrocks/builders/credentials';
import { showFailure } from '../../commands/failureNotice';
import type { Prompter } from '../../ui/prompter';
import type { ServerCatalog } from '../../catalog/serverCatalog';
import type { EditorConnections } from '../editor/editorConnections';
import { parseStatement, type ParsedStatement } from '../parser';
import { SecretReferenceError, type SqlSecrets } from '../secrets/sqlSecrets';
import { documentStatements, statementAt, statementsIn, type SqlStatement } from '../documentStatements';
import { formatMessage, formatRows, type ResultHeader } from './resultFormat';
import type { ResultDocuments } from './resultDocuments';
import { planRun, type RunPlan } from './runPlan';

export interface StatementRunnerDeps {
  connections: ConnectionService;
  jobs: JobTrackerService;
  prompter: Prompter;
  editorConnections: EditorConnections;
  secrets: SqlSecrets;
  results: ResultDocuments;
  /** Fresh reads for the overwrite check; its cached names are forgotten after a write. */
  catalog: ServerCatalog;
  log: vscode.LogOutputChannel;
}

/** How one statement ended, for the caller (and tests). */
export type RunOutcome =
  | { status: 'ok'; display: string; rows?: number; tracked?: string }
  | { status: 'failed'; display: string; message: string; outcomeUnknown?: boolean }
  | { status: 'cancelled' | 'skipped'; display: string };

/**
 * Runs statements from SQL editors: the statement under the cursor, the selected ones, or the one
 * a CodeLens stands over. Destructive statements are shown and confirmed first (modal, through the
 * Prompter); secret references are resolved only into the text sent to the server; results open
 * beside the editor; accepted BACKUP/RESTORE jobs go to the job tracker.
 */
export class StatementRunner {
  constructor(private readonly deps: StatementRunnerDeps) {}

  /** The command: `(uri, offset)` from a CodeLens, or nothing for the active editor's cursor/selection. */
  async runCommand(uriArg?: string | vscode.Uri, offset?: number): Promise<RunOutcome[]> {
    const target = await this.target(uriArg, offset);
    if (!target) return [];
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Running SQL from files needs a trusted workspace. Trust this workspace to run statements.'),
      );
      return [];
    }
    const profile =
      this.deps.editorConnections.profileFor(target.document.uri) ?? (await this.deps.editorConnections.select(target.document.uri));
    if (!profile) return [];
    const outcomes: RunOutcome[] = [];
    for (const statement of target.statements) {
      const outcome = await this.runOne(statement, profile);
      outcomes.push(outcome);
      if (outcome.status !== 'ok') break; // later statements may depend on this one
    }
    return outcomes;
  }

  private async target(
    uriArg: string | vscode.Uri | undefined,
    offset: number | undefined,
  ): Promise<{ document: vscode.TextDocument; statements: SqlStatement[] } | undefined> {
    let document: vscode.TextDocument;
    let statements: SqlStatement[];
    if (uriArg !== undefined && offset !== undefined) {
      document = await vscode.workspace.openTextDocument(typeof uriArg === 'string' ? vscode.Uri.parse(uriArg) : uriArg);
      const at = statementAt(documentStatements(document.getText()), offset);
      statements = at ? [at] : [];
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return undefined;
      document = editor.document;
      const all = documentStatements(document.getText());
      const selection = editor.selection;
      statements = selection.isEmpty
        ? [statementAt(all, document.offsetAt(selection.active))].filter((s): s is SqlStatement => s !== undefined)
        : statementsIn(all, document.offsetAt(selection.start), document.offsetAt(selection.end));
    }
    if (statements.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a statement (or select statements) to run.'));
      return undefined;
    }
    return { document, statements };
  }

  private async runOne(statement: SqlStatement, profile: ConnectionProfile): Promise<RunOutcome> {
    const parsed = parseStatement(statement);
    const display = redactSql(statement.text);
    const plan = planRun(parsed, statement.text, profile.database);
    if (!plan) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Only backup, restore, repository and read-only statements run from here: {0}', firstLine(display)),
      );
      return { status: 'skipped', display };
    }
    let session: StarRocksSession;
    try {
      session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Connecting to {0}…', profile.name) },
        () => this.deps.connections.getSession(profile.id),
      );
    } catch (e) {
      return this.failed(display, e, profile);
    }
    if (!(await this.confirm(parsed, plan, display, profile))) return { status: 'cancelled', display };
    let sql: string | undefined;
    try {
      sql = await this.deps.secrets.resolve(statement.text, profile);
    } catch (e) {
      // A reference that may not be resolved here: nothing is sent.
      if (e instanceof SecretReferenceError) return this.failed(display, e, profile);
      throw e;
    }
    if (sql === undefined) return { status: 'cancelled', display };
    const started = Date.now();
    let result: QueryResult;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running on {0}: {1}', profile.name, firstLine(display)) },
        () => session.query(sql),
      );
    } catch (e) {
      const error =
        parsed.kind === 'createRepository' && isUnknownWriteOutcome(e) ? await this.settleCreate(parsed, sql, e, profile, session) : e;
      if (error === undefined) return { status: 'ok', display };
      return this.failed(display, error, profile, {
        sql: display,
        connection: profile.name,
        ranAt: new Date(started),
        elapsedMs: Date.now() - started,
      });
    } finally {
      if (plan.changesServer) this.deps.catalog.invalidate(profile.id);
    }
    const header: ResultHeader = { sql: display, connection: profile.name, ranAt: new Date(started), elapsedMs: Date.now() - started };
    if (parsed.kind === 'createRepository') await this.rememberStorageAccess(sql, profile);
    return this.succeeded(display, plan, result, header, profile);
  }

  private async succeeded(
    display: string,
    plan: RunPlan,
    result: QueryResult,
    header: ResultHeader,
    profile: ConnectionProfile,
  ): Promise<RunOutcome> {
    if (result.columns.length > 0) {
      const content = formatRows(header, result.columns, result.rows, vscode.l10n.t('{0} row(s)', result.rows.length));
      await this.deps.results.show(firstWords(display), content);
      return { status: 'ok', display, rows: result.rows.length };
    }
    const track = plan.track;
    if (track && track.database && track.label) {
      const job = this.deps.jobs.track({
        profileId: profile.id,
        database: track.database,
        label: track.label,
        kind: track.kind,
        repository: track.repository,
        timestamp: track.timestamp,
        sql: display,
      });
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} {1} was submitted on {2}; it is tracked in the Jobs view.', track.kind, track.label, profile.name),
      );
      this.deps.log.info(`Submitted from a SQL file on ${profile.name}: ${display}`);
      return { status: 'ok', display, tracked: job.key };
    }
    if (track) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} was submitted on {1}, but the statement names no database, so its progress is not tracked. Run SHOW {0} FROM <database> to follow it.',
          track.kind,
          profile.name,
        ),
      );
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('OK on {0}: {1}', profile.name, firstLine(display)));
    }
    this.deps.log.info(`Ran from a SQL file on ${profile.name}: ${display}`);
    return { status: 'ok', display };
  }

  /**
   * After the server accepted a CREATE REPOSITORY: the same storage access the wizard keeps, read
   * from the sent text (`resolved`, secret references replaced), so the storage features work for
   * the repository. A failure here does not undo the statement, so it is logged, not reported as one.
   */
  private async rememberStorageAccess(resolved: string, profile: ConnectionProfile): Promise<void> {
    const [statement] = documentStatements(resolved);
    const p = statement ? parseStatement(statement) : undefined;
    if (!p?.repository) return;
    const props = Object.fromEntries((p.properties?.items ?? []).flatMap((i) => (i.value ? [[i.key.value, i.value.value]] : [])));
    try {
      await rememberStorageAccess(this.deps.connections, profile.id, p.repository.value, credentialsFromProperties(props));
    } catch (e) {
      // The message comes from the connection service or SecretStorage, never from the properties.
      this.deps.log.warn(
        `Could not keep the storage access of repository ${p.repository.value} on ${profile.name}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  /**
   * A CREATE REPOSITORY that got no answer: undefined when SHOW REPOSITORIES shows it was created
   * after all (its storage access kept, as after a success), else the error to report.
   */
  private async settleCreate(
    p: ParsedStatement,
    resolved: string,
    error: ConnectionError,
    profile: ConnectionProfile,
    session: StarRocksSession,
  ): Promise<ConnectionError | undefined> {
    const name = p.repository?.value;
    if (!name) return error;
    const settled = await settleUnknownCreate(session, name, error, () => this.rememberStorageAccess(resolved, profile), vscode.l10n.t);
    if (!settled.created) return settled.error;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Repository {0} was created on {1}: the statement got no answer in time, but SHOW REPOSITORIES lists it now. Its S3 access was kept.',
        name,
        profile.name,
      ),
    );
    return undefined;
  }

  private async failed(display: string, error: unknown, profile: ConnectionProfile, header?: ResultHeader): Promise<RunOutcome> {
    const message = describeFailure(error);
    this.deps.log.warn(`Failed on ${profile.name}: ${display} — ${message}`);
    if (header) await this.deps.results.show(firstWords(display), formatMessage(header, vscode.l10n.t('failed'), message.split('\n')));
    void showFailure(this.deps.prompter, message, error);
    return isUnknownWriteOutcome(error)
      ? { status: 'failed', display, message, outcomeUnknown: true }
      : { status: 'failed', display, message };
  }

  /** Asks before anything that drops, cancels or overwrites; true to go ahead. */
  private async confirm(p: ParsedStatement, plan: RunPlan, display: string, profile: ConnectionProfile): Promise<boolean> {
    const where = profile.environment ? `${profile.name} (${profile.environment})` : profile.name;
    let message: string | undefined;
    let detail = display;
    let action = '';
    if (plan.confirm === 'dropRepository') {
      message = vscode.l10n.t(
        'Drop repository {0} on {1}? The cluster forgets it; its snapshot files stay on storage.',
        p.repository?.value ?? '?',
        where,
      );
      action = vscode.l10n.t('Drop Repository');
    } else if (plan.confirm === 'dropSnapshot') {
      message = vscode.l10n.t(
        'Delete snapshot {0} from repository {1} on {2}? Its files are deleted; it cannot be restored afterwards.',
        p.snapshot?.name?.value ?? '?',
        p.repository?.value ?? '?',
        where,
      );
      action = vscode.l10n.t('Delete Snapshot');
    } else if (plan.confirm === 'cancel') {
      const kind = p.kind === 'cancelBackup' ? 'BACKUP' : 'RESTORE';
      message =
        kind === 'RESTORE'
          ? vscode.l10n.t(
              'Cancel the RESTORE running in {0} on {1}? Tables it already overwrote may be left unusable.',
              p.fromDatabase?.value ?? '?',
              where,
            )
          : vscode.l10n.t('Cancel the BACKUP running in {0} on {1}?', p.fromDatabase?.value ?? '?', where);
      action = vscode.l10n.t('Cancel {0}', kind);
    } else if (plan.restoreTarget) {
      // The wizard's check: fresh SHOW DATABASES / TABLES / SNAPSHOT now, and a modal when it cannot run.
      const { database, tables, snapshot } = plan.restoreTarget;
      const decision = await checkOverwritesOrAsk(
        this.deps.catalog,
        { profileId: profile.id, database, tables, snapshot },
        this.deps.prompter,
        where,
        display,
      );
      if (!decision.go) return false;
      const { check } = decision;
      if (check.status === 'checked' && check.overwrites.length > 0) {
        const described = describeOverwrites(check.overwrites, check.database);
        message = described.message;
        detail = `${described.detail}\n\n${display}`;
        action = vscode.l10n.t('Restore and Overwrite');
      }
    }
    if (!message) return true;
    const answer = await this.deps.prompter.confirm(message, detail, action);
    return answer === action;
  }
}

/** The error as the user should read it: the connection layer's explanation, or the dialect's. */
export function describeFailure(error: unknown): string {
  if (error instanceof ConnectionError || error instanceof SecretReferenceError) return error.message;
  const raw = errorText(error);
  const explained = explainServerError({ message: raw });
  return [explained.summary, explained.advice, explained.grant].filter(Boolean).join('\n');
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0];
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}

function firstWords(text: string): string {
  return text.split(/\s+/).slice(0, 3).join(' ');
}
