/**
 * Property-based tests of retention planning over random labels, databases, times, prefixes and
 * policies. Labels are drawn from stems that prefix each other (db, db1, db10) and are unrelated
 * to the database a snapshot holds, as real labels may be. The oracles here are written apart
 * from the planner: a boundary match by regular expression, the newest snapshot per database by
 * a plain scan.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  derivedPrefix,
  planRetention,
  type RetentionCandidate,
  type RetentionPlan,
  type RetentionPolicy,
} from '../../../src/storage/retention';
import { recheckPlan } from '../../../src/storage/retentionRecheck';

const NOW = new Date('2024-06-30T12:00:00Z');
const RUNS = 3000;
const STEMS = ['db', 'db1', 'db10', 'sales', 'sales_eu', 's'];
const DATABASES = ['db', 'db1', 'db10', 'sales', 'ops'];

const labelArb = fc
  .tuple(fc.constantFrom(...STEMS), fc.constantFrom('', '_', '-'), fc.stringMatching(/^[0-9a-c_-]{0,6}$/))
  .map(([stem, sep, rest]) => `${stem}${sep}${rest}`);

const candidateArb: fc.Arbitrary<RetentionCandidate> = fc.record({
  label: labelArb,
  time: fc.option(
    fc.double({ min: 0, max: 400, noNaN: true }).map((days) => new Date(NOW.getTime() - days * 86_400_000)),
    { nil: undefined, freq: 8 },
  ),
  complete: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  database: fc.option(fc.constantFrom(...DATABASES), { nil: undefined, freq: 8 }),
});

const candidatesArb = fc.uniqueArray(candidateArb, { selector: (c) => c.label, maxLength: 25 });

const prefixArb = fc.tuple(fc.constantFrom(...STEMS), fc.constantFrom('', '_', '-')).map(([stem, sep]) => `${stem}${sep}`);

const policyArb: fc.Arbitrary<RetentionPolicy> = fc
  .record({
    rule: fc.oneof(
      fc.record({ keepLast: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ keepWithinDays: fc.double({ min: 0, max: 60, noNaN: true }) }),
      fc.record({ keepLast: fc.integer({ min: 0, max: 4 }), keepWithinDays: fc.double({ min: 0, max: 60, noNaN: true }) }),
    ),
    scope: fc.oneof(
      fc.constant({}),
      fc.constant({ groupByPrefix: true }),
      fc.record({ prefixes: fc.array(prefixArb, { minLength: 1, maxLength: 3 }) }),
    ),
    includeIncomplete: fc.boolean(),
    incompleteGraceHours: fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }),
    minKeep: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  })
  .map(({ rule, scope, ...rest }) => ({ ...rule, ...scope, ...rest, now: NOW }));

/** The independent statement of "a prefix names a label": the whole label, or up to a non-alphanumeric character. */
function prefixNames(label: string, prefix: string): boolean {
  if (prefix === '' || !label.startsWith(prefix)) return false;
  return label === prefix || /[^A-Za-z0-9]$/.test(prefix) || /^[^A-Za-z0-9]/.test(label.slice(prefix.length));
}

/** The deletions that would take away the newest complete snapshot of some database, by a plain scan. */
function newestOfDatabaseDeleted(candidates: readonly RetentionCandidate[], deleted: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const database of new Set(candidates.map((c) => c.database))) {
    if (database === undefined) continue;
    const dated = candidates.filter((c) => c.complete && c.database === database && c.time);
    if (dated.length === 0) continue;
    const newest = Math.max(...dated.map((c) => c.time!.getTime()));
    const newestOnes = dated.filter((c) => c.time!.getTime() === newest);
    if (newestOnes.every((c) => deleted.has(c.label))) problems.push(`${database}: ${newestOnes.map((c) => c.label).join(', ')}`);
  }
  // A complete snapshot of unknown database may be the newest of its own.
  for (const c of candidates)
    if (c.complete && c.database === undefined && deleted.has(c.label)) problems.push(`unknown database: ${c.label}`);
  return problems;
}

const deletedSet = (plan: RetentionPlan) => new Set(plan.delete.map((d) => d.label));

/** Changes a repository the way time and other users do between a preview and the deletion. */
type Change =
  | { kind: 'remove'; index: number }
  | { kind: 'add'; candidate: RetentionCandidate }
  | { kind: 'alter'; index: number; patch: Partial<RetentionCandidate> };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), candidate: candidateArb }),
  fc.record({
    kind: fc.constant('alter' as const),
    index: fc.nat(),
    patch: fc.oneof(
      fc.record({ database: fc.option(fc.constantFrom(...DATABASES), { nil: undefined }) }),
      fc.record({ complete: fc.boolean() }),
      fc.record({ time: fc.double({ min: 0, max: 400, noNaN: true }).map((days) => new Date(NOW.getTime() - days * 86_400_000)) }),
    ),
  }),
);

function applyChanges(candidates: readonly RetentionCandidate[], changes: readonly Change[]): RetentionCandidate[] {
  let list = candidates.map((c) => ({ ...c }));
  for (const change of changes) {
    if (change.kind === 'add') {
      if (!list.some((c) => c.label === change.candidate.label)) list.push({ ...change.candidate });
    } else if (list.length > 0) {
      const index = change.index % list.length;
      if (change.kind === 'remove') list = list.filter((_, i) => i !== index);
      else list[index] = { ...list[index], ...change.patch };
    }
  }
  return list;
}

describe('storage/retention properties (fast-check)', () => {
  it(`never deletes a snapshot outside the groups the policy names (${RUNS} runs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(candidatesArb, policyArb, (candidates, policy) => {
        runs++;
        const plan = planRetention(candidates, policy);
        assert.equal(plan.decisions.length, candidates.length);
        assert.deepEqual(plan.delete.length + plan.keep.length, candidates.length);
        for (const d of plan.delete) {
          if (policy.prefixes) {
            const named = policy.prefixes.filter((p) => prefixNames(d.label, p));
            assert.ok(named.length > 0, `${d.label} deleted, but no prefix of ${policy.prefixes.join(', ')} names it`);
            assert.equal(d.group, named.sort((a, b) => b.length - a.length)[0], `${d.label} is in the group of its longest prefix`);
          } else if (policy.groupByPrefix) {
            assert.equal(d.group, derivedPrefix(d.label));
          }
          if (!d.complete) assert.ok(policy.includeIncomplete, `${d.label} is incomplete and the policy keeps incomplete ones`);
        }
        // Every member of a named group is named by that group's prefix.
        if (policy.prefixes)
          for (const d of plan.decisions)
            if (policy.prefixes.includes(d.group)) assert.ok(prefixNames(d.label, d.group), `${d.label} in group ${d.group}`);
      }),
      { numRuns: RUNS },
    );
    assert.ok(runs >= RUNS, `${runs} runs`);
  });

  it(`never deletes the newest complete snapshot of a database, whatever the labels say (${RUNS} runs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(candidatesArb, policyArb, (candidates, policy) => {
        runs++;
        const plan = planRetention(candidates, policy);
        assert.deepEqual(newestOfDatabaseDeleted(candidates, deletedSet(plan)), []);
      }),
      { numRuns: RUNS },
    );
    assert.ok(runs >= RUNS, `${runs} runs`);
  });

  it(`never deletes more than the preview showed, and only what the fresh state still plans (${RUNS} runs)`, () => {
    let runs = 0;
    let changedAndStopped = 0;
    fc.assert(
      fc.property(candidatesArb, policyArb, fc.array(changeArb, { maxLength: 4 }), (candidates, policy, changes) => {
        runs++;
        const preview = planRetention(candidates, policy);
        const fresh = applyChanges(candidates, changes);
        const result = recheckPlan(preview, fresh, policy);
        if (changes.length === 0) assert.ok(result.ok, 'an unchanged repository goes ahead');
        if (!result.ok) {
          changedAndStopped++;
          assert.ok(result.differences.length > 0);
          return;
        }
        const previewed = deletedSet(preview);
        const toDelete = new Set(result.delete.map((d) => d.label));
        for (const label of toDelete) assert.ok(previewed.has(label), `${label} was not in the preview`);
        assert.equal(toDelete.size, result.delete.length, 'no label twice');
        // What goes is also what a plan of the fresh state deletes, so it is safe by the fresh state too.
        assert.deepEqual(toDelete, deletedSet(planRetention(fresh, policy)));
        assert.deepEqual(newestOfDatabaseDeleted(fresh, toDelete), []);
      }),
      { numRuns: RUNS },
    );
    assert.ok(runs >= RUNS, `${runs} runs`);
    assert.ok(changedAndStopped > 0, 'some changed repositories were stopped (the generator reaches that branch)');
  });
});
