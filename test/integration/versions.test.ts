/**
 * The extension against each StarRocks version the sandbox emulates, and against a server that is
 * not StarRocks at all: the Back Up wizard's "Whole database" on a database that holds a view must
 * end in a statement the version accepts (before 3.4 an ON list without the view), and a MariaDB
 * server must be named as such once, with nothing more sent to it.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { startSandbox } from '../sandbox';
import type { SandboxVersion } from '../sandbox/version/versionProfile';
import { activateApi, childLabelled, childrenOf, connectionNodeOf, labelOf, waitFor } from './support/explorer';
import { startMariaDb, type RunningMariaDb } from './support/mariadb';
import { addSandboxProfile, scriptPrompter } from './support/sandboxProfile';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

const VERSIONS: readonly SandboxVersion[] = ['2.5', '3.3', '3.4', '4.2'];

describe('Versions: whole-database backups of a database with a view', function () {
  this.timeout(240_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  const suffix = randomBytes(3).toString('hex');
  const sandboxes = new Map<SandboxVersion, Sandbox>();
  const profiles = new Map<SandboxVersion, ConnectionProfile>();

  before(async () => {
    api = await activateApi();
    originalPrompter = api.prompter;
    const started = await Promise.all(VERSIONS.map((version) => startSandbox({ version, seed: 'demo', jobSpeed: 'fast' })));
    for (const [i, version] of VERSIONS.entries()) {
      const sandbox = started[i];
      sandboxes.set(version, sandbox);
      const profile = await addSandboxProfile(api, sandbox, `versions ${version} ${suffix}`);
      profiles.set(version, profile);
      const session = await api.connections.getSession(profile.id);
      await session.query('CREATE VIEW `demo_sales`.`orders_view` AS SELECT * FROM `demo_sales`.`orders`');
    }
  });

  afterEach(() => {
    api.prompter = originalPrompter;
  });

  after(async () => {
    api.prompter = originalPrompter;
    for (const profile of profiles.values()) if (api.connections.getProfile(profile.id)) await api.connections.removeProfile(profile.id);
    await Promise.all([...sandboxes.values()].map((s) => s.stop()));
  });

  for (const version of VERSIONS) {
    const before34 = version === '2.5' || version === '3.3';
    it(`${version}: "Whole database" ends in a backup the server accepts and completes${before34 ? ', listing the tables and saying why' : ''}`, async () => {
      const profile = profiles.get(version) as ConnectionProfile;
      const label = `whole_${version.replace('.', '')}_${suffix}`;
      const connection = await connectionNodeOf(api, profile.id);
      const { node: repo } = await childLabelled(api, connection, 'demo_repo');
      const prompts = scriptPrompter(api)
        .choose(/Database to back up/, 'demo_sales')
        .choose(/What to back up/, 'Whole database')
        .answer(/^Snapshot label/, label)
        .choose(/BACKUP properties/, 'Server defaults')
        .accept(/^Back up demo_sales to repository/, 'Run');
      const outcome = (await vscode.commands.executeCommand('starrocksBackup.backup', repo)) as WorkflowOutcome;
      prompts.assertFinished();
      assert.equal(outcome.status, 'submitted', JSON.stringify(outcome));
      if (outcome.status !== 'submitted') return;
      const preview = prompts.transcript.find((r) => r.kind === 'confirm');
      if (before34) {
        assert.ok(outcome.sql.startsWith(`BACKUP SNAPSHOT \`demo_sales\`.\`${label}\` TO \`demo_repo\` ON (`), outcome.sql);
        assert.deepEqual(onList(outcome.sql), ['customers', 'orders']);
        assert.match(
          preview?.detail ?? '',
          new RegExp(
            `StarRocks ${version.replace('.', '\\.')}\\.\\d+-sandbox cannot back up views \\(3\\.4 can\\): a BACKUP of the whole database would fail on orders_view\\.`,
          ),
        );
      } else {
        assert.equal(outcome.sql, `BACKUP DATABASE \`demo_sales\` SNAPSHOT \`${label}\` TO \`demo_repo\``);
        assert.doesNotMatch(preview?.detail ?? '', /cannot back up views/);
      }
      const job = await waitFor(
        `the ${version} backup to end`,
        () => {
          const tracked = api.jobs.get(outcome.jobKey as string);
          return tracked && tracked.phase !== 'running' ? tracked : undefined;
        },
        90_000,
        500,
      );
      assert.equal(job.phase, 'finished', `${job.state} ${job.statusMessage ?? ''}`);
      // What the server itself says the snapshot holds.
      const session = await api.connections.getSession(profile.id);
      const [row] = (await session.query<Record<string, unknown>>('SHOW BACKUP FROM `demo_sales`')).rows;
      assert.equal(row.SnapshotName, label);
      assert.equal(row.State, 'FINISHED');
      if (before34) assert.doesNotMatch(String(row.BackupObjs), /orders_view/);
    });
  }

  it('3.3: a .sql BACKUP without ON is flagged, and its quick fix lists the tables without the view, which the server runs', async () => {
    const profile = profiles.get('3.3') as ConnectionProfile;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opened a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, `versions-${suffix}.sql`);
    const label = `from_sql_${suffix}`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`BACKUP SNAPSHOT demo_sales.${label} TO demo_repo;\n`, 'utf8'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await api.language.editorConnections.set(document.uri, profile.id);
      const diagnostic = await waitFor(
        'the pre-3.4 whole-database diagnostic',
        () =>
          vscode.languages
            .getDiagnostics(document.uri)
            .find((d) =>
              /^StarRocks 3\.3\.\d+-sandbox cannot back up views \(3\.4 can\): a BACKUP without ON includes every view of the database and then fails on it\./.test(
                d.message,
              ),
            ),
        10_000,
      );
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'List the tables of demo_sales in ON (…), without the views orders_view');
      assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const statement = document.getText().trim().replace(/;$/, '');
      assert.ok(statement.startsWith(`BACKUP SNAPSHOT demo_sales.${label} TO demo_repo ON (`), statement);
      assert.deepEqual(onList(statement), ['customers', 'orders']);
      const session = await api.connections.getSession(profile.id);
      await session.query(statement);
      const row = await waitFor(
        'the backup from the .sql file to finish',
        async () => {
          const [last] = (await session.query<Record<string, unknown>>('SHOW BACKUP FROM `demo_sales`')).rows;
          return last?.SnapshotName === label && (last.State === 'FINISHED' || last.State === 'CANCELLED') ? last : undefined;
        },
        60_000,
        500,
      );
      assert.equal(row.State, 'FINISHED', String(row.Status));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});

/** The table names of a statement's ON (…) list, sorted. */
function onList(sql: string): string[] {
  const list = /ON \((.*)\)$/.exec(sql)?.[1] ?? '';
  return list
    .split(',')
    .map((name) => name.trim().replace(/^`|`$/g, ''))
    .filter(Boolean)
    .sort();
}

describe('Versions: a server that is not StarRocks', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let mariadb: RunningMariaDb;
  let profile: ConnectionProfile | undefined;

  before(async () => {
    api = await activateApi();
    mariadb = await startMariaDb();
  });

  after(async () => {
    if (profile && api.connections.getProfile(profile.id)) await api.connections.removeProfile(profile.id);
    await mariadb?.stop();
  });

  it('names a MariaDB server once, plainly, on the connection node, and sends it no StarRocks statement', async () => {
    profile = await api.connections.addProfile(
      {
        name: `mariadb ${randomBytes(3).toString('hex')}`,
        host: mariadb.host,
        port: mariadb.port,
        user: 'root',
        tls: 'off',
        passwordMode: 'none',
      },
      undefined,
    );
    const expected =
      /^This server is not StarRocks: it reports VERSION\(\) 10\.\d+\.\d+-MariaDB\S* and has no current_version\(\)\. The extension needs a StarRocks FE, which takes MySQL-protocol connections on its query port, 9030 by default\. Check the host and port of this connection\.$/;
    const id = profile.id;
    await assert.rejects(api.connections.getSession(id), (e: Error) => {
      assert.match(e.message, expected);
      return true;
    });
    assert.equal(api.connections.connectionState(id).status, 'error');
    assert.match(api.connections.connectionState(id).errorMessage ?? '', expected);

    // The tree shows it on the connection node; expanding it again asks the server nothing more.
    const connection = await connectionNodeOf(api, id);
    for (let i = 0; i < 2; i++) {
      const children = await childrenOf(api, connection);
      const problem = children.map((c) => labelOf(c.item)).find((l) => l.includes('This server is not StarRocks'));
      assert.ok(problem, children.map((c) => labelOf(c.item)).join(' | '));
    }
    const sent = await mariadb.statements();
    assert.equal(sent.filter((sql) => sql === 'SELECT current_version()').length, 1, sent.join('\n'));
    assert.ok(sent.includes('SELECT VERSION()'), sent.join('\n'));
    assert.deepEqual(
      sent.filter((sql) => /REPOSITOR|SNAPSHOT|BACKUP|RESTORE|FRONTEND|SHOW /i.test(sql)),
      [],
    );
  });
});
