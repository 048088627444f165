/**
 * What to offer at a cursor slot: server names from a `NameSource`, property keys and values the
 * statement accepts on this server version, and the keywords that may follow. Pure (no `vscode`):
 * the completion provider turns `Suggestion`s into completion items.
 */
import { defaultSnapshotLabel } from '../../starrocks/labels';
import type { SnapshotDetail, SnapshotSummary } from '../../starrocks/models';
import type { Capabilities } from '../../starrocks/version';
import type { CursorContext, StatementFacts } from '../cursorContext';
import { allowedPropertyKeys, NEWEST_CAPABILITIES } from '../diagnostics/propertyRules';
import type { L10n } from '../l10n';
import { formatName } from './names';
import { quoteString } from '../../starrocks/identifiers';
import { materializedViewNote } from '../../starrocks/usageNotes';

export type SuggestionKind =
  'repository' | 'snapshot' | 'timestamp' | 'database' | 'table' | 'partition' | 'keyword' | 'property' | 'value';

export interface Suggestion {
  label: string;
  kind: SuggestionKind;
  /** Plain text, or snippet syntax when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** Keeps the server's order (newest timestamp first) instead of alphabetical. */
  sortText?: string;
  /** Opens completion again after inserting (a `db.` prefix, a key whose value has suggestions). */
  retrigger?: boolean;
}

/** Server names, bound to one connection; undefined means "not available (yet)". */
export interface NameSource {
  repositories(): Promise<string[] | undefined>;
  snapshots(repository: string): Promise<SnapshotSummary[] | undefined>;
  snapshot(repository: string, label: string): Promise<SnapshotSummary | undefined>;
  snapshotDetail(repository: string, label: string, timestamp: string): Promise<SnapshotDetail | undefined>;
  databases(): Promise<string[] | undefined>;
  tables(database: string): Promise<string[] | undefined>;
  partitions(database: string, table: string): Promise<string[] | undefined>;
}

export interface SuggestionEnv {
  /** Undefined without a connection: only keywords and properties are offered. */
  source?: NameSource;
  /** The connection's server; undefined when unknown. */
  caps?: Capabilities;
  /** The connection's default database, for statements that do not name one. */
  defaultDatabase?: string;
  now: Date;
  l10n: L10n;
}

export interface Suggestions {
  items: Suggestion[];
  /** True when a server lookup did not answer in time: ask again on the next keystroke. */
  incomplete: boolean;
}

/** Known values of properties, first the most common. */
const PROPERTY_VALUES: Record<string, string[]> = {
  type: ['FULL'],
  timeout: ['86400', '3600', '600'],
  allow_load: ['false', 'true'],
  replication_num: ['3', '1'],
  ttl: ['7 DAY', '30 DAY', '12 HOUR', '1 MONTH', ''],
  meta_version: ['-1'],
  starrocks_meta_version: ['-1'],
  'aws.s3.use_instance_profile': ['true', 'false'],
  'aws.s3.use_aws_sdk_default_behavior': ['true', 'false'],
  'aws.s3.enable_path_style_access': ['true', 'false'],
  'aws.s3.enable_ssl': ['true', 'false'],
  'fs.s3a.connection.ssl.enabled': ['true', 'false'],
};

class Collector {
  items: Suggestion[] = [];
  incomplete = false;
  /** Records a lookup; a missing answer makes the list incomplete. */
  got<T>(value: T | undefined): T | undefined {
    if (value === undefined) this.incomplete = true;
    return value;
  }
}

export async function suggest(ctx: CursorContext, env: SuggestionEnv): Promise<Suggestions> {
  const out = new Collector();
  const slot = ctx.slot;
  switch (slot.kind) {
    case 'repository':
      await repositories(ctx, env, out);
      break;
    case 'snapshot':
      await snapshots(ctx, env, out, slot.qualifier, slot.quoted);
      break;
    case 'newSnapshot':
      await newLabels(ctx, env, out, slot.qualifier);
      break;
    case 'timestamp':
      await timestamps(ctx, env, out, slot.label ?? ctx.facts.label);
      break;
    case 'database':
      await databases(ctx, env, out, '');
      break;
    case 'object':
      objectKeywords(ctx, env, out);
      await tables(ctx, env, out, slot.qualifier);
      break;
    case 'table':
      await tables(ctx, env, out, slot.qualifier);
      break;
    case 'partition':
      await partitions(ctx, env, out, slot.table, slot.qualifier, slot.written);
      break;
    case 'afterTable':
      keywords(out, ctx.facts.statement === 'restore' ? ['PARTITION', 'AS'] : ['PARTITION'], env);
      break;
    case 'propertyKey':
      propertyKeys(ctx, env, out, slot.written);
      break;
    case 'propertyValue':
      if (slot.key === 'backup_timestamp') await timestamps(ctx, env, out, ctx.facts.label);
      else propertyValues(ctx, out, slot.key);
      break;
    case 'clause':
      keywords(out, slot.keywords, env);
      break;
    case 'none':
      break;
  }
  return { items: out.items, incomplete: out.incomplete };
}

async function repositories(ctx: CursorContext, env: SuggestionEnv, out: Collector): Promise<void> {
  if (!env.source) return;
  for (const name of out.got(await env.source.repositories()) ?? []) {
    out.items.push({ label: name, kind: 'repository', insertText: formatName(name, ctx), detail: env.l10n.t('repository') });
  }
}

/** The repositories whose snapshots are meant: the one the statement names, else all (a few). */
async function repositoriesFor(facts: StatementFacts, source: NameSource, out: Collector): Promise<string[]> {
  if (facts.repository) return [facts.repository];
  return (out.got(await source.repositories()) ?? []).slice(0, 10);
}

async function snapshots(
  ctx: CursorContext,
  env: SuggestionEnv,
  out: Collector,
  qualifier: string | undefined,
  quoted = false,
): Promise<void> {
  if (!env.source) return;
  // The 2.5 – 3.3 RESTORE names the target database in the label: offer `db.` first.
  if (ctx.facts.statement === 'restore' && env.caps && !env.caps.newBackupGrammar && qualifier === undefined && !ctx.inString) {
    await databases(ctx, env, out, '.');
  }
  for (const repository of await repositoriesFor(ctx.facts, env.source, out)) {
    const list = out.got(await env.source.snapshots(repository)) ?? [];
    list.forEach((s, i) => {
      const newest = s.timestamps[0];
      out.items.push({
        label: s.label,
        kind: 'snapshot',
        insertText: ctx.inString ? s.label : quoted ? quoteString(s.label) : formatName(s.label, ctx),
        detail: ctx.facts.repository ? (newest ?? s.statusText) : env.l10n.t('in {0}', repository),
        documentation: s.status === 'OK' ? undefined : s.statusText,
        sortText: `${s.status === 'OK' ? 0 : 1}${String(i).padStart(5, '0')}`,
      });
    });
  }
}

async function newLabels(ctx: CursorContext, env: SuggestionEnv, out: Collector, qualifier: string | undefined): Promise<void> {
  const oldGrammar = env.caps !== undefined && !env.caps.newBackupGrammar;
  if (oldGrammar && qualifier === undefined && env.source) {
    await databases(ctx, env, out, '.');
    return;
  }
  const database = qualifier ?? ctx.facts.database ?? env.defaultDatabase;
  if (!database) return;
  const label = defaultSnapshotLabel(database, env.now);
  out.items.push({ label, kind: 'snapshot', insertText: label, detail: env.l10n.t('new snapshot label') });
}

async function timestamps(ctx: CursorContext, env: SuggestionEnv, out: Collector, label: string | undefined): Promise<void> {
  const repository = ctx.facts.repository;
  if (!env.source || !repository || !label) return;
  const snapshot = out.got(await env.source.snapshot(repository, label));
  snapshot?.timestamps.forEach((ts, i) => {
    out.items.push({
      label: ts,
      kind: 'timestamp',
      insertText: ctx.inString ? ts : `"${ts}"`,
      detail: i === 0 ? env.l10n.t('newest timestamp of {0}', label) : env.l10n.t('timestamp of {0}', label),
      sortText: String(i).padStart(5, '0'),
    });
  });
}

async function databases(ctx: CursorContext, env: SuggestionEnv, out: Collector, suffix: '' | '.'): Promise<void> {
  if (!env.source) return;
  for (const name of out.got(await env.source.databases()) ?? []) {
    out.items.push({
      label: name + suffix,
      kind: 'database',
      insertText: formatName(name, ctx) + suffix,
      detail: env.l10n.t('database'),
      retrigger: suffix === '.',
    });
  }
}

/** RESTORE offers what the snapshot holds; BACKUP what the database holds. */
async function tableNames(
  ctx: CursorContext,
  env: SuggestionEnv,
  out: Collector,
  qualifier: string | undefined,
): Promise<{ name: string; partitions?: string[] }[]> {
  const source = env.source;
  if (!source) return [];
  if (ctx.facts.statement === 'restore') {
    const detail = await snapshotContents(ctx.facts, source, out);
    return detail?.tables ?? [];
  }
  const database = qualifier ?? ctx.facts.database ?? ctx.facts.labelQualifier ?? env.defaultDatabase;
  if (!database) return [];
  return (out.got(await source.tables(database)) ?? []).map((name) => ({ name }));
}

/** The snapshot a RESTORE names, at its backup_timestamp or else its newest one. */
async function snapshotContents(facts: StatementFacts, source: NameSource, out: Collector): Promise<SnapshotDetail | undefined> {
  if (!facts.repository || !facts.label) return undefined;
  let timestamp = facts.timestamp;
  if (!timestamp) timestamp = out.got(await source.snapshot(facts.repository, facts.label))?.timestamps[0];
  if (!timestamp) return undefined;
  return out.got(await source.snapshotDetail(facts.repository, facts.label, timestamp));
}

async function tables(ctx: CursorContext, env: SuggestionEnv, out: Collector, qualifier: string | undefined): Promise<void> {
  const inSnapshot = ctx.facts.statement === 'restore';
  for (const t of await tableNames(ctx, env, out, qualifier)) {
    out.items.push({
      label: t.name,
      kind: 'table',
      insertText: formatName(t.name, ctx),
      detail: inSnapshot ? env.l10n.t('table in the snapshot') : env.l10n.t('table'),
    });
  }
}

async function partitions(
  ctx: CursorContext,
  env: SuggestionEnv,
  out: Collector,
  table: string,
  qualifier: string | undefined,
  written: string[],
): Promise<void> {
  const source = env.source;
  if (!source) return;
  let names: string[] = [];
  if (ctx.facts.statement === 'restore') {
    const detail = await snapshotContents(ctx.facts, source, out);
    names = detail?.tables.find((t) => t.name === table)?.partitions ?? [];
  } else {
    const database = qualifier ?? ctx.facts.database ?? ctx.facts.labelQualifier ?? env.defaultDatabase;
    if (database) names = out.got(await source.partitions(database, table)) ?? [];
  }
  for (const name of names.filter((n) => !written.includes(n))) {
    out.items.push({
      label: name,
      kind: 'partition',
      insertText: ctx.inString ? name : formatName(name, ctx),
      detail: env.l10n.t('partition of {0}', table),
    });
  }
}

/** 3.4+: the object keywords of an ON list. */
function objectKeywords(ctx: CursorContext, env: SuggestionEnv, out: Collector): void {
  if (env.caps && !env.caps.newBackupGrammar) return;
  const words = ['TABLE', 'ALL TABLES', 'MATERIALIZED VIEW', 'ALL MATERIALIZED VIEWS', 'VIEW', 'ALL VIEWS', 'FUNCTION', 'ALL FUNCTIONS'];
  const mvWarning = ctx.facts.statement === 'backup' ? materializedViewNote((message, ...args) => env.l10n.t(message, ...args)) : undefined;
  for (const word of words) {
    const takesName = !word.startsWith('ALL');
    const materialized = word.includes('MATERIALIZED');
    out.items.push({
      label: word,
      kind: 'keyword',
      insertText: takesName ? word + ' ' : word,
      retrigger: word === 'TABLE',
      detail:
        materialized && mvWarning ? env.l10n.t('StarRocks 3.4+ · not backed up as a materialized view') : env.l10n.t('StarRocks 3.4+'),
      documentation: materialized ? mvWarning : undefined,
      sortText: `z${word}`,
    });
  }
}

function keywords(out: Collector, words: string[], env: SuggestionEnv): void {
  for (const word of words) {
    const snippet = word === 'ON' || word === 'PROPERTIES' || word === 'PARTITION';
    out.items.push({
      label: word,
      kind: 'keyword',
      insertText: snippet ? `${word} ($1)` : `${word} `,
      snippet,
      retrigger: word !== 'AS',
      detail: word === 'DATABASE' ? env.l10n.t('StarRocks 3.4+') : undefined,
    });
  }
}

function propertyKeys(ctx: CursorContext, env: SuggestionEnv, out: Collector, written: string[]): void {
  const keys = allowedPropertyKeys(ctx.facts.statement, env.caps ?? NEWEST_CAPABILITIES).filter((k) => !written.includes(k));
  keys.forEach((key, i) => {
    const values = PROPERTY_VALUES[key];
    const value = values && values.length > 1 ? `\${1|${values.map(escapeChoice).join(',')}|}` : values ? `\${1:${values[0]}}` : '$1';
    out.items.push({
      label: key,
      kind: 'property',
      insertText: ctx.inString ? key : `"${key}" = "${value}"`,
      snippet: !ctx.inString,
      // backup_timestamp's values come from the server: open the list right away.
      retrigger: !ctx.inString && key === 'backup_timestamp',
      sortText: String(i).padStart(3, '0'),
      detail: key === 'backup_timestamp' ? env.l10n.t('required') : undefined,
    });
  });
}

function escapeChoice(value: string): string {
  return value.replace(/[,|$}\\]/g, (c) => '\\' + c);
}

function propertyValues(ctx: CursorContext, out: Collector, key: string): void {
  (PROPERTY_VALUES[key] ?? []).forEach((value, i) => {
    out.items.push({
      label: value === '' ? '""' : value,
      kind: 'value',
      insertText: ctx.inString ? value : `"${value}"`,
      sortText: String(i).padStart(3, '0'),
    });
  });
}
