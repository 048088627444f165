/**
 * CREATE REPOSITORY: the location (with `s3://` → `s3a://`) and secrets written in clear text,
 * which belong in SecretStorage rather than in a file that gets committed and shared.
 */
import { isSecretPropertyKey } from '../../starrocks/redact';
import { validateLocation } from '../../starrocks/location';
import type { ParsedStatement } from '../parser';
import { referencedName } from '../secretReferences';
import type { LanguageIssue, Rule } from './types';

export const locationRule: Rule = (p, text, env) => {
  const loc = p.location;
  if (p.kind !== 'createRepository' || !loc || !loc.terminated) return [];
  const issues: LanguageIssue[] = validateLocation(loc.value).map((issue) => ({
    code: 'location',
    severity: 'error',
    start: loc.start,
    end: loc.end,
    message: issue.message,
    hint: issue.fix,
  }));
  const scheme = /^(s3n?):\/\//i.exec(loc.value);
  if (scheme) {
    // The scheme is the first thing inside the quotes, so the edit can address it directly.
    const start = loc.start + 1;
    const literal = text.slice(start, start + scheme[1].length);
    if (literal.toLowerCase() === scheme[1].toLowerCase()) {
      issues.push({
        code: 's3Scheme',
        severity: 'warning',
        start: loc.start,
        end: loc.end,
        message: env.l10n.t('StarRocks and CelerData read S3 repositories through s3a://; use s3a:// instead of {0}://.', scheme[1]),
        fix: { kind: 'edit', title: env.l10n.t('Use s3a://'), edits: [{ start, end: start + scheme[1].length, text: 's3a' }] },
      });
    }
  }
  return issues;
};

export const clearSecretRule: Rule = (p: ParsedStatement, _text, env) => {
  if (p.kind !== 'createRepository' || !p.repository) return [];
  const repository = p.repository.value;
  return (p.properties?.items ?? []).flatMap((item): LanguageIssue[] => {
    const value = item.value;
    if (!value || value.kind !== 'string' || !value.terminated || value.value === '' || !isSecretPropertyKey(item.key.value)) return [];
    if (referencedName(value.value) !== undefined) return [];
    return [
      {
        code: 'clearSecret',
        severity: 'warning',
        start: value.start,
        end: value.end,
        // Never the value itself: diagnostics are shown, logged and exported.
        message: env.l10n.t('The secret "{0}" is written in clear text in this file.', item.key.value),
        hint: env.l10n.t("Move it to VS Code's secret storage; the file keeps a reference that is resolved when the statement runs."),
        fix: { kind: 'moveSecret', repository, key: item.key.value, value: { start: value.start, end: value.end } },
      },
    ];
  });
};
