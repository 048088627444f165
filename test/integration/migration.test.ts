/**
 * Migrate to Another Cluster… and Verify Restore… in the real extension host, against two sandbox
 * clusters over one S3 server: the target gets a READ ONLY repository of the same name and location,
 * a fresh backup of the source is restored there, and the verification reads both clusters.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import type { VerificationReport } from '../../src/starrocks/verification';
import type { RunningSandbox } from '../sandbox';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { useSandboxSuite } from './support/sandboxSuite';

describe('Migrate to Another Cluster and Verify Restore (two clusters, one S3)', function () {
  this.timeout(300_000);
  const suffix = randomBytes(3).toString('hex');
  let api: ExtensionApi;
  let source: RunningSandbox;
  let target: RunningSandbox;
  let sourceProfile: ConnectionProfile;
  let targetProfile: ConnectionProfile;
  let migratedLabel: string | undefined;

  const suite = useSandboxSuite({
    source: { options: { version: '3.4', seed: 'demo', jobSpeed: 'fast' }, profile: `migrate source ${suffix}` },
    target: { options: { version: '3.4', jobSpeed: 'fast' }, sharesS3With: 'source', profile: `migrate target ${suffix}` },
  });
  before(async () => {
    api = suite.api;
    [source, target, sourceProfile, targetProfile] = [
      suite.sandbox('source'),
      suite.sandbox('target'),
      suite.profile('source'),
      suite.profile('target'),
    ];
    // Keys stored for demo_repo on the source (as Set S3 Credentials… keeps them): the target's repository reuses them.
    await api.connections.setS3Credentials(sourceProfile.id, 'demo_repo', {
      kind: 'keys',
      accessKeyId: source.info.accessKey,
      secretAccessKey: source.info.secretKey,
    });
    await api.connections.setS3Endpoint(sourceProfile.id, 'demo_repo', {
      endpoint: source.info.s3Endpoint,
      region: source.info.region,
      forcePathStyle: true,
    });
  });
  afterEach(() => {
    api.prompter = suite.originalPrompter;
  });

  function script(): ScriptedPrompter {
    const scripted = new ScriptedPrompter();
    api.prompter = scripted;
    return scripted;
  }

  async function run(command: string, argument?: unknown): Promise<WorkflowOutcome> {
    return (await vscode.commands.executeCommand(command, argument)) as WorkflowOutcome;
  }

  async function count(profileId: string, sql: string): Promise<number> {
    const session = await api.connections.getSession(profileId);
    const { rows } = await session.query<Record<string, unknown>>(sql);
    return Number(rows[0].n);
  }

  /** The report is open as a Markdown document beside the editors; closed (reverted) after the check. */
  async function closeReport(markdown: string): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.getText() === markdown);
    assert.ok(
      document,
      `the report is open; open: ${vscode.workspace.textDocuments.map((d) => `${d.languageId}:${d.getText().slice(0, 60)}`).join(' | ')}`,
    );
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }

  function reportOf(outcome: WorkflowOutcome): { report: VerificationReport; markdown: string } {
    assert.ok(outcome.status === 'done' && outcome.verification && outcome.text, JSON.stringify(outcome).slice(0, 2000));
    return { report: outcome.verification, markdown: outcome.text };
  }

  it('migrates a fresh backup in the guide order and ends with a verification report of equal counts', async () => {
    const label = `mig_${suffix}`;
    const prompts = script()
      .accept(/before you start/, 'Continue')
      .choose(/Cluster to migrate to/, targetProfile.name)
      .accept(/has no repository demo_repo/, 'Create Read-Only Repository')
      .choose(/How the cluster authenticates to S3/, `Same keys as on ${sourceProfile.name}`)
      .accept(/^Create repository demo_repo on/, 'Run')
      .choose(/Snapshot to migrate/, /Take a fresh backup first/)
      .choose(/How to verify the restored data/, 'Row counts and content checksums')
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Whole database')
      .answer(/^Snapshot label/, label)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_sales to repository demo_repo/, 'Run')
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Same names')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run');
    const outcome = await run('starrocksBackup.migrateToCluster', { profileId: sourceProfile.id, repository: 'demo_repo' });
    prompts.assertFinished();
    const { report, markdown } = reportOf(outcome);
    migratedLabel = label;

    // The usage notes came first, before any question.
    const first = prompts.transcript[0];
    assert.equal(first.kind, 'confirm');
    assert.match(first.detail ?? '', /after the snapshot was taken is not in the snapshot/);
    assert.match(first.detail ?? '', /Load both clusters in parallel for a while, verify, and switch/);
    // The guide's order: target, its repository, then the snapshot.
    const order = prompts.transcript.map((r) => r.placeholder ?? r.message ?? '');
    const at = (re: RegExp) => order.findIndex((text) => re.test(text));
    assert.ok(at(/Cluster to migrate to/) < at(/has no repository demo_repo/), order.join(' | '));
    assert.ok(at(/has no repository demo_repo/) < at(/Snapshot to migrate/));
    assert.ok(at(/Snapshot to migrate/) < at(/^Back up demo_sales/));
    assert.ok(at(/^Back up demo_sales/) < at(/^Restore snapshot/));
    const offer = prompts.transcript.find((r) => r.kind === 'confirm' && /has no repository demo_repo/.test(r.message ?? ''));
    assert.deepEqual(offer?.actions, ['Create Read-Only Repository', 'Create Writable Repository']);
    const [repo] = await api.catalog.repositories(targetProfile.id);
    assert.deepEqual([repo?.name, repo?.readOnly], ['demo_repo', true]);

    // The backup ran on the source, the restore on the target.
    assert.ok((await source.control.statementLog()).some((e) => e.sql.startsWith('BACKUP') && e.sql.includes(label)));
    assert.ok((await target.control.statementLog()).some((e) => e.sql.startsWith('RESTORE') && e.sql.includes(label)));
    assert.ok(!(await source.control.statementLog()).some((e) => e.sql.startsWith('RESTORE')), 'nothing restored on the source');

    // The verification: equal per table and per partition, with checksums, read from both clusters.
    assert.equal(report.verified, true, markdown);
    assert.equal(report.checksum, true);
    assert.deepEqual(
      report.tables.map((t) => [t.sourceTable, t.targetTable, t.verdict]),
      [
        ['orders', 'orders', 'equal'],
        ['customers', 'customers', 'equal'],
      ],
    );
    const orders = report.tables[0];
    assert.deepEqual(
      orders.partitions.map((p) => [p.partition, p.verdict]),
      [
        ['p202401', 'equal'],
        ['p202402', 'equal'],
        ['p202403', 'equal'],
      ],
    );
    const sourceRows = await count(sourceProfile.id, 'SELECT COUNT(*) AS n FROM demo_sales.orders');
    assert.ok(orders.total.source.kind === 'rows' && orders.total.target.kind === 'rows');
    assert.deepEqual([orders.total.source.rows, orders.total.target.rows], [sourceRows, sourceRows]);
    assert.ok((await target.control.statementLog()).some((e) => /^SELECT COUNT\(\*\) AS `row_count`, SUM\(murmur_hash3_32\(/.test(e.sql)));
    assert.match(markdown, /\*\*Verified\*\*: all 2 table\(s\) have the same row counts and checksums/);
    assert.match(markdown, /Load both clusters in parallel/);
    // The report is open as a Markdown document.
    await closeReport(markdown);
  });

  it('Verify Restore… shows which partition differs, with both counts, after rows were loaded on the target', async () => {
    assert.ok(migratedLabel, 'the migration test ran first');
    // Rows loaded into the target after the restore: one into p202402 of orders.
    const onTarget = await api.connections.getSession(targetProfile.id);
    const before = await count(targetProfile.id, 'SELECT COUNT(*) AS n FROM demo_sales.orders PARTITION (p202402)');
    await onTarget.query("INSERT INTO demo_sales.orders VALUES (990001, '2024-02-20', 101, 12.50), (990002, '2024-02-21', 102, 1.00)");

    const prompts = script()
      .choose(/Source database/, 'demo_sales')
      .choose(/Connection the restore ran on/, targetProfile.name)
      .choose(/Database the restore wrote/, 'demo_sales')
      .choose(/Table names on the target/, 'Same table names')
      .choose(/How to verify the restored data/, 'Row counts');
    const outcome = await run('starrocksBackup.verifyRestore', { profileId: sourceProfile.id });
    prompts.assertFinished();
    const { report, markdown } = reportOf(outcome);
    assert.equal(report.verified, false);
    const orders = report.tables.find((t) => t.sourceTable === 'orders');
    assert.equal(orders?.verdict, 'differs');
    assert.deepEqual(
      orders?.partitions.filter((p) => p.verdict !== 'equal').map((p) => p.partition),
      ['p202402'],
    );
    const changed = orders?.partitions.find((p) => p.partition === 'p202402');
    assert.ok(changed?.source.kind === 'rows' && changed.target.kind === 'rows');
    assert.deepEqual([changed.source.rows, changed.target.rows], [before, before + 2]);
    assert.equal(report.tables.find((t) => t.sourceTable === 'customers')?.verdict, 'equal');
    assert.match(markdown, /\*\*Differences found\*\*: 1 of 2 table\(s\) differ/);
    assert.match(
      markdown,
      new RegExp(`\\| orders / p202402 \\| \\*\\*differs\\*\\* \\| ${before} \\| ${before + 2} \\| row counts differ \\|`),
    );
    await closeReport(markdown);
  });

  it('migrates an existing snapshot into another database (DATABASE … AS) and verifies it under the mapped name', async () => {
    assert.ok(migratedLabel, 'the migration test ran first');
    const prompts = script()
      .accept(/before you start/, 'Continue')
      .choose(/Cluster to migrate to/, targetProfile.name)
      .choose(/Snapshot to migrate/, migratedLabel)
      .choose(/How to verify the restored data/, 'Row counts')
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Another database')
      .answer(/Database to restore into/, 'demo_sales_copy')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run');
    const outcome = await run('starrocksBackup.migrateToCluster', { profileId: sourceProfile.id, repository: 'demo_repo' });
    prompts.assertFinished();
    const { report } = reportOf(outcome);
    assert.ok(!prompts.transcript.some((r) => /has no repository/.test(r.message ?? '')), 'the repository is there already');
    assert.deepEqual([report.source.database, report.target.database], ['demo_sales', 'demo_sales_copy']);
    assert.equal(report.verified, true, outcome.status === 'done' ? outcome.text : '');
    await closeReport(outcome.status === 'done' ? (outcome.text ?? '') : '');
  });
});
