/**
 * Backup plans (pure): the saved choices of a Back Up wizard, kept in a workspace file so they can
 * be reviewed in version control. This module reads and validates that file; it never touches a
 * server. The same rules are published as a JSON schema (`schemas/backup-plans.schema.json`) for
 * the editor; this is the check the extension itself trusts before it runs a plan.
 */
import { validateName } from '../identifiers';
import { formatLabelTime } from '../labels';
import { validateSnapshotTtl } from '../validation';

export const PLAN_FILE_VERSION = 1;

/** `full`: everything the plan names, every run. `newPartitions`: only what changed since the plan's last successful snapshot. */
export type PlanMode = 'full' | 'newPartitions';

export interface PlanTable {
  name: string;
  /** Undefined: the whole table. */
  partitions?: string[];
}

/** The part of Apply Retention's policy a plan keeps; the groups are always the plan's own labels. */
export interface PlanRetention {
  keepLast?: number;
  keepWithinDays?: number;
  includeIncomplete?: boolean;
}

export interface PlanProperties {
  timeout?: number;
  ttl?: string;
}

export interface BackupPlan {
  name: string;
  /** The connection's name (not its id), so the file means the same on every machine. */
  connection: string;
  database: string;
  /** Undefined: the whole database. */
  tables?: PlanTable[];
  mode: PlanMode;
  repository: string;
  labelPattern: string;
  properties?: PlanProperties;
  retention?: PlanRetention;
}

export interface PlanFile {
  version: number;
  plans: BackupPlan[];
}

export interface PlanIssue {
  /** The plan's name when the issue is inside one. */
  plan?: string;
  /** A JSON path such as `plans[0].properties.password`. */
  path: string;
  message: string;
  /** A key that looks like it holds a secret: the file must never hold one. */
  secret?: boolean;
}

export interface ParsedPlanFile {
  plans: BackupPlan[];
  /** Plans that are invalid, by name (or `#index`), with what is wrong. */
  issues: PlanIssue[];
}

/** Keys that hold a secret in StarRocks statements or in general; the plan file refuses all of them. */
const SECRET_KEY = /pass(word|wd)?$|secret|token|credential|private[_.-]?key|access[_.-]?key|session[_.-]?key|api[_.-]?key/i;

export function isSecretLookingKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Placeholders of a label pattern. `{datetime}` = `{date}_{time}`, in the local time of the extension host like default labels. */
export const LABEL_PLACEHOLDERS = ['{plan}', '{database}', '{date}', '{time}', '{datetime}'] as const;

const PLAN_KEYS = new Set(['name', 'connection', 'database', 'tables', 'mode', 'repository', 'labelPattern', 'properties', 'retention']);
const TABLE_KEYS = new Set(['name', 'partitions']);
const PROPERTY_KEYS = new Set(['timeout', 'ttl']);
const RETENTION_KEYS = new Set(['keepLast', 'keepWithinDays', 'includeIncomplete']);

/** Parses the plan file's text. Throws only when it is not JSON at all; everything else is an issue. */
export function parsePlanFile(text: string): ParsedPlanFile {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new Error(`The plan file is not valid JSON: ${(error as Error).message}. Fix it in the editor, which marks where.`);
  }
  const issues: PlanIssue[] = [];
  if (!isObject(root))
    return { plans: [], issues: [{ path: '', message: 'The plan file must be a JSON object with "version" and "plans".' }] };
  // Secrets inside a plan are that plan's issues (below); these are the ones outside every plan.
  issues.push(...secretIssues(Object.fromEntries(Object.entries(root).filter(([key]) => key !== 'plans')), '', undefined));
  if (root.version !== PLAN_FILE_VERSION) issues.push({ path: 'version', message: `"version" must be ${PLAN_FILE_VERSION}.` });
  const rawPlans = Array.isArray(root.plans) ? root.plans : [];
  if (!Array.isArray(root.plans)) issues.push({ path: 'plans', message: '"plans" must be a list.' });
  const plans: BackupPlan[] = [];
  const seen = new Set<string>();
  rawPlans.forEach((raw, index) => {
    const path = `plans[${index}]`;
    const name = isObject(raw) && typeof raw.name === 'string' ? raw.name : `#${index + 1}`;
    const planIssues = [...secretIssues(raw, path, name), ...validateRawPlan(raw, path)].map((issue) => ({ ...issue, plan: name }));
    if (seen.has(name))
      planIssues.push({ plan: name, path: `${path}.name`, message: `Plan name "${name}" is used twice; names must be unique.` });
    seen.add(name);
    issues.push(...planIssues);
    if (planIssues.length === 0) plans.push(raw as unknown as BackupPlan);
  });
  return { plans, issues };
}

/** Every issue of one plan object; empty when it is a valid `BackupPlan`. */
export function validatePlan(plan: unknown): PlanIssue[] {
  return [...secretIssues(plan, 'plan', undefined), ...validateRawPlan(plan, 'plan')];
}

function validateRawPlan(raw: unknown, path: string): PlanIssue[] {
  if (!isObject(raw)) return [{ path, message: 'A plan must be a JSON object.' }];
  const issues: PlanIssue[] = [...unknownKeys(raw, PLAN_KEYS, path)];
  const text = (key: string): string | undefined => (typeof raw[key] === 'string' && raw[key] !== '' ? (raw[key] as string) : undefined);
  const need = (key: string, what: string): string | undefined => {
    const value = text(key);
    if (value === undefined) issues.push({ path: `${path}.${key}`, message: `"${key}" (${what}) is required.` });
    return value;
  };
  const name = need('name', 'the plan name');
  if (name !== undefined) issues.push(...nameIssue('plan', name, `${path}.name`));
  need('connection', 'the connection name');
  const database = need('database', 'the database to back up');
  if (database !== undefined) issues.push(...nameIssue('database', database, `${path}.database`));
  const repository = need('repository', 'the repository to write to');
  if (repository !== undefined) issues.push(...nameIssue('repository', repository, `${path}.repository`));
  if (raw.mode !== 'full' && raw.mode !== 'newPartitions') {
    issues.push({ path: `${path}.mode`, message: '"mode" must be "full" or "newPartitions".' });
  }
  const pattern = need('labelPattern', 'how snapshot labels are made');
  if (pattern !== undefined) {
    const problem = labelPatternIssue(pattern, name ?? 'plan', database ?? 'db');
    if (problem) issues.push({ path: `${path}.labelPattern`, message: problem });
  }
  if (raw.tables !== undefined) issues.push(...tableIssues(raw.tables, `${path}.tables`));
  if (raw.properties !== undefined) issues.push(...propertyIssues(raw.properties, `${path}.properties`));
  if (raw.retention !== undefined) issues.push(...retentionIssues(raw.retention, `${path}.retention`));
  return issues;
}

function nameIssue(kind: 'plan' | 'database' | 'repository' | 'table' | 'partition', value: string, path: string): PlanIssue[] {
  const message = kind === 'plan' ? planNameIssue(value) : validateName(kind, value);
  return message ? [{ path, message }] : [];
}

/** Plan names become part of labels (`{plan}`) and of retention groups: label characters, at most 64. */
export function planNameIssue(name: string): string | undefined {
  return /^[-\w]{1,64}$/.test(name) ? undefined : 'A plan name holds letters, digits, _ and -, 1 to 64 characters.';
}

function tableIssues(tables: unknown, path: string): PlanIssue[] {
  if (!Array.isArray(tables) || tables.length === 0)
    return [{ path, message: '"tables" must be a non-empty list; leave it out to back up the whole database.' }];
  return tables.flatMap((table, i): PlanIssue[] => {
    const at = `${path}[${i}]`;
    if (!isObject(table) || typeof table.name !== 'string') return [{ path: at, message: 'Each table needs a "name".' }];
    const issues = [...unknownKeys(table, TABLE_KEYS, at), ...nameIssue('table', table.name, `${at}.name`)];
    if (table.partitions !== undefined) {
      if (!Array.isArray(table.partitions) || table.partitions.length === 0 || table.partitions.some((p) => typeof p !== 'string')) {
        issues.push({
          path: `${at}.partitions`,
          message: '"partitions" must be a non-empty list of names; leave it out for the whole table.',
        });
      } else {
        for (const p of table.partitions as string[]) issues.push(...nameIssue('partition', p, `${at}.partitions`));
      }
    }
    return issues;
  });
}

function propertyIssues(props: unknown, path: string): PlanIssue[] {
  if (!isObject(props)) return [{ path, message: '"properties" must be an object.' }];
  const issues = unknownKeys(props, PROPERTY_KEYS, path);
  if (props.timeout !== undefined && !(Number.isInteger(props.timeout) && (props.timeout as number) >= 600)) {
    issues.push({ path: `${path}.timeout`, message: '"timeout" is a whole number of seconds, at least 600.' });
  }
  if (props.ttl !== undefined) {
    const ttlProblem = typeof props.ttl === 'string' ? validateSnapshotTtl(props.ttl)[0]?.message : '"ttl" must be text such as "7 DAY".';
    if (ttlProblem) issues.push({ path: `${path}.ttl`, message: ttlProblem });
  }
  return issues;
}

function retentionIssues(retention: unknown, path: string): PlanIssue[] {
  if (!isObject(retention)) return [{ path, message: '"retention" must be an object.' }];
  const issues = unknownKeys(retention, RETENTION_KEYS, path);
  for (const key of ['keepLast', 'keepWithinDays']) {
    const value = retention[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      issues.push({ path: `${path}.${key}`, message: `"${key}" is a whole number, 0 or more.` });
    }
  }
  if (retention.keepLast === undefined && retention.keepWithinDays === undefined) {
    issues.push({ path, message: 'A retention policy needs "keepLast", "keepWithinDays" or both.' });
  }
  if (retention.includeIncomplete !== undefined && typeof retention.includeIncomplete !== 'boolean') {
    issues.push({ path: `${path}.includeIncomplete`, message: '"includeIncomplete" is true or false.' });
  }
  return issues;
}

function unknownKeys(object: Record<string, unknown>, known: Set<string>, path: string): PlanIssue[] {
  return Object.keys(object)
    .filter((key) => !known.has(key) && !isSecretLookingKey(key))
    .map((key) => ({ path: `${path}.${key}`, message: `Unknown key "${key}". Known keys: ${[...known].join(', ')}.` }));
}

/** Every key, at any depth, that looks like it holds a secret. */
function secretIssues(value: unknown, path: string, plan: string | undefined): PlanIssue[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretIssues(v, `${path}[${i}]`, plan));
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    const own: PlanIssue[] = isSecretLookingKey(key)
      ? [
          {
            path: at,
            secret: true,
            message: `"${key}" looks like a secret. The plan file is shared and reviewed: keep passwords and S3 keys in the connection (stored in the OS keychain) and remove this key.`,
          },
        ]
      : [];
    return [...own, ...secretIssues(child, at, plan)];
  });
}

/** Why a label pattern cannot make valid, unique labels; undefined when it can. */
export function labelPatternIssue(pattern: string, plan: string, database: string): string | undefined {
  const unknown = (pattern.match(/\{[^}]*\}/g) ?? []).filter((p) => !(LABEL_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length > 0) return `Unknown placeholder ${unknown.join(', ')}. Use ${LABEL_PLACEHOLDERS.join(', ')}.`;
  if (!pattern.includes('{datetime}') && !(pattern.includes('{date}') && pattern.includes('{time}'))) {
    return 'The label pattern needs {datetime} (or {date} and {time}) so that every run makes a new label.';
  }
  const sample = labelFromPattern(pattern, { plan, database }, new Date(2000, 0, 1, 0, 0, 0));
  const invalid = validateName('label', sample);
  return invalid ? `The pattern makes labels such as "${sample}", which the server refuses: ${invalid}` : undefined;
}

/**
 * The label a run taken at `date` gets. `{database}` is made label-safe the way default labels
 * are (characters labels may not hold become `_`); the result is checked with the label rule by
 * the caller (`validateName('label', …)`), never silently shortened.
 */
export function labelFromPattern(pattern: string, values: { plan: string; database: string }, date: Date): string {
  const datetime = formatLabelTime(date);
  const [day, time] = datetime.split('_');
  const replacements: Record<string, string> = {
    '{plan}': values.plan,
    '{database}': values.database.replace(/[^-\w]/g, '_'),
    '{date}': day,
    '{time}': time,
    '{datetime}': datetime,
  };
  return pattern.replace(/\{[a-z]+\}/g, (p) => replacements[p] ?? p);
}

/**
 * The literal start of the plan's labels (everything before the first time placeholder): the one
 * retention group the plan's policy applies to, so it never touches other snapshots.
 */
export function planLabelPrefix(plan: Pick<BackupPlan, 'labelPattern' | 'name' | 'database'>): string {
  const cut = plan.labelPattern.search(/\{(date|time|datetime)\}/);
  const head = cut < 0 ? plan.labelPattern : plan.labelPattern.slice(0, cut);
  return labelFromPattern(head, { plan: plan.name, database: plan.database }, new Date(0));
}

/** Whether a snapshot label was made by this plan's pattern. */
export function labelMatchesPlan(plan: Pick<BackupPlan, 'labelPattern' | 'name' | 'database'>, label: string): boolean {
  const parts = plan.labelPattern.split(/(\{[a-z]+\})/).filter(Boolean);
  const source = parts
    .map((part) => {
      switch (part) {
        case '{date}':
          return '\\d{8}';
        case '{time}':
          return '\\d{6}';
        case '{datetime}':
          return '\\d{8}_\\d{6}';
        case '{plan}':
          return escapeRegExp(plan.name);
        case '{database}':
          return escapeRegExp(plan.database.replace(/[^-\w]/g, '_'));
        default:
          return escapeRegExp(part);
      }
    })
    .join('');
  return new RegExp(`^${source}$`).test(label);
}

/** The file with one plan added, or replacing the plan of the same name. */
export function withPlan(file: PlanFile | undefined, plan: BackupPlan): PlanFile {
  const plans = (file?.plans ?? []).filter((p) => p.name !== plan.name);
  return { version: PLAN_FILE_VERSION, plans: [...plans, plan] };
}

/** The plan file's text: stable key order, two-space indent (it is meant to be reviewed in diffs). */
export function planFileText(file: PlanFile): string {
  return `${JSON.stringify({ version: file.version, plans: file.plans }, null, 2)}\n`;
}

export const DEFAULT_LABEL_PATTERN = '{plan}_{datetime}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
