/**
 * Backup plans and restore drills in a real VS Code extension host against the sandbox: Save as
 * Plan at the end of Back Up, Run Plan (full the first time, nothing new the second time, only the
 * partition that changed after a load), the plan's retention, restore drills that verify or report
 * what differs, and the plan file's schema refusing a secret.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { DEMO_REPOSITORY, DEMO_SNAPSHOTS } from '../sandbox';
import { childLabelled, childrenOf, connectionNodeOf, descriptionOf, waitFor, words } from './support/explorer';
import { scriptPrompter } from './support/sandboxProfile';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { useSandboxSuite } from './support/sandboxSuite';

/** What the plan commands resolve to, loosely typed: the bundle's classes are not the test's. */
type Outcome = { status: string; text?: string; message?: string; reason?: string; sql?: string; [key: string]: unknown };
type Selection = { rule: string; tables: { name: string; partitions?: string[] }[] };
type Drill = {
  result: string;
  differing: string[];
  targetDatabase: string;
  restoredTables: string[];
  dropped: boolean;
  durationMs: number;
  label: string;
};

const PLAN_FILE = '.vscode/starrocks-backup-plans.json';

describe('Backup plans and restore drills', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let profile: ConnectionProfile;
  const suffix = randomBytes(3).toString('hex');
  const planName = `nightly_${suffix}`;
  const planLabels: string[] = [];

  const suite = useSandboxSuite({
    main: { options: { seed: 'demo', version: '3.4', jobSpeed: 'fast' }, profile: `plans ${suffix}`, s3: true },
    old: { options: { seed: 'demo', version: '3.3', jobSpeed: 'fast' }, profile: `plans 3.3 ${suffix}` },
  });

  async function run(command: string, argument?: unknown): Promise<Outcome> {
    return (await vscode.commands.executeCommand(command, argument)) as Outcome;
  }

  async function query(sql: string): Promise<Record<string, unknown>[]> {
    return (await (await api.connections.getSession(profile.id)).query(sql)).rows;
  }

  async function serverLabels(): Promise<string[]> {
    return (await query(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY}`)).map((r) => String(r.Snapshot)).sort();
  }

  function planFileUri(): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace has a folder');
    return vscode.Uri.joinPath(folder.uri, PLAN_FILE);
  }

  async function planNode() {
    const connection = await connectionNodeOf(api, profile.id);
    const { node: plans, item } = await childLabelled(api, connection, 'Plans');
    assert.ok(words(item).includes('plansSection'));
    return childLabelled(api, plans, planName);
  }

  before(async () => {
    ({ api, originalPrompter } = suite);
    profile = suite.profile('main');
    const sandbox = suite.sandbox('main');
    await api.connections.setS3Credentials(profile.id, DEMO_REPOSITORY, {
      kind: 'keys',
      accessKeyId: sandbox.info.accessKey,
      secretAccessKey: sandbox.info.secretKey,
    });
    await api.connections.setS3Endpoint(profile.id, DEMO_REPOSITORY, {
      endpoint: sandbox.info.s3Endpoint,
      region: sandbox.info.region,
      forcePathStyle: true,
    });
  });

  afterEach(() => {
    const scripted = api.prompter;
    api.prompter = originalPrompter;
    if (scripted instanceof ScriptedPrompter) scripted.assertFinished();
  });

  after(async () => {
    await vscode.workspace.fs.delete(planFileUri()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('saves a plan at the end of Back Up, without running anything, and shows it under the connection', async () => {
    const before = await serverLabels();
    scriptPrompter(api)
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Whole database')
      .answer(/^Snapshot label/, `unused_${suffix}`)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_sales to repository/, 'Save as Plan…')
      .answer(/Plan name/, planName)
      .choose(/What each run backs up/, /New partitions since the last snapshot/)
      .answer(/label pattern/, '{plan}_{datetime}')
      .choose(/After each run/, /Apply a retention policy/)
      .choose(/Which snapshots to keep/, 'Keep the newest N snapshots')
      .answer(/How many/, '1')
      .choose(/Incomplete snapshots/, 'Keep incomplete snapshots');
    const outcome = await run('starrocksBackup.backup', { profileId: profile.id, repository: DEMO_REPOSITORY });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    assert.equal(outcome.text, planName);
    assert.deepEqual(await serverLabels(), before, 'saving a plan runs no BACKUP');

    const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(planFileUri())).toString('utf8'));
    assert.deepEqual(saved, {
      version: 1,
      plans: [
        {
          name: planName,
          connection: profile.name,
          database: 'demo_sales',
          mode: 'newPartitions',
          repository: DEMO_REPOSITORY,
          labelPattern: '{plan}_{datetime}',
          retention: { keepLast: 1 },
        },
      ],
    });
    const { item } = await waitFor('the plan in the tree', async () => await planNode().catch(() => undefined));
    assert.ok(words(item).includes('plan'));
    assert.equal(descriptionOf(item), 'never run');

    // The plan file offers Run Plan and Run Restore Drill… above the plan.
    await vscode.window.showTextDocument(planFileUri());
    const lenses = await waitFor('the CodeLens of the plan file', async () => {
      const found = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', planFileUri())) as vscode.CodeLens[];
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(
      lenses.map((lens) => [lens.command?.title, lens.command?.command, lens.command?.arguments?.[0]]),
      [
        ['Run Plan', 'starrocksBackup.runPlan', { plan: planName }],
        ['Run Restore Drill…', 'starrocksBackup.restoreDrill', { plan: planName }],
      ],
    );
  });

  it('runs the plan: the first run backs up everything, through the job tracker', async () => {
    scriptPrompter(api).accept(/^Run plan .*: back up demo_sales/, 'Run');
    const outcome = await run('starrocksBackup.runPlan', { plan: planName });
    assert.equal(outcome.status, 'submitted', JSON.stringify(outcome));
    const selection = outcome.selection as Selection;
    assert.equal(selection.rule, 'first');
    assert.deepEqual(selection.tables.map((t) => t.name).sort(), ['customers', 'orders']);
    assert.ok(
      selection.tables.every((t) => t.partitions === undefined),
      'whole tables',
    );
    const run1 = outcome.run as { label: string; result: string };
    assert.equal(run1.result, 'finished');
    assert.match(run1.label, new RegExp(`^${planName}_\\d{8}_\\d{6}$`));
    planLabels.push(run1.label);
    assert.ok((await serverLabels()).includes(run1.label));
    assert.equal(api.jobs.list(profile.id).find((j) => j.label === run1.label)?.phase, 'finished');
    // The plan's retention ran with its dry-run preview: one snapshot of the plan, nothing to delete.
    const retention = outcome.retention as Outcome;
    assert.equal(retention.status, 'done');
    assert.match(retention.text ?? '', /Nothing has been deleted/);
    const { item } = await planNode();
    assert.match(descriptionOf(item), /last run .*: backed up/);
  });

  it('says there is nothing new to back up when no data changed, and sends no BACKUP', async () => {
    const before = await serverLabels();
    scriptPrompter(api);
    const outcome = await run('starrocksBackup.runPlan', { plan: planName });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    assert.match(
      outcome.text ?? '',
      new RegExp(`Nothing new to back up for plan ${planName}: every partition has the VisibleVersion it had in snapshot ${planLabels[0]}`),
    );
    assert.deepEqual(await serverLabels(), before);
  });

  it("after new rows in one partition backs up only that partition, then applies the plan's retention", async () => {
    await query("INSERT INTO demo_sales.orders VALUES (5001, '2024-02-15', 100, 1.50), (5002, '2024-02-16', 101, 2.50)");
    const prompts = scriptPrompter(api)
      .accept(/^Run plan .*: back up demo_sales/, 'Run')
      .accept(/^Delete 1 snapshot\(s\) from repository/, 'Delete…')
      .answer(/Type the repository name/, DEMO_REPOSITORY);
    const outcome = await run('starrocksBackup.runPlan', { plan: planName });
    assert.equal(outcome.status, 'submitted', JSON.stringify(outcome));
    const selection = outcome.selection as Selection;
    assert.equal(selection.rule, 'versions');
    assert.deepEqual(selection.tables, [{ name: 'orders', partitions: ['p202402'] }]);
    assert.match(outcome.sql ?? '', /ON \(TABLE `orders` PARTITION \(`p202402`\)\)/);
    const preview = prompts.transcript.find((r) => r.kind === 'confirm' && /^Run plan/.test(r.message ?? ''));
    assert.match(preview?.detail ?? '', /Rule: partitions whose VisibleVersion \(SHOW PARTITIONS\) is higher than in the plan's snapshots/);
    assert.match(preview?.detail ?? '', /Changed: orders\.p202402 \(\d+ → \d+\)/);
    assert.match(preview?.detail ?? '', /Unchanged, left out: customers\.customers, orders\.p202401, orders\.p202403\./);
    const label = (outcome.run as { label: string }).label;
    planLabels.push(label);
    const detail = await query(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY} WHERE SNAPSHOT = '${label}'`);
    assert.equal(detail.length, 1);

    // Retention: keep the newest 1 of the plan's own snapshots; the demo snapshots are not the plan's.
    const retention = outcome.retention as Outcome & { retention: { deleted: string[] } };
    assert.equal(retention.status, 'done', JSON.stringify(retention));
    assert.deepEqual(retention.retention.deleted, [planLabels[0]]);
    const labels = await serverLabels();
    assert.ok(labels.includes(label) && !labels.includes(planLabels[0]));
    assert.ok(
      labels.some((l) => !l.startsWith(planName)),
      'snapshots of other labels are left alone',
    );
  });

  it("a drill restores the plan's latest snapshot into a scratch database, verifies equal counts and drops it after asking", async () => {
    const latest = planLabels[planLabels.length - 1];
    const prompts = scriptPrompter(api)
      .choose(/Snapshot to drill/, latest)
      .choose(/Connection to restore the drill on/, profile.name)
      .accept(/^Restore drill: restore snapshot/, 'Run')
      .accept(/^Drop the drill's scratch database/, 'Drop Scratch Objects');
    const { node } = await planNode();
    const outcome = await run('starrocksBackup.restoreDrill', node);
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const drill = outcome.drill as Drill;
    assert.equal(drill.result, 'verified', JSON.stringify(outcome.drillVerification));
    assert.equal(drill.label, latest);
    assert.deepEqual(drill.differing, []);
    assert.ok(drill.durationMs > 0);
    assert.match(drill.targetDatabase, /^demo_sales_drill_\d{8}_\d{6}$/);
    // Never a source name: the preview lists every restored name, and none is demo_sales.<table>.
    const preview = prompts.transcript.find((r) => r.kind === 'confirm' && /^Restore drill/.test(r.message ?? ''));
    assert.match(
      preview?.detail ?? '',
      new RegExp(`RESTORE SNAPSHOT \`${latest}\` FROM \`${DEMO_REPOSITORY}\` DATABASE \`demo_sales\` AS \`${drill.targetDatabase}\``),
    );
    assert.match(preview?.detail ?? '', new RegExp(`demo_sales\\.orders → ${drill.targetDatabase}\\.orders`));
    assert.notEqual(drill.targetDatabase, 'demo_sales');
    // The report: opened, with the duration and the verification.
    const report = vscode.workspace.textDocuments.find((d) => d.getText().startsWith(`# Restore drill of \`${latest}\``));
    assert.ok(report, 'the drill report is open');
    assert.match(report.getText(), /Duration: \d+ s/);
    // Dropped after the confirmation; the source is untouched.
    assert.equal(drill.dropped, true);
    const databases = (await query('SHOW DATABASES')).map((r) => String(Object.values(r)[0]));
    assert.ok(!databases.includes(drill.targetDatabase), databases.join(', '));
    assert.equal(Number((await query('SELECT COUNT(*) AS n FROM demo_sales.orders WHERE order_id IN (5001, 5002)'))[0].n), 2);
    // The tree and the details document show the drill.
    const { node: plan, item } = await planNode();
    assert.match(descriptionOf(item), /drill verified/);
    const drills = await childrenOf(api, plan);
    assert.equal(drills.length, 1);
    assert.ok(words(drills[0].item).includes('drillVerified'));
    await run('starrocksBackup.showPlanDetails', plan);
    const details = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(details, /## Drills/);
    assert.match(details, new RegExp(`\\| ${latest} \\| \\d+ s \\| drill verified \\| — \\|`));
  });

  it('a drill of a snapshot whose data differs from the source reports the tables that differ, and keeps the scratch database when told to', async () => {
    const latest = planLabels[planLabels.length - 1];
    await query("INSERT INTO demo_sales.orders VALUES (5003, '2024-02-20', 102, 3.50)");
    scriptPrompter(api)
      .choose(/Connection to restore the drill on/, profile.name)
      .accept(/^Restore drill: restore snapshot/, 'Run')
      .accept(/^Drop the drill's scratch database/, undefined);
    const snapshot = (await query(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY} WHERE SNAPSHOT = '${latest}'`))[0];
    const outcome = await run('starrocksBackup.restoreDrill', {
      profileId: profile.id,
      repository: DEMO_REPOSITORY,
      label: latest,
      timestamp: String(snapshot.Timestamp),
    });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const drill = outcome.drill as Drill;
    assert.equal(drill.result, 'differs');
    assert.deepEqual(drill.differing, ['orders.p202402']);
    assert.equal(drill.dropped, false);
    const databases = (await query('SHOW DATABASES')).map((r) => String(Object.values(r)[0]));
    assert.ok(databases.includes(drill.targetDatabase), 'kept when the user chose Not Now');
    await query(`DROP DATABASE \`${drill.targetDatabase}\``);
    // Found as the plan's snapshot (its label matches the pattern): recorded in the plan's history.
    const { node: plan } = await planNode();
    const drills = await childrenOf(api, plan);
    assert.equal(drills.length, 2);
    assert.ok(words(drills[0].item).includes('drillDiffers'));
  });

  it('refuses to run a plan file holding a secret, and the schema marks the key in the editor', async () => {
    const uri = planFileUri();
    const original = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
    const withSecret = {
      version: 1,
      plans: [
        {
          name: planName,
          connection: profile.name,
          database: 'demo_sales',
          mode: 'full',
          repository: DEMO_REPOSITORY,
          labelPattern: '{plan}_{datetime}',
          properties: { 'aws.s3.secret_key': 'abc' },
        },
      ],
    };
    const text = JSON.stringify(withSecret, null, 2);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    try {
      api.plans.reload();
      scriptPrompter(api);
      const outcome = await run('starrocksBackup.runPlan', { plan: planName });
      assert.equal(outcome.status, 'refused', JSON.stringify(outcome));
      assert.match(
        outcome.reason ?? '',
        /The plan file holds what looks like a secret \(plans\[0\]\.properties\.aws\.s3\.secret_key\), so no plan in it is run/,
      );
      assert.ok(!(outcome.reason ?? '').includes('abc'), 'the value is never repeated');

      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const keyAt = document.positionAt(text.indexOf('"aws.s3.secret_key"'));
      const diagnostics = await waitFor(
        'a JSON schema diagnostic in the plan file',
        () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.length > 0 ? found : undefined;
        },
        60_000,
      );
      const shown = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join(' | ');
      const onKey = diagnostics.filter((d) => d.range.start.line === keyAt.line);
      assert.ok(onKey.length > 0, `a diagnostic on line ${keyAt.line}: ${shown}`);
      assert.ok(
        onKey.some((d) => d.severity <= vscode.DiagnosticSeverity.Warning && /not allowed|secret/i.test(d.message)),
        shown,
      );
    } finally {
      if (original) await vscode.workspace.fs.writeFile(uri, original);
      else await vscode.workspace.fs.delete(uri);
      api.plans.reload();
    }
  });

  it('before 3.4 a drill restores every table under a new name (AS) into the source database, verifies, and drops only those tables', async () => {
    const old = suite.profile('old');
    const session = await api.connections.getSession(old.id);
    const q = async (sql: string) => (await session.query(sql)).rows;
    const snapshot = (await q(`SHOW SNAPSHOT ON ${DEMO_REPOSITORY} WHERE SNAPSHOT = '${DEMO_SNAPSHOTS.base}'`))[0];
    const tablesBefore = (await q('SHOW TABLES FROM demo_sales')).map((r) => String(Object.values(r)[0])).sort();
    const prompts = scriptPrompter(api)
      .choose(/Connection to restore the drill on/, old.name)
      .accept(/^Restore drill: restore snapshot/, 'Run')
      .accept(/^Drop the drill's scratch tables/, 'Drop Scratch Objects');
    const outcome = await run('starrocksBackup.restoreDrill', {
      profileId: old.id,
      repository: DEMO_REPOSITORY,
      label: DEMO_SNAPSHOTS.base,
      timestamp: String(snapshot.Timestamp),
    });
    assert.equal(outcome.status, 'done', JSON.stringify(outcome));
    const drill = outcome.drill as Drill;
    assert.equal(drill.result, 'verified', JSON.stringify(outcome.drillVerification));
    assert.equal(drill.targetDatabase, 'demo_sales');
    assert.ok(drill.restoredTables.length >= 2);
    for (const restored of drill.restoredTables) {
      assert.match(restored, /_drill_\d{8}_\d{6}$/);
      assert.ok(!tablesBefore.includes(restored), `${restored} is not a source table`);
    }
    const preview = prompts.transcript.find((r) => r.kind === 'confirm' && /^Restore drill/.test(r.message ?? ''));
    assert.match(
      preview?.detail ?? '',
      /^RESTORE SNAPSHOT `demo_sales`\.`demo_sales_base` FROM `demo_repo` ON \(`orders` AS `orders_drill_\d{8}_\d{6}`, `customers` AS `customers_drill_\d{8}_\d{6}`\)/,
    );
    assert.equal(drill.dropped, true);
    assert.deepEqual((await q('SHOW TABLES FROM demo_sales')).map((r) => String(Object.values(r)[0])).sort(), tablesBefore);
  });
});
