import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { startSandbox } from '../sandbox';
import { activateApi, waitFor } from './support/explorer';
import { ScriptedPrompter, type PromptRecord } from './support/scriptedPrompter';
import { filesUnder } from './support/files';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** What the user saw of a prompt: everything but the scripted answer (which is what the user typed). */
function shown(record: PromptRecord): string {
  const { answer: _typed, ...visible } = record;
  return JSON.stringify(visible);
}

/**
 * The secrets audit as a test: a CREATE REPOSITORY with access keys that the server rejects goes
 * through every path a secret could leak by (the statement log at debug level, the failure's error
 * message, the preview, the editor and the clipboard, globalState, the job history) and none of them
 * may hold the secret key or the connection password.
 */
describe('Secrets', function () {
  this.timeout(180_000);
  /** Values nothing else contains, so finding one anywhere is a leak. */
  const PASSWORD = `Pw-${randomBytes(9).toString('hex')}`;
  const suffix = randomBytes(3).toString('hex');
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let sandbox: Sandbox;
  let profile: ConnectionProfile;
  let logLevelChanged = false;

  function script(): ScriptedPrompter {
    const scripted = new ScriptedPrompter();
    api.prompter = scripted;
    return scripted;
  }

  async function createRepository(
    name: string,
    secret: string,
    preview: 'Run' | 'Open in Editor' | 'Copy',
    endpoint = sandbox.info.s3Endpoint,
  ): Promise<{ outcome: WorkflowOutcome; prompts: ScriptedPrompter }> {
    const prompts = script()
      .answer(/^Name of the repository/, name)
      .answer(/^Bucket and path/, `s3a://${sandbox.info.bucket}/secrets-${suffix}`)
      .choose(/How the cluster authenticates/, 'S3-compatible endpoint')
      .answer(/^The S3 endpoint/, endpoint)
      .answer(/^Access key ID/, sandbox.info.accessKey)
      .answer(/^Secret access key/, secret)
      .answer(/^The region the store expects/, sandbox.info.region)
      .choose(/How the store addresses buckets/, 'Path-style access')
      .choose(/May this cluster write/, 'Read-write')
      .accept(/^Create repository/, preview);
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.createRepository', {
      profileId: profile.id,
    })) as WorkflowOutcome;
    prompts.assertFinished();
    return { outcome, prompts };
  }

  /** Fails when `text` holds the secret or the password; `where` names the place. */
  function assertClean(where: string, text: string, secret: string): void {
    assert.ok(!text.includes(secret), `the S3 secret key leaked into ${where}`);
    assert.ok(!text.includes(PASSWORD), `the connection password leaked into ${where}`);
  }

  /** Waits until the log files hold `marker` (the channel writes asynchronously), then returns them all. */
  async function logText(marker: string): Promise<string> {
    return waitFor(
      `"${marker}" in the log files under ${api.diagnostics.logUri.fsPath}`,
      async () => {
        const texts = await Promise.all((await filesUnder(api.diagnostics.logUri.fsPath)).map((f) => fs.readFile(f, 'utf8')));
        const all = texts.join('\n');
        return all.includes(marker) ? all : undefined;
      },
      20_000,
      250,
    );
  }

  /** The places a secret must never reach that do not depend on the statement: state, history, settings, documents. */
  function assertStateClean(secret: string): void {
    const state = JSON.stringify(api.diagnostics.globalState());
    assert.ok(state.includes(profile.name), 'globalState does not hold the profile; the check would be vacuous');
    assertClean('globalState', state, secret);
    assertClean('the job history', JSON.stringify(api.jobs.list()), secret);
    const config = vscode.workspace.getConfiguration();
    assertClean('the settings', JSON.stringify(config.inspect('starrocksBackup')) + JSON.stringify(config.get('starrocksBackup')), secret);
    for (const document of vscode.workspace.textDocuments)
      assertClean(`the document ${document.uri.toString()}`, document.getText(), secret);
  }

  before(async () => {
    api = await activateApi();
    originalPrompter = api.prompter;
    sandbox = await startSandbox({ seed: 'empty', password: PASSWORD });
    profile = await api.connections.addProfile(
      {
        name: `secrets ${suffix}`,
        host: sandbox.info.host,
        port: sandbox.info.port,
        user: sandbox.info.user,
        tls: 'off',
        passwordMode: 'stored',
      },
      PASSWORD,
    );
    // Statements are logged at debug level: write them to the log file, so that the scan sees them.
    if (api.log.logLevel > vscode.LogLevel.Debug) {
      await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
      logLevelChanged = true;
    }
  });

  afterEach(() => {
    api.prompter = originalPrompter;
  });

  after(async () => {
    if (api) api.prompter = originalPrompter;
    if (logLevelChanged) await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    if (profile && api.connections.getProfile(profile.id)) await api.connections.removeProfile(profile.id);
    await sandbox?.stop();
  });

  it('a CREATE REPOSITORY the server rejects (wrong secret key) leaks the key nowhere', async () => {
    await waitFor('the log level to reach debug', () => (api.log.logLevel <= vscode.LogLevel.Debug ? true : undefined), 10_000);
    const secret = `S3sk-${randomBytes(12).toString('hex')}`;
    const name = `secret_bad_${suffix}`;
    await sandbox.control.resetStats();
    const { outcome, prompts } = await createRepository(name, secret, 'Run');

    // Not vacuous: the statement with the secret really went to the server, and it failed there.
    const received = (await sandbox.control.statementLog()).filter((e) => e.kind === 'CREATE REPOSITORY');
    assert.ok(
      received.some((e) => e.sql.includes(secret)),
      'the server did not receive the secret key',
    );
    assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
    assert.ok(outcome.status === 'failed');
    assert.match(outcome.message, /Failed to create repository/);

    // The error message shown to the user, and every prompt the user saw (the preview included).
    assertClean('the error message', outcome.message, secret);
    for (const record of prompts.transcript)
      assertClean(`the prompt "${record.title ?? record.message ?? record.prompt}"`, shown(record), secret);
    const preview = prompts.transcript.find((r) => r.kind === 'confirm');
    assert.match(preview?.detail ?? '', /'aws\.s3\.secret_key' = '\*\*\*'/, 'the preview shows the statement, masked');

    // The log: the statement (debug), its failure (warning) and the error (error), all masked.
    const log = await logText(`failed: CREATE REPOSITORY \`${name}\``);
    assert.match(
      log,
      new RegExp(`CREATE REPOSITORY \`${name}\`[^\\n]*'aws\\.s3\\.secret_key' = '\\*\\*\\*'`),
      'the log holds the masked statement',
    );
    assert.ok(log.includes('Failed to create repository'), 'the log holds the error');
    assertClean('the log files', log, secret);

    // A failed CREATE REPOSITORY stores nothing, and nothing else holds the key.
    assert.equal(
      await api.connections.getS3Credentials(profile.id, name),
      undefined,
      'credentials of a repository that was not created are not kept',
    );
    assertStateClean(secret);
  });

  it('a CREATE REPOSITORY whose endpoint the cluster cannot reach leaks the key nowhere', async () => {
    const secret = `S3sk-${randomBytes(12).toString('hex')}`;
    const name = `secret_offline_${suffix}`;
    const { outcome } = await createRepository(name, secret, 'Run', 'http://127.0.0.1:1');
    assert.ok(outcome.status === 'failed', JSON.stringify(outcome));
    assert.match(outcome.message, /Connect to 127\.0\.0\.1:1 failed/);
    assertClean('the error message', outcome.message, secret);
    const log = await logText(`failed: CREATE REPOSITORY \`${name}\``);
    assertClean('the log files', log, secret);
    assertStateClean(secret);
  });

  it('Open in Editor and Copy give the statement with the secret key masked', async () => {
    const secret = `S3sk-${randomBytes(12).toString('hex')}`;
    const opened = await createRepository(`secret_open_${suffix}`, secret, 'Open in Editor');
    assert.ok(opened.outcome.status === 'opened', JSON.stringify(opened.outcome));
    assertClean('the opened statement', opened.outcome.sql, secret);
    const document = await waitFor('the opened SQL document', () =>
      vscode.workspace.textDocuments.find((d) => d.getText().includes(`secret_open_${suffix}`)),
    );
    assert.match(document.getText(), /'aws\.s3\.secret_key' = '\*\*\*'/);
    assert.match(document.getText(), /^-- Secret values are masked as \*\*\*/, 'the document says that it is masked');

    await vscode.env.clipboard.writeText('');
    const copied = await createRepository(`secret_copy_${suffix}`, secret, 'Copy');
    assert.ok(copied.outcome.status === 'copied', JSON.stringify(copied.outcome));
    const clipboard = await vscode.env.clipboard.readText();
    assert.match(clipboard, new RegExp(`CREATE REPOSITORY \`secret_copy_${suffix}\``));
    assertClean('the clipboard', clipboard, secret);
    assertStateClean(secret);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
