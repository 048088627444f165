/**
 * Backup plans in a real browser: from the Back Up wizard's preview, "Save as Plan…" keeps the
 * choices as a plan; the plan shows under the connection; Run Plan from its context menu shows the
 * preview with the rule that chose what to back up and runs it; Run Restore Drill… restores the
 * plan's snapshot into a scratch database, verifies it and drops it after asking. A screenshot of
 * every step goes to test-results/ui/.
 */
import * as assert from 'node:assert/strict';
import { startSandbox, DEMO_REPOSITORY, type RunningSandbox } from '../sandbox';
import { sandboxConnectionName, sandboxSeed, seedEnv } from '../harness/sandboxSeed';
import { clickDialogButton, focusedDialogButton, modalDialog, notification } from './pages/dialog';
import { expectVisible } from './pages/expect';
import { answerStep, chooseStep } from './pages/quickInput';
import { openViewContainer } from './pages/sideBar';
import { contextMenuOnTreeItem, expandTreeItem, treeItem } from './pages/tree';
import { moveMouseAway, settled } from './pages/workbench';
import { skipAfterFirstFailure } from './support/inOrder';
import { ACTIVITY_TITLE, useWorkbench } from './support/useWorkbench';

const PLAN = 'ui_nightly';
const JOB_END_TIMEOUT_MS = 90_000;

describe('Plan journey: save a plan from Back Up, run it, drill it', () => {
  let sandbox: RunningSandbox | undefined;
  const ui = useWorkbench({
    env: async () => {
      sandbox = await startSandbox({ seed: 'demo', jobSpeed: 'fast' });
      return seedEnv(sandboxSeed(sandbox.info));
    },
  });
  const connection = (): string => sandboxConnectionName({ version: sandbox?.info.version ?? '3.4' });

  after(async () => {
    await sandbox?.stop();
  });

  skipAfterFirstFailure();

  it('saves the Back Up choices as a plan from the preview', async () => {
    await openViewContainer(ui.page, ACTIVITY_TITLE);
    await expandTreeItem(ui.page, connection());
    await contextMenuOnTreeItem(ui.page, DEMO_REPOSITORY, 'Back Up…');
    await chooseStep(ui.page, 'Database to back up', 'demo_sales');
    await chooseStep(ui.page, 'What to back up', /^Whole database/);
    await answerStep(ui.page, 'Snapshot label', 'not_used_by_the_plan');
    await chooseStep(ui.page, 'BACKUP properties', /^Server defaults/);
    const preview = modalDialog(ui.page);
    await expectVisible(preview.getByRole('button', { name: 'Save as Plan…' }), 'the Save as Plan… button of the preview');
    assert.equal(await focusedDialogButton(ui.page), 'Not Now', 'the default button of the preview');
    await ui.screenshot('plan-01-backup-preview-save-as-plan');
    await clickDialogButton(ui.page, 'Save as Plan…');
    await answerStep(ui.page, 'Plan name', PLAN);
    await chooseStep(ui.page, 'What each run backs up', /^New partitions since the last snapshot/);
    await answerStep(ui.page, 'Snapshot label pattern', '{plan}_{datetime}');
    await chooseStep(ui.page, 'After each run', /^No retention policy/);
    await expectVisible(notification(ui.page, `Plan ${PLAN} was saved`), 'the "saved" notification');
    await expandTreeItem(ui.page, 'Plans');
    await expectVisible(treeItem(ui.page, PLAN), `the plan ${PLAN} under Plans`);
    await moveMouseAway(ui.page);
    await ui.screenshot('plan-02-plan-in-tree');
  });

  it('runs the plan from its context menu: preview with the rule, then the backup', async () => {
    await contextMenuOnTreeItem(ui.page, PLAN, 'Run Plan');
    const preview = modalDialog(ui.page);
    await expectVisible(
      preview.getByText('BACKUP DATABASE `demo_sales` SNAPSHOT', { exact: false }),
      'the BACKUP statement in the preview',
    );
    await expectVisible(
      preview.getByText('no successful snapshot on this connection and repository yet', { exact: false }),
      'the rule in the preview',
    );
    assert.equal(await focusedDialogButton(ui.page), 'Not Now');
    await ui.screenshot('plan-03-run-plan-preview');
    await clickDialogButton(ui.page, 'Run');
    const finished = notification(ui.page, `Plan ${PLAN}: backup`).filter({ hasText: 'finished' });
    await expectVisible(finished, 'the plan run finished', JOB_END_TIMEOUT_MS);
    await expectVisible(treeItem(ui.page, PLAN).filter({ hasText: 'backed up' }), 'the last run in the tree');
    await moveMouseAway(ui.page);
    await settled(finished);
    await ui.screenshot('plan-04-plan-run-finished');
  });

  it("drills the plan's snapshot into a scratch database, verifies it and drops it", async () => {
    await contextMenuOnTreeItem(ui.page, PLAN, 'Run Restore Drill…');
    await chooseStep(ui.page, 'Snapshot to drill', new RegExp(`^${PLAN}_`));
    await chooseStep(ui.page, 'Connection to restore the drill on', new RegExp(`^${connection()}`));
    const preview = modalDialog(ui.page);
    await expectVisible(
      preview.getByText('DATABASE `demo_sales` AS `demo_sales_drill_', { exact: false }),
      'the scratch database in the preview',
    );
    await ui.screenshot('plan-05-drill-preview');
    await clickDialogButton(ui.page, 'Run');
    const drop = modalDialog(ui.page);
    await expectVisible(
      drop.getByText("Drop the drill's scratch database", { exact: false }),
      'the question before dropping',
      JOB_END_TIMEOUT_MS,
    );
    assert.equal(await focusedDialogButton(ui.page), 'Not Now', 'dropping is never the default');
    await ui.screenshot('plan-06-drill-report-and-drop-question');
    await clickDialogButton(ui.page, 'Drop Scratch Objects');
    await expectVisible(notification(ui.page, 'verified'), 'the verified notification');
    await expectVisible(treeItem(ui.page, PLAN).filter({ hasText: 'drill verified' }), 'the drill in the tree');
    await moveMouseAway(ui.page);
    await ui.screenshot('plan-07-drill-verified');
  });
});
