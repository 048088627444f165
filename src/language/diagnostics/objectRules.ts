/**
 * The `ON ( … )` list of BACKUP and RESTORE, checked by the dialect's table validation (duplicates,
 * names, aliases) with each issue placed on the entry that causes it.
 */
import { validateBackupTables, validateRestoreTables, type TableSelection, type ValidationIssue } from '../../starrocks/validation';
import type { ObjectDesc, ParsedStatement } from '../parser';
import { trimLeft } from './spans';
import type { LanguageIssue, Rule } from './types';
import { materializedViewNote } from '../../starrocks/usageNotes';

function selectionOf(o: ObjectDesc): TableSelection | undefined {
  if (o.all || o.type !== 'table' || !o.name?.name) return undefined;
  return { name: o.name.name.value, partitions: o.partitions?.names.map((n) => n.value), alias: o.alias?.name?.value };
}

/**
 * Issues that entry i adds to those of the entries before it — duplicates are reported on the
 * second occurrence, each entry's own problems on that entry.
 */
function issuesPerEntry(entries: TableSelection[], validate: (t: TableSelection[]) => ValidationIssue[]): ValidationIssue[][] {
  let previous: string[] = [];
  return entries.map((_, i) => {
    const now = validate(entries.slice(0, i + 1));
    const remaining = [...previous];
    const added = now.filter((issue) => {
      const at = remaining.indexOf(issue.message);
      if (at < 0) return true;
      remaining.splice(at, 1);
      return false;
    });
    previous = now.map((issue) => issue.message);
    return added;
  });
}

/** A hint on each `MATERIALIZED VIEW` / `ALL MATERIALIZED VIEWS` a BACKUP names: what the snapshot will hold of it. */
function materializedViewHints(p: ParsedStatement, env: Parameters<Rule>[2]): LanguageIssue[] {
  return (p.on?.objects ?? [])
    .filter((o) => o.type === 'materializedView')
    .map((o) => ({
      code: 'materializedView' as const,
      severity: 'information' as const,
      start: o.typeKeyword?.start ?? o.start,
      end: o.typeKeyword?.end ?? o.end,
      message: materializedViewNote((message, ...args) => env.l10n.t(message, ...args)),
    }));
}

export const objectRule: Rule = (p: ParsedStatement, text, env) => {
  if ((p.kind !== 'backup' && p.kind !== 'restore') || !p.on) return [];
  const objects = p.on.objects.filter((o) => selectionOf(o) !== undefined);
  const validate = p.kind === 'backup' ? validateBackupTables : validateRestoreTables;
  const perEntry = issuesPerEntry(
    objects.map((o) => selectionOf(o)!),
    validate,
  );
  const issues: LanguageIssue[] = [];
  if (p.kind === 'backup') issues.push(...materializedViewHints(p, env));
  objects.forEach((o, i) => {
    for (const issue of perEntry[i]) {
      if (issue.message.startsWith('Can not set alias') && o.alias) {
        const start = trimLeft(text, o.alias.start);
        issues.push({
          code: 'backupAlias',
          severity: 'error',
          start: o.alias.start,
          end: o.alias.end,
          message: issue.message,
          hint: issue.fix,
          fix: {
            kind: 'edit',
            title: env.l10n.t('Remove "{0}"', text.slice(o.alias.start, o.alias.end)),
            edits: [{ start, end: o.alias.end, text: '' }],
          },
        });
      } else {
        issues.push({
          code: 'tables',
          severity: issue.message.startsWith('Duplicated partition') ? 'warning' : 'error',
          start: o.start,
          end: o.end,
          message: issue.message,
          hint: issue.fix,
        });
      }
    }
    if (o.partitions?.temporary) {
      const message = p.kind === 'backup' ? 'Do not support backing up temp partitions' : 'Do not support restoring temporary partitions';
      issues.push({ code: 'tables', severity: 'error', start: o.partitions.start, end: o.partitions.end, message });
    }
  });
  return issues;
};
