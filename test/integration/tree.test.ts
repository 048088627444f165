import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { buildCreateRepository } from '../../src/starrocks/builders/repository';
import type { RepositoryNode } from '../../src/views/nodes/repositoryNode';
import type { SnapshotNode } from '../../src/views/nodes/snapshotNode';
import { startSandbox } from '../sandbox';
import { childLabelled, childrenOf, connectionNodeOf, descriptionOf, labelOf, sleep, tooltipOf, waitFor, words } from './support/explorer';
import { scriptPrompter } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';
import type { ScriptedPrompter } from './support/scriptedPrompter';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const CONTAINER_COMMAND = 'workbench.view.extension.starrocksBackup';

describe('Explorer tree', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let demo: Sandbox;
  let profile: ConnectionProfile;
  let emptyProfile: ConnectionProfile;
  let s3: S3Client;
  const suffix = randomBytes(3).toString('hex');

  const script = (): ScriptedPrompter => scriptPrompter(api);

  /** A repository of the demo sandbox at its own prefix, created with the dialect's statement. */
  async function createRepository(name: string, readOnly = false): Promise<void> {
    const session = await api.connections.getSession(profile.id);
    const statement = buildCreateRepository(
      {
        name,
        location: `s3a://${demo.info.bucket}/tree-${suffix}/${name}`,
        readOnly,
        credentials: {
          method: 's3Compatible',
          endpoint: demo.info.s3Endpoint,
          accessKey: demo.info.accessKey,
          secretKey: demo.info.secretKey,
          region: demo.info.region,
          pathStyle: true,
        },
      },
      session.server.capabilities,
    );
    await session.query(statement.sql);
  }

  /** Writes an info file, which is what makes a snapshot label with a timestamp appear in SHOW SNAPSHOT. */
  async function putSnapshot(label: string, timestamp: string): Promise<void> {
    const body = JSON.stringify({
      name: label,
      database: 'demo_sales',
      backup_time: Date.now(),
      backup_objects: {},
      backup_result: 'succeed',
    });
    const md5 = createHash('md5').update(body).digest('hex');
    await s3.send(
      new PutObjectCommand({
        Bucket: demo.info.bucket,
        Key: `demo/__starrocks_repository_demo_repo/__ss_${label}/__info_${timestamp}.${md5}`,
        Body: body,
      }),
    );
  }

  async function repositoryNode(name: string): Promise<RepositoryNode> {
    const connection = await connectionNodeOf(api, profile.id);
    const { node, item } = await childLabelled(api, connection, name);
    // The extension runs from its bundle, so its classes are not the ones the tests import: check the words.
    assert.ok(words(item).includes('repository'));
    return node as RepositoryNode;
  }

  const suite = useSandboxSuite({
    demo: { options: { seed: 'demo' }, profile: `tree demo ${suffix}`, profileOverrides: { environment: 'staging' }, s3: true },
    empty: { options: { seed: 'empty' }, profile: `tree empty ${suffix}`, profileOverrides: { environment: 'staging' } },
  });
  before(() => {
    ({ api, originalPrompter } = suite);
    [demo, profile, emptyProfile, s3] = [suite.sandbox('demo'), suite.profile('demo'), suite.profile('empty'), suite.s3('demo')];
  });

  afterEach(() => {
    api.prompter = originalPrompter;
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('starrocksBackup.explorer')
      .update('snapshotPageSize', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows each connection with its address and environment, and its version once connected', async () => {
    const node = await connectionNodeOf(api, profile.id);
    const before = api.tree.getTreeItem(node) as vscode.TreeItem;
    assert.equal(labelOf(before), profile.name);
    assert.match(descriptionOf(before), new RegExp(`${demo.info.host}:${demo.info.port} · staging`));
    assert.deepEqual(words(before), ['connection', 'disconnected']);
    assert.equal(before.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);

    await api.tree.getChildren(node); // expanding connects
    const after = api.tree.getTreeItem(node) as vscode.TreeItem;
    assert.deepEqual(words(after), ['connection', 'connected']);
    assert.match(descriptionOf(after), /· 3\.4\.\d/, 'the server version shows once connected');
    assert.match(tooltipOf(after), /Server version/);
    assert.equal((after.iconPath as vscode.ThemeIcon).id, 'database');
  });

  it('shows a connection that cannot connect in its error state, with a retry', async () => {
    const broken = await api.connections.addProfile({
      name: `tree broken ${suffix}`,
      host: '127.0.0.1',
      port: 1,
      user: 'root',
      tls: 'off',
      passwordMode: 'none',
    });
    try {
      const node = await connectionNodeOf(api, broken.id);
      const [problem, jobs] = await childrenOf(api, node);
      assert.deepEqual(words(problem.item), ['placeholder', 'loadError']);
      assert.match(labelOf(problem.item), /^Could not list repositories: /);
      assert.equal(problem.item.command?.command, 'starrocksBackup.refresh');
      assert.equal(labelOf(jobs.item), 'Jobs');
      const item = api.tree.getTreeItem(node) as vscode.TreeItem;
      assert.ok(words(item).includes('error'), `context: ${item.contextValue}`);
      assert.match(descriptionOf(item), /error$/);
      assert.match(tooltipOf(item), /Problem/);
    } finally {
      await api.connections.removeProfile(broken.id);
    }
  });

  it('lists repositories with location, read-only flag and ping errors, followed by the Jobs section', async () => {
    await createRepository(`ro_${suffix}`, true);
    const connection = await connectionNodeOf(api, profile.id);
    api.tree.refresh(connection);
    const children = await childrenOf(api, connection);
    const demoRepo = children.find((c) => labelOf(c.item) === 'demo_repo');
    assert.ok(demoRepo, `demo_repo missing: ${children.map((c) => labelOf(c.item)).join(', ')}`);
    assert.equal(descriptionOf(demoRepo.item), `s3a://${demo.info.bucket}/demo`);
    assert.deepEqual(words(demoRepo.item), ['repository', 'writable']);
    assert.match(tooltipOf(demoRepo.item), /Location/);

    const readOnly = children.find((c) => labelOf(c.item) === `ro_${suffix}`);
    assert.ok(readOnly);
    assert.deepEqual(words(readOnly.item), ['repository', 'readonly']);
    assert.match(descriptionOf(readOnly.item), /read-only/);
    assert.equal((readOnly.item.iconPath as vscode.ThemeIcon).id, 'lock');
    const [placeholder] = await childrenOf(api, readOnly.node);
    assert.deepEqual(words(placeholder.item), ['placeholder', 'empty']);
    assert.equal(placeholder.item.command, undefined, 'a read-only repository offers no backup');

    const last = children[children.length - 1];
    assert.equal(labelOf(last.item), 'Jobs');
    assert.deepEqual(words(last.item), ['jobsSection']);

    // The FE re-pings repositories when S3 goes away: ErrMsg shows on the node.
    await demo.control.setS3Unreachable(true);
    try {
      api.tree.refresh(connection);
      const broken = await childLabelled(api, connection, 'demo_repo');
      assert.ok(words(broken.item).includes('pingError'), `context: ${broken.item.contextValue}`);
      assert.match(descriptionOf(broken.item), /unreachable/);
      assert.match(tooltipOf(broken.item), /Last ping failed/);
    } finally {
      await demo.control.setS3Unreachable(false);
      api.tree.refresh(connection);
    }
  });

  it('lists snapshots newest first with their status, and expands one into database, tables and partitions', async () => {
    const repo = await repositoryNode('demo_repo');
    api.tree.refresh(repo);
    const snapshots = (await childrenOf(api, repo)).filter((c) => words(c.item).includes('snapshot'));
    const labels = snapshots.map((s) => labelOf(s.item));
    assert.ok(labels.includes('demo_sales_base') && labels.includes('demo_sales_orders'), labels.join(', '));
    const timestamps = snapshots.map((s) => (s.node as SnapshotNode).timestamp ?? '');
    assert.deepEqual(timestamps, [...timestamps].sort().reverse(), 'newest first');
    const base = snapshots.find((s) => labelOf(s.item) === 'demo_sales_base');
    assert.ok(base);
    assert.deepEqual(words(base.item), ['snapshot', 'ok', 'restorable']);
    assert.match(descriptionOf(base.item), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    assert.match(tooltipOf(base.item), /Timestamp/);

    const [database] = await childrenOf(api, base.node);
    assert.equal(labelOf(database.item), 'demo_sales');
    assert.deepEqual(words(database.item), ['snapshotDatabase']);
    const tables = await childrenOf(api, database.node);
    assert.deepEqual(tables.map((t) => labelOf(t.item)).sort(), ['customers', 'orders']);
    const orders = tables.find((t) => labelOf(t.item) === 'orders');
    assert.ok(orders);
    assert.deepEqual(words(orders.item), ['snapshotTable', 'restorable']);
    assert.deepEqual(
      (await childrenOf(api, orders.node)).map((p) => labelOf(p.item)),
      ['p202401', 'p202402', 'p202403'],
    );
    const customers = tables.find((t) => labelOf(t.item) === 'customers');
    assert.equal(customers?.item.collapsibleState, vscode.TreeItemCollapsibleState.None, 'an unpartitioned table has nothing to expand');
  });

  it('shows an incomplete snapshot (no info file) as such, without restore', async () => {
    const label = `it_incomplete_${suffix}`;
    await s3.send(
      new PutObjectCommand({ Bucket: demo.info.bucket, Key: `demo/__starrocks_repository_demo_repo/__ss_${label}/__meta.part`, Body: 'x' }),
    );
    const repo = await repositoryNode('demo_repo');
    api.tree.refresh(repo);
    const incomplete = await childLabelled(api, repo, label);
    assert.deepEqual(words(incomplete.item), ['snapshot', 'incomplete']);
    assert.match(descriptionOf(incomplete.item), /incomplete/);
    assert.equal((incomplete.item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(incomplete.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    // Incomplete ones come first: they are the backup running now, or one that needs attention.
    assert.equal(labelOf((await childrenOf(api, repo))[0].item), label);
  });

  it('offers Create Repository on a connection without repositories, and Back Up on an empty repository', async () => {
    const emptyConnection = await connectionNodeOf(api, emptyProfile.id);
    const children = await childrenOf(api, emptyConnection);
    assert.deepEqual(words(children[0].item), ['placeholder', 'createRepository']);
    assert.equal(labelOf(children[0].item), 'Create Repository…');
    assert.equal(children[0].item.command?.command, 'starrocksBackup.createRepository');
    assert.equal(children[0].item.command?.arguments?.[0], emptyConnection);
    assert.equal(labelOf(children[1].item), 'Jobs');

    const name = `empty_${suffix}`;
    await createRepository(name);
    const connection = await connectionNodeOf(api, profile.id);
    api.tree.refresh(connection);
    const repo = await childLabelled(api, connection, name);
    const [placeholder] = await childrenOf(api, repo.node);
    assert.deepEqual(words(placeholder.item), ['placeholder', 'backup']);
    assert.equal(placeholder.item.command?.command, 'starrocksBackup.backup');
    assert.equal(placeholder.item.command?.arguments?.[0], repo.node);
  });

  it('filters snapshots by label and pages long lists with "Show more…", without asking the server again', async () => {
    for (let i = 0; i < 12; i++) {
      await putSnapshot(`it_page_${suffix}_${String(i).padStart(2, '0')}`, `2030-01-01-00-00-${String(i).padStart(2, '0')}-000`);
    }
    await vscode.workspace.getConfiguration('starrocksBackup.explorer').update('snapshotPageSize', 10, vscode.ConfigurationTarget.Global);
    // A new node starts with the new page size: drop the old one by refreshing the connection.
    const connection = await connectionNodeOf(api, profile.id);
    const repo = await repositoryNode('demo_repo');
    repo.setFilter(undefined);
    api.tree.refresh(repo);
    const total = (await repo.loadEntries()).length;
    assert.ok(total > 12, `expected more than 12 snapshots, got ${total}`);

    await demo.control.resetStats();
    let children = await childrenOf(api, repo);
    assert.equal(children.length, 11, 'ten snapshots and "Show more…"');
    const more = children[10];
    assert.deepEqual(words(more.item), ['placeholder', 'showMore']);
    assert.equal(labelOf(more.item), `Show ${Math.min(10, total - 10)} more…`);
    assert.equal(descriptionOf(more.item), `10 of ${total} shown`);
    // Snapshots without a timestamp (the incomplete one) lead; then the newest.
    const newest = children.find((c) => (c.node as SnapshotNode).timestamp !== undefined && words(c.item).includes('snapshot'));
    assert.equal(newest && labelOf(newest.item), `it_page_${suffix}_11`, 'the newest first');

    await vscode.commands.executeCommand(more.item.command?.command as string, ...(more.item.command?.arguments ?? []));
    children = await childrenOf(api, repo);
    assert.equal(children.filter((c) => words(c.item).includes('snapshot')).length, Math.min(20, total));

    const prompts = script().answer(/^Filter Snapshots of demo_repo/, `page_${suffix}_0`);
    await vscode.commands.executeCommand('starrocksBackup.filterSnapshots', repo);
    prompts.assertFinished();
    const repoItem = api.tree.getTreeItem(repo) as vscode.TreeItem;
    assert.ok(words(repoItem).includes('filtered'));
    assert.match(descriptionOf(repoItem), new RegExp(`filter: page_${suffix}_0`));
    children = await childrenOf(api, repo);
    assert.deepEqual(
      children.map((c) => labelOf(c.item)),
      Array.from({ length: 10 }, (_, i) => `it_page_${suffix}_${String(9 - i).padStart(2, '0')}`),
    );

    script().answer(/^Filter Snapshots/, 'no-such-snapshot');
    await vscode.commands.executeCommand('starrocksBackup.filterSnapshots', repo);
    const [noMatch] = await childrenOf(api, repo);
    assert.deepEqual(words(noMatch.item), ['placeholder', 'noMatch']);
    assert.equal(noMatch.item.command?.command, 'starrocksBackup.clearSnapshotFilter');

    await vscode.commands.executeCommand('starrocksBackup.clearSnapshotFilter', repo);
    assert.ok(!words(api.tree.getTreeItem(repo) as vscode.TreeItem).includes('filtered'));
    assert.equal((await childrenOf(api, repo)).length, 11);

    const log = await demo.control.statementLog();
    assert.deepEqual(
      log.filter((e) => e.kind === 'SHOW SNAPSHOT').map((e) => e.sql),
      [],
      'filtering and paging reuse the listing',
    );
    await vscode.workspace
      .getConfiguration('starrocksBackup.explorer')
      .update('snapshotPageSize', undefined, vscode.ConfigurationTarget.Global);
    api.tree.refresh(connection);
  });

  it("lists tracked jobs in the connection's Jobs section and reveals one on request", async () => {
    const label = `it_job_${suffix}`;
    const job = api.jobs.track({
      profileId: profile.id,
      database: 'demo_ops',
      label,
      kind: 'BACKUP',
      repository: 'demo_repo',
      sql: `BACKUP DATABASE demo_ops SNAPSHOT ${label} TO demo_repo`,
    });
    const connection = await connectionNodeOf(api, profile.id);
    const jobs = await childLabelled(api, connection, 'Jobs');
    const listed = await childLabelled(api, jobs.node, `Backup demo_ops.${label}`);
    assert.ok(words(listed.item).includes('job') && words(listed.item).includes('backupJob'), `context: ${listed.item.contextValue}`);
    assert.match(tooltipOf(listed.item), /Statement/);

    await vscode.commands.executeCommand(CONTAINER_COMMAND);
    await waitFor('the explorer to be visible', () => api.explorerView.visible);
    await vscode.commands.executeCommand('starrocksBackup.revealJob', job.key);
    const selected = (): string[] => api.explorerView.selection.map((node) => labelOf(api.tree.getTreeItem(node) as vscode.TreeItem));
    try {
      await waitFor('the job to be selected', () => selected().includes(`Backup demo_ops.${label}`), 10_000);
    } catch (e) {
      throw new Error(
        `${(e as Error).message}; selection: ${selected().join(', ') || '<none>'}; job: ${JSON.stringify(api.jobs.get(job.key)?.phase)}`,
      );
    }
  });

  it('sends no SHOW query while the view is hidden, and catches up when it is shown again', async () => {
    await vscode.commands.executeCommand(CONTAINER_COMMAND);
    await waitFor('the explorer to be visible', () => api.explorerView.visible);
    const repo = await repositoryNode('demo_repo');
    await api.explorerView.reveal(repo, { expand: true, select: false, focus: false });
    await sleep(500);

    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the explorer to be hidden', () => !api.explorerView.visible);
    await demo.control.resetStats();
    api.tree.refresh();
    api.tree.refresh(repo);
    await sleep(2_000);
    const hidden = (await demo.control.statementLog()).filter((e) => e.kind === 'SHOW SNAPSHOT' || e.kind === 'SHOW REPOSITORIES');
    assert.deepEqual(
      hidden.map((e) => e.sql),
      [],
      'no SHOW query while hidden',
    );

    await vscode.commands.executeCommand(CONTAINER_COMMAND);
    await waitFor('the explorer to be visible again', () => api.explorerView.visible);
    await waitFor(
      'the expanded repository to be listed again',
      async () => (await demo.control.statementLog()).some((e) => e.kind === 'SHOW SNAPSHOT'),
      15_000,
    );
  });

  it('shows a repository expanded again from the list read before at once, refreshing it in the background', async () => {
    await vscode.commands.executeCommand(CONTAINER_COMMAND);
    await waitFor('the explorer to be visible', () => api.explorerView.visible);
    // Collapsed in the view, so that only this test expands the repository (the view would fetch an expanded one itself).
    await vscode.commands.executeCommand('workbench.actions.treeView.starrocksBackup.explorer.collapseAll');
    await sleep(500);
    const connection = await connectionNodeOf(api, profile.id);
    const repo = await repositoryNode('demo_repo');
    repo.setFilter(undefined);
    api.tree.refresh(repo);
    const labels = async () => (await childrenOf(api, repo)).filter((c) => words(c.item).includes('snapshot')).map((c) => labelOf(c.item));
    const before = await labels();
    assert.ok(before.includes('demo_sales_base'), before.join(', '));
    const showSnapshots = async () => (await demo.control.statementLog()).filter((e) => e.kind === 'SHOW SNAPSHOT').length;
    const rerendered: unknown[] = [];
    const listener = api.tree.onDidChangeTreeData((node) => rerendered.push(node));

    /** The connection closes (its nodes drop what they listed) and the repository is expanded again while SHOW SNAPSHOT is held back. */
    async function expandAgainWhileHeld(): Promise<string[]> {
      await api.connections.disconnect(profile.id);
      await childrenOf(api, connection); // reconnects and lists the repositories again
      await demo.control.resetStats();
      rerendered.length = 0;
      await demo.control.slowStatements(/^SHOW SNAPSHOT ON/, 3_000);
      try {
        const shown = await labels();
        // The one SHOW SNAPSHOT sent is still unanswered after the children were shown: they did not come from it.
        await waitFor(
          'the background SHOW SNAPSHOT to be in flight',
          async () => (await demo.control.heldStatements()).filter((sql) => /^SHOW SNAPSHOT/i.test(sql)).length === 1,
          2_000,
          20,
        );
        return shown;
      } finally {
        await demo.control.slowStatements(/^SHOW SNAPSHOT ON/, 0);
      }
    }

    try {
      // Nothing changed on the server: the known list is shown, one SHOW SNAPSHOT follows, the tree stays as it is.
      assert.deepEqual(await expandAgainWhileHeld(), before);
      await repo.backgroundRefresh();
      await sleep(600); // longer than the refresh scheduler's debounce
      assert.equal(await showSnapshots(), 1, 'one SHOW SNAPSHOT: the background refresh');
      assert.ok(!rerendered.includes(repo), 'an unchanged answer does not re-render the repository');
      assert.deepEqual(await labels(), before);

      // A snapshot appeared meanwhile: shown from memory first, then the refresh re-renders the repository with it.
      const added = `it_known_${suffix}`;
      await putSnapshot(added, '2031-01-01-00-00-00-000');
      const shown = await expandAgainWhileHeld();
      assert.deepEqual(shown, before, 'the known list first');
      await repo.backgroundRefresh();
      await waitFor('the repository to be re-rendered', () => rerendered.includes(repo), 5_000);
      const after = await labels();
      assert.ok(!before.includes(added) && after.includes(added), `the new snapshot after the refresh: ${after.join(', ')}`);
      assert.equal(await showSnapshots(), 1, 'still the one SHOW SNAPSHOT of the background refresh');

      // An explicit Refresh (and any write) forgets the known list: the expansion waits for the server.
      api.tree.refreshRepository(profile.id, 'demo_repo');
      assert.equal(api.catalog.knownSnapshots(profile.id, 'demo_repo'), undefined, 'a write forgets the known list');
      await demo.control.resetStats();
      await demo.control.slowStatements(/^SHOW SNAPSHOT ON/, 1_500);
      try {
        let settled = false;
        const listing = labels().then((l) => ((settled = true), l));
        await waitFor('SHOW SNAPSHOT to be held', async () => (await demo.control.heldStatements()).length > 0, 5_000, 50);
        assert.ok(!settled, 'a refreshed repository waits for the server');
        assert.ok((await listing).includes(added));
      } finally {
        await demo.control.slowStatements(/^SHOW SNAPSHOT ON/, 0);
      }
    } finally {
      listener.dispose();
    }
  });
});
