/**
 * Writes that get no answer (the client's time limit ran out, or the connection dropped while the
 * statement ran) go on running on the server. The extension must say so, offer Refresh to see it,
 * never send the write again, and after a CREATE REPOSITORY look whether the repository exists
 * before calling it a failure. Faults come from the sandbox: a statement answered later than the
 * client's time limit, and every client connection closed while a write runs.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WorkflowOutcome } from '../../src/commands/workflows/common/outcome';
import type { ConnectionProfile } from '../../src/connections/types';
import type { ExtensionApi } from '../../src/extension';
import { CommandIds } from '../../src/commands/commandIds';
import type { RunOutcome } from '../../src/language/run/statementRunner';
import { DEMO_REPOSITORY, type RunningSandbox } from '../sandbox';
import { waitFor } from './support/explorer';
import { scriptPrompter } from './support/sandboxProfile';
import { useSandboxSuite } from './support/sandboxSuite';
import type { ScriptedPrompter } from './support/scriptedPrompter';

/** The client's time limit in this suite, and how much later the sandbox answers the slowed write. */
const TIMEOUT_SECONDS = 2;
const LATE_MS = 4_000;

describe('Writes with no answer: may still be running, Refresh, never sent twice', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let originalPrompter: ExtensionApi['prompter'];
  let sandbox: RunningSandbox;
  let profile: ConnectionProfile;
  const suffix = randomBytes(3).toString('hex');
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('starrocksBackup');

  const script = (): ScriptedPrompter => scriptPrompter(api);

  async function sent(kind: string, containing: string): Promise<number> {
    return (await sandbox.control.statementLog()).filter((e) => e.kind === kind && e.sql.includes(containing)).length;
  }

  async function runFile(text: string): Promise<RunOutcome[]> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the harness opened a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, `write-outcome-${suffix}-${randomBytes(2).toString('hex')}.sql`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await api.language.editorConnections.set(document.uri, profile.id);
    return (await vscode.commands.executeCommand<RunOutcome[]>(CommandIds.runStatement, document.uri.toString(), 0)) ?? [];
  }

  function assertMayStillRun(message: string, statement: string): void {
    assert.match(
      message,
      new RegExp(`The ${statement} statement was not sent again: it may still be running on the server, or may have taken effect\\.`),
    );
    assert.doesNotMatch(message, /try again/i, 'a write with an unknown outcome is never to be "tried again"');
  }

  const suite = useSandboxSuite({ main: { options: { seed: 'demo', jobSpeed: 'fast' }, profile: `write outcome ${suffix}` } });
  before(async () => {
    ({ api, originalPrompter } = suite);
    [sandbox, profile] = [suite.sandbox('main'), suite.profile('main')];
    await api.connections.getSession(profile.id);
    await config().update('queryTimeoutSeconds', TIMEOUT_SECONDS, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    api.prompter = originalPrompter;
    await sandbox.control.slowStatements(/^BACKUP/, 0);
    await sandbox.control.slowStatements(/^CREATE REPOSITORY/, 0);
    await sandbox.control.releaseJobs();
  });

  after(async () => {
    await config().update('queryTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('a BACKUP from the wizard that times out: "may still be running", Refresh shows its job, sent once', async () => {
    const label = `late_backup_${suffix}`;
    // The job the late BACKUP starts stays running, so Refresh finds it running.
    await sandbox.control.stickJob('demo_ops', 'UPLOADING');
    await sandbox.control.slowStatements(/^BACKUP/, LATE_MS);
    await sandbox.control.resetStats();
    const prompts = script()
      .choose(/Database to back up/, 'demo_ops')
      .choose(/What to back up/, 'Whole database')
      .answer(/^Snapshot label/, label)
      .choose(/BACKUP properties/, 'Server defaults')
      .accept(/^Back up demo_ops to repository/, 'Run')
      // Clicked once the server has the job (the sandbox logs a statement when it runs it).
      .clickLater(/may still be running/, 'Refresh', () =>
        waitFor('the late BACKUP to reach the server', async () => ((await sent('BACKUP', label)) > 0 ? true : undefined), 30_000),
      );
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.backup', {
      profileId: profile.id,
      repository: DEMO_REPOSITORY,
    })) as WorkflowOutcome;
    assert.ok(outcome.status === 'failed', JSON.stringify(outcome));
    assert.equal(outcome.outcomeUnknown, true);
    assert.match(outcome.message, new RegExp(`^The statement did not finish within ${TIMEOUT_SECONDS} seconds\\.`));
    assertMayStillRun(outcome.message, 'BACKUP');
    assert.match(outcome.message, /Its job appears under Jobs of the connection/);

    const job = await waitFor(
      'Refresh to show the job the server started',
      () => api.jobs.list(profile.id).find((j) => j.label === label),
      30_000,
      250,
    );
    prompts.assertFinished();
    const notice = prompts.transcript.find((r) => r.kind === 'notifyError');
    assert.deepEqual(notice?.actions, ['Refresh'], prompts.describeTranscript());
    assert.equal(notice?.answer, 'Refresh');
    assert.equal(job.kind, 'BACKUP');
    assert.equal(job.phase, 'running');
    assert.equal(await sent('BACKUP', label), 1, 'the BACKUP reached the server exactly once');
  });

  it('a CREATE REPOSITORY from the wizard that times out but was created: SHOW REPOSITORIES is read, and its S3 keys are kept', async () => {
    const name = `late_repo_${suffix}`;
    await sandbox.control.slowStatements(/^CREATE REPOSITORY/, LATE_MS);
    await sandbox.control.resetStats();
    const prompts = script()
      .answer(/^Name of the repository/, name)
      .answer(/^Bucket and path/, `s3a://${sandbox.info.bucket}/late-${suffix}`)
      .choose(/How the cluster authenticates/, 'S3-compatible endpoint')
      .answer(/^The S3 endpoint/, sandbox.info.s3Endpoint)
      .answer(/^Access key ID/, sandbox.info.accessKey)
      .answer(/^Secret access key/, sandbox.info.secretKey)
      .answer(/^The region the store expects/, sandbox.info.region)
      .choose(/How the store addresses buckets/, 'Path-style access')
      .choose(/May this cluster write/, 'Read-write')
      .accept(/^Create repository/, 'Run');
    const outcome = (await vscode.commands.executeCommand('starrocksBackup.createRepository', {
      profileId: profile.id,
    })) as WorkflowOutcome;
    prompts.assertFinished();
    assert.equal(outcome.status, 'submitted', JSON.stringify(outcome));
    assert.deepEqual(
      await api.connections.getS3Credentials(profile.id, name),
      { kind: 'keys', accessKeyId: sandbox.info.accessKey, secretAccessKey: sandbox.info.secretKey },
      'the S3 keys of the created repository were kept',
    );
    assert.equal(api.connections.getS3Endpoint(profile.id, name)?.endpoint, sandbox.info.s3Endpoint);
    const log = await sandbox.control.statementLog();
    assert.equal(log.filter((e) => e.kind === 'CREATE REPOSITORY' && e.sql.includes(name)).length, 1, 'CREATE REPOSITORY was sent once');
    assert.ok(
      log.some((e) => e.kind === 'SHOW REPOSITORIES'),
      'the extension looked at SHOW REPOSITORIES',
    );
  });

  it('a CREATE REPOSITORY from a .sql file that is not created in time: still "may have been created", nothing kept', async () => {
    const name = `never_repo_${suffix}`;
    // Slower than the client's wait and its look at SHOW REPOSITORIES together.
    await sandbox.control.slowStatements(/^CREATE REPOSITORY/, 60_000);
    await sandbox.control.resetStats();
    const outcomes = await runFile(
      `CREATE REPOSITORY ${name} WITH BROKER ON LOCATION 's3a://${sandbox.info.bucket}/never-${suffix}' PROPERTIES ('aws.s3.access_key' = '${sandbox.info.accessKey}', 'aws.s3.secret_key' = '${sandbox.info.secretKey}', 'aws.s3.endpoint' = '${sandbox.info.s3Endpoint}', 'aws.s3.enable_path_style_access' = 'true');\n`,
    );
    assert.equal(outcomes.length, 1);
    const [failed] = outcomes;
    assert.ok(failed.status === 'failed', JSON.stringify(failed));
    assert.equal(failed.outcomeUnknown, true);
    assertMayStillRun(failed.message, 'CREATE REPOSITORY');
    assert.match(
      failed.message,
      new RegExp(`SHOW REPOSITORIES does not list ${name} yet\\. If it appears later \\(Refresh\\), it was created`),
    );
    assert.ok(!failed.message.includes(sandbox.info.secretKey), 'no secret in the message');
    assert.equal(await api.connections.getS3Credentials(profile.id, name), undefined, 'nothing kept for a repository that is not there');
    assert.equal((await sandbox.control.statementLog()).filter((e) => e.sql.startsWith('SHOW REPOSITORIES')).length > 0, true);
  });

  it('a BACKUP from a .sql file whose connection drops mid-statement: may still be running, Refresh offered, sent once', async () => {
    const label = `dropped_backup_${suffix}`;
    await sandbox.control.stickJob('demo_sales', 'UPLOADING');
    // Time enough for the drop to come while the statement runs, long before any time limit.
    await config().update('queryTimeoutSeconds', 60, vscode.ConfigurationTarget.Global);
    await sandbox.control.slowStatements(/^BACKUP/, 6_000);
    await sandbox.control.resetStats();
    const prompts = script();
    const running = runFile(`BACKUP DATABASE demo_sales SNAPSHOT ${label} TO ${DEMO_REPOSITORY};\n`);
    await waitFor(
      'the BACKUP to be in flight',
      async () => ((await sandbox.control.heldStatements()).some((sql) => sql.includes(label)) ? true : undefined),
      15_000,
    );
    assert.ok((await sandbox.control.dropConnections()) > 0, 'the extension had connections open');
    await config().update('queryTimeoutSeconds', TIMEOUT_SECONDS, vscode.ConfigurationTarget.Global);
    const [failed] = await running;
    assert.ok(failed?.status === 'failed', JSON.stringify(failed));
    assert.equal(failed.outcomeUnknown, true);
    assert.match(failed.message, /^The connection to 127\.0\.0\.1:\d+ was lost\./);
    assertMayStillRun(failed.message, 'BACKUP');
    const notice = await waitFor('the notification', () => prompts.transcript.find((r) => r.kind === 'notifyError'));
    assert.deepEqual(notice.actions, ['Refresh']);
    // The sandbox runs the statement once its delay is over, although its client is gone.
    await waitFor('the BACKUP to reach the server', async () => ((await sent('BACKUP', label)) > 0 ? true : undefined), 15_000);
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal(await sent('BACKUP', label), 1, 'the BACKUP was not sent again');
  });
});
