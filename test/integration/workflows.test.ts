import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { parsePartitions } from '../../src/starrocks/parsers/partitions';
import { buildCreateRepository } from '../../src/starrocks/builders/repository';
import { showPartitions } from '../../src/starrocks/builders/show';
import type { RepositoryNode } from '../../src/views/nodes/repositoryNode';
import type { SnapshotNode } from '../../src/views/nodes/snapshotNode';
import { startSandbox } from '../sandbox';
import { childLabelled, childrenOf, connectionNodeOf, labelOf, waitFor, words } from './support/explorer';
import { ScriptedPrompter } from './support/scriptedPrompter';
import { addSandboxProfile } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe('Backup and restore workflows', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let demo: Sandbox;
  let other: Sandbox;
  let profile: ConnectionProfile;
  let otherProfile: ConnectionProfile;
  let s3: S3Client;
  const suffix = randomBytes(3).toString('hex');
  const repoName = `wf_repo_${suffix}`;
  const repoPrefix = `wf-${suffix}`;
  const backupLabel = `wf_backup_${suffix}`;

  function script(): ScriptedPrompter {
    const scripted = new ScriptedPrompter();
    api.prompter = scripted;
    return scripted;
  }

  async function run(command: string, argument?: unknown): Promise<WorkflowOutcome> {
    return (await vscode.commands.executeCommand(command, argument)) as WorkflowOutcome;
  }

  async function count(db: string, table: string, profileId = profile.id): Promise<number> {
    const session = await api.connections.getSession(profileId);
    const { rows } = await session.query<Record<string, unknown>>(`SELECT COUNT(*) AS n FROM \`${db}\`.\`${table}\``);
    return Number(rows[0].n);
  }

  async function repositoryNode(name: string): Promise<RepositoryNode> {
    const connection = await connectionNodeOf(api, profile.id);
    api.tree.refresh(connection);
    const { node, item } = await childLabelled(api, connection, name);
    // The extension runs from its bundle, so its classes are not the ones the tests import: check the words.
    assert.ok(words(item).includes('repository'));
    return node as RepositoryNode;
  }

  async function snapshotNode(repo: RepositoryNode, label: string): Promise<SnapshotNode> {
    api.tree.refresh(repo);
    const { node, item } = await childLabelled(api, repo, label);
    assert.ok(words(item).includes('snapshot'));
    return node as SnapshotNode;
  }

  async function keysUnder(prefix: string): Promise<string[]> {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: demo.info.bucket, Prefix: prefix }));
    return (result.Contents ?? []).map((o) => o.Key as string).sort();
  }

  async function waitForJob(key: string | undefined): Promise<void> {
    assert.ok(key, 'the workflow returned no job key');
    const job = await waitFor(
      `job ${key} to end`,
      () => {
        const tracked = api.jobs.get(key);
        return tracked && tracked.phase !== 'running' ? tracked : undefined;
      },
      90_000,
      500,
    );
    assert.equal(job.phase, 'finished', `job ended ${job.phase}: ${job.state} ${job.statusMessage ?? ''}`);
  }

  async function statementsOfKind(kind: string): Promise<string[]> {
    return (await demo.control.statementLog()).filter((e) => e.kind === kind).map((e) => e.sql);
  }

  const suite = useSandboxSuite({
    demo: { options: { seed: 'demo', jobSpeed: 'fast' }, profile: `wf demo ${suffix}`, s3: true },
    other: { options: { seed: 'empty' }, profile: `wf other ${suffix}` },
  });
  before(() => {
    ({ api, originalPrompter } = suite);
    [demo, other, profile, otherProfile, s3] = [
      suite.sandbox('demo'),
      suite.sandbox('other'),
      suite.profile('demo'),
      suite.profile('other'),
      suite.s3('demo'),
    ];
  });

  afterEach(async () => {
    api.prompter = originalPrompter;
    await demo.control.releaseJobs();
  });

  it('creates a repository: each step numbered, s3:// turned into s3a://, the secret key masked and kept in SecretStorage', async () => {
    const prompts = script()
      .answer(/^Name of the repository/, repoName)
      .answer(/^Bucket and path/, `s3://${demo.info.bucket}/${repoPrefix}`)
      .choose(/How the cluster authenticates/, 'S3-compatible endpoint')
      .answer(/^The S3 endpoint/, demo.info.s3Endpoint)
      .answer(/^Access key ID/, demo.info.accessKey)
      .answer(/^Secret access key/, demo.info.secretKey)
      .answer(/^The region the store expects/, demo.info.region)
      .choose(/How the store addresses buckets/, 'Path-style access')
      .choose(/May this cluster write/, 'Read-write')
      .accept(/^Create repository/, 'Run');
    const outcome = await run('starrocksBackup.createRepository', { profileId: profile.id });
    prompts.assertFinished();
    assert.equal(outcome.status, 'submitted', JSON.stringify(outcome));
    assert.ok(outcome.status === 'submitted');
    assert.match(
      outcome.sql,
      new RegExp(`^CREATE REPOSITORY \`${repoName}\` WITH BROKER ON LOCATION 's3a://${demo.info.bucket}/${repoPrefix}'`),
    );
    // The sandbox's S3 uses the same text for access and secret key: check the secret's own place.
    assert.match(outcome.sql, /'aws\.s3\.secret_key' = '\*\*\*'/);
    assert.match(outcome.sql, new RegExp(`'aws\\.s3\\.access_key' = '${demo.info.accessKey}'`), 'the access key id stays visible');

    const steps = prompts.transcript.filter((r) => r.kind === 'inputStep' || r.kind === 'pickStep');
    assert.ok(steps.every((r) => r.title === 'Create Repository'));
    assert.deepEqual(
      steps.map((r) => r.step),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.equal(steps[0].totalSteps, 4, 'before the method is known: name, location, method, read-only');
    assert.equal(steps[8].totalSteps, 9);
    const preview = prompts.transcript.find((r) => r.kind === 'confirm');
    assert.deepEqual(preview?.actions, ['Run', 'Open in Editor', 'Copy']);
    assert.match(preview?.detail ?? '', /s3:\/\/ was changed to s3a:\/\//);
    const secretPrompt = prompts.transcript.find((r) => r.prompt?.startsWith('Secret access key'));
    assert.equal(secretPrompt?.password, true, 'the secret is typed into a password box');
    assert.equal(secretPrompt?.value, undefined, 'and never prefilled');
    assert.match(preview?.detail ?? '', /'aws\.s3\.secret_key' = '\*\*\*'/);

    assert.deepEqual(await api.connections.getS3Credentials(profile.id, repoName), {
      kind: 'keys',
      accessKeyId: demo.info.accessKey,
      secretAccessKey: demo.info.secretKey,
    });
    assert.deepEqual(api.connections.getS3Endpoint(profile.id, repoName), {
      endpoint: demo.info.s3Endpoint,
      region: demo.info.region,
      forcePathStyle: true,
      // The repository's own non-secret credential properties, for Copy SQL.
      repositoryAuth: {
        method: 's3Compatible',
        accessKey: demo.info.accessKey,
        endpoint: demo.info.s3Endpoint,
        region: demo.info.region,
        pathStyle: true,
      },
    });
    assert.ok(
      (await keysUnder(`${repoPrefix}/`)).some((k) => k.endsWith(`__starrocks_repository_${repoName}/__repo_info`)),
      'the FE initialised the location',
    );
    const repo = await repositoryNode(repoName);
    assert.deepEqual(words(api.tree.getTreeItem(repo) as vscode.TreeItem), ['repository', 'writable']);
  });

  it('backs up two tables with a partition list, and the snapshot appears in the tree', async () => {
    const repo = await repositoryNode(repoName);
    const prompts = script()
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Choose tables and partitions…')
      .chooseMany(/Tables to back up/, ['orders', 'customers'])
      .chooseMany(/Partitions to back up/, ['p202401', 'p202402'])
      .answer(/^Snapshot label/, backupLabel)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_sales to repository/, 'Run');
    const outcome = await run('starrocksBackup.backup', repo);
    prompts.assertFinished();
    assert.ok(outcome.status === 'submitted', JSON.stringify(outcome));
    assert.match(outcome.sql, new RegExp(`^BACKUP DATABASE \`demo_sales\` SNAPSHOT \`${backupLabel}\` TO \`${repoName}\` ON \\(`));
    assert.match(outcome.sql, /`orders` PARTITION \(`p202401`, `p202402`\)/);
    assert.match(outcome.sql, /`customers`/);
    assert.ok(!outcome.sql.includes('p202403'));
    const label = prompts.transcript.find((r) => r.prompt?.startsWith('Snapshot label'));
    assert.match(label?.value ?? '', /^demo_sales_\d{8}_\d{6}$/, 'the default label is <db>_<yyyyMMdd_HHmmss>');
    // Every step, the multi-selects included, is numbered; the total grows as answers add steps.
    const steps = prompts.transcript.filter((r) => r.kind !== 'confirm');
    assert.ok(
      steps.every((r) => r.title === 'Back Up'),
      prompts.describeTranscript(),
    );
    assert.deepEqual(
      steps.map((r) => `${r.kind} ${r.step}/${r.totalSteps}`),
      ['pickStep 1/4', 'pickStep 2/4', 'pickManyStep 3/5', 'pickManyStep 4/6', 'inputStep 5/6', 'pickStep 6/6'],
    );
    assert.equal(steps[2].placeholder, 'Tables to back up from demo_sales');

    const tracked = api.jobs.get(outcome.jobKey as string);
    assert.equal(tracked?.kind, 'BACKUP');
    assert.equal(tracked?.repository, repoName);
    const connection = await connectionNodeOf(api, profile.id);
    const jobs = await childLabelled(api, connection, 'Jobs');
    const jobItems = await childrenOf(api, jobs.node);
    assert.ok(
      jobItems.some((j) => labelOf(j.item) === `Backup demo_sales.${backupLabel}` && words(j.item).includes('job')),
      'the Jobs section lists the backup',
    );

    // No manual refresh: the tree forgets the repository's listing whenever the backup moves.
    const snapshot = await waitFor(
      'the snapshot to be complete in the tree',
      async () => {
        const children = await childrenOf(api, repo);
        return children.find((c) => labelOf(c.item) === backupLabel && words(c.item).includes('restorable'));
      },
      90_000,
      1_000,
    );
    assert.deepEqual(words(snapshot.item), ['snapshot', 'ok', 'restorable']);
    await waitForJob(outcome.jobKey);
  });

  it('offers the partitions changed since the last snapshot first, and selects them', async () => {
    const session = await api.connections.getSession(profile.id);
    await session.query("INSERT INTO demo_sales.orders VALUES (9001, '2024-03-20', 100, 12.50)");
    const prompts = script()
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Choose tables and partitions…')
      .chooseMany(/Tables to back up/, ['orders'])
      .dismiss(/Partitions to back up/);
    assert.equal((await run('starrocksBackup.backup', await repositoryNode(repoName))).status, 'cancelled');
    prompts.assertFinished();
    const partitions = prompts.transcript.find((r) => r.kind === 'pickManyStep' && /Partitions/.test(r.placeholder ?? ''));
    assert.match(partitions?.placeholder ?? '', /changed since the last snapshot are selected/);
    assert.deepEqual(
      partitions?.items?.map((i) => i.label),
      ['p202403', 'p202401', 'p202402'],
      'the changed partition comes first',
    );
    assert.match(partitions?.items?.[0].description ?? '', /changed since the last snapshot/);
    assert.doesNotMatch(partitions?.items?.[1].description ?? '', /changed/);
  });

  it('goes Back from a multi-select step, and back to one shows its earlier answer', async () => {
    const prompts = script()
      .choose(/Database to back up/, 'demo_sales')
      .choose(/What to back up/, 'Choose tables and partitions…')
      .chooseMany(/Tables to back up/, ['orders', 'customers'])
      .chooseMany(/Partitions to back up/, ['p202401'])
      .goBack(/^Snapshot label/)
      .goBack(/Partitions to back up/)
      .chooseMany(/Tables to back up/, ['customers'])
      .answer(/^Snapshot label/, `wf_back_${suffix}`)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_sales/, 'Copy');
    const outcome = await run('starrocksBackup.backup', await repositoryNode(repoName));
    prompts.assertFinished();
    assert.ok(outcome.status === 'copied', JSON.stringify(outcome));
    assert.equal(outcome.sql, `BACKUP DATABASE \`demo_sales\` SNAPSHOT \`wf_back_${suffix}\` TO \`${repoName}\` ON (TABLE \`customers\`)`);

    const steps = prompts.transcript.filter((r) => r.kind !== 'confirm');
    assert.deepEqual(
      steps.map((r) => `${r.step} ${r.kind} ${r.answer}`),
      [
        '1 pickStep demo_sales',
        '2 pickStep Choose tables and partitions…',
        '3 pickManyStep orders, customers',
        '4 pickManyStep p202401',
        '5 inputStep <back>',
        '4 pickManyStep <back>',
        '3 pickManyStep customers',
        '4 inputStep wf_back_' + suffix,
        '5 pickStep Server defaults',
      ],
      prompts.describeTranscript(),
    );
    assert.ok(steps[3].canGoBack && steps[5].canGoBack, 'the partitions step has a Back button');
    const picked = (index: number): string[] => (steps[index].items ?? []).filter((i) => i.picked).map((i) => i.label);
    assert.deepEqual(picked(5), ['p202401'], 'the partitions step shows the earlier answer, not the defaults');
    assert.deepEqual(picked(6).sort(), ['customers', 'orders'], 'the tables step shows the earlier answer');
    assert.equal(steps[8].totalSteps, 5, 'no partitions step once only an unpartitioned table is chosen');
  });

  it('restores the snapshot under new names, and the restored tables hold the same rows', async () => {
    const snapshot = await snapshotNode(await repositoryNode(repoName), backupLabel);
    const prompts = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'New names')
      .answer(/^Suffix added to each table name/, `_r${suffix}`)
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run');
    const outcome = await run('starrocksBackup.restoreSnapshot', snapshot);
    prompts.assertFinished();
    assert.ok(outcome.status === 'submitted', JSON.stringify(outcome));
    // The whole snapshot: its orders hold only the two partitions that were backed up.
    assert.match(
      outcome.sql,
      new RegExp(`ON \\(TABLE \`customers\` AS \`customers_r${suffix}\`, TABLE \`orders\` AS \`orders_r${suffix}\`\\)`),
    );
    assert.match(outcome.sql, new RegExp(`'backup_timestamp' = '${snapshot.timestamp}'`));
    await waitForJob(outcome.jobKey);

    const session = await api.connections.getSession(profile.id);
    const partitions = parsePartitions((await session.query(showPartitions('demo_sales', 'orders').sql)).rows);
    const backedUp = partitions.filter((p) => p.name === 'p202401' || p.name === 'p202402').reduce((sum, p) => sum + (p.rowCount ?? 0), 0);
    assert.ok(backedUp > 0);
    assert.equal(await count('demo_sales', `orders_r${suffix}`), backedUp, 'orders: the rows of the two partitions');
    assert.equal(await demo.control.rowCount('demo_sales', `orders_r${suffix}`), backedUp);
    const customers = await demo.control.rowCount('demo_sales', 'customers');
    assert.equal(await count('demo_sales', `customers_r${suffix}`), customers);
    assert.equal(await demo.control.rowCount('demo_sales', `customers_r${suffix}`), customers);
  });

  it('from the palette asks connection, repository and snapshot, and restores a chosen table into another database with properties', async () => {
    const target = `wf_copy_${suffix}`;
    const prompts = script()
      .choose(/Connection whose repository holds the snapshot/, profile.name)
      .choose(/Repository that holds the snapshot/, 'demo_repo')
      .choose(/Snapshot to restore/, 'demo_sales_base')
      .choose(/What to restore/, 'Choose tables and partitions…')
      .chooseMany(/Tables to restore/, ['customers'])
      .choose(/Where to restore/, 'Another database')
      .answerInvalid(/^Database to restore into/, 'not a name', /Incorrect database name/)
      .answer(/^Database to restore into/, target)
      .choose(/RESTORE properties/, 'Set replication_num, allow_load and timeout…')
      .answer(/^Replicas of each restored tablet/, '1')
      .choose(/allow_load/, 'false')
      .answerInvalid(/^Timeout in seconds/, '60', /timeout must be at least 10 min/)
      .answer(/^Timeout in seconds/, '3600')
      .accept(/^Restore snapshot demo_sales_base into/, 'Run');
    const outcome = await run('starrocksBackup.restoreSnapshot');
    prompts.assertFinished();
    assert.ok(outcome.status === 'submitted', JSON.stringify(outcome));
    assert.match(
      outcome.sql,
      new RegExp(
        `^RESTORE SNAPSHOT \`demo_sales_base\` FROM \`demo_repo\` DATABASE \`demo_sales\` AS \`${target}\` ON \\(TABLE \`customers\`\\) PROPERTIES \\('backup_timestamp' = '[\\d-]+', 'replication_num' = '1', 'timeout' = '3600'\\)$`,
      ),
    );
    const steps = prompts.transcript.filter((r) => r.kind !== 'confirm');
    assert.ok(steps.every((r) => r.title === 'Restore Snapshot'));
    // Consecutive, the tables multi-select (5) included; the one validation retry is the same prompt.
    assert.deepEqual(
      steps.map((r) => r.step),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    assert.equal(steps[0].canGoBack, false);
    assert.ok(steps.slice(1).every((r) => r.canGoBack));
    assert.equal(steps[0].totalSteps, 6, 'connection, repository, snapshot, what, where, properties');
    assert.equal(steps[4].kind, 'pickManyStep');
    assert.equal(steps[4].placeholder, 'Tables to restore from demo_sales_base');
    assert.equal(steps[4].totalSteps, 7, 'the tables step counts itself; customers has no partitions to ask about');
    assert.equal(steps[10].totalSteps, 11);
    await waitForJob(outcome.jobKey);
    assert.equal(
      await count(target, 'customers'),
      await demo.control.rowCount('demo_sales', 'customers'),
      'the database was created and holds the rows',
    );
  });

  it('from a repository node asks the snapshot first, numbered among the steps left', async () => {
    const prompts = script()
      .choose(/Snapshot to restore/, 'demo_sales_base')
      .choose(/What to restore/, 'Whole snapshot')
      .dismiss(/Where to restore/);
    const outcome = await run('starrocksBackup.restoreSnapshot', await repositoryNode('demo_repo'));
    prompts.assertFinished();
    assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
    assert.deepEqual(
      prompts.transcript.map((r) => `${r.step}/${r.totalSteps} ${r.placeholder}`),
      ['1/4 Snapshot to restore (newest first)', '2/4 What to restore', '3/4 Where to restore'],
      'snapshot, what, where, properties: the node answers the connection and the repository',
    );
  });

  it('opens the statement in an editor instead of running it when asked', async () => {
    await demo.control.resetStats();
    const prompts = script()
      .choose(/Database to back up/, 'demo_ops')
      .choose(/What to back up/, 'Whole database')
      .answer(/^Snapshot label/, `wf_open_${suffix}`)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_ops/, 'Open in Editor');
    const outcome = await run('starrocksBackup.backup', await repositoryNode('demo_repo'));
    prompts.assertFinished();
    assert.ok(outcome.status === 'opened', JSON.stringify(outcome));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'sql');
    assert.equal(editor?.document.getText(), `${outcome.sql};\n`);
    assert.deepEqual(await statementsOfKind('BACKUP'), [], 'nothing ran');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('does not overwrite an existing table without confirmation, and offers new names first', async () => {
    const snapshot = await snapshotNode(await repositoryNode('demo_repo'), 'demo_sales_orders');
    await demo.control.resetStats();
    const prompts = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Same names')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run')
      .accept(/^Restoring overwrites/, 'Restore Under New Names')
      // The preview again, now with the new names: dismiss it.
      .accept(/^Restore snapshot/, undefined);
    const outcome = await run('starrocksBackup.restoreSnapshot', snapshot);
    prompts.assertFinished();
    assert.equal(outcome.status, 'cancelled');
    const confirms = prompts.transcript.filter((r) => r.kind === 'confirm');
    const overwrite = confirms[1];
    assert.match(overwrite.message ?? '', /Restoring overwrites 1 existing table\(s\) in demo_sales: orders/);
    assert.match(overwrite.detail ?? '', /partitions replaced: p202401, p202402, p202403/);
    assert.match(overwrite.detail ?? '', /no column definitions, so the schemas cannot be compared/);
    assert.match(
      overwrite.detail ?? '',
      /passes COMMIT, the overwritten data cannot be recovered; if the job fails or is cancelled after that point, the tables can stay unusable until a restore completes/,
    );
    assert.match(
      confirms[0].detail ?? '',
      /restored tables cannot be used until the job finishes[\s\S]*The job creates the restored tables[\s\S]*another schema makes the job fail: restore it under another name \(AS\) or drop/,
    );
    assert.deepEqual(overwrite.actions, ['Restore Under New Names', 'Overwrite Existing Tables'], 'the safe choice comes first');
    assert.match(confirms[2].detail ?? '', /AS `orders_restored`/);

    const cancel = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Same names')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run')
      .accept(/^Restoring overwrites/, undefined);
    assert.equal((await run('starrocksBackup.restoreSnapshot', snapshot)).status, 'cancelled');
    cancel.assertFinished();
    assert.deepEqual(await statementsOfKind('RESTORE'), [], 'no RESTORE reached the server');
  });

  it('asks through the same check as a .sql file when the tables of the target cannot be listed, and sends nothing on Cancel', async () => {
    const snapshot = await snapshotNode(await repositoryNode('demo_repo'), 'demo_sales_orders');
    const tables = /^SHOW (FULL )?TABLES/i;
    const prompts = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Same names')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run', async () => {
        // From here on (the check runs after Run), listing tables fails as with a lost privilege.
        await demo.control.failStatements(tables, {
          kind: 'accessDenied',
          message: 'Access denied; you need (at least one of) the SELECT privilege(s) on DATABASE demo_sales for this operation.',
        });
        await demo.control.resetStats();
      })
      .accept(/^Could not check which existing tables this restore overwrites in database demo_sales/, undefined);
    try {
      const outcome = await run('starrocksBackup.restoreSnapshot', snapshot);
      prompts.assertFinished();
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
    } finally {
      await demo.control.failStatements(tables, undefined);
    }
    const dialog = prompts.transcript.filter((r) => r.kind === 'confirm')[1];
    assert.match(
      dialog.detail ?? '',
      /The tables of database demo_sales could not be listed \(SHOW TABLES\): The user lacks the SELECT privilege/,
    );
    assert.deepEqual(dialog.actions, ['Check Again', 'Restore Without Checking'], 'the first (default) action only checks again');
    assert.deepEqual(await statementsOfKind('RESTORE'), [], 'no RESTORE reached the server');
  });

  it('refuses a second job in a database where one is running, naming the running job', async () => {
    await demo.control.stickJob('demo_ops', 'UPLOADING');
    const repo = await repositoryNode('demo_repo');
    const backup = (label: string): ScriptedPrompter =>
      script()
        .choose(/Database to back up/, 'demo_ops')
        .choose(/What to back up/, 'Whole database')
        .answer(/^Snapshot label/, label)
        .choose(/BACKUP properties/, 'Server defaults')
        .accept(/^Back up demo_ops/, 'Run');
    const first = backup(`wf_first_${suffix}`);
    const submitted = await run('starrocksBackup.backup', repo);
    first.assertFinished();
    assert.equal(submitted.status, 'submitted', JSON.stringify(submitted));
    await demo.control.resetStats();

    const second = backup(`wf_second_${suffix}`);
    const refused = await run('starrocksBackup.backup', repo);
    second.assertFinished();
    assert.ok(refused.status === 'refused', JSON.stringify(refused));
    assert.match(refused.reason, /Can only run one backup or restore job of a database at same time/);
    assert.match(refused.reason, new RegExp(`BACKUP wf_first_${suffix}`));
    assert.deepEqual(await statementsOfKind('BACKUP'), [], 'the second BACKUP was never sent');

    // A restore into the same database is refused the same way.
    const snapshot = await snapshotNode(repo, 'demo_sales_base');
    const restore = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Another database')
      .answer(/^Database to restore into/, 'demo_ops')
      .choose(/RESTORE properties/, 'Server defaults')
      .accept(/^Restore snapshot/, 'Run');
    const refusedRestore = await run('starrocksBackup.restoreSnapshot', snapshot);
    restore.assertFinished();
    assert.ok(refusedRestore.status === 'refused', JSON.stringify(refusedRestore));
    assert.deepEqual(await statementsOfKind('RESTORE'), []);

    await demo.control.releaseJobs();
    await waitForJob(submitted.status === 'submitted' ? submitted.jobKey : undefined);
  });

  it('copies the RESTORE of a snapshot and the CREATE REPOSITORY of a repository, secrets masked', async () => {
    const repo = await repositoryNode(repoName);
    const snapshot = await snapshotNode(repo, backupLabel);
    const restore = await run('starrocksBackup.copySql', snapshot);
    assert.ok(restore.status === 'done');
    assert.match(
      restore.text ?? '',
      new RegExp(
        `^RESTORE SNAPSHOT \`${backupLabel}\` FROM \`${repoName}\` DATABASE \`demo_sales\` PROPERTIES \\('backup_timestamp' = '${snapshot.timestamp}'\\);`,
      ),
    );

    const create = await run('starrocksBackup.copySql', repo);
    assert.ok(create.status === 'done');
    assert.match(create.text ?? '', /^-- Secret values are masked as \*\*\*/);
    assert.match(
      create.text ?? '',
      new RegExp(`CREATE REPOSITORY \`${repoName}\` WITH BROKER ON LOCATION 's3a://${demo.info.bucket}/${repoPrefix}'`),
    );
    assert.match(create.text ?? '', /'aws\.s3\.secret_key' = '\*\*\*'/);
  });

  it('shows the IAM policy the repository bucket needs as a JSON document', async () => {
    const outcome = await run('starrocksBackup.showIamPolicy', await repositoryNode('demo_repo'));
    assert.ok(outcome.status === 'done');
    const policy = JSON.parse(outcome.text ?? '{}') as { Statement: { Action: string[]; Resource: string }[] };
    const actions = policy.Statement.flatMap((s) => s.Action);
    for (const action of ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 's3:DeleteObject'])
      assert.ok(actions.includes(action), `${action} missing`);
    assert.ok(policy.Statement.some((s) => s.Resource === `arn:aws:s3:::${demo.info.bucket}`));
    assert.ok(policy.Statement.some((s) => s.Resource === `arn:aws:s3:::${demo.info.bucket}/demo/*`));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'json');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('restores on another connection only through a repository with the same name and location there', async () => {
    const snapshot = await snapshotNode(await repositoryNode('demo_repo'), 'demo_sales_base');
    // No demo_repo there: creating it READ ONLY is offered; declining ends the workflow.
    const offer = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Another connection…')
      .choose(/Connection to restore on/, otherProfile.name)
      .accept(/has no repository demo_repo/, undefined);
    assert.equal((await run('starrocksBackup.restoreSnapshot', snapshot)).status, 'cancelled');
    offer.assertFinished();
    const question = offer.transcript.find((r) => r.kind === 'confirm');
    assert.match(question?.message ?? '', /Create it there as READ ONLY\?/);
    assert.deepEqual(question?.actions, ['Create Read-Only Repository', 'Create Writable Repository']);

    // A demo_repo elsewhere on the other cluster: refused, with both locations named.
    const session = await api.connections.getSession(otherProfile.id);
    const elsewhere = `s3a://${other.info.bucket}/elsewhere`;
    await session.query(
      buildCreateRepository(
        {
          name: 'demo_repo',
          location: elsewhere,
          credentials: {
            method: 's3Compatible',
            endpoint: other.info.s3Endpoint,
            accessKey: other.info.accessKey,
            secretKey: other.info.secretKey,
            region: other.info.region,
            pathStyle: true,
          },
        },
        session.server.capabilities,
      ).sql,
    );
    const refusal = script()
      .choose(/What to restore/, 'Whole snapshot')
      .choose(/Where to restore/, 'Another connection…')
      .choose(/Connection to restore on/, otherProfile.name);
    const refused = await run('starrocksBackup.restoreSnapshot', snapshot);
    refusal.assertFinished();
    assert.ok(refused.status === 'refused', JSON.stringify(refused));
    assert.match(refused.reason, new RegExp(`points to ${elsewhere}, not s3a://${demo.info.bucket}/demo`));
  });

  it('migrates a snapshot to a cluster over the same S3: demo_repo created READ ONLY there with the stored keys, masked, and restored with the same rows', async () => {
    // A fresh snapshot, so the source tables on A hold exactly what it holds (earlier tests inserted rows).
    const label = `wf_migrate_${suffix}`;
    const source = await api.connections.getSession(profile.id);
    await source.query(`BACKUP DATABASE demo_sales SNAPSHOT ${label} TO demo_repo ON (TABLE orders, TABLE customers)`);
    await waitFor(
      `BACKUP ${label} to finish`,
      async () => {
        const { rows } = await source.query<Record<string, unknown>>('SHOW BACKUP FROM demo_sales');
        return rows.some((r) => r.SnapshotName === label && r.State === 'FINISHED') || undefined;
      },
      30_000,
    );
    // Keys stored for demo_repo on A (as Set S3 Credentials… keeps them): the offer reuses them on B.
    await api.connections.setS3Credentials(profile.id, 'demo_repo', {
      kind: 'keys',
      accessKeyId: demo.info.accessKey,
      secretAccessKey: demo.info.secretKey,
    });
    await api.connections.setS3Endpoint(profile.id, 'demo_repo', {
      endpoint: demo.info.s3Endpoint,
      region: demo.info.region,
      forcePathStyle: true,
    });
    const target = await startSandbox({ sharedS3: demo.control.s3 });
    const targetProfile = await addSandboxProfile(api, target, `wf target ${suffix}`);
    try {
      const snapshot = await snapshotNode(await repositoryNode('demo_repo'), label);
      await demo.control.resetStats();
      const prompts = script()
        .choose(/What to restore/, 'Whole snapshot')
        .choose(/Where to restore/, 'Another connection…')
        .choose(/Connection to restore on/, targetProfile.name)
        .accept(/has no repository demo_repo/, 'Create Read-Only Repository')
        .choose(/How the cluster authenticates to S3/, `Same keys as on ${profile.name}`)
        .accept(/^Create repository demo_repo on/, 'Run')
        .choose(/Where to restore/, 'Same names')
        .choose(/RESTORE properties/, 'Server defaults')
        .accept(/^Restore snapshot/, 'Run');
      const outcome = await run('starrocksBackup.restoreSnapshot', snapshot);
      prompts.assertFinished();
      assert.ok(outcome.status === 'submitted', JSON.stringify(outcome));

      // CREATE READ ONLY REPOSITORY on B: same name and location, A's stored keys and endpoint, the secret masked in the preview.
      const preview = prompts.transcript.find((r) => r.kind === 'confirm' && /^Create repository demo_repo on/.test(r.message ?? ''));
      const shown = preview?.detail ?? '';
      assert.match(
        shown,
        new RegExp(`^CREATE READ ONLY REPOSITORY \`demo_repo\` WITH BROKER ON LOCATION 's3a://${demo.info.bucket}/demo'`),
      );
      assert.match(shown, new RegExp(`'aws\\.s3\\.access_key' = '${demo.info.accessKey}'`));
      assert.match(shown, /'aws\.s3\.secret_key' = '\*\*\*'/);
      assert.ok(shown.includes(`'aws.s3.endpoint' = '${demo.info.s3Endpoint}'`), shown);
      for (const record of prompts.transcript)
        assert.ok(!/secret_key' = '(?!\*\*\*')/.test(`${record.message} ${record.detail}`), `a secret in clear text: ${record.message}`);
      const created = (await target.control.statementLog()).filter((e) => /^CREATE READ ONLY REPOSITORY/.test(e.sql)).map((e) => e.sql);
      assert.equal(created.length, 1, 'one CREATE READ ONLY REPOSITORY reached B');
      assert.ok(created[0].includes(`'aws.s3.secret_key' = '${demo.info.secretKey}'`), 'the real secret was sent to B');
      const [repo] = await api.catalog.repositories(targetProfile.id);
      assert.deepEqual([repo?.name, repo?.readOnly, repo?.location], ['demo_repo', true, `s3a://${demo.info.bucket}/demo`]);
      assert.deepEqual(await api.connections.getS3Credentials(targetProfile.id, 'demo_repo'), {
        kind: 'keys',
        accessKeyId: demo.info.accessKey,
        secretAccessKey: demo.info.secretKey,
      });

      // The RESTORE ran on B and finished there; B holds A's rows.
      assert.match(outcome.sql, new RegExp(`^RESTORE SNAPSHOT \`${label}\` FROM \`demo_repo\` DATABASE \`demo_sales\``));
      assert.ok(outcome.jobKey?.startsWith(`${targetProfile.id}/demo_sales/RESTORE/${label}`), outcome.jobKey);
      await waitForJob(outcome.jobKey);
      const onTarget = await api.connections.getSession(targetProfile.id);
      const { rows: restores } = await onTarget.query<Record<string, unknown>>('SHOW RESTORE FROM demo_sales');
      assert.deepEqual(
        restores.map((r) => [r.Label, r.State]),
        [[label, 'FINISHED']],
      );
      for (const table of ['orders', 'customers']) {
        const expected = await count('demo_sales', table);
        assert.ok(expected > 0, `demo_sales.${table} has rows on A`);
        assert.equal(await count('demo_sales', table, targetProfile.id), expected, `demo_sales.${table} on B`);
      }
      assert.deepEqual(await statementsOfKind('RESTORE'), [], 'nothing was restored on A');
      assert.ok(!(await demo.control.statementLog()).some((e) => /^CREATE\b/i.test(e.sql)), 'nothing was created on A');
    } finally {
      await api.connections.removeProfile(targetProfile.id);
      await target.stop();
    }
  });

  it('drops a repository after a confirmation that says its files stay, and the files stay on S3', async () => {
    const repo = await repositoryNode(repoName);
    const before = await keysUnder(`${repoPrefix}/`);
    assert.ok(
      before.some((k) => k.includes(`__ss_${backupLabel}/__info_`)),
      'the snapshot is on S3',
    );
    const prompts = script().accept(/^Drop repository/, 'Drop Repository');
    const outcome = await run('starrocksBackup.dropRepository', repo);
    prompts.assertFinished();
    assert.ok(outcome.status === 'submitted', JSON.stringify(outcome));
    assert.equal(outcome.sql, `DROP REPOSITORY \`${repoName}\``);
    const confirm = prompts.transcript[0];
    assert.match(confirm.detail ?? '', /Its snapshots stay on storage at s3a:\/\//);

    const listed = await api.catalog.repositories(profile.id);
    assert.ok(!listed.some((r) => r.name === repoName), 'SHOW REPOSITORIES no longer lists it');
    assert.deepEqual(await keysUnder(`${repoPrefix}/`), before, 'every file is still on S3');
    const connection = await connectionNodeOf(api, profile.id);
    api.tree.refresh(connection);
    assert.ok(!(await childrenOf(api, connection)).some((c) => labelOf(c.item) === repoName), 'the tree no longer shows it');
  });
});
