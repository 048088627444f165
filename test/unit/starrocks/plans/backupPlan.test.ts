import * as assert from 'assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { validateName } from '../../../../src/starrocks/identifiers';
import {
  labelFromPattern,
  labelMatchesPlan,
  labelPatternIssue,
  parsePlanFile,
  planFileText,
  planLabelPrefix,
  validatePlan,
  withPlan,
  type BackupPlan,
} from '../../../../src/starrocks/plans/backupPlan';
import { planNamePositions } from '../../../../src/starrocks/plans/planFilePositions';

const PLAN: BackupPlan = {
  name: 'nightly',
  connection: 'sandbox',
  database: 'demo_sales',
  tables: [{ name: 'orders' }],
  mode: 'newPartitions',
  repository: 'repo',
  labelPattern: '{plan}_{datetime}',
  properties: { timeout: 3600 },
  retention: { keepLast: 3 },
};

const file = (plans: unknown[]): string => JSON.stringify({ version: 1, plans });

// The schema shipped in the VSIX, as the editor's JSON validation reads it.
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../schemas/backup-plans.schema.json'), 'utf8')) as object;
const schemaValidates = new Ajv({ strict: false, allErrors: true }).compile(schema);

describe('starrocks/plans/backupPlan', () => {
  it('reads a valid plan file back as it was written', () => {
    const text = planFileText(withPlan(undefined, PLAN));
    const parsed = parsePlanFile(text);
    assert.deepStrictEqual(parsed.issues, []);
    assert.deepStrictEqual(parsed.plans, [PLAN]);
    assert.ok(schemaValidates(JSON.parse(text)), JSON.stringify(schemaValidates.errors));
  });

  it('replaces a plan of the same name and keeps the others', () => {
    const other = { ...PLAN, name: 'weekly', mode: 'full' as const };
    const both = withPlan(withPlan(undefined, PLAN), other);
    const replaced = withPlan(both, { ...PLAN, repository: 'repo2' });
    assert.deepStrictEqual(
      replaced.plans.map((p) => [p.name, p.repository]),
      [
        ['weekly', 'repo'],
        ['nightly', 'repo2'],
      ],
    );
  });

  for (const [where, plan] of [
    ['a plan', { ...PLAN, password: 'x' }],
    ['the properties', { ...PLAN, properties: { timeout: 3600, 'aws.s3.secret_key': 'abc' } }],
    ['the properties (other case)', { ...PLAN, properties: { Secret_Key: 'abc' } }],
    ['a table', { ...PLAN, tables: [{ name: 'orders', token: 'x' }] }],
  ] as const) {
    it(`refuses a secret-looking key in ${where}, in the parser and in the schema`, () => {
      const parsed = parsePlanFile(file([plan]));
      assert.deepStrictEqual(parsed.plans, []);
      const secret = parsed.issues.filter((i) => i.secret);
      assert.strictEqual(secret.length, 1, JSON.stringify(parsed.issues));
      assert.match(secret[0].message, /looks like a secret/);
      assert.strictEqual(schemaValidates(JSON.parse(file([plan]))), false);
    });
  }

  it('refuses a secret at the top of the file too', () => {
    const parsed = parsePlanFile(JSON.stringify({ version: 1, plans: [PLAN], password: 'x' }));
    assert.ok(parsed.issues.some((i) => i.secret && i.path === 'password'));
    assert.strictEqual(schemaValidates({ version: 1, plans: [PLAN], password: 'x' }), false);
  });

  it('says what is wrong with an invalid plan and keeps the valid ones', () => {
    const bad = { ...PLAN, name: 'bad name', mode: 'sometimes', labelPattern: '{plan}', retention: {}, properties: { timeout: 5 } };
    const parsed = parsePlanFile(file([PLAN, bad, { ...PLAN }]));
    assert.deepStrictEqual(parsed.plans, [PLAN]);
    const paths = parsed.issues.map((i) => i.path);
    for (const p of [
      'plans[1].name',
      'plans[1].mode',
      'plans[1].labelPattern',
      'plans[1].retention',
      'plans[1].properties.timeout',
      'plans[2].name',
    ]) {
      assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    }
    assert.strictEqual(schemaValidates(JSON.parse(file([bad]))), false);
  });

  it('throws a readable error on text that is not JSON', () => {
    assert.throws(() => parsePlanFile('{ "plans": ['), /not valid JSON/);
  });

  it('makes labels from the pattern that pass the label rule', () => {
    const date = new Date(2026, 11, 4, 18, 5, 9);
    assert.strictEqual(labelFromPattern('{plan}_{datetime}', { plan: 'nightly', database: 'db' }, date), 'nightly_20261204_180509');
    assert.strictEqual(labelFromPattern('{database}-{date}-{time}', { plan: 'p', database: 'a~b' }, date), 'a_b-20261204-180509');
    for (const db of ['x', 'a!@#$%^&<>=+', 'd'.repeat(60)]) {
      assert.strictEqual(
        validateName('label', labelFromPattern('{database}_{plan}_{datetime}', { plan: 'p', database: db }, date)),
        undefined,
      );
    }
  });

  it('refuses patterns that cannot make new, valid labels', () => {
    assert.match(labelPatternIssue('{plan}', 'p', 'db') ?? '', /needs \{datetime\}/);
    assert.match(labelPatternIssue('{plan}_{date}', 'p', 'db') ?? '', /needs \{datetime\}/);
    assert.match(labelPatternIssue('{plan}_{when}_{datetime}', 'p', 'db') ?? '', /Unknown placeholder \{when\}/);
    assert.match(labelPatternIssue('my plan {datetime}', 'p', 'db') ?? '', /server refuses: Label format error/);
    assert.match(labelPatternIssue('{plan}_{datetime}_' + 'x'.repeat(130), 'p', 'db') ?? '', /Label format error/);
    assert.strictEqual(labelPatternIssue('{date}x{time}', 'p', 'db'), undefined);
  });

  it('knows its own labels, and the prefix its retention is limited to', () => {
    assert.strictEqual(planLabelPrefix(PLAN), 'nightly_');
    assert.ok(labelMatchesPlan(PLAN, 'nightly_20261204_180509'));
    assert.ok(!labelMatchesPlan(PLAN, 'nightly_x_20261204_180509'));
    assert.ok(!labelMatchesPlan(PLAN, 'demo_sales_20261204_180509'));
    assert.ok(labelMatchesPlan({ ...PLAN, labelPattern: 'a.{database}_{date}{time}' }, 'a.demo_sales_20261204180509'));
    assert.ok(!labelMatchesPlan({ ...PLAN, labelPattern: 'a.{database}_{date}{time}' }, 'aXdemo_sales_20261204180509'));
  });

  it('validates a single plan object (what Save as Plan writes)', () => {
    assert.deepStrictEqual(validatePlan(PLAN), []);
    assert.ok(validatePlan({ ...PLAN, tables: [] }).some((i) => i.path === 'plan.tables'));
  });

  it('finds where each plan starts for the CodeLens, ignoring names elsewhere', () => {
    const text = planFileText({ version: 1, plans: [PLAN, { ...PLAN, name: 'weekly', tables: [{ name: 'nightly' }] }] });
    const positions = planNamePositions(text);
    assert.deepStrictEqual(
      positions.map((p) => p.name),
      ['nightly', 'weekly'],
    );
    for (const p of positions) assert.strictEqual(text[p.offset], '{');
    assert.ok(text.slice(positions[1].offset).startsWith('{\n      "name": "weekly"'));
    assert.deepStrictEqual(planNamePositions('{ "plans": [ '), []);
  });
});
