import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { CommandIds } from '../../src/commands/commandIds';
import { analysisEnvFor } from '../../src/language/providers/analysisEnv';
import type { RunOutcome } from '../../src/language/run/statementRunner';
import { SqlSecrets } from '../../src/language/secrets/sqlSecrets';
import { parsePartitions } from '../../src/starrocks/parsers/partitions';
import { parseSnapshotList } from '../../src/starrocks/parsers/snapshots';
import { showPartitions, showSnapshots } from '../../src/starrocks/builders/show';
import { DEMO_REPOSITORY, DEMO_SNAPSHOTS, startSandbox } from '../sandbox';
import { waitFor } from './support/explorer';
import { scriptPrompter } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';
import type { ScriptedPrompter } from './support/scriptedPrompter';
import { filesUnder } from './support/files';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** Text with `|` markers: the text without them, and the marker offsets in order. */
function marked(text: string): { text: string; at: number[] } {
  const at: number[] = [];
  let out = '';
  for (const ch of text) {
    if (ch === '|') at.push(out.length);
    else out += ch;
  }
  return { text: out, at };
}

function labelText(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('SQL authoring: completion, run, diagnostics and quick fixes', function () {
  this.timeout(180_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let sandbox: Sandbox;
  let sandbox33: Sandbox;
  let profile: ConnectionProfile;
  let profile33: ConnectionProfile;
  const suffix = randomBytes(3).toString('hex');

  const script = (): ScriptedPrompter => scriptPrompter(api);

  let fileCount = 0;

  /**
   * A new `.sql` file of the test workspace in an editor running on `on`. Each file has its own
   * name: untitled documents reuse `Untitled-1` once closed, and a quick close-and-reopen can hand
   * a provider the previous document.
   */
  async function openSql(content: string, on: ConnectionProfile = profile): Promise<vscode.TextDocument> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opened a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, `language-${suffix}-${++fileCount}.sql`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'sql');
    await vscode.window.showTextDocument(document);
    await api.language.editorConnections.set(document.uri, on.id);
    return document;
  }

  /** Completion labels at the `|` of `text` (kind filters to one kind of item). */
  async function complete(text: string, options: { on?: ConnectionProfile; kind?: vscode.CompletionItemKind } = {}): Promise<string[]> {
    const m = marked(text);
    const document = await openSql(m.text, options.on);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      document.positionAt(m.at[0]),
    );
    return list.items.filter((i) => options.kind === undefined || i.kind === options.kind).map(labelText);
  }

  async function truthTimestamps(label: string): Promise<string[]> {
    const session = await api.connections.getSession(profile.id);
    const rows = (await session.query(showSnapshots(DEMO_REPOSITORY, { snapshot: label }).sql)).rows;
    const snapshot = parseSnapshotList(rows).find((s) => s.label === label);
    assert.ok(snapshot && snapshot.timestamps.length > 0, `the sandbox reports timestamps for ${label}`);
    return snapshot.timestamps;
  }

  /** Runs the statement at `offset` through the CodeLens that stands over it. */
  async function runLensAt(document: vscode.TextDocument, offset: number): Promise<RunOutcome[]> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const line = document.positionAt(offset).line;
    const lens = lenses.find((l) => l.range.start.line === line && l.command?.command === CommandIds.runStatement);
    assert.ok(
      lens?.command,
      `a Run lens on line ${line}; lenses: ${lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`).join(' | ')}`,
    );
    assert.equal(lens.command.title, `$(play) Run on ${profileOf(document).name}`);
    return vscode.commands.executeCommand<RunOutcome[]>(lens.command.command, ...(lens.command.arguments ?? []));
  }

  function profileOf(document: vscode.TextDocument): ConnectionProfile {
    const p = api.language.editorConnections.profileFor(document.uri);
    assert.ok(p, 'the editor has a connection');
    return p;
  }

  /** The quick fix titled like `title` for the text `target` in the document, applied. */
  async function applyFix(document: vscode.TextDocument, target: string, title: RegExp): Promise<vscode.CodeAction> {
    const offset = document.getText().indexOf(target);
    assert.ok(offset >= 0, `"${target}" is in the document`);
    const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + target.length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, `a quick fix ${title} at "${target}"; offered: ${actions.map((a) => a.title).join(' | ')}`);
    if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applied');
    return action;
  }

  async function diagnosticsOf(document: vscode.TextDocument, expected: RegExp): Promise<vscode.Diagnostic[]> {
    return waitFor(
      `diagnostics matching ${expected}`,
      () => {
        const found = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'StarRocks Backup');
        return found.some((d) => expected.test(d.message)) ? found : undefined;
      },
      10_000,
    );
  }

  const suite = useSandboxSuite({
    main: { options: { version: '3.4' }, profile: `lang ${suffix}` },
    v33: { options: { version: '3.3' }, profile: `lang33 ${suffix}` },
  });
  before(async () => {
    ({ api, originalPrompter } = suite);
    [sandbox, sandbox33, profile, profile33] = [suite.sandbox('main'), suite.sandbox('v33'), suite.profile('main'), suite.profile('v33')];
    await api.connections.getSession(profile.id);
    await api.connections.getSession(profile33.id);
  });

  afterEach(async () => {
    api.prompter = originalPrompter;
    // Revert first: untitled documents with edits would otherwise ask whether to save them.
    for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    for (let n = 1; folder && n <= fileCount; n++)
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, `language-${suffix}-${n}.sql`)).then(undefined, () => undefined);
  });

  describe('completion from the live connection', () => {
    it('offers the repositories after TO, FROM and ON', async () => {
      for (const text of [
        'BACKUP DATABASE demo_sales SNAPSHOT s1 TO |',
        'RESTORE SNAPSHOT s1 FROM |',
        'SHOW SNAPSHOT ON |',
        'DROP REPOSITORY |',
      ]) {
        const offered = await complete(text, { kind: vscode.CompletionItemKind.Folder });
        assert.deepEqual(offered, [DEMO_REPOSITORY], text);
      }
    });

    it('offers the snapshot labels of the repository named later in a RESTORE', async () => {
      const labels = await complete(`RESTORE SNAPSHOT | FROM ${DEMO_REPOSITORY}`, { kind: vscode.CompletionItemKind.File });
      assert.deepEqual([...labels].sort(), [DEMO_SNAPSHOTS.base, DEMO_SNAPSHOTS.orders].sort());
    });

    it('offers the timestamps of the snapshot named earlier, exactly as SHOW SNAPSHOT reports them', async () => {
      const expected = await truthTimestamps(DEMO_SNAPSHOTS.base);
      const offered = await complete(
        `RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.base} FROM ${DEMO_REPOSITORY}\nPROPERTIES ("backup_timestamp" = "|")`,
        { kind: vscode.CompletionItemKind.Value },
      );
      assert.deepEqual(offered, expected);
    });

    it('offers databases, tables and partitions inside ON ( … ) for BACKUP', async () => {
      const databases = await complete('BACKUP DATABASE |', { kind: vscode.CompletionItemKind.Module });
      assert.ok(databases.includes('demo_sales') && databases.includes('demo_ops'), databases.join(', '));
      const tables = await complete('BACKUP DATABASE demo_sales SNAPSHOT s1 TO demo_repo ON (TABLE |', {
        kind: vscode.CompletionItemKind.Struct,
      });
      assert.deepEqual([...tables].sort(), ['customers', 'orders']);
      const session = await api.connections.getSession(profile.id);
      const truth = parsePartitions((await session.query(showPartitions('demo_sales', 'orders').sql)).rows).map((p) => p.name);
      assert.deepEqual(truth, ['p202401', 'p202402', 'p202403']);
      const partitions = await complete('BACKUP DATABASE demo_sales SNAPSHOT s1 TO demo_repo ON (TABLE orders PARTITION (p202401, |', {
        kind: vscode.CompletionItemKind.Field,
      });
      assert.deepEqual(partitions, ['p202402', 'p202403']);
    });

    it('offers the tables and partitions held by the snapshot for RESTORE', async () => {
      const tables = await complete(`RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.orders} FROM ${DEMO_REPOSITORY} DATABASE demo_sales ON (TABLE |`, {
        kind: vscode.CompletionItemKind.Struct,
      });
      assert.deepEqual(tables, ['orders']);
      const partitions = await complete(
        `RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.base} FROM ${DEMO_REPOSITORY} DATABASE demo_sales ON (TABLE orders PARTITION (|`,
        { kind: vscode.CompletionItemKind.Field },
      );
      assert.deepEqual([...partitions].sort(), ['p202401', 'p202402', 'p202403']);
    });

    it('offers the property keys of the statement and the server version', async () => {
      const keys = await complete('BACKUP DATABASE demo_sales SNAPSHOT s1 TO demo_repo PROPERTIES (|', {
        kind: vscode.CompletionItemKind.Property,
      });
      assert.deepEqual(keys, ['type', 'timeout'], '3.4 has no ttl');
    });

    it('uses the 2.5 label form (db.label) on a 3.3 server', async () => {
      const prefixes = await complete('BACKUP SNAPSHOT |', { on: profile33, kind: vscode.CompletionItemKind.Module });
      assert.ok(prefixes.includes('demo_sales.') && prefixes.includes('demo_ops.'), prefixes.join(', '));
      const labels = await complete('BACKUP SNAPSHOT demo_sales.|', { on: profile33, kind: vscode.CompletionItemKind.File });
      assert.equal(labels.length, 1);
      assert.match(labels[0], /^demo_sales_\d{8}_\d{6}$/);
    });
  });

  describe('running statements', () => {
    it('runs a BACKUP through its CodeLens and hands the job to the tracker', async () => {
      const label = `lang_backup_${suffix}`;
      const m = marked(`SHOW REPOSITORIES;\n\n|BACKUP DATABASE demo_ops SNAPSHOT ${label} TO ${DEMO_REPOSITORY} ON (TABLE events);\n`);
      const document = await openSql(m.text);
      const outcomes = await runLensAt(document, m.at[0]);
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0].status, 'ok', JSON.stringify(outcomes));
      const job = api.jobs.list(profile.id).find((j) => j.label === label);
      assert.ok(job, 'the tracker has the job');
      assert.equal(job.kind, 'BACKUP');
      assert.equal(job.database, 'demo_ops');
      assert.equal(job.repository, DEMO_REPOSITORY);
      const log = await sandbox.control.statementLog();
      assert.ok(
        log.some((e) => e.kind === 'BACKUP' && e.sql.includes(label) && !e.error),
        'the sandbox received the BACKUP',
      );
      await waitFor(
        'the backup to finish',
        () => api.jobs.list(profile.id).find((j) => j.label === label && j.phase === 'finished'),
        90_000,
      );
      // The cache was invalidated by the run: the new snapshot is offered at once.
      assert.ok((await complete(`RESTORE SNAPSHOT | FROM ${DEMO_REPOSITORY}`)).includes(label));
    });

    it('shows the rows of a SHOW in a result document and explains an error', async () => {
      const m = marked(`|SHOW SNAPSHOT ON ${DEMO_REPOSITORY};\n|SHOW SNAPSHOT ON no_such_repo_${suffix};\n`);
      const document = await openSql(m.text);
      const [shown] = await vscode.commands.executeCommand<RunOutcome[]>(CommandIds.runStatement, document.uri.toString(), m.at[0]);
      assert.equal(shown.status, 'ok');
      const result = api.language.results.latest();
      assert.ok(result, 'a result document was shown');
      assert.match(result.content, /\| Snapshot +\| Timestamp +\| Status/);
      assert.ok(result.content.includes(DEMO_SNAPSHOTS.base) && result.content.includes(DEMO_SNAPSHOTS.orders));
      assert.ok(
        vscode.workspace.textDocuments.some((d) => d.uri.toString() === result.uri.toString() && d.getText() === result.content),
        'the document shows it',
      );
      const [failed] = await vscode.commands.executeCommand<RunOutcome[]>(CommandIds.runStatement, document.uri.toString(), m.at[1]);
      assert.equal(failed.status, 'failed');
      assert.ok(failed.status === 'failed' && /does not exist/.test(failed.message), JSON.stringify(failed));
    });

    it('runs the statement under the cursor with the Run Statement command', async () => {
      const m = marked('SHOW REPOSITORIES;\nSHOW BACKUP FROM demo_sa|les;\n');
      const document = await openSql(m.text);
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(document.positionAt(m.at[0]), document.positionAt(m.at[0]));
      await sandbox.control.resetStats();
      const outcomes = await vscode.commands.executeCommand<RunOutcome[]>(CommandIds.runStatement);
      assert.equal(outcomes.length, 1);
      assert.equal(outcomes[0].display, 'SHOW BACKUP FROM demo_sales');
      const kinds = (await sandbox.control.statementLog()).map((e) => e.kind);
      assert.ok(kinds.includes('SHOW BACKUP') && !kinds.includes('SHOW REPOSITORIES'), kinds.join(', '));
    });

    it('asks before a RESTORE over existing tables and before DROP, and sends nothing when declined', async () => {
      const [timestamp] = await truthTimestamps(DEMO_SNAPSHOTS.orders);
      const m = marked(
        `|RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.orders} FROM ${DEMO_REPOSITORY} DATABASE demo_sales ON (TABLE orders)\nPROPERTIES ("backup_timestamp" = "${timestamp}");\n|DROP REPOSITORY ${DEMO_REPOSITORY};\n|CANCEL BACKUP FROM demo_ops;\n`,
      );
      const document = await openSql(m.text);
      const scripted = script()
        .accept(/^Restoring overwrites 1 existing table\(s\) in demo_sales: orders$/, undefined)
        .accept(/Drop repository demo_repo/, undefined)
        .accept(/Cancel the BACKUP running in demo_ops/, undefined)
        .accept(/Restoring overwrites 1 existing table/, 'Restore and Overwrite');
      await sandbox.control.resetStats();
      assert.equal((await runLensAt(document, m.at[0]))[0].status, 'cancelled');
      assert.equal((await runLensAt(document, m.at[1]))[0].status, 'cancelled');
      assert.equal((await runLensAt(document, m.at[2]))[0].status, 'cancelled');
      const sent = (await sandbox.control.statementLog()).map((e) => e.kind);
      assert.ok(!sent.some((kind) => /RESTORE|DROP|CANCEL/.test(kind)), `nothing destructive was sent: ${sent.join(', ')}`);
      const confirmation = scripted.transcript.find((r) => r.kind === 'confirm');
      assert.ok(
        confirmation?.detail?.includes(
          `\n\nRESTORE SNAPSHOT ${DEMO_SNAPSHOTS.orders} FROM ${DEMO_REPOSITORY} DATABASE demo_sales ON (TABLE orders)`,
        ),
        `the dialog shows the statement: ${confirmation?.detail}`,
      );
      assert.match(confirmation?.detail ?? '', /Once the restore job passes COMMIT, the overwritten data cannot be recovered/);
      const [ran] = await runLensAt(document, m.at[0]);
      assert.equal(ran.status, 'ok', JSON.stringify(ran));
      const job = api.jobs.list(profile.id).find((j) => j.kind === 'RESTORE' && j.label === DEMO_SNAPSHOTS.orders);
      assert.ok(job, 'the tracker has the restore');
      assert.equal(job.database, 'demo_sales');
      assert.equal(job.timestamp, timestamp);
      scripted.assertFinished();
      await waitFor('the restore to end', () => api.jobs.list(profile.id).find((j) => j.key === job.key && j.phase !== 'running'), 90_000);
    });
  });

  describe('RESTORE from a file when the overwrite check cannot run', () => {
    const tablesPattern = /^SHOW (FULL )?TABLES/i;
    const snapshotPattern = /^SHOW SNAPSHOT/i;
    const extensionConfig = () => vscode.workspace.getConfiguration('starrocksBackup');

    afterEach(async () => {
      await sandbox.control.failStatements(tablesPattern, undefined);
      await sandbox.control.failStatements(snapshotPattern, undefined);
      await sandbox.control.slowStatements(tablesPattern, 0);
      await extensionConfig().update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    });

    /** A document with one RESTORE of `label` into demo_sales (ON (TABLE orders), or the whole snapshot), and its lens offset. */
    async function restoreDocument(label: string, on: string): Promise<{ document: vscode.TextDocument; at: number }> {
      const [timestamp] = await truthTimestamps(label);
      const m = marked(
        `|RESTORE SNAPSHOT ${label} FROM ${DEMO_REPOSITORY} DATABASE demo_sales${on}\nPROPERTIES ("backup_timestamp" = "${timestamp}");\n`,
      );
      return { document: await openSql(m.text), at: m.at[0] };
    }

    /** What the sandbox received since the last reset: the failed check, and no RESTORE. */
    async function assertNoRestore(failedKind: string): Promise<void> {
      const log = await sandbox.control.statementLog();
      assert.ok(
        log.some((e) => e.kind === failedKind && e.error),
        `the ${failedKind} of the check failed: ${log.map((e) => e.kind).join(', ')}`,
      );
      assert.ok(!log.some((e) => e.kind === 'RESTORE'), `no RESTORE was sent: ${log.map((e) => e.kind).join(', ')}`);
    }

    it('asks when SHOW TABLES is denied, names the database and the reason, offers no default that restores, and sends nothing on Cancel', async () => {
      const { document, at } = await restoreDocument(DEMO_SNAPSHOTS.orders, ' ON (TABLE orders)');
      const rowsBefore = await sandbox.control.rows('demo_sales', 'orders');
      await sandbox.control.failStatements(tablesPattern, {
        kind: 'accessDenied',
        message: 'Access denied; you need (at least one of) the SELECT privilege(s) on DATABASE demo_sales for this operation.',
      });
      const scripted = script().accept(
        /^Could not check which existing tables this restore overwrites in database demo_sales on /,
        undefined,
      );
      await sandbox.control.resetStats();
      const [outcome] = await runLensAt(document, at);
      scripted.assertFinished();
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
      const dialog = scripted.transcript.find((r) => r.kind === 'confirm');
      assert.match(
        dialog?.detail ?? '',
        /The tables of database demo_sales could not be listed \(SHOW TABLES\): The user lacks the SELECT privilege on DATABASE demo_sales/,
      );
      assert.match(dialog?.detail ?? '', /passes COMMIT, the overwritten data cannot be recovered/);
      assert.deepEqual(
        dialog?.actions,
        ['Check Again', 'Restore Without Checking'],
        'the first (default) action only checks again; Cancel is the dismissal',
      );
      await assertNoRestore('SHOW TABLES');
      assert.deepEqual(await sandbox.control.rows('demo_sales', 'orders'), rowsBefore, 'the table is unchanged');
    });

    it('asks when SHOW TABLES times out, and checks again on request, then asks about the overwrite it finds', async () => {
      const { document, at } = await restoreDocument(DEMO_SNAPSHOTS.orders, ' ON (TABLE orders)');
      const rowsBefore = await sandbox.control.rows('demo_sales', 'orders');
      await extensionConfig().update('queryTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
      await sandbox.control.slowStatements(tablesPattern, 4_000);
      const scripted = script()
        .accept(/^Could not check which existing tables this restore overwrites in database demo_sales/, 'Check Again', async () => {
          await sandbox.control.slowStatements(tablesPattern, 0);
          await extensionConfig().update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
        })
        .accept(/^Restoring overwrites 1 existing table\(s\) in demo_sales: orders$/, undefined);
      await sandbox.control.resetStats();
      const [outcome] = await runLensAt(document, at);
      scripted.assertFinished();
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
      const [unchecked] = scripted.transcript.filter((r) => r.kind === 'confirm');
      assert.match(
        unchecked.detail ?? '',
        /The tables of database demo_sales could not be listed \(SHOW TABLES\): The statement did not finish within 1 seconds/,
      );
      const log = await sandbox.control.statementLog();
      assert.ok(!log.some((e) => e.kind === 'RESTORE'), `no RESTORE was sent: ${log.map((e) => e.kind).join(', ')}`);
      assert.deepEqual(await sandbox.control.rows('demo_sales', 'orders'), rowsBefore, 'the table is unchanged');
    });

    it('asks when the whole snapshot is restored and SHOW SNAPSHOT cannot say which tables it holds, and sends nothing on Escape', async () => {
      const { document, at } = await restoreDocument(DEMO_SNAPSHOTS.base, '');
      const before = {
        orders: await sandbox.control.rows('demo_sales', 'orders'),
        customers: await sandbox.control.rows('demo_sales', 'customers'),
      };
      await sandbox.control.failStatements(snapshotPattern, {
        message: 'Failed to list the repository: connection to the storage was reset',
      });
      const scripted = script().dismiss(/^Could not check which existing tables this restore overwrites in database demo_sales/);
      await sandbox.control.resetStats();
      const [outcome] = await runLensAt(document, at);
      scripted.assertFinished();
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
      const dialog = scripted.transcript.find((r) => r.kind === 'confirm');
      assert.match(
        dialog?.detail ?? '',
        new RegExp(
          `The tables of snapshot ${DEMO_SNAPSHOTS.base} \\(.+\\) in repository ${DEMO_REPOSITORY} could not be read \\(SHOW SNAPSHOT\\): .*connection to the storage was reset`,
        ),
      );
      await assertNoRestore('SHOW SNAPSHOT');
      assert.deepEqual(
        { orders: await sandbox.control.rows('demo_sales', 'orders'), customers: await sandbox.control.rows('demo_sales', 'customers') },
        before,
        'the tables are unchanged',
      );
    });
  });

  describe('diagnostics and quick fixes', () => {
    it('fixes s3://, a misspelt key, a short timeout, a BACKUP alias and a missing backup_timestamp', async () => {
      const document = await openSql(
        [
          `CREATE REPOSITORY fix_repo WITH BROKER ON LOCATION "s3://bucket-${suffix}/p" PROPERTIES ("aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-east-1");`,
          'BACKUP DATABASE demo_sales SNAPSHOT l1 TO demo_repo PROPERTIES ("timout" = "3600");',
          'BACKUP DATABASE demo_sales SNAPSHOT l2 TO demo_repo PROPERTIES ("timeout" = "60");',
          `RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.base} FROM ${DEMO_REPOSITORY} PROPERTIES ("allow_load" = "true");`,
          'BACKUP SNAPSHOT demo_sales.l3 TO demo_repo ON (orders AS o2);',
          '',
        ].join('\n'),
      );
      const diagnostics = await diagnosticsOf(document, /timeout must be at least 10 min/);
      const messages = diagnostics.map((d) => d.message.split('\n')[0]);
      for (const expected of [
        'Unknown backup job properties: [timout]',
        'timeout must be at least 10 min',
        'Missing backup_timestamp property',
        'Can not set alias for table in Backup Stmt: orders AS o2',
      ]) {
        assert.ok(messages.includes(expected), `diagnostic "${expected}" in ${messages.join(' | ')}`);
      }
      await applyFix(document, 's3://', /s3a/);
      assert.ok(document.getText().includes(`"s3a://bucket-${suffix}/p"`));
      await applyFix(document, '"timout"', /Change to "timeout"/);
      assert.ok(document.getText().includes('("timeout" = "3600")'));
      await applyFix(document, '"60"', /600 seconds/);
      assert.ok(document.getText().includes('("timeout" = "600")'));
      await applyFix(document, 'AS o2', /Remove "AS o2"/);
      assert.ok(document.getText().includes('ON (orders);'));
      const [newest] = await truthTimestamps(DEMO_SNAPSHOTS.base);
      await applyFix(document, `RESTORE SNAPSHOT ${DEMO_SNAPSHOTS.base}`, /Add "backup_timestamp"/);
      assert.ok(document.getText().includes(`PROPERTIES ("backup_timestamp" = "${newest}", "allow_load" = "true");`), document.getText());
      const remaining = api.language.diagnostics.update(document).map((d) => d.message);
      assert.deepEqual(remaining, [], 'every problem fixed');
    });

    it('flags syntax the server does not have yet, and rewrites DATABASE x to the 2.5 form', async () => {
      const document = await openSql(
        'BACKUP DATABASE demo_sales SNAPSHOT l9 TO demo_repo ON (TABLE orders);\nDROP SNAPSHOT l9 ON demo_repo;\n',
        profile33,
      );
      const diagnostics = await diagnosticsOf(document, /DROP SNAPSHOT needs StarRocks 4\.2 or later/);
      assert.ok(
        diagnostics.some((d) => /^DATABASE … needs StarRocks 3\.4 or later; the connection of this editor runs 3\.3/.test(d.message)),
        diagnostics.map((d) => d.message).join(' | '),
      );
      await applyFix(document, 'TABLE orders', /Remove "TABLE"/);
      await applyFix(document, 'DATABASE demo_sales', /Write it as SNAPSHOT demo_sales\.l9/);
      assert.ok(document.getText().startsWith('BACKUP SNAPSHOT demo_sales.l9 TO demo_repo ON (orders);'), document.getText());
      // The same text on a 3.4 connection has no version problem.
      await api.language.editorConnections.set(document.uri, profile.id);
      assert.deepEqual(
        api.language.diagnostics
          .update(document)
          .map((d) => d.message)
          .filter((m) => /needs StarRocks 3\.4/.test(m)),
        [],
      );
    });

    it('moves a clear-text secret to SecretStorage and leaves a reference in the file', async () => {
      const secret = `Sk-${randomBytes(12).toString('hex')}`;
      const repo = `lang_secret_${suffix}`;
      const document = await openSql(
        `CREATE REPOSITORY ${repo} WITH BROKER ON LOCATION "s3a://${sandbox.info.bucket}/lang-${suffix}"\nPROPERTIES ("aws.s3.access_key" = "${sandbox.info.accessKey}", "aws.s3.secret_key" = "${secret}", "aws.s3.endpoint" = "${sandbox.info.s3Endpoint}", "aws.s3.region" = "${sandbox.info.region}", "aws.s3.enable_path_style_access" = "true");\n`,
      );
      const diagnostics = await diagnosticsOf(document, /secret "aws\.s3\.secret_key" is written in clear text/);
      assert.ok(
        diagnostics.every((d) => !d.message.includes(secret)),
        'the diagnostic does not repeat the secret',
      );
      const action = await applyFix(document, secret, /Move the secret/);
      assert.ok(action.command, 'the fix is a command');
      assert.ok(!JSON.stringify(action.command.arguments).includes(secret), 'the secret is not passed around in command arguments');
      assert.equal(await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? [])), true);
      const text = document.getText();
      assert.ok(!text.includes(secret), 'the secret left the document');
      assert.ok(text.includes(`"aws.s3.secret_key" = "\${secret:${repo}/aws.s3.secret_key}"`), text);
      assert.equal((await api.language.secrets.get(profile.id, `${repo}/aws.s3.secret_key`))?.secret, secret);
      assert.deepEqual(
        api.language.diagnostics.update(document).map((d) => d.message),
        [],
      );

      // Running resolves the reference for the server only: the server gets the secret, nothing shown does.
      await sandbox.control.resetStats();
      const [outcome] = await runLensAt(document, 0);
      assert.ok(outcome.status === 'ok' || outcome.status === 'failed', JSON.stringify(outcome));
      const received = (await sandbox.control.statementLog()).find((e) => e.kind === 'CREATE REPOSITORY');
      assert.ok(received?.sql.includes(secret), 'the server received the resolved secret');
      assert.ok(!JSON.stringify(outcome).includes(secret), 'the outcome shown does not');
      assert.ok(!(api.language.results.latest()?.content ?? '').includes(secret), 'the result document does not');
      for (const file of await filesUnder(api.diagnostics.logUri.fsPath)) {
        assert.ok(!(await fs.readFile(file, 'utf8')).includes(secret), `the log ${file} does not`);
      }
      const state = JSON.stringify(api.diagnostics.globalState());
      assert.ok(state.includes(profile.name), 'globalState holds the profile; the check is not vacuous');
      assert.ok(!state.includes(secret), 'globalState does not');
      // The storage features get the keys only once the server accepted the repository.
      const stored = await api.connections.getS3Credentials(profile.id, repo);
      if (outcome.status === 'ok') {
        assert.deepEqual(stored, { kind: 'keys', accessKeyId: sandbox.info.accessKey, secretAccessKey: secret });
      } else {
        assert.equal(stored, undefined, 'a rejected CREATE REPOSITORY leaves no credentials behind');
      }
      if (outcome.status === 'ok') {
        const session = await api.connections.getSession(profile.id);
        await session.query(`DROP REPOSITORY ${repo}`);
      }
    });

    it('asks once for a referenced secret this machine lacks, stores it and runs the statement', async () => {
      const repo = `lang_ref_${suffix}`;
      const m = marked(
        `|CREATE REPOSITORY ${repo} WITH BROKER ON LOCATION "s3a://${sandbox.info.bucket}/lang-ref-${suffix}"\nPROPERTIES ("aws.s3.access_key" = "${sandbox.info.accessKey}", "aws.s3.secret_key" = "\${secret:${repo}/aws.s3.secret_key}", "aws.s3.endpoint" = "${sandbox.info.s3Endpoint}", "aws.s3.region" = "${sandbox.info.region}", "aws.s3.enable_path_style_access" = "true");\n|DROP REPOSITORY ${repo};\n`,
      );
      const document = await openSql(m.text);
      const scripted = script()
        .answer(/secret/i, sandbox.info.secretKey)
        .accept(new RegExp(`Drop repository ${repo}`), 'Drop Repository');
      const [created] = await runLensAt(document, m.at[0]);
      assert.equal(created.status, 'ok', JSON.stringify(created));
      assert.equal((await api.language.secrets.get(profile.id, `${repo}/aws.s3.secret_key`))?.secret, sandbox.info.secretKey);
      assert.equal(scripted.transcript.find((r) => r.kind === 'input')?.password, true, 'asked with a password box');
      const session = await api.connections.getSession(profile.id);
      assert.ok(
        (await session.query('SHOW REPOSITORIES')).rows.some((r) => r.RepoName === repo),
        'the repository exists',
      );
      // The storage features (sizes, delete, access check) now have the keys, as after the wizard.
      assert.deepEqual(await api.connections.getS3Credentials(profile.id, repo), {
        kind: 'keys',
        accessKeyId: sandbox.info.accessKey,
        secretAccessKey: sandbox.info.secretKey,
      });
      assert.deepEqual(api.connections.getS3Endpoint(profile.id, repo), {
        endpoint: sandbox.info.s3Endpoint,
        region: sandbox.info.region,
        forcePathStyle: true,
        // The repository's own non-secret credential properties, for Copy SQL.
        repositoryAuth: {
          method: 's3Compatible',
          accessKey: sandbox.info.accessKey,
          endpoint: sandbox.info.s3Endpoint,
          region: sandbox.info.region,
          pathStyle: true,
        },
      });
      // The sandbox's secret equals its access key, which the log rightly shows; so the check is on
      // the secret's own places: the masked log line of the stored keys, and the secret property.
      const logs = await waitFor(`the stored keys of ${repo} in the log`, async () => {
        const all = (await Promise.all((await filesUnder(api.diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')))).join('\n');
        return all.includes(`for repository ${repo} of`) &&
          all.includes(`Ran from a SQL file on ${profile.name}: CREATE REPOSITORY ${repo} `)
          ? all
          : undefined;
      });
      assert.ok(
        logs.includes('"aws.s3.secret_key" = "***"'),
        'the log shows the statement, its secret masked; the check below is not vacuous',
      );
      assert.ok(!/"aws\.s3\.secret_key"\s*=\s*"(?!\*\*\*")/.test(logs), 'no secret_key value other than *** in the log');
      assert.ok(!logs.includes(`"secretAccessKey"`), 'no credential object in the log');
      assert.ok(!JSON.stringify(api.diagnostics.globalState()).includes('secretAccessKey'), 'no credential object in globalState');
      const [dropped] = await runLensAt(document, m.at[1]);
      assert.equal(dropped.status, 'ok');
      assert.ok(!(await session.query('SHOW REPOSITORIES')).rows.some((r) => r.RepoName === repo), 'and is dropped after the confirmation');
      scripted.assertFinished();
    });
  });

  describe('secret references, bound to the connection, repository, location and endpoint they were stored for', () => {
    const KEY = 'aws.s3.secret_key';

    function createText(repo: string, location: string, secretValue: string, endpoint = sandbox.info.s3Endpoint): string {
      return `CREATE REPOSITORY ${repo} WITH BROKER ON LOCATION "${location}"\nPROPERTIES ("aws.s3.access_key" = "${sandbox.info.accessKey}", "${KEY}" = "${secretValue}", "aws.s3.endpoint" = "${endpoint}", "aws.s3.region" = "${sandbox.info.region}", "aws.s3.enable_path_style_access" = "true");\n`;
    }

    /** Writes the CREATE REPOSITORY with `secret` in clear text on `on` and runs the quick fix; returns the command's answer. */
    async function moveSecret(
      repo: string,
      location: string,
      secret: string,
      on: ConnectionProfile = profile,
    ): Promise<{ document: vscode.TextDocument; moved: unknown }> {
      const document = await openSql(createText(repo, location, secret), on);
      await diagnosticsOf(document, /is written in clear text/);
      const action = await applyFix(document, secret, /Move the secret/);
      assert.ok(action.command);
      const moved = await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      return { document, moved };
    }

    /** Every statement `target` received that carries `secret`. */
    async function received(target: Sandbox, secret: string): Promise<string[]> {
      return (await target.control.statementLog()).map((e) => e.sql).filter((sql) => sql.includes(secret));
    }

    it('refuses a reference under another LOCATION or endpoint, says why, and sends nothing', async () => {
      const secret = `Sk-${randomBytes(12).toString('hex')}`;
      const repo = `bound_${suffix}`;
      const location = `s3a://${sandbox.info.bucket}/bound-${suffix}`;
      const { moved } = await moveSecret(repo, location, secret);
      assert.equal(moved, true);
      const reference = `\${secret:${repo}/${KEY}}`;
      const elsewhere: [string, string, RegExp][] = [
        [
          'another LOCATION',
          createText(repo, `s3a://${sandbox.info.bucket}/attacker-${suffix}`, reference),
          /was stored for repository .* at s3a:\/\/.*bound-.* this statement would send it to s3a:\/\/.*attacker-/,
        ],
        [
          'another endpoint',
          createText(repo, location, reference, 'http://127.0.0.1:1'),
          /was stored for repository .* with endpoint .*; this statement would send it to endpoint \(?http:\/\/127\.0\.0\.1:1/,
        ],
      ];
      for (const [what, text, why] of elsewhere) {
        await sandbox.control.resetStats();
        const document = await openSql(text);
        const scripted = script(); // no answers: any prompt (asking for the secret) fails the test
        const [outcome] = await runLensAt(document, 0);
        scripted.assertFinished();
        assert.ok(outcome.status === 'failed', `${what}: ${JSON.stringify(outcome)}`);
        assert.match(outcome.message, why, what);
        assert.match(outcome.message, /move it to storage again with the quick fix/, `${what}: says what to do`);
        assert.ok(!outcome.message.includes(secret), `${what}: the message does not hold the secret`);
        assert.deepEqual(await received(sandbox, secret), [], `${what}: the server received nothing with the secret`);
        assert.ok(
          !(await sandbox.control.statementLog()).some((e) => e.kind === 'CREATE REPOSITORY'),
          `${what}: no CREATE REPOSITORY was sent at all`,
        );
      }
      // The statement it was stored for still gets it (the refusals are not a broken resolver).
      await sandbox.control.resetStats();
      const same = await openSql(createText(repo, location, reference));
      const [sent] = await runLensAt(same, 0);
      // The random secret is not the store's key, so the server may reject the repository; what counts is that it was sent.
      assert.ok(sent.status === 'ok' || sent.status === 'failed', JSON.stringify(sent));
      assert.equal((await received(sandbox, secret)).length, 1, 'the statement it was stored for was sent with the secret');
      if (sent.status === 'ok') await (await api.connections.getSession(profile.id)).query(`DROP REPOSITORY ${repo}`);
    });

    it('gives each connection its own slot: a repository of the same name elsewhere does not get the secret', async () => {
      const secret = `Sk-${randomBytes(12).toString('hex')}`;
      const repo = `shared_${suffix}`;
      const location = `s3a://${sandbox.info.bucket}/shared-${suffix}`;
      assert.equal((await moveSecret(repo, location, secret)).moved, true);
      const name = `${repo}/${KEY}`;
      assert.equal((await api.language.secrets.get(profile.id, name))?.secret, secret);
      assert.equal(await api.language.secrets.get(profile33.id, name), undefined, 'nothing stored for the other connection');

      // The same file on the other cluster: the secret is not there, so the user is asked; dismissing sends nothing.
      await sandbox33.control.resetStats();
      const document = await openSql(createText(repo, location, `\${secret:${name}}`), profile33);
      const scripted = script().dismiss(
        new RegExp(`not stored for repository ${repo} at .* on ${profile33.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      const [outcome] = await runLensAt(document, 0);
      scripted.assertFinished();
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome));
      assert.deepEqual(await received(sandbox33, secret), [], 'the other cluster received nothing with the secret');
      assert.ok(
        !(await sandbox33.control.statementLog()).some((e) => e.kind === 'CREATE REPOSITORY'),
        'no CREATE REPOSITORY was sent there',
      );
      assert.equal(await api.language.secrets.get(profile33.id, name), undefined);
      assert.equal((await api.language.secrets.get(profile.id, name))?.secret, secret, 'the first connection keeps its secret');
    });

    it('stores nothing from an untrusted workspace (trust injected here; test/ui/productionApi.test.ts runs it in a really untrusted one)', async () => {
      const secret = `Sk-${randomBytes(12).toString('hex')}`;
      const repo = `untrusted_${suffix}`;
      const stored = new Map<string, string>();
      const storage: vscode.SecretStorage = {
        get: async (key) => stored.get(key),
        store: async (key, value) => void stored.set(key, value),
        delete: async (key) => void stored.delete(key),
        onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
      };
      const scripted = script(); // no answers: the untrusted path asks nothing
      const secrets = new SqlSecrets({
        secrets: storage,
        prompter: scripted,
        log: api.log,
        connections: api.connections,
        editorConnections: api.language.editorConnections,
        isTrusted: () => false,
      });
      const document = await openSql(createText(repo, `s3a://${sandbox.info.bucket}/untrusted-${suffix}`, secret));
      const moved = await secrets.moveToStorage(
        document.uri,
        document.getText().indexOf(secret),
        repo,
        KEY,
        analysisEnvFor(document.uri, api.language.editorConnections),
      );
      scripted.assertFinished();
      assert.equal(moved, false);
      assert.deepEqual([...stored.keys()], [], 'nothing stored');
      assert.ok(document.getText().includes(secret), 'the file is left as it was');
      // The same object in a trusted workspace does store: the refusal above is the trust check.
      const trusted = new SqlSecrets({
        secrets: storage,
        prompter: scripted,
        log: api.log,
        connections: api.connections,
        editorConnections: api.language.editorConnections,
        isTrusted: () => true,
      });
      assert.equal(
        await trusted.moveToStorage(
          document.uri,
          document.getText().indexOf(secret),
          repo,
          KEY,
          analysisEnvFor(document.uri, api.language.editorConnections),
        ),
        true,
      );
      assert.equal(stored.size, 1);
    });

    it('asks (modal) before the quick fix replaces a stored secret; Cancel keeps the old value and the file', async () => {
      const first = `Sk-${randomBytes(12).toString('hex')}`;
      const second = `Sk-${randomBytes(12).toString('hex')}`;
      const repo = `replace_${suffix}`;
      const location = `s3a://${sandbox.info.bucket}/replace-${suffix}`;
      const name = `${repo}/${KEY}`;
      assert.equal((await moveSecret(repo, location, first)).moved, true);

      const cancelled = script().accept(/A secret is already stored as/, undefined);
      const { document, moved } = await moveSecret(repo, `s3a://${sandbox.info.bucket}/replace-other-${suffix}`, second);
      cancelled.assertFinished();
      const asked = cancelled.transcript.find((r) => r.kind === 'confirm');
      assert.ok(asked, 'a confirmation was shown');
      assert.match(
        asked.detail ?? '',
        new RegExp(
          `Stored for repository ${repo} at s3a://.*replace-${suffix}.* it is sent only to repository ${repo} at s3a://.*replace-other-${suffix}`,
        ),
      );
      assert.equal(moved, false);
      assert.equal((await api.language.secrets.get(profile.id, name))?.secret, first, 'Cancel keeps the stored value');
      assert.ok(document.getText().includes(second), 'and leaves the file as it was');

      const accepted = script().accept(/A secret is already stored as/, 'Replace Stored Secret');
      assert.equal(
        await vscode.commands.executeCommand(
          CommandIds.moveSecretToStorage,
          document.uri.toString(),
          document.getText().indexOf(second),
          repo,
          KEY,
        ),
        true,
      );
      accepted.assertFinished();
      const stored = await api.language.secrets.get(profile.id, name);
      assert.equal(stored?.secret, second, 'replaced after the confirmation');
      assert.equal(stored?.binding.location, `s3a://${sandbox.info.bucket}/replace-other-${suffix}`, 'and bound to the new location');
    });
  });

  it('remembers the connection chosen for an editor', async () => {
    const document = await openSql('SHOW REPOSITORIES;\nSELECT 1;\nDROP TABLE demo_sales.orders;\n');
    await api.language.editorConnections.set(document.uri, undefined);
    script().choose(/Select Connection for Editor/, profile33.name);
    assert.equal(await vscode.commands.executeCommand(CommandIds.selectEditorConnection, document.uri.toString()), profile33.id);
    assert.equal(api.language.editorConnections.profileFor(document.uri)?.id, profile33.id);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((l) => l.command?.command === CommandIds.runStatement);
    assert.deepEqual(
      ours.map((l) => [l.range.start.line, l.command?.title]),
      [[0, `$(play) Run on ${profile33.name}`]],
      'a lens over SHOW REPOSITORIES only',
    );
  });
});
