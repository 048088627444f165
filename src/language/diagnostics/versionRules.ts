/**
 * Syntax the server of the editor's connection does not have yet (spec §9): the 3.4 forms on an
 * older server, DROP SNAPSHOT and SHOW … ORDER BY/LIMIT before 4.2. Quiet while no server is known.
 */
import type { ParsedStatement, Span } from '../parser';
import { trimLeft } from './spans';
import type { AnalysisEnv, LanguageIssue, QuickFix, Rule } from './types';

function tooNew(env: AnalysisEnv, span: Span, what: string, version: string, fix?: QuickFix): LanguageIssue {
  return {
    code: 'version',
    severity: 'error',
    ...span,
    message: env.l10n.t('{0} needs StarRocks {1} or later; the connection of this editor runs {2}.', what, version, env.version ?? '?'),
    fix,
  };
}

export const versionRule: Rule = (p, text, env) => {
  const caps = env.caps;
  if (!caps) return [];
  const issues: LanguageIssue[] = [];
  if (!caps.newBackupGrammar) issues.push(...before34(p, text, env));
  if (!caps.backupViews && p.kind === 'backup' && !p.on && !p.externalCatalogs && p.repository)
    issues.push(wholeDatabaseBefore34(p, p.repository, env));
  if (!caps.dropSnapshot && p.kind === 'dropSnapshot') {
    issues.push({
      ...tooNew(env, { start: p.tokens[0].start, end: p.tokens[1].end }, 'DROP SNAPSHOT', '4.2'),
      hint: env.l10n.t("Delete the snapshot's folder from the repository's storage instead."),
    });
  }
  if (!caps.showPredicates && (p.kind === 'showBackup' || p.kind === 'showRestore' || p.kind === 'showSnapshot')) {
    if (p.orderOrLimit) issues.push(tooNew(env, p.orderOrLimit, 'ORDER BY / LIMIT', '4.2'));
    if (p.kind === 'showBackup' && p.where) issues.push(tooNew(env, p.where, 'SHOW BACKUP … WHERE', '4.2'));
  }
  return issues;
};

function before34(p: ParsedStatement, text: string, env: AnalysisEnv): LanguageIssue[] {
  const issues: LanguageIssue[] = [];
  if (p.database && (p.kind === 'backup' || p.kind === 'restore')) {
    const what = p.database.alias ? 'DATABASE … AS …' : 'DATABASE …';
    issues.push(tooNew(env, p.database, what, '3.4', databaseToQualifiedLabel(p, text, env)));
  }
  if (p.externalCatalogs) issues.push(tooNew(env, p.externalCatalogs, 'EXTERNAL CATALOG', '3.4'));
  if (p.forExternalCatalog) issues.push(tooNew(env, p.forExternalCatalog, 'FOR EXTERNAL CATALOG', '3.4'));
  for (const o of p.on?.objects ?? []) {
    if (!o.typeKeyword) continue;
    const keyword = text.slice(o.typeKeyword.start, o.typeKeyword.end);
    // `TABLE t` is just `t` in the old grammar; the other object kinds have no old form.
    const fix: QuickFix | undefined =
      o.type === 'table' && !o.all && o.name
        ? { kind: 'edit', title: env.l10n.t('Remove "{0}"', keyword), edits: [{ start: o.typeKeyword.start, end: o.name.start, text: '' }] }
        : undefined;
    issues.push(tooNew(env, o.typeKeyword, keyword.toUpperCase(), '3.4', fix));
  }
  return issues;
}

/**
 * A BACKUP without ON before 3.4: the analyzer puts every table of the database in it, views too,
 * and the handler refuses views, so it fails on a database that holds one. Said as information (most
 * databases hold no view); the fix lists the database's tables without its views.
 */
function wholeDatabaseBefore34(p: ParsedStatement, repository: Span, env: AnalysisEnv): LanguageIssue {
  return {
    code: 'version',
    severity: 'information',
    start: p.tokens[0].start,
    end: repository.end,
    message: env.l10n.t(
      'StarRocks {0} cannot back up views (3.4 can): a BACKUP without ON includes every view of the database and then fails on it.',
      env.version ?? '?',
    ),
    hint: env.l10n.t('If the database holds views, list its tables in ON (…).'),
    fix: { kind: 'listBackupTables', database: p.snapshot?.qualifier?.value, at: repository.end },
  };
}

/** `BACKUP DATABASE d SNAPSHOT l` → `BACKUP SNAPSHOT d.l` (the 2.x way of naming the database). */
function databaseToQualifiedLabel(p: ParsedStatement, text: string, env: AnalysisEnv): QuickFix | undefined {
  const db = p.database;
  const target = db?.alias ?? db?.name;
  if (!db || !target || !p.snapshot?.name || p.snapshot.qualifier) return undefined;
  const qualifier = text.slice(target.start, target.end);
  const removal = { start: trimLeft(text, db.start), end: db.end, text: '' };
  const qualify = { start: p.snapshot.start, end: p.snapshot.start, text: qualifier + '.' };
  const edits = p.kind === 'backup' ? [removal, qualify] : [qualify, removal];
  return {
    kind: 'edit',
    title: env.l10n.t('Write it as SNAPSHOT {0}.{1}', qualifier, text.slice(p.snapshot.name.start, p.snapshot.name.end)),
    edits,
  };
}
