/**
 * The main journey in a real browser, from a fresh profile: add a connection through the Add
 * Connection form (typing into the real webview, through its Test Connection), browse to a snapshot
 * of demo_repo, restore it under a new name from its context menu, watch the job in the status bar
 * until it ends, and check the restored table's rows on the sandbox. The tests run in order and
 * each continues where the previous one left the workbench; a screenshot of every step goes to
 * test-results/ui/.
 */
import * as assert from 'node:assert/strict';
import mysql from 'mysql2/promise';
import { startSandbox, DEMO_REPOSITORY, DEMO_SNAPSHOTS, type RunningSandbox } from '../sandbox';
import { clickDialogButton, focusedDialogButton, modalDialog, notification } from './pages/dialog';
import { expectHidden, expectVisible } from './pages/expect';
import { connectionForm, fillFormField, formInput, formResult, waitForConnectionForm } from './pages/connectionForm';
import { answerStep, chooseStep, waitForStep } from './pages/quickInput';
import { openViewContainer, welcomeContent } from './pages/sideBar';
import { statusBarEntry } from './pages/statusBar';
import { contextMenuOnTreeItem, expandTreeItem, treeItem, treeItemNamed } from './pages/tree';
import { moveMouseAway, settled } from './pages/workbench';
import { skipAfterFirstFailure } from './support/inOrder';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

const CONNECTION = 'Sandbox';
const DATABASE = 'demo_sales';
const TABLE = 'orders';
const NEW_NAME = 'orders_restored';
/** The tracker backs off while a job does not move; its end may take a few polls to show. */
const JOB_END_TIMEOUT_MS = 90_000;

describe('Restore journey: add a connection, restore a snapshot under a new name, watch the job', () => {
  const ui = useWorkbench();
  let sandbox: RunningSandbox;

  before(async function () {
    this.timeout(120_000);
    // Fast jobs, held at DOWNLOADING by the test until it has seen the job in the status bar.
    sandbox = await startSandbox({ seed: 'demo', jobSpeed: 'fast' });
  });

  after(async () => {
    await sandbox?.stop();
  });

  skipAfterFirstFailure();

  it('adds a connection through the Add Connection form and its Test Connection', async () => {
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    await welcomeContent(ui.page).getByRole('button', { name: 'Add Connection' }).click();
    const form = await waitForConnectionForm(ui.page);
    await fillFormField(form, 'host', sandbox.info.host);
    await fillFormField(form, 'port', String(sandbox.info.port));
    await fillFormField(form, 'user', sandbox.info.user);
    assert.equal(await formInput(form, 'password').getAttribute('type'), 'password', 'the password field must mask what is typed');
    await fillFormField(form, 'password', sandbox.info.password);
    await fillFormField(form, 'environment', 'sandbox');
    await fillFormField(form, 'name', CONNECTION);
    await ui.screenshot('journey-01-form-filled');
    // Test Connection connects with these fields and reports the server it found, in the form.
    await form.locator('#test').click();
    await expectVisible(formResult(form).getByText(/Connected: StarRocks/), 'the test result in the form', 30_000);
    await ui.screenshot('journey-02-form-test-passed');
    await form.locator('#save').click();
    await expectHidden(connectionForm(ui.page).locator('#host'), 'the form');
    await expectVisible(treeItem(ui.page, CONNECTION), `the connection "${CONNECTION}" in the tree`);
  });

  it(`expands the tree to the snapshots of ${DEMO_REPOSITORY}`, async () => {
    await expandTreeItem(ui.page, CONNECTION);
    await expandTreeItem(ui.page, DEMO_REPOSITORY);
    await expectVisible(treeItem(ui.page, DEMO_SNAPSHOTS.base), `the snapshot ${DEMO_SNAPSHOTS.base}`);
    await expectVisible(treeItem(ui.page, DEMO_SNAPSHOTS.orders), `the snapshot ${DEMO_SNAPSHOTS.orders}`);
    // A snapshot opens onto what it holds: its database (expanded), tables and partitions.
    await expandTreeItem(ui.page, DEMO_SNAPSHOTS.base);
    await expectVisible(treeItemNamed(ui.page, DATABASE), `the database ${DATABASE} inside ${DEMO_SNAPSHOTS.base}`);
    await expectVisible(treeItemNamed(ui.page, 'customers'), `the table customers inside ${DEMO_SNAPSHOTS.base}`);
    await treeItemNamed(ui.page, TABLE).click();
    await expectVisible(treeItemNamed(ui.page, 'p202401'), `the partition p202401 of ${TABLE}`);
    await moveMouseAway(ui.page);
    await ui.screenshot('journey-03-tree-snapshots');
  });

  it('restores a snapshot under a new name from its context menu', async () => {
    await contextMenuOnTreeItem(ui.page, DEMO_SNAPSHOTS.orders, 'Restore Snapshot…');
    await chooseStep(ui.page, 'What to restore', /^Whole snapshot/);
    await chooseStep(ui.page, 'Where to restore', /^New names/);
    await waitForStep(ui.page, `New name for ${TABLE}`);
    await ui.screenshot('journey-04-restore-new-name');
    await answerStep(ui.page, `New name for ${TABLE}`, NEW_NAME);
    await chooseStep(ui.page, 'RESTORE properties', /^Server defaults/);
    // The preview shows the exact statement before anything is sent.
    const preview = modalDialog(ui.page);
    await expectVisible(
      preview.getByText(`RESTORE SNAPSHOT \`${DEMO_SNAPSHOTS.orders}\``, { exact: false }),
      'the RESTORE statement in the preview',
    );
    await expectVisible(
      preview.getByText(`ON (TABLE \`${TABLE}\` AS \`${NEW_NAME}\`)`, { exact: false }),
      `the new name ${NEW_NAME} in the statement`,
    );
    await ui.screenshot('journey-05-restore-preview');
    // Enter must not run a statement: the focused (default) button is the one that does nothing.
    assert.equal(await focusedDialogButton(ui.page), 'Not Now', 'the default button of the preview');
    await sandbox.control.stickJob(DATABASE, 'DOWNLOADING');
    await clickDialogButton(ui.page, 'Run');
    await expectVisible(notification(ui.page, 'was submitted'), 'the "submitted" notification');
  });

  it('shows the running job in the status bar, then its end', async () => {
    const running = statusBarEntry(ui.page, /1 job/);
    await expectVisible(running, 'the running job in the status bar', 30_000);
    await expectVisible(treeItem(ui.page, 'Jobs').filter({ hasText: '1 running' }), 'the running job under Jobs in the tree');
    await moveMouseAway(ui.page);
    await ui.screenshot('journey-06-status-bar-running');
    await sandbox.control.releaseJobs();
    const finished = notification(ui.page, 'finished');
    await expectVisible(finished, 'the "finished" notification', JOB_END_TIMEOUT_MS);
    await expectVisible(finished.getByRole('button', { name: 'Show Details' }), "the notification's Show Details button");
    await expectHidden(running, 'the running job in the status bar');
    await expectVisible(treeItem(ui.page, 'Jobs').filter({ hasText: '1 recent' }), 'the ended job under Jobs in the tree');
    await moveMouseAway(ui.page);
    await settled(finished);
    await ui.screenshot('journey-07-restore-finished');
  });

  it('restored the table under its new name with the snapshot rows', async () => {
    const connection = await mysql.createConnection({
      host: sandbox.info.host,
      port: sandbox.info.port,
      user: sandbox.info.user,
      password: sandbox.info.password,
    });
    try {
      const [restored] = await connection.query(`SELECT * FROM ${DATABASE}.${NEW_NAME} ORDER BY order_id`);
      const [original] = await connection.query(`SELECT * FROM ${DATABASE}.${TABLE} ORDER BY order_id`);
      const rows = restored as Record<string, unknown>[];
      assert.ok(rows.length > 0, `${DATABASE}.${NEW_NAME} is empty`);
      // Nothing wrote to the demo table since its snapshot, so the restored copy must equal it.
      assert.deepEqual(rows, original as Record<string, unknown>[]);
    } finally {
      await connection.end();
    }
  });
});
