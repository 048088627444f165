/**
 * CREATE REPOSITORY: the location (with `s3://` → `s3a://`) and secrets written in clear text,
 * which belong in SecretStorage rather than in a file that gets committed and shared.
 */
import { isSecretPropertyKey } from '../../starrocks/redact';
import { isS3Scheme, parseLocation, validateLocation } from '../../starrocks/location';
import { S3_KEYS } from '../../starrocks/validation/repositoryProperties';
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

/** True when the location parses and is an S3 scheme (`s3a://`, `s3://`, `s3n://`). */
function isS3Location(location: string): boolean {
  try {
    return isS3Scheme(parseLocation(location).scheme);
  } catch {
    return false;
  }
}

/**
 * Instance profile and assumed role (`aws.s3.use_instance_profile` = true) on AWS S3 need the
 * bucket's region: the guide sets `aws.s3.region` in both; without it the FE's S3 client guesses
 * and the repository fails later, on the BEs.
 */
export const missingRegionRule: Rule = (p: ParsedStatement, _text, env) => {
  if (p.kind !== 'createRepository' || !p.location?.terminated || !isS3Location(p.location.value)) return [];
  const items = p.properties?.items ?? [];
  const profile = [...items].reverse().find((i) => i.key.value === S3_KEYS.useInstanceProfile);
  if (profile?.value?.value.toLowerCase() !== 'true') return [];
  if (items.some((i) => i.key.value === S3_KEYS.region || i.key.value === S3_KEYS.endpoint)) return [];
  const role = items.some((i) => i.key.value === S3_KEYS.iamRoleArn);
  return [
    {
      code: 'missingRegion',
      severity: 'warning',
      start: profile.start,
      end: profile.end,
      message: role
        ? env.l10n.t('An assumed role needs "{0}": the region where the bucket resides.', S3_KEYS.region)
        : env.l10n.t('An instance profile needs "{0}": the region where the bucket resides.', S3_KEYS.region),
      hint: env.l10n.t('Add "{0}" = "<region>", e.g. "us-west-2".', S3_KEYS.region),
    },
  ];
};
