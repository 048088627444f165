/** Shapes the server rejects whatever its version: checks that need only the statement itself. */
import { quoteString } from '../../starrocks/identifiers';
import type { LanguageIssue, Rule } from './types';

export const statementRule: Rule = (p, text, env) => {
  const issues: LanguageIssue[] = [];
  // 3.4+: with DATABASE x the label must be unqualified (`BACKUP DATABASE test SNAPSHOT test.l` fails).
  if (p.kind === 'backup' && p.database?.name && p.snapshot?.qualifier && p.snapshot.name) {
    const q = p.snapshot.qualifier;
    issues.push({
      code: 'statement',
      severity: 'error',
      start: p.snapshot.start,
      end: p.snapshot.end,
      message: env.l10n.t('With DATABASE {0}, write the snapshot label without a database.', p.database.name.value),
      fix: {
        kind: 'edit',
        title: env.l10n.t('Remove "{0}."', text.slice(q.start, q.end)),
        edits: [{ start: q.start, end: p.snapshot.name.start, text: '' }],
      },
    });
  }
  if ((p.kind === 'cancelBackup' || p.kind === 'cancelRestore') && !p.fromDatabase && !p.forExternalCatalog) {
    const kind = p.kind === 'cancelBackup' ? 'BACKUP' : 'RESTORE';
    issues.push({
      code: 'statement',
      severity: 'error',
      start: p.tokens[0].start,
      end: p.tokens[p.tokens.length - 1].end,
      message: env.l10n.t('CANCEL {0} needs the database: CANCEL {0} FROM <database>.', kind),
    });
  }
  if (p.kind === 'showSnapshot' && p.where && p.where.timestamp && !p.where.snapshot) {
    issues.push({
      code: 'statement',
      severity: 'error',
      start: p.where.start,
      end: p.where.end,
      message: "Where clause should looks like: SNAPSHOT = 'your_snapshot_name' [AND TIMESTAMP = '2018-04-18-19-19-10']",
    });
  }
  const unquoted = p.kind === 'showSnapshot' ? p.where?.unquotedSnapshot : undefined;
  if (unquoted) {
    // SHOW SNAPSHOT compares the label as a string: a bare word is read as a column and refused.
    const quoted = quoteString(unquoted.value);
    issues.push({
      code: 'snapshotLabelQuote',
      severity: 'error',
      start: unquoted.start,
      end: unquoted.end,
      message: env.l10n.t("The snapshot label after SNAPSHOT = must be a quoted string: SNAPSHOT = '{0}'.", unquoted.value),
      fix: {
        kind: 'edit',
        title: env.l10n.t('Quote the label: {0}', quoted),
        edits: [{ start: unquoted.start, end: unquoted.end, text: quoted }],
      },
    });
  }
  return issues;
};
