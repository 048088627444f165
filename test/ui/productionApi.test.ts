/**
 * StarRocks Backup as users run it, seen by another extension: the packaged .vsix installed into
 * code-server's extensions folder (so it runs in Production mode), a probe extension beside it
 * (test/ui/support/probeExtension.ts), and a workspace VS Code does not trust whose
 * `.vscode/settings.json` tries to shorten the timeouts. A password is stored through the real Add
 * Connection wizard first, so that there is a secret to find.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from '../harness/tempDir';
import { packVsix, type PackedExtension } from '../harness/vsix';
import { runCommand } from './pages/commandPalette';
import { notification } from './pages/dialog';
import { expectHidden, expectVisible } from './pages/expect';
import { connectionForm, fillFormField, waitForConnectionForm } from './pages/connectionForm';
import { openViewContainer } from './pages/sideBar';
import { treeItem } from './pages/tree';
import { PROBE_COMMAND_TITLE, PROBE_OUT_ENV, writeProbeExtension, type ProbeReport } from './support/probeExtension';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

const PASSWORD = `Pw-${randomBytes(9).toString('hex')}`;
const CLEAR_SECRET = `Sk-${randomBytes(12).toString('hex')}`;
const CONNECTION = `probe ${randomBytes(3).toString('hex')}`;
/** Names on the full API that reach connections, secrets or confirmations. */
const FORBIDDEN =
  /\.(connections|prompter|secrets|language|storage|jobs|tree|getPassword|resolvePassword|getS3Credentials|getSession|peekSession|confirm|addProfile)\b/;

describe('Installed (Production mode), seen by another extension in an untrusted workspace', () => {
  let packed: PackedExtension | undefined;
  let out = '';
  const ui = useWorkbench({
    env: () => {
      out = path.join(makeTempDir('probe-out'), 'report.json');
      return { [PROBE_OUT_ENV]: out, SR_PROBE_CLEAR_SECRET: CLEAR_SECRET };
    },
    setup: () => {
      packed = packVsix();
      const probe = makeTempDir('probe-extension');
      writeProbeExtension(probe);
      const workspace = makeTempDir('untrusted-workspace');
      fs.mkdirSync(path.join(workspace, '.vscode'));
      // What a hostile repository could commit: timeouts that make every write time out on the client.
      fs.writeFileSync(
        path.join(workspace, '.vscode', 'settings.json'),
        JSON.stringify({
          'starrocksBackup.queryTimeoutSeconds': 1,
          'starrocksBackup.connectTimeoutSeconds': 1,
          'starrocksBackup.storage.showSnapshotSizes': false,
        }),
      );
      fs.writeFileSync(
        path.join(workspace, 'secret.sql'),
        `CREATE REPOSITORY probe_repo WITH BROKER ON LOCATION "s3a://bucket/probe"\nPROPERTIES ("aws.s3.access_key" = "AK", "aws.s3.secret_key" = "${CLEAR_SECRET}", "aws.s3.endpoint" = "http://127.0.0.1:1");\n`,
      );
      return {
        session: {
          workspace,
          server: {
            install: [packed.vsix],
            workspaceTrust: true,
            // Untrusted without the startup dialog: the folder opens in Restricted Mode.
            userSettings: {
              'security.workspace.trust.enabled': true,
              'security.workspace.trust.startupPrompt': 'never',
              'security.workspace.trust.banner': 'never',
            },
          },
        },
        extensionDevelopmentPath: probe,
      };
    },
  });

  after(() => packed?.dispose());

  let report: ProbeReport;
  /** Set once the form saved the connection with its password: the search for it is not vacuous. */
  let passwordStored = false;

  it('stores a password through the Add Connection form of the installed extension', async () => {
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    await runCommand(ui.page, `${ACTIVITY_TITLE}: Add Connection…`);
    // The form's script and the vscode-elements bundle come from the packed VSIX (dist/webview).
    const form = await waitForConnectionForm(ui.page);
    await fillFormField(form, 'host', '127.0.0.1');
    await fillFormField(form, 'port', '1');
    await fillFormField(form, 'user', 'root');
    await fillFormField(form, 'password', PASSWORD);
    await fillFormField(form, 'name', CONNECTION);
    // Nothing listens on port 1: saved without a test (the password included).
    await form.locator('#save').click();
    await expectHidden(connectionForm(ui.page).locator('#host'), 'the form');
    await expectVisible(treeItem(ui.page, CONNECTION), `the connection "${CONNECTION}" in the tree`);
    await ui.screenshot('production-connection-stored');
    passwordStored = true;
  });

  it('the other extension runs its inspection', async () => {
    await runCommand(ui.page, PROBE_COMMAND_TITLE);
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(out) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(fs.existsSync(out), 'the probe wrote its report');
    const raw = JSON.parse(fs.readFileSync(out, 'utf8')) as ProbeReport & { failed?: string };
    assert.equal(raw.failed, undefined, raw.failed);
    report = raw;
  });

  it('gets nothing from getExtension(…).exports: no connection, secret or prompter, not the stored password', () => {
    assert.ok(report, 'the probe reported');
    assert.ok(passwordStored, 'the password was stored before the probe looked');
    assert.ok(report.extension.found && report.extension.isActive, 'the installed extension is active');
    const reachable = report.exports.paths.map((p) => p.path);
    assert.deepEqual(
      reachable.filter((p) => FORBIDDEN.test(p)),
      [],
      'paths that reach connections, secrets or confirmations',
    );
    assert.ok(!report.exports.strings.some((s) => s.includes(PASSWORD)), 'the stored password is reachable');
    assert.ok(!JSON.stringify(report).includes(PASSWORD), 'the report holds the password');
    // The deliberate design: an installed extension exports nothing at all (src/exportedApi.ts).
    assert.equal(report.extension.exportsType, 'undefined', `exports: ${reachable.slice(0, 20).join(', ')}`);
  });

  it('runs in a really untrusted workspace, where the workspace cannot change the timeouts or the storage settings', () => {
    assert.equal(report.workspace.isTrusted, false, 'the workspace is not trusted (else the rest proves nothing)');
    const settings = report.workspace.settings;
    assert.equal(
      settings.queryTimeoutSeconds.value,
      60,
      `the workspace's queryTimeoutSeconds: 1 is ignored: ${JSON.stringify(settings.queryTimeoutSeconds)}`,
    );
    assert.equal(settings.connectTimeoutSeconds.value, 10, JSON.stringify(settings.connectTimeoutSeconds));
    assert.equal(settings['storage.showSnapshotSizes'].value, true, JSON.stringify(settings['storage.showSnapshotSizes']));
  });

  it('the quick fix stores nothing from the untrusted workspace and says the workspace must be trusted', async () => {
    assert.equal(report.moveSecret.error, undefined, report.moveSecret.error);
    assert.equal(report.moveSecret.result, false, 'the command refused');
    assert.equal(report.moveSecret.documentStillHasSecret, true, 'the file was left as it was');
    await expectVisible(notification(ui.page, 'needs a trusted workspace'), 'the warning that the workspace must be trusted');
    await ui.screenshot('production-untrusted-move-secret');
  });
});
