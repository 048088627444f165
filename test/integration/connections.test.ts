import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConnectionError } from '../../src/connections/connectionError';
import type { ConnectionProfile, ServerInfo } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { startSandbox } from '../sandbox';
import { sandboxProfileDraft, scriptPrompter } from './support/sandboxProfile';
import type { ScriptedPrompter } from './support/scriptedPrompter';
import { filesUnder } from './support/files';

const EXTENSION_ID = 'starrocks-backup.starrocks-backup';
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A password nothing else contains, so finding it anywhere is a leak. */
const SECRET = `Sr-${randomBytes(9).toString('hex')}-pw`;
const S3_SECRET = `S3sk-${randomBytes(12).toString('hex')}`;

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<ConnectionError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof Error, `rejected with a non-error: ${String(e)}`);
    assert.equal(e.name, 'ConnectionError', `expected a ConnectionError, got ${e.name}: ${e.message}`);
    return e as ConnectionError;
  }
  assert.fail('expected a rejection');
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Connections', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let sandbox25: Sandbox;
  let sandbox42: Sandbox;
  const created: string[] = [];

  const script = (): ScriptedPrompter => scriptPrompter(api);

  function draft(sandbox: Sandbox, overrides: Partial<ConnectionProfile> = {}): Omit<ConnectionProfile, 'id'> {
    return sandboxProfileDraft(sandbox, `sandbox ${randomBytes(3).toString('hex')}`, overrides);
  }

  async function add(
    sandbox: Sandbox,
    overrides: Partial<ConnectionProfile> = {},
    password: string | undefined = SECRET,
  ): Promise<ConnectionProfile> {
    const profile = await api.connections.addProfile(draft(sandbox, overrides), password);
    created.push(profile.id);
    return profile;
  }

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    api = await extension.activate();
    originalPrompter = api.prompter;
    [sandbox25, sandbox42] = await Promise.all([
      startSandbox({ version: '2.5', seed: 'demo', password: SECRET }),
      startSandbox({
        version: '4.2',
        seed: 'demo',
        password: SECRET,
        users: [{ user: 'ldap_user', password: SECRET, authPlugin: 'mysql_clear_password', privileges: ['REPOSITORY ON SYSTEM'] }],
      }),
    ]);
  });

  afterEach(() => {
    api.prompter = originalPrompter;
  });

  after(async () => {
    api.prompter = originalPrompter;
    for (const id of created) if (api.connections.getProfile(id)) await api.connections.removeProfile(id);
    await Promise.all([sandbox25?.stop(), sandbox42?.stop()]);
  });

  it('warns once per connection that a shared-data cluster cannot run BACKUP/RESTORE', async () => {
    const shared = await startSandbox({ version: '3.4', seed: 'empty', password: SECRET, sharedData: true });
    try {
      const profile = await add(shared);
      const session = await api.connections.getSession(profile.id);
      assert.equal(session.server.sharedData, true);
      assert.equal(session.server.version?.minor, 4);
      const logText = await waitFor('the shared-data warning in the log', async () => {
        const all = (await Promise.all((await filesUnder(api.diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')))).join('\n');
        return all.includes(`"${profile.name}" is a shared-data cluster`) ? all : undefined;
      });
      assert.equal(logText.split(`"${profile.name}" is a shared-data cluster`).length - 1, 1, 'warned once');
      await api.connections.disconnect(profile.id);
    } finally {
      await shared.stop();
    }
  });

  it('reads version and capabilities on connect, and they differ between 2.5 and 4.2', async () => {
    const old = await add(sandbox25);
    const current = await add(sandbox42);
    const [a, b] = await Promise.all([api.connections.getSession(old.id), api.connections.getSession(current.id)]);
    assert.equal(api.connections.peekSession(old.id), a, 'the session is kept open');
    assert.equal(await api.connections.getSession(old.id), a, 'and reused');
    assert.deepEqual([a.server.version?.major, a.server.version?.minor], [2, 5]);
    assert.deepEqual([b.server.version?.major, b.server.version?.minor], [4, 2]);
    assert.equal(a.server.sharedData, false);
    assert.deepEqual(a.server.capabilities, {
      newBackupGrammar: false,
      dropSnapshot: false,
      rbac: false,
      optionalRepositoryProperties: false,
      showPredicates: false,
      preparedStatements: false,
      backupViews: false,
      versionKnown: true,
    });
    assert.deepEqual(b.server.capabilities, {
      newBackupGrammar: true,
      dropSnapshot: true,
      rbac: true,
      optionalRepositoryProperties: true,
      showPredicates: true,
      preparedStatements: true,
      backupViews: true,
      versionKnown: true,
    });
    assert.equal(api.connections.connectionState(current.id).status, 'connected');
    const { rows, columns } = await b.query('SHOW DATABASES');
    assert.ok(columns.length > 0 && rows.length > 0, 'the demo seed has databases');
  });

  it('Test Connection reports the version of a saved connection', async () => {
    const profile = await add(sandbox42);
    const info = (await vscode.commands.executeCommand('starrocksBackup.testConnection', { profileId: profile.id })) as
      ServerInfo | undefined;
    assert.ok(info, 'the test failed');
    assert.match(info.version?.raw ?? '', /^4\.2\./);
  });

  it('keeps the password out of globalState, settings, the exported JSON and the log', async () => {
    const profile = await add(sandbox25, { environment: 'staging' });
    await api.connections.getSession(profile.id);
    await api.connections.setS3Credentials(profile.id, 'repo_leak', {
      kind: 'keys',
      accessKeyId: 'AKIALEAKTEST',
      secretAccessKey: S3_SECRET,
    });
    const secrets = [SECRET, S3_SECRET];
    const leaks = (where: string, text: string) => secrets.forEach((s) => assert.ok(!text.includes(s), `a secret leaked into ${where}`));

    // globalState: every key of the extension, and it really holds the profile.
    const state = JSON.stringify(api.diagnostics.globalState());
    assert.ok(
      state.includes(profile.name) && state.includes('repo_leak'),
      'globalState does not hold the profile; the check would be vacuous',
    );
    leaks('globalState', state);

    // Settings: what VS Code resolves, and the user settings file on disk (written here through a
    // real setting of the extension, so that the file exists and the check can fail). Not a
    // machine-scoped one: in a remote window those go to the machine's settings file, not this one.
    const extensionConfig = vscode.workspace.getConfiguration('starrocksBackup');
    await extensionConfig.update('explorer.snapshotPageSize', 201, vscode.ConfigurationTarget.Global);
    try {
      const config = vscode.workspace.getConfiguration();
      leaks('the configuration', JSON.stringify(config.inspect('starrocksBackup')) + JSON.stringify(config.get('starrocksBackup')));
      const settingsFile = path.join(path.resolve(api.diagnostics.globalStorageUri.fsPath, '..', '..'), 'settings.json');
      const settingsText = await waitFor('the user settings file', async () => {
        const text = await fs.readFile(settingsFile, 'utf8').catch(() => undefined);
        return text?.includes('starrocksBackup.explorer.snapshotPageSize') ? text : undefined;
      });
      leaks(settingsFile, settingsText);
    } finally {
      await extensionConfig.update('explorer.snapshotPageSize', undefined, vscode.ConfigurationTarget.Global);
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const text = await fs.readFile(path.join(folder.uri.fsPath, '.vscode', 'settings.json'), 'utf8').catch(() => '');
      leaks('the workspace settings', text);
    }

    // Export, through the command, to a file.
    const target = vscode.Uri.file(path.join(os.tmpdir(), `sr-export-${randomBytes(4).toString('hex')}.json`));
    const written = await vscode.commands.executeCommand('starrocksBackup.exportConnections', target);
    assert.equal((written as vscode.Uri).fsPath, target.fsPath);
    const exported = await fs.readFile(target.fsPath, 'utf8');
    await fs.rm(target.fsPath, { force: true });
    assert.ok(exported.includes(profile.name) && exported.includes('"staging"'), 'the export does not hold the profile');
    leaks('the exported JSON', exported);

    // The LogOutputChannel's file(s) under context.logUri, once the connect line has been flushed.
    const logDir = api.diagnostics.logUri.fsPath;
    const logText = await waitFor('the connect line in the log file', async () => {
      const texts = await Promise.all((await filesUnder(logDir)).map((f) => fs.readFile(f, 'utf8')));
      const all = texts.join('\n');
      return all.includes(`("${profile.name}")`) ? all : undefined;
    });
    assert.match(logText, /Connected to .*StarRocks 2\.5/);
    leaks(`the log (${logDir})`, logText);
  });

  it('wrong password: an auth error that says what to do, and the extension keeps working', async () => {
    const good = await add(sandbox42);
    const bad = await add(sandbox42, {}, 'definitely-wrong');
    const error = await rejection(api.connections.getSession(bad.id));
    assert.equal(error.kind, 'auth');
    assert.equal(error.errno, 1045);
    assert.match(error.message, /Access denied for user "root" on 127\.0\.0\.1:\d+: .*Update Password/);
    assert.ok(!error.message.includes('definitely-wrong'));
    assert.equal(api.connections.connectionState(bad.id).status, 'error');
    assert.equal(api.connections.peekSession(bad.id), undefined);
    const session = await api.connections.getSession(good.id);
    assert.ok((await session.query('SELECT current_version()')).rows.length === 1);

    // Update Password through the command fixes it.
    script().answer(/New password/, SECRET);
    assert.equal(await vscode.commands.executeCommand('starrocksBackup.updatePassword', bad.id), true);
    assert.equal((await api.connections.getSession(bad.id)).server.version?.major, 4);
  });

  it('closed port: an unreachable error naming host and port, and the extension keeps working', async () => {
    const port = await closedPort();
    const profile = await add(sandbox42, { port, passwordMode: 'none' });
    const error = await rejection(api.connections.getSession(profile.id));
    assert.equal(error.kind, 'unreachable');
    assert.match(
      error.message,
      new RegExp(`Cannot connect to 127\\.0\\.0\\.1:${port}: The server refused the connection\\. Check the host and the port`),
    );
    // Test Connection reports it instead of throwing.
    assert.equal(await vscode.commands.executeCommand('starrocksBackup.testConnection', profile.id), undefined);
    const good = await add(sandbox25);
    await api.connections.getSession(good.id);
  });

  it('dropped connection: a read is retried on a fresh connection, a write is not', async () => {
    const profile = await add(sandbox42);
    const session = await api.connections.getSession(profile.id);
    await session.query('SHOW DATABASES');
    const control = sandbox42.control;
    const sent = async (pattern: RegExp) => (await control.statementLog()).filter((e) => pattern.test(e.sql)).length;

    // Dropped while idle: the next query simply works.
    assert.ok((await control.dropConnections()) > 0, 'the session had a connection open');
    assert.ok((await session.query('SHOW DATABASES')).rows.length > 0);

    // Dropped while a read runs (the sandbox holds its answer back): sent again, transparently.
    // The sandbox logs a statement when its delay is over, also for an attempt whose client is gone.
    const inFlight = async <T>(statement: Promise<T>): Promise<{ settled: () => boolean }> => {
      let done = false;
      statement.then(
        () => (done = true),
        () => (done = true),
      );
      await new Promise((r) => setTimeout(r, 400));
      return { settled: () => done };
    };
    await control.resetStats();
    await control.slowStatements(/^SHOW REPOSITORIES/, 1500);
    const read = session.query('SHOW REPOSITORIES');
    const readState = await inFlight(read);
    assert.equal(readState.settled(), false, 'the read is still running when the connection drops');
    assert.ok((await control.dropConnections()) > 0);
    assert.ok((await read).rows.length > 0, 'the read succeeded although its connection dropped: it was sent again');
    await waitFor('both attempts of the read in the statement log', async () =>
      (await sent(/^SHOW REPOSITORIES/)) === 2 ? true : undefined,
    );
    await control.slowStatements(/^SHOW REPOSITORIES/, 0);

    // Dropped while a write runs: reported, never sent again.
    await control.resetStats();
    await control.slowStatements(/^CANCEL BACKUP/, 1500);
    const write = session.query('CANCEL BACKUP FROM demo_sales');
    const writeState = await inFlight(write);
    assert.equal(writeState.settled(), false, 'the write is still running when the connection drops');
    assert.ok((await control.dropConnections()) > 0);
    const error = await rejection(write);
    await control.slowStatements(/^CANCEL BACKUP/, 0);
    assert.equal(error.kind, 'connectionLost');
    assert.match(error.message, /The connection to 127\.0\.0\.1:\d+ was lost\. The CANCEL BACKUP statement was not sent again/);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(await sent(/^CANCEL BACKUP/), 1, 'the write reached the server once and was not sent again');

    // An export with a comment between INTO and OUTFILE is a write as well.
    await control.resetStats();
    await control.slowStatements(/OUTFILE/, 1500);
    const exported = session.query("SELECT 1 INTO/**/OUTFILE 's3://demo/x.csv'");
    const exportState = await inFlight(exported);
    assert.equal(exportState.settled(), false, 'the export is still running when the connection drops');
    assert.ok((await control.dropConnections()) > 0);
    const exportError = await rejection(exported);
    await control.slowStatements(/OUTFILE/, 0);
    assert.equal(exportError.kind, 'connectionLost');
    assert.match(exportError.message, /The SELECT statement was not sent again/);
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(await sent(/OUTFILE/), 1, 'the export reached the server once and was not sent again');

    // And the session still works afterwards.
    assert.ok((await session.query('SELECT current_version()')).rows.length === 1);
    assert.equal(api.connections.connectionState(profile.id).status, 'connected');
  });

  it('an LDAP user needs the clear-text option, which is refused without verified TLS', async () => {
    const ldap = await add(sandbox42, { user: 'ldap_user' });
    const error = await rejection(api.connections.getSession(ldap.id));
    assert.equal(error.kind, 'auth');
    assert.match(
      error.message,
      /asks for the password in clear text \(an LDAP user\), and this connection does not verify the server's certificate, so the password was not sent/,
    );
    assert.match(error.message, /Edit the connection: choose "TLS with certificate verification" .* and allow the clear-text password\./);
    await api.connections.getSession((await add(sandbox42)).id);
  });

  it('refuses the clear-text password without TLS or over unverified TLS, in profiles and imports', async () => {
    for (const tls of ['off', 'on'] as const) {
      const error = await rejection(api.connections.addProfile(draft(sandbox42, { allowClearTextPassword: true, tls }), SECRET));
      assert.equal(error.kind, 'config', tls);
      assert.match(error.message, /clear text .* needs TLS with certificate verification/, tls);
    }
    assert.ok(!api.connections.listProfiles().some((p) => p.allowClearTextPassword && p.tls !== 'verify'));

    const file = vscode.Uri.file(path.join(os.tmpdir(), `sr-import-${randomBytes(4).toString('hex')}.json`));
    await fs.writeFile(file.fsPath, JSON.stringify([{ name: 'ldap', host: 'fe1', user: 'ldap_user', allowClearTextPassword: true }]));
    const before = api.connections.listProfiles().length;
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.importConnections', file)) as {
      errors: string[];
      imported: unknown[];
    };
    await fs.rm(file.fsPath, { force: true });
    assert.equal(outcome.imported.length, 0);
    assert.match(outcome.errors.join(' '), /needs TLS/);
    assert.equal(api.connections.listProfiles().length, before);
  });

  it('imports connections without ever importing a secret', async () => {
    const name = `imported ${randomBytes(3).toString('hex')}`;
    const file = vscode.Uri.file(path.join(os.tmpdir(), `sr-import-${randomBytes(4).toString('hex')}.json`));
    await fs.writeFile(
      file.fsPath,
      JSON.stringify({
        format: 'starrocks-backup.connections',
        version: 1,
        connections: [
          {
            name,
            host: sandbox42.info.host,
            port: sandbox42.info.port,
            user: 'root',
            passwordMode: 'stored',
            password: SECRET,
            s3Endpoints: { r1: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, secretAccessKey: S3_SECRET } },
          },
        ],
      }),
    );
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.importConnections', file)) as {
      imported: ConnectionProfile[];
      warnings: string[];
      errors: string[];
    };
    await fs.rm(file.fsPath, { force: true });
    assert.deepEqual(outcome.errors, []);
    assert.equal(outcome.imported.length, 1);
    const profile = outcome.imported[0];
    created.push(profile.id);
    assert.equal(profile.name, name);
    assert.equal(await api.connections.hasStoredPassword(profile.id), false, 'no password came with the import');
    assert.deepEqual(api.connections.getS3Endpoint(profile.id, 'r1'), { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    assert.equal(await api.connections.getS3Credentials(profile.id, 'r1'), undefined);
    assert.equal(outcome.warnings.filter((w) => /secrets are never imported/.test(w)).length, 2);
    assert.ok(!JSON.stringify(api.diagnostics.globalState()).includes(SECRET));

    // The first connect asks for the password and then stores it.
    const prompts = script().answer(/Password of root/, SECRET);
    assert.equal((await api.connections.getSession(profile.id)).server.version?.major, 4);
    prompts.assertFinished();
    assert.equal(prompts.transcript[0].password, true, 'the prompt hides what is typed');
    assert.equal(await api.connections.hasStoredPassword(profile.id), true);
  });

  it('sets S3 credentials for a repository through the multi-step input, secret in SecretStorage only', async () => {
    const profile = await add(sandbox42);
    const prompts = script()
      .choose(/authenticate to the bucket of repo_s3/, 'Access key and secret key')
      .answer(/^Access key ID/, 'AKIAS3TEST')
      .answer(/^Secret access key/, S3_SECRET)
      .choose(/Where is the bucket/, /S3-compatible/)
      .answer(/^Endpoint URL/, 'http://127.0.0.1:9000')
      .answer(/^Region/, 'us-east-1')
      .choose(/Addressing style/, 'Path-style addressing');
    const result = await vscode.commands.executeCommand('starrocksBackup.setS3Credentials', { profileId: profile.id, name: 'repo_s3' });
    prompts.assertFinished();
    assert.deepEqual(result, { kind: 'keys', accessKeyId: 'AKIAS3TEST', secretAccessKey: S3_SECRET });
    assert.deepEqual(await api.connections.getS3Credentials(profile.id, 'repo_s3'), result);
    assert.deepEqual(api.connections.getS3Endpoint(profile.id, 'repo_s3'), {
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
    });
    const steps = prompts.transcript;
    assert.deepEqual(
      steps.map((s) => `${s.step}/${s.totalSteps}`),
      ['1/5', '2/5', '3/5', '4/5', '5/7', '6/7', '7/7'],
    );
    assert.ok(!JSON.stringify(api.diagnostics.globalState()).includes(S3_SECRET));
  });

  it('Remove Connection asks first (modal), then deletes the profile and all its secrets', async () => {
    const profile = await add(sandbox25);
    await api.connections.getSession(profile.id);
    await api.connections.setS3Credentials(profile.id, 'repo_a', { kind: 'keys', accessKeyId: 'AKIAA', secretAccessKey: S3_SECRET });
    await api.connections.setS3Credentials(profile.id, 'repo_b', { kind: 'defaultChain' });

    const cancelled = script().accept(/Remove the connection/, undefined);
    assert.equal(await vscode.commands.executeCommand('starrocksBackup.removeConnection', { profileId: profile.id }), false);
    cancelled.assertFinished();
    assert.equal(cancelled.transcript[0].kind, 'confirm');
    assert.ok(api.connections.getProfile(profile.id), 'Cancel keeps the connection');

    const confirmed = script().accept(/Remove the connection/, 'Remove');
    assert.equal(await vscode.commands.executeCommand('starrocksBackup.removeConnection', profile.id), true);
    confirmed.assertFinished();
    assert.equal(api.connections.getProfile(profile.id), undefined);
    assert.equal(api.connections.peekSession(profile.id), undefined, 'its connection is closed');
    assert.equal(await api.connections.hasStoredPassword(profile.id), false);
    assert.equal(await api.connections.getS3Credentials(profile.id, 'repo_a'), undefined);
    assert.equal(await api.connections.getS3Credentials(profile.id, 'repo_b'), undefined);
    assert.ok(!JSON.stringify(api.diagnostics.globalState()).includes(profile.id), 'nothing of it is left in globalState');
  });

  it('Forget Password deletes the stored password; the next connect asks again', async () => {
    const profile = await add(sandbox42);
    assert.equal(await vscode.commands.executeCommand('starrocksBackup.forgetPassword', profile.id), true);
    assert.equal(await api.connections.hasStoredPassword(profile.id), false);
    const prompts = script().dismiss(/Password of root/);
    const error = await rejection(api.connections.getSession(profile.id));
    prompts.assertFinished();
    assert.equal(error.kind, 'cancelled');
    assert.equal(api.connections.connectionState(profile.id).status, 'disconnected');
  });

  it('fires onDidChangeConnections when profiles change and connections open and close', async () => {
    const events: string[] = [];
    const subscription = api.connections.onDidChangeConnections((e) => events.push(e.reason ?? '?'));
    try {
      const profile = await add(sandbox42);
      await api.connections.getSession(profile.id);
      await api.connections.disconnect(profile.id);
      assert.equal(api.connections.connectionState(profile.id).status, 'disconnected');
      assert.deepEqual(
        events.filter((e) => e !== '?'),
        ['profiles', 'opened', 'closed'],
      );
      assert.ok(events.includes('?'), 'connecting is announced too (without a reason)');
    } finally {
      subscription.dispose();
    }
  });
});
