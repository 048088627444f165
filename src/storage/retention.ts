/**
 * Retention planning (pure): which snapshots a policy keeps and which it would delete, with the
 * reason for each. It only plans — deleting is the caller's separate, confirmed step, which acts on
 * the previewed plan only (`recheckPlan`).
 *
 * Whatever the policy and the grouping, the newest complete snapshot of every database in the
 * repository is kept: labels are free text and may name another database (or none), so the
 * database is the one the snapshot itself records, and a complete snapshot whose database could
 * not be read is kept too, as it may be the newest of its database.
 */

export interface RetentionCandidate {
  label: string;
  /** When the backup was taken; for incomplete snapshots, when something was last written. */
  time?: Date;
  /** Has a valid info file. */
  complete: boolean;
  /**
   * The database the snapshot holds, as the snapshot records it (its info file, or the Database
   * column of SHOW SNAPSHOT's detail form), never guessed from the label; undefined when it could
   * not be read.
   */
  database: string | undefined;
}

export interface RetentionPolicy {
  /** Keep the newest N complete snapshots (per group). */
  keepLast?: number;
  /** Keep complete snapshots taken less than D days ago. */
  keepWithinDays?: number;
  /** Apply the rules per label group rather than across the repository. */
  groupByPrefix?: boolean;
  /** Explicit label prefixes forming the groups; labels matching none are left alone. */
  prefixes?: readonly string[];
  /** Allow planning the deletion of incomplete snapshots (they may be running backups). */
  includeIncomplete?: boolean;
  /** Even then, keep incomplete snapshots written to within this many hours (default 24). */
  incompleteGraceHours?: number;
  /** Whatever the rules say, keep at least this many newest complete snapshots per group (default 1). */
  minKeep?: number;
  now: Date;
}

export type RetentionAction = 'keep' | 'delete';

export interface RetentionDecision {
  label: string;
  group: string;
  action: RetentionAction;
  reasons: string[];
  time?: Date;
  complete: boolean;
  database: string | undefined;
}

export interface RetentionPlan {
  decisions: RetentionDecision[];
  keep: RetentionDecision[];
  delete: RetentionDecision[];
  /** The policy in words, for the preview. */
  summary: string;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ALL = '(all snapshots)';
const UNGROUPED = '(no matching prefix)';

export function planRetention(snapshots: readonly RetentionCandidate[], policy: RetentionPolicy): RetentionPlan {
  validatePolicy(policy);
  const groups = new Map<string, RetentionCandidate[]>();
  for (const s of snapshots) {
    const group = groupOf(s.label, policy);
    groups.set(group, [...(groups.get(group) ?? []), s]);
  }
  const decisions: RetentionDecision[] = [];
  for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    decisions.push(...decideGroup(group, members, policy));
  }
  protectNewestPerDatabase(snapshots, decisions);
  return {
    decisions,
    keep: decisions.filter((d) => d.action === 'keep'),
    delete: decisions.filter((d) => d.action === 'delete'),
    summary: describePolicy(policy),
  };
}

function validatePolicy(policy: RetentionPolicy): void {
  const { keepLast, keepWithinDays } = policy;
  if (keepLast === undefined && keepWithinDays === undefined)
    throw new Error('A retention policy needs "keep the newest N" or "keep those newer than D days".');
  if (keepLast !== undefined && (!Number.isInteger(keepLast) || keepLast < 0))
    throw new Error('"Keep the newest N" needs a whole number ≥ 0.');
  if (keepWithinDays !== undefined && !(keepWithinDays >= 0)) throw new Error('"Newer than D days" needs a number ≥ 0.');
}

/** The group a label belongs to: one group, an explicit prefix (longest match), or the derived prefix. */
export function groupOf(label: string, policy: Pick<RetentionPolicy, 'groupByPrefix' | 'prefixes'>): string {
  if (policy.prefixes && policy.prefixes.length > 0) {
    const matches = policy.prefixes.filter((p) => prefixMatches(label, p)).sort((a, b) => b.length - a.length);
    return matches[0] ?? UNGROUPED;
  }
  return policy.groupByPrefix ? derivedPrefix(label) : ALL;
}

/** Anything but a letter or a digit separates the parts of a label (`_` and `-` in labels the FE accepts). */
const SEPARATOR = /[^\p{L}\p{N}]/u;

/**
 * True when `prefix` starts `label` at a boundary: the whole label, or followed by a separator (or
 * ending with one). `db1` takes `db1` and `db1_20240101_…`, never `db10_…`: that is another database's.
 */
export function prefixMatches(label: string, prefix: string): boolean {
  if (prefix === '' || !label.startsWith(prefix)) return false;
  return label.length === prefix.length || SEPARATOR.test(prefix[prefix.length - 1]) || SEPARATOR.test(label[prefix.length]);
}

/**
 * The label without its date part: `sales_20240101_120000` → `sales`, the default label shape
 * (`<db>_<yyyyMMdd_HHmmss>`); otherwise trailing digits are dropped (`nightly-17` → `nightly`).
 */
export function derivedPrefix(label: string): string {
  const dated = /^(.*?)[_-]?\d{8}[_-]?\d{6}$/.exec(label);
  if (dated && dated[1]) return dated[1];
  const numbered = /^(.*?)[_-]?\d+$/.exec(label);
  return numbered && numbered[1] ? numbered[1] : label;
}

function decideGroup(group: string, members: RetentionCandidate[], policy: RetentionPolicy): RetentionDecision[] {
  const decide = (s: RetentionCandidate, action: RetentionAction, ...reasons: string[]): RetentionDecision => ({
    label: s.label,
    group,
    action,
    reasons,
    time: s.time,
    complete: s.complete,
    database: s.database,
  });
  if (group === UNGROUPED)
    return members.map((s) => decide(s, 'keep', 'The label matches none of the given prefixes, so the policy does not cover it.'));
  const complete = members.filter((s) => s.complete && s.time).sort(newestFirst);
  const decisions = complete.map((s, index) => decideComplete(s, index, policy, decide));
  for (const s of members.filter((m) => m.complete && !m.time))
    decisions.push(decide(s, 'keep', 'Its time is unknown, so its age cannot be judged.'));
  for (const s of members.filter((m) => !m.complete)) decisions.push(decideIncomplete(s, policy, decide));
  return decisions;
}

type Decide = (s: RetentionCandidate, action: RetentionAction, ...reasons: string[]) => RetentionDecision;

function decideComplete(s: RetentionCandidate, index: number, policy: RetentionPolicy, decide: Decide): RetentionDecision {
  const reasons: string[] = [];
  const ageDays = (policy.now.getTime() - s.time!.getTime()) / DAY_MS;
  if (policy.keepLast !== undefined && index < policy.keepLast) reasons.push(`It is #${index + 1} of the newest ${policy.keepLast}.`);
  if (policy.keepWithinDays !== undefined && ageDays < policy.keepWithinDays)
    reasons.push(`It is ${formatAge(ageDays)} old, newer than ${policy.keepWithinDays} days.`);
  if (reasons.length === 0 && index < (policy.minKeep ?? 1))
    reasons.push('The newest snapshot(s) of a group are always kept, whatever the rules say.');
  if (reasons.length > 0) return decide(s, 'keep', ...reasons);
  const why = [
    policy.keepLast !== undefined ? `it is #${index + 1}, beyond the newest ${policy.keepLast}` : undefined,
    policy.keepWithinDays !== undefined ? `it is ${formatAge(ageDays)} old, older than ${policy.keepWithinDays} days` : undefined,
  ].filter(Boolean);
  return decide(s, 'delete', `Not kept: ${why.join(' and ')}.`);
}

function decideIncomplete(s: RetentionCandidate, policy: RetentionPolicy, decide: Decide): RetentionDecision {
  if (!policy.includeIncomplete)
    return decide(
      s,
      'keep',
      'Incomplete (no valid info file): it may be a backup still running. Include incomplete snapshots to clean it up.',
    );
  const graceHours = policy.incompleteGraceHours ?? 24;
  if (!s.time) return decide(s, 'keep', 'Incomplete, and when it was last written is unknown: it may be a backup still running.');
  const ageHours = (policy.now.getTime() - s.time.getTime()) / HOUR_MS;
  if (ageHours < graceHours)
    return decide(
      s,
      'keep',
      `Incomplete but written to ${formatAge(ageHours / 24)} ago, within ${graceHours} hours: it may be a backup still running.`,
    );
  return decide(
    s,
    'delete',
    `Incomplete (no valid info file) and untouched for ${formatAge(ageHours / 24)}: a failed or cancelled backup.`,
  );
}

/**
 * Turns into "keep" every planned deletion of a complete snapshot that is the newest complete one
 * of its database, or whose database is unknown (it may be that newest one). Runs over the whole
 * repository, across groups: a group rule cannot see that a database's last copy sits in another
 * group, or in none.
 */
function protectNewestPerDatabase(snapshots: readonly RetentionCandidate[], decisions: RetentionDecision[]): void {
  const newest = new Map<string, RetentionCandidate>();
  for (const s of snapshots) {
    if (!s.complete || !s.time || s.database === undefined) continue;
    const current = newest.get(s.database);
    if (!current || newestFirst(s, current) < 0) newest.set(s.database, s);
  }
  const protectedLabels = new Set([...newest.values()].map((s) => s.label));
  decisions.forEach((d, index) => {
    if (d.action !== 'delete' || !d.complete) return;
    if (d.database === undefined) {
      decisions[index] = {
        ...d,
        action: 'keep',
        reasons: [
          'Which database it holds could not be read from the snapshot, so it may be the newest complete snapshot of its database: kept.',
        ],
      };
    } else if (protectedLabels.has(d.label)) {
      decisions[index] = {
        ...d,
        action: 'keep',
        reasons: [
          `It is the newest complete snapshot of database ${d.database} in this repository, which is always kept, whatever the rules and groups say.`,
        ],
      };
    }
  });
}

function newestFirst(a: RetentionCandidate, b: RetentionCandidate): number {
  return b.time!.getTime() - a.time!.getTime() || a.label.localeCompare(b.label);
}

function formatAge(days: number): string {
  if (days < 1) return `${Math.max(0, Math.round(days * 24))} h`;
  return `${Math.floor(days)} d`;
}

export function describePolicy(policy: RetentionPolicy): string {
  const rules = [
    policy.keepLast !== undefined ? `keep the newest ${policy.keepLast}` : undefined,
    policy.keepWithinDays !== undefined ? `keep those newer than ${policy.keepWithinDays} days` : undefined,
  ].filter(Boolean);
  const scope = policy.prefixes?.length
    ? ` per label prefix (${policy.prefixes.join(', ')})`
    : policy.groupByPrefix
      ? ' per label prefix'
      : '';
  const incomplete = policy.includeIncomplete
    ? `; incomplete snapshots untouched for ${policy.incompleteGraceHours ?? 24} h are deleted`
    : '; incomplete snapshots are kept';
  return `${rules.join(', or ')}${scope}; at least ${policy.minKeep ?? 1} newest kept per group; the newest complete snapshot of each database is always kept${incomplete}.`;
}
