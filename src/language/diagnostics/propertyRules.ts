/**
 * PROPERTIES of BACKUP, RESTORE and CREATE REPOSITORY, checked by the dialect's validation (the
 * server's own messages) and placed on the key or value they are about, with fixes for the usual
 * slips: a misspelt key, a timeout under 10 minutes, a RESTORE without backup_timestamp.
 */
import {
  S3_KEYS,
  backupPropertyKeys,
  RESTORE_PROPERTY_KEYS,
  validatePropertiesForStatement,
  type PropertiesStatementKind,
  type ValidationIssue,
} from '../../starrocks/validation';
import { capabilitiesOf, parseServerVersion, type Capabilities } from '../../starrocks/version';
import type { ParsedStatement, Property } from '../parser';
import { closestMatch } from './closestMatch';
import { headSpan, quoteLike } from './spans';
import type { AnalysisEnv, LanguageIssue, Rule } from './types';

/** Without a known server, validate against the newest grammar; version rules report the rest. */
export const NEWEST_CAPABILITIES: Capabilities = capabilitiesOf(parseServerVersion('4.2.0'));

const MIN_TIMEOUT_SECONDS = '600';

/** Keys CREATE REPOSITORY's storage clients recognise (spec §5.1); others pass through unchecked. */
export const REPOSITORY_PROPERTY_KEYS: readonly string[] = [
  ...Object.values(S3_KEYS),
  'aws.s3.sts.region',
  'aws.s3.sts.endpoint',
  'username',
  'password',
  'fs.s3a.access.key',
  'fs.s3a.secret.key',
  'fs.s3a.endpoint',
  'fs.s3a.connection.ssl.enabled',
  'fs.oss.accessKeyId',
  'fs.oss.accessKeySecret',
  'fs.oss.endpoint',
  'fs.cosn.userinfo.secretId',
  'fs.cosn.userinfo.secretKey',
  'fs.cosn.bucket.endpoint_suffix',
  'fs.ks3.AccessKey',
  'fs.ks3.AccessSecret',
  'fs.ks3.endpoint',
  'fs.obs.access.key',
  'fs.obs.secret.key',
  'fs.obs.endpoint',
];

const KIND: Partial<Record<ParsedStatement['kind'], PropertiesStatementKind>> = {
  backup: 'BACKUP',
  restore: 'RESTORE',
  createRepository: 'CREATE REPOSITORY',
};

/** The keys a statement accepts on a server with `caps`. */
export function allowedPropertyKeys(kind: ParsedStatement['kind'], caps: Capabilities): readonly string[] {
  if (kind === 'backup') return backupPropertyKeys(caps);
  if (kind === 'restore') return RESTORE_PROPERTY_KEYS;
  if (kind === 'createRepository') return REPOSITORY_PROPERTY_KEYS;
  return [];
}

/** Properties with a value, as the validation wants them; on a repeated key the last one counts, as on the server. */
function propertyMap(items: readonly Property[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of items) if (item.value) map[item.key.value] = item.value.value;
  return map;
}

export const propertyRule: Rule = (p, text, env) => {
  const kind = KIND[p.kind];
  if (!kind) return [];
  const caps = env.caps ?? NEWEST_CAPABILITIES;
  const items = p.properties?.items ?? [];
  const issues = validatePropertiesForStatement(kind, propertyMap(items), caps, p.location?.value);
  const placed = issues.flatMap((issue) => place(issue, p, items, text, env, caps));
  return [...placed, ...(p.kind === 'createRepository' ? repositoryKeyTypos(items, text, env) : [])];
};

function place(
  issue: ValidationIssue,
  p: ParsedStatement,
  items: readonly Property[],
  text: string,
  env: AnalysisEnv,
  caps: Capabilities,
): LanguageIssue[] {
  const item = issue.key === undefined ? undefined : [...items].reverse().find((i) => i.key.value === issue.key);
  const base = { message: issue.message, hint: issue.fix, severity: 'error' as const };
  if (issue.key === 'backup_timestamp' && issue.message.startsWith('Missing')) {
    // Still being typed (`"backup_timestamp" = `) is not missing.
    if (items.some((i) => i.key.value === 'backup_timestamp')) return [];
    return [{ ...base, code: 'missingBackupTimestamp', ...headSpan(p), fix: insertTimestampFix(p, text) }];
  }
  if (!item) return [{ ...base, code: 'propertyValue', ...(p.properties?.keyword ?? headSpan(p)) }];
  if (/^Unknown \w+ job properties:/.test(issue.message)) {
    const versionBound = item.key.value === 'ttl' && !caps.dropSnapshot;
    const suggestion = versionBound ? undefined : closestMatch(item.key.value, allowedPropertyKeys(p.kind, caps));
    const fix =
      suggestion && suggestion !== item.key.value
        ? {
            kind: 'edit' as const,
            title: env.l10n.t('Change to "{0}"', suggestion),
            edits: [{ start: item.key.start, end: item.key.end, text: quoteLike(item.key, suggestion, text) }],
          }
        : undefined;
    return [{ ...base, code: versionBound ? 'version' : 'unknownProperty', start: item.key.start, end: item.key.end, fix }];
  }
  const target = item.value ?? item.key;
  if (issue.key === 'timeout' && issue.message === 'timeout must be at least 10 min') {
    const fix = {
      kind: 'edit' as const,
      title: env.l10n.t('Set the timeout to {0} seconds (10 minutes)', MIN_TIMEOUT_SECONDS),
      edits: [{ start: target.start, end: target.end, text: quoteLike(item.value, MIN_TIMEOUT_SECONDS, text) }],
    };
    return [{ ...base, code: 'timeoutTooLow', start: target.start, end: target.end, fix }];
  }
  return [{ ...base, code: 'propertyValue', start: target.start, end: target.end }];
}

/** Where `"backup_timestamp" = "…"` goes: first in an existing PROPERTIES ( … ), or a new clause at the end. */
function insertTimestampFix(p: ParsedStatement, text: string): LanguageIssue['fix'] {
  const repository = p.repository?.value;
  const label = p.snapshot?.name?.value;
  const props = p.properties;
  if (props?.open !== undefined) {
    const quote = props.items[0]?.key.kind === 'string' ? text[props.items[0].key.start] : '"';
    const separator = props.items.length > 0 ? ', ' : '';
    return {
      kind: 'insertBackupTimestamp',
      repository,
      label,
      at: props.open,
      before: `${quote}backup_timestamp${quote} = ${quote}`,
      after: `${quote}${separator}`,
    };
  }
  if (props) return undefined;
  return { kind: 'insertBackupTimestamp', repository, label, at: p.end, before: ' PROPERTIES ("backup_timestamp" = "', after: '")' };
}

/**
 * The FE passes unknown repository keys to its storage clients unchecked, so only a key within a
 * typo of a known one is worth a warning.
 */
function repositoryKeyTypos(items: readonly Property[], text: string, env: AnalysisEnv): LanguageIssue[] {
  return items.flatMap((item) => {
    const key = item.key.value;
    if (REPOSITORY_PROPERTY_KEYS.includes(key) || /^(hadoop|dfs)\./.test(key)) return [];
    const suggestion = closestMatch(key, REPOSITORY_PROPERTY_KEYS, 2);
    if (!suggestion) return [];
    return [
      {
        code: 'unknownProperty' as const,
        severity: 'warning' as const,
        start: item.key.start,
        end: item.key.end,
        message: env.l10n.t('"{0}" is not a repository property StarRocks knows; did you mean "{1}"?', key, suggestion),
        fix: {
          kind: 'edit' as const,
          title: env.l10n.t('Change to "{0}"', suggestion),
          edits: [{ start: item.key.start, end: item.key.end, text: quoteLike(item.key, suggestion, text) }],
        },
      },
    ];
  });
}
